"""Editorial status: publishing and unpublishing articles."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from archive import indexing
from archive.models import Article, Status


@transaction.atomic
def article_publish(*, article: Article, at: dt.datetime | None = None) -> Article:
    """Make ``article`` visible to the public (keeps an earlier publish time)."""
    article.status = Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    indexing.articles_changed([article.pk])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Hide ``article`` from the public again; it stays in the archive as a draft."""
    article.status = Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    indexing.articles_changed([article.pk])
    return article


def articles_set_status(*, articles: Iterable[Article], publish: bool) -> int:
    """Publish or unpublish several articles, each in its own transaction.

    One failing article leaves the others changed; the count says how many were.
    """
    change = article_publish if publish else article_unpublish
    count = 0
    for article in articles:
        change(article=article)
        count += 1
    return count
