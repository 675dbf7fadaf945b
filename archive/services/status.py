"""Editorial status: publishing, scheduling and unpublishing articles, whole pages and issues.

An article is public when it is published and its ``published_at`` has come
(:func:`archive.models.published_q`), so scheduling is publishing with a
later time: nothing has to run at that moment for readers to see it. Only
the search index stores visibility; ``publish_scheduled`` brings it up to
date (see :func:`scheduled_due_reindex`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from archive import selectors
from archive.cache import content_changed
from archive.models import Article, Issue, Page, Status
from archive.search.index import service as search_index

from .errors import ServiceError


@dataclass(frozen=True)
class StatusChange:
    """What a whole-issue or whole-page (un)publish changed: the articles, in page order."""

    publish: bool
    at: dt.datetime | None
    articles: list[Article] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def scheduled(self) -> bool:
        return self.publish and self.at is not None and self.at > timezone.now()


def _publication_time(article: Article, at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """``at`` if given; else the earlier time the article went public, if it did; else now.

    A time still to come is not kept: publishing without ``at`` means now,
    even for an article that was scheduled for later.
    """
    if at is not None:
        return at
    if article.published_at is not None and article.published_at <= now:
        return article.published_at
    return now


def _validate_at(at: dt.datetime | None) -> None:
    if at is not None and timezone.is_naive(at):
        raise ServiceError("发布时间缺少时区。")


@transaction.atomic
def article_publish(*, article: Article, at: dt.datetime | None = None) -> Article:
    """Make ``article`` public now, or at ``at`` (a later time schedules it; see the module doc)."""
    _validate_at(at)
    article.status = Status.PUBLISHED
    article.published_at = _publication_time(article, at, timezone.now())
    article.save(update_fields=["status", "published_at", "updated_at"])
    search_index.articles_changed([article.pk])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Hide ``article`` from the public again; it stays in the archive as a draft."""
    article.status = Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    search_index.articles_changed([article.pk])
    return article


def articles_set_status(*, articles: Iterable[Article], publish: bool, at: dt.datetime | None = None) -> int:
    """Publish (at ``at``, if given) or unpublish several articles, each in its own transaction.

    One failing article leaves the others changed; the count says how many were.
    """
    count = 0
    for article in articles:
        if publish:
            article_publish(article=article, at=at)
        else:
            article_unpublish(article=article)
        count += 1
    return count


def _change(*, publish: bool, issue: Issue | None = None, page: Page | None = None,
            at: dt.datetime | None = None, only: Collection[int] | None = None) -> StatusChange:
    """Set every article of ``issue`` or ``page`` that would change (limited to ids ``only``, if given).

    ``only`` is what a confirmation page showed the editor: an article added
    since, or already changed by someone else, is left as it is.
    """
    _validate_at(at)
    now = timezone.now()
    candidates = selectors.status_candidates(publish=publish, issue=issue, page=page, now=now).select_for_update(of=("self",))
    if only is not None:
        candidates = candidates.filter(pk__in=list(only))
    changed = list(candidates)
    for article in changed:
        article.status = Status.PUBLISHED if publish else Status.DRAFT
        if publish:
            article.published_at = _publication_time(article, at, now)
        article.save(update_fields=["status", "published_at", "updated_at"])
    search_index.articles_changed([a.pk for a in changed])
    return StatusChange(publish=publish, at=at, articles=changed)


@transaction.atomic
def issue_publish(*, issue: Issue, at: dt.datetime | None = None, only: Collection[int] | None = None) -> StatusChange:
    """Make every article of ``issue`` public now, or at ``at`` (整期发布 / 定时发布)."""
    return _change(publish=True, issue=issue, at=at, only=only)


@transaction.atomic
def issue_unpublish(*, issue: Issue, only: Collection[int] | None = None) -> StatusChange:
    """Turn every published or scheduled article of ``issue`` back into a draft (整期撤回)."""
    return _change(publish=False, issue=issue, only=only)


@transaction.atomic
def page_publish(*, page: Page, at: dt.datetime | None = None, only: Collection[int] | None = None) -> StatusChange:
    """Make every article of ``page`` public now, or at ``at`` (整版发布 / 定时发布)."""
    return _change(publish=True, page=page, at=at, only=only)


@transaction.atomic
def page_unpublish(*, page: Page, only: Collection[int] | None = None) -> StatusChange:
    """Turn every published or scheduled article of ``page`` back into a draft (整版撤回)."""
    return _change(publish=False, page=page, only=only)


@transaction.atomic
def scheduled_due_reindex(*, now: dt.datetime | None = None) -> list[int]:
    """Re-index the scheduled articles whose time has come; returns their ids.

    Readers already see them (the public queryset compares with the clock);
    the search index stores visibility in its keys, so it learns only here.
    ``updated_at`` moves to the moment they were found due, which both marks
    them done (a due article still scheduled is one with ``published_at``
    after its last save) and tells sitemaps they changed.
    """
    now = now or timezone.now()
    due = Article.objects.published(now=now).filter(published_at__gt=F("updated_at"))
    ids = list(due.values_list("pk", flat=True))
    if ids:
        Article.objects.filter(pk__in=ids).update(updated_at=now)
        search_index.articles_changed(ids)
        # update() sends no signal; cached pages and sitemaps show updated_at.
        content_changed()
    return ids
