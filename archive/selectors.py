"""Every read the site, the feeds and the API share, with its joins spelled out.

Views and API viewsets call these instead of building querysets themselves,
so "published only" and the ``select_related``/``prefetch_related`` that keep
query counts flat are decided once.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from archive.models import Article, Byline, Issue, Page, Person, Photo, Role, Section, Status


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


# --- API reads: counts and nested summaries ---------------------------------


def _status_q(prefix: str, public: bool) -> Q:
    """Only published articles when ``public``; every article otherwise."""
    return Q(**{f"{prefix}status": Status.PUBLISHED}) if public else Q()


def page_articles(*, public: bool = True) -> QuerySet[Article]:
    """The articles of a page in printed order, for summaries nested under pages."""
    qs = Article.objects.order_by("order")
    return qs.filter(status=Status.PUBLISHED) if public else qs


def pages_with_counts(*, public: bool = True, with_articles: bool = False) -> QuerySet[Page]:
    """Pages with ``article_count``; ``public`` counts published articles and drops empty pages.

    ``with_articles`` prefetches each page's articles (published only when
    ``public``) in printed order, in one extra query for all pages.
    """
    qs = (
        Page.objects.select_related("issue", "section")
        .annotate(article_count=Count("articles", filter=_status_q("articles__", public)))
        .order_by("-issue__date", "number")
    )
    if public:
        qs = qs.filter(article_count__gt=0)
    if with_articles:
        qs = qs.prefetch_related(Prefetch("articles", queryset=page_articles(public=public)))
    return qs


def issues_with_counts(*, public: bool = True, with_pages: bool = False) -> QuerySet[Issue]:
    """Issues newest first with ``page_count`` and ``article_count``.

    ``public`` counts published articles only (and pages holding one) and drops
    issues with none; ``with_pages`` prefetches :func:`pages_with_counts` with
    their articles.
    """
    status = _status_q("pages__articles__", public)
    qs = Issue.objects.annotate(
        page_count=Count("pages", filter=status, distinct=True),
        article_count=Count("pages__articles", filter=status),
    ).order_by("-date")
    if public:
        qs = qs.filter(article_count__gt=0)
    if with_pages:
        pages_qs = pages_with_counts(public=public, with_articles=True).order_by("number")
        qs = qs.prefetch_related(Prefetch("pages", queryset=pages_qs))
    return qs


def sections_with_counts(*, public: bool = True) -> QuerySet[Section]:
    """Sections by name with ``article_count`` (published only when ``public``)."""
    return Section.objects.annotate(
        article_count=Count("articles", filter=_status_q("articles__", public))
    ).order_by("name")


def people_with_counts(*, public: bool = True) -> QuerySet[Person]:
    """People by name with ``article_count`` and one ``<role>_count`` per byline role, in one query.

    ``public`` counts published articles only and drops people credited on
    none, so a draft's byline reveals nothing to anonymous readers.
    """
    status = _status_q("bylines__article__", public)
    per_role = {
        f"{role}_count": Count("bylines", filter=status & Q(bylines__role=role)) for role in Role.values
    }
    qs = Person.objects.annotate(
        article_count=Count("bylines__article", filter=status, distinct=True), **per_role
    ).order_by("name", "id")
    return qs.filter(article_count__gt=0) if public else qs
