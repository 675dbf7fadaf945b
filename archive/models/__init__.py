"""The archive's models, split by concept and re-exported here."""
from .article import Article, ArticleQuerySet, Kind, Photo, Status, published_q, scheduled_q
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
    "published_q",
    "scheduled_q",
]
