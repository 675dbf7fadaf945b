"""Every read the site, the feeds and the API share, with its joins spelled out.

Views and API viewsets call these instead of building querysets themselves,
so "published only" and the ``select_related``/``prefetch_related`` that keep
query counts flat are decided once.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from archive.models import Article, Byline, Issue, Page, Person, Photo, Section, Status


def articles(*, public: bool = True) -> QuerySet[Article]:
    """Articles with page, issue, section, bylines (people in order) and photos loaded.

    ``public`` keeps published articles only: what an anonymous reader may see.
    """
    qs = Article.objects.select_related("page__issue", "page__section", "section").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("person").order_by("order", "id")),
        Prefetch("photos", queryset=Photo.objects.select_related("photographer").order_by("order", "id")),
    )
    return qs.filter(status=Status.PUBLISHED) if public else qs


def article_at(*, date: dt.date, page_number: int, order: int, public: bool = True) -> Article | None:
    """The article printed ``order``-th on page ``page_number`` of ``date``'s issue."""
    return articles(public=public).filter(
        page__issue__date=date, page__number=page_number, order=order
    ).first()


def issues(*, public: bool = True) -> QuerySet[Issue]:
    """Issues newest first; ``public`` keeps those with at least one published article."""
    qs = Issue.objects.order_by("-date")
    if public:
        qs = qs.filter(pages__articles__status=Status.PUBLISHED).distinct()
    return qs


def pages(*, public: bool = True) -> QuerySet[Page]:
    """Pages with their issue and section; ``public`` keeps pages with published articles."""
    qs = Page.objects.select_related("issue", "section").order_by("-issue__date", "number")
    if public:
        qs = qs.filter(articles__status=Status.PUBLISHED).distinct()
    return qs


def sections() -> QuerySet[Section]:
    return Section.objects.order_by("name")


def people() -> QuerySet[Person]:
    return Person.objects.order_by("name")
