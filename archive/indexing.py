"""Hooks through which every write keeps the search index and the history in step.

Services call these inside their transaction, so the index never disagrees
with the content it describes, and the revision the service opened records
the same articles the index was told about. The index holds every article
whatever its status; public search filters by status when it queries.
"""
from collections.abc import Iterable


def articles_changed(article_ids: Iterable[int]) -> None:
    """Re-index these articles (created, edited, published or unpublished) and add them to the open revision."""
    from archive.searchindex import service  # the search package imports the models
    from archive.services import history

    article_ids = list(article_ids)
    service.index_articles(article_ids)
    history.record_articles(article_ids)


def articles_removed(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index (deleted)."""
    from archive.searchindex import service

    service.remove_articles(article_ids)
