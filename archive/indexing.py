"""Hooks through which every write keeps the search index in step.

Services call these inside their transaction, so the index never disagrees
with the content it describes. The index holds every article whatever its
status; public search filters by status when it queries.
"""
from collections.abc import Iterable


def articles_changed(article_ids: Iterable[int]) -> None:
    """Re-index these articles (created, edited, published or unpublished)."""
    from archive.searchindex import service  # the search package imports the models

    service.index_articles(article_ids)


def articles_removed(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index (deleted)."""
    from archive.searchindex import service

    service.remove_articles(article_ids)
