"""The archive's models, split by concept and re-exported here."""
from .article import Article, ArticleQuerySet, Kind, Photo, Status
from .correction import Correction, CorrectionQuerySet
from .issue import Issue, Page
from .people import Byline, Person, Role
from .section import Section

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "CorrectionQuerySet",
    "Issue",
    "Kind",
    "Page",
    "Person",
    "Photo",
    "Role",
    "Section",
    "Status",
]
