"""Review of parser warnings: who checked an article's warnings, and when."""
from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from archive.models import Article


@transaction.atomic
def article_mark_checked(*, articles: Iterable[Article], user: AbstractBaseUser | None) -> int:
    """Record that ``user`` checked the parser warnings of ``articles``; returns how many were marked.

    Only articles in the review queue (warnings nobody checked yet) are marked,
    so an earlier check keeps its editor and time. ``updated_at`` is left alone
    (feeds, sitemaps and the site's caches read it as "the printed text
    changed") and the search index holds no review state, so it is not touched.
    """
    ids = articles.values("pk") if isinstance(articles, QuerySet) else [article.pk for article in articles]
    queue = Article.objects.needs_review().filter(pk__in=ids)
    return queue.update(checked_by=user, checked_at=timezone.now())
