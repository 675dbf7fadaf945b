"""Every read the site, the feeds and the API share, with its joins spelled out.

Views and API viewsets call these instead of building querysets themselves,
so "published only" and the ``select_related``/``prefetch_related`` that keep
query counts flat are decided once.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from archive.models import Article, Byline, Correction, Issue, Page, Person, Photo, Role, Section, Status, published_q, scheduled_q


def articles(*, public: bool = True, with_corrections: bool = False) -> QuerySet[Article]:
    """Articles with page, issue, section, bylines (people in order) and photos loaded.

    ``public`` keeps published articles only: what an anonymous reader may see.
    ``with_corrections`` also loads their 更正 notes, oldest first (one query more).
    """
    qs = Article.objects.select_related("page__issue", "page__section", "section").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("person").order_by("order", "id")),
        Prefetch("photos", queryset=Photo.objects.select_related("photographer").order_by("order", "id")),
    )
    if with_corrections:
        qs = qs.prefetch_related(Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "id")))
    return qs.published() if public else qs


def article_at(
    *, date: dt.date, page_number: int, order: int, public: bool = True, with_corrections: bool = False
) -> Article | None:
    """The article printed ``order``-th on page ``page_number`` of ``date``'s issue."""
    return articles(public=public, with_corrections=with_corrections).filter(
        page__issue__date=date, page__number=page_number, order=order
    ).first()


def issues(*, public: bool = True) -> QuerySet[Issue]:
    """Issues newest first; ``public`` keeps those with at least one published article."""
    qs = Issue.objects.order_by("-date")
    if public:
        qs = qs.filter(published_q("pages__articles__")).distinct()
    return qs


def pages(*, public: bool = True) -> QuerySet[Page]:
    """Pages with their issue and section; ``public`` keeps pages with published articles."""
    qs = Page.objects.select_related("issue", "section").order_by("-issue__date", "number")
    if public:
        qs = qs.filter(published_q("articles__")).distinct()
    return qs


def sections(*, public: bool = True) -> QuerySet[Section]:
    """Sections by name; ``public`` keeps those with a published article, so a draft's section stays unknown."""
    qs = Section.objects.order_by("name")
    return qs.filter(Exists(Article.objects.published().filter(section=OuterRef("pk")))) if public else qs


def page_edited_articles(*, date: dt.date, page_number: int) -> list[Article]:
    """The articles of that page an editor changed since the import: what makes a re-import refuse."""
    return list(
        Article.objects.filter(page__issue__date=date, page__number=page_number, edited_at__isnull=False)
        .prefetch_related("photos").order_by("order")
    )


def people(*, public: bool = True) -> QuerySet[Person]:
    """People by name; ``public`` keeps those credited on a published article (a draft's byline reveals no one)."""
    qs = Person.objects.order_by("name")
    return qs.filter(Exists(Byline.objects.filter(published_q("article__"), person=OuterRef("pk")))) if public else qs


# --- API reads: counts and nested summaries ---------------------------------


def _status_q(prefix: str, public: bool) -> Q:
    """Only published articles when ``public``; every article otherwise."""
    return published_q(prefix) if public else Q()


def page_articles(*, public: bool = True) -> QuerySet[Article]:
    """The articles of a page in printed order, for summaries nested under pages."""
    qs = Article.objects.order_by("order")
    return qs.published() if public else qs


def pages_with_counts(*, public: bool = True, with_articles: bool = False) -> QuerySet[Page]:
    """Pages with ``article_count``; ``public`` counts published articles and drops empty pages.

    ``with_articles`` prefetches each page's articles (published only when
    ``public``) in printed order, those in the first ``IMPORT_MAX_PAGE_ITEMS``
    printed positions, in one extra query for all pages.
    """
    qs = (
        Page.objects.select_related("issue", "section")
        .annotate(article_count=Count("articles", filter=_status_q("articles__", public)))
        .order_by("-issue__date", "number")
    )
    if public:
        qs = qs.filter(article_count__gt=0)
    if with_articles:
        # A page over the import limit (left by an older import) lists its first
        # IMPORT_MAX_PAGE_ITEMS here; the paginated article list has them all.
        # (A sliced prefetch would need a to_attr; the printed position bounds it as well.)
        nested = page_articles(public=public).filter(order__lte=settings.IMPORT_MAX_PAGE_ITEMS)
        qs = qs.prefetch_related(Prefetch("articles", queryset=nested))
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
    """Sections by name with ``article_count``; ``public`` counts published articles and drops sections with none."""
    qs = Section.objects.annotate(
        article_count=Count("articles", filter=_status_q("articles__", public))
    ).order_by("name")
    return qs.filter(article_count__gt=0) if public else qs


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


# --- reader site: issues, pages and their neighbours ----------------------


def issue_dates() -> list[dt.date]:
    """Every date with a public issue, oldest first, in one query (the 往期 calendar)."""
    qs = Issue.objects.filter(published_q("pages__articles__"))
    return list(qs.order_by("date").values_list("date", flat=True).distinct())


def latest_issue_date() -> dt.date | None:
    return issues().values_list("date", flat=True).first()


def issue_neighbours(*, date: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The public issues just before and after ``date`` (上一期/下一期), in one query."""
    found = Issue.objects.filter(published_q("pages__articles__")).aggregate(
        previous=Max("date", filter=Q(date__lt=date)), next=Min("date", filter=Q(date__gt=date))
    )
    return found["previous"], found["next"]


def on_this_day(*, date: dt.date, limit: int = 20) -> list[Article]:
    """历史上的今天: up to ``limit`` published stories printed on ``date``'s month and day in earlier years.

    Newest year first, then in printed order, with page and issue loaded and
    ``caption`` (the first photo's) annotated for photo news: one query.
    """
    caption = Photo.objects.filter(article=OuterRef("pk")).order_by("order", "id").values("caption")[:1]
    qs = Article.objects.published().filter(
        page__issue__date__month=date.month, page__issue__date__day=date.day, page__issue__date__lt=date
    )
    qs = qs.select_related("page__issue").annotate(caption=Subquery(caption))
    return list(qs.order_by("-page__issue__date", "page__number", "order")[:limit])


# A printed page holds under 30 items. Lists of a page's items on other pages
# (home, issue, a section's day) show at most this many, so a page of thousands
# (bad input) cannot make them huge; the page view paginates them all.
LISTED_ITEMS = 50


def issue_pages(*, date: dt.date, number: int | None = None, items: int = LISTED_ITEMS) -> list[Page]:
    """The public pages of ``date``'s issue in page order (only page ``number`` if given).

    Each page carries ``public_count`` and (unless ``items`` is 0) its first
    ``items`` published articles in printed order, with bylines and photos
    loaded, as ``public_articles``; four queries whatever the size.
    """
    qs = (
        Page.objects.filter(issue__date=date)
        .annotate(public_count=Count("articles", filter=published_q("articles__")))
        .filter(public_count__gt=0)
        .select_related("issue", "section")
        .order_by("number")
    )
    if items:
        listed = articles().order_by("order")[:items]
        qs = qs.prefetch_related(Prefetch("articles", queryset=listed, to_attr="public_articles"))
    if number is not None:
        qs = qs.filter(number=number)
    return list(qs)


def issue_page_index(*, date: dt.date) -> list[tuple[int, str]]:
    """(版次, 版名) of ``date``'s public pages in order, for 版面导航 and 上一版/下一版."""
    qs = Page.objects.filter(published_q("articles__"), issue__date=date)
    return list(qs.order_by("number").values_list("number", "name").distinct())


def article_neighbours(*, page: Page, order: int) -> tuple[dict | None, dict | None]:
    """Order and title lines of the published articles printed just before and after
    ``order`` on ``page`` (上一篇/下一篇), in one query whatever the page's size."""
    qs = Article.objects.published().filter(page=page)
    before = qs.filter(order__lt=order).order_by("-order").values("order")[:1]
    after = qs.filter(order__gt=order).order_by("order").values("order")[:1]
    found = qs.filter(Q(order=Subquery(before)) | Q(order=Subquery(after)))
    rows = {row["order"] < order: row for row in found.values("order", "kind", "kicker", "headline", "subheadline")}
    return rows.get(True), rows.get(False)


def issue_freshness(*, date: dt.date | None = None, page_number: int | None = None,
                    order: int | None = None) -> dict | None:
    """``updated`` (latest change to the issue's public articles or their pages) and ``count`` of them.

    One aggregate query; conditional GETs of past issues answer from it. Only
    what readers see counts, so adding or editing a draft leaves the
    validators alone. A deleted or unpublished story lowers ``count`` even
    when it leaves ``updated`` alone. A scheduled story changes nothing in the
    database when its time comes, so ``updated`` includes the latest time a
    story became public, and ``next_change`` says when the next scheduled one
    will (caches must not outlive it). None when nothing public is there: no
    story of that date, or of page ``page_number`` (story ``order``) if given,
    so the view answers 404 rather than 304 to any validator.
    """
    now = timezone.now()
    public = published_q(now=now)
    here = Q(**{k: v for k, v in (("page__number", page_number), ("order", order)) if v is not None})
    found = Article.objects.filter(page__issue__date=date).aggregate(
        article_updated=Max("updated_at", filter=public), page_updated=Max("page__updated_at", filter=public),
        count=Count("id", filter=public), here=Count("id", filter=public & here),
        shown=Max("published_at", filter=public), next_change=Min("published_at", filter=scheduled_q(now=now)),
    )
    if not found["here"]:
        return None
    updated = _latest(found["article_updated"], found["page_updated"], found["shown"])
    return {"updated": updated, "count": found["count"], "next_change": found["next_change"]}


def _latest(*stamps: dt.datetime | None) -> dt.datetime | None:
    found = [s for s in stamps if s is not None]
    return max(found) if found else None


def section_freshness(*, slug: str) -> dict | None:
    """``updated``/``count`` of the section's published articles and ``about`` (its name and
    description), from one query; None for an unknown section."""
    published = published_q("articles__")
    found = (
        sections()
        .filter(slug=slug)
        .annotate(
            updated=Max("articles__updated_at", filter=published),
            shown=Max("articles__published_at", filter=published),
            count=Count("articles", filter=published),
        )
        .values("updated", "shown", "count", "name", "description")
        .first()
    )
    # A scheduled story's time coming is a change no row records: ``shown`` is it.
    return found and {**found, "updated": _latest(found["updated"], found["shown"]),
                      "about": f"{found['name']}|{found['description']}"}


def person_freshness(*, slug: str) -> dict | None:
    """``updated``/``count`` of the published articles bylined to the person and ``about``
    (name and bio), from one query; None for an unknown person."""
    published = published_q("bylines__article__")
    found = (
        people()
        .filter(slug=slug)
        .annotate(
            updated=Max("bylines__article__updated_at", filter=published),
            shown=Max("bylines__article__published_at", filter=published),
            count=Count("bylines__article", filter=published, distinct=True),
        )
        .values("updated", "shown", "count", "name", "bio")
        .first()
    )
    return found and {**found, "updated": _latest(found["updated"], found["shown"]), "about": f"{found['name']}|{found['bio']}"}


def public_article(*, pk: int) -> Article | None:
    """The published article with id ``pk`` and its page and issue, for short links."""
    return Article.objects.published().select_related("page__issue").filter(pk=pk).first()


# --- reader site: sections and people -------------------------------------


def section_issue_dates(*, section: Section) -> QuerySet:
    """Dates of issues with published stories of ``section``, newest first (a values list to paginate)."""
    qs = Article.objects.published().filter(section=section)
    return qs.order_by("-page__issue__date").values_list("page__issue__date", flat=True).distinct()


def section_articles_on(*, section: Section, dates: list[dt.date], per_date: int = LISTED_ITEMS) -> list[Article]:
    """Published stories of ``section`` printed on ``dates``, newest issue first, in printed order;
    the first ``per_date`` of each date."""
    rank = Window(RowNumber(), partition_by=F("page__issue__date"), order_by=(F("page__number").asc(), F("order").asc()))
    qs = articles().filter(section=section, page__issue__date__in=dates).annotate(rank_on_date=rank)
    return list(qs.filter(rank_on_date__lte=per_date).order_by("-page__issue__date", "page__number", "order"))


_ROLE_RANK = Case(*(When(role=role, then=rank) for rank, role in enumerate(Role.values)), default=len(Role.values))


def person_bylines(*, person: Person) -> QuerySet[Byline]:
    """The person's credits on published articles, grouped by role (记者, 通讯员, 摄影, 实习生), newest first."""
    return (
        Byline.objects.filter(published_q("article__"), person=person)
        .select_related("article__page__issue", "article__section")
        .defer("article__page__raw_text")
        .annotate(role_rank=_ROLE_RANK)
        .order_by("role_rank", "-article__page__issue__date", "article__page__number", "article__order")
    )


def person_colleagues(*, person: Person, limit: int = 10) -> list[Person]:
    """People who share most published bylines with ``person``, with ``shared`` counts; one query."""
    qs = (
        Person.objects.filter(published_q("bylines__article__"), bylines__article__bylines__person=person)
        .exclude(pk=person.pk)
        .annotate(shared=Count("bylines__article", distinct=True))
        .order_by("-shared", "name", "id")
    )
    return list(qs[:limit])


def status_candidates(*, publish: bool, issue: Issue | None = None, page: Page | None = None,
                      now: dt.datetime | None = None) -> QuerySet[Article]:
    """The articles of ``issue`` or ``page`` whose state publishing (or unpublishing) it would change.

    Publishing changes every article the public cannot see at ``now`` (drafts
    and those scheduled later); unpublishing every published one, scheduled
    or not. In page and printed order, with what a confirmation lists.
    """
    scope = Q(page=page) if page is not None else Q(page__issue=issue)
    change = ~published_q(now=now) if publish else Q(status=Status.PUBLISHED)
    return (
        Article.objects.filter(scope, change)
        .select_related("page__issue")
        .prefetch_related("photos")
        .order_by("page__number", "order")
    )


def feed_articles(*, section: Section | None = None, person: Person | None = None, limit: int = 30) -> list[Article]:
    """The newest published articles (of ``section``, or credited to ``person``, if given), newest issue first."""
    qs = articles()
    if section is not None:
        qs = qs.filter(section=section)
    if person is not None:  # a subquery, so a person credited twice on one story lists it once
        qs = qs.filter(pk__in=Byline.objects.filter(person=person).values("article"))
    return list(qs.order_by("-page__issue__date", "page__number", "order")[:limit])


def sitemap_articles() -> QuerySet:
    """Published articles as dicts of just what a sitemap entry needs: ``date``, ``page_number``,
    ``order`` (its URL) and ``updated_at``; thousands make one sitemap file, too many for model instances."""
    return Article.objects.published().order_by("id").values(
        "order", "updated_at", date=F("page__issue__date"), page_number=F("page__number")
    )


# --- corrections (更正) ------------------------------------------------------


def public_corrections() -> QuerySet[Correction]:
    """Corrections of published articles, newest first, with what a list links to (one query)."""
    return (
        Correction.objects.public()
        .select_related("article__page__issue", "article__section")
        .defer("article__page__raw_text")
        .order_by("-published_at", "-id")
    )
