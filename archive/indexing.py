"""Hooks through which every write keeps the search index in step.

Services call these inside their transaction, so the index never disagrees
with the content it describes. The search backend plugs in here.
"""
from collections.abc import Iterable


def articles_changed(article_ids: Iterable[int]) -> None:
    """Re-index these articles (created, edited, published or unpublished)."""


def articles_removed(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index (deleted)."""
