"""The public reader site: home, 往期, issue, page, article, 更正, section and person pages.

Views stay thin: a selector reads, the view shapes the context and renders.
Past issues rarely change, so issue, page, article, section and person
views answer conditional GETs from one aggregate query each (``conditional``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from collections import Counter
from functools import wraps
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from archive import selectors
from archive.cache import public_page
from archive.models import Kind
from archive.site import discovery
from archive.site.cite import citation_context
from archive.templatetags.bylines import byline_text

PER_PAGE = 20
PAGE_ITEMS = 50  # stories per page of the 版 view; a printed 版 has under 30
RECENT_YEARS = 3  # 往期回顾 shows these latest years as calendars; earlier ones as links
SHORT_CACHE = 300
LONG_CACHE = 86400


# --- helpers: dates, caching, conditional requests ---------------------------


def _date_or_404(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise Http404(_("没有这一天")) from exc


def _latest_date(request) -> dt.date | None:
    # Asked once per request: by the conditional check and by the home view.
    if not hasattr(request, "_latest_issue_date"):
        request._latest_issue_date = selectors.latest_issue_date()
    return request._latest_issue_date


def _issue_date(request, kwargs) -> dt.date | None:
    """The issue date a request is about; None for an impossible date (the view answers 404)."""
    if "year" not in kwargs:
        return _latest_date(request)
    try:
        return dt.date(kwargs["year"], kwargs["month"], kwargs["day"])
    except ValueError:
        return None


def conditional(freshness):
    """``condition()`` whose validators come from ``freshness(request, **kwargs)``.

    ``freshness`` makes one aggregate query and returns None (nothing to
    show: the view answers 404) or a dict with ``updated`` (latest change),
    ``count`` (so a deletion changes the ETag) and optionally ``about`` (text
    shown on the page that lives outside the articles). It is asked once per
    request although condition() wants the ETag and the Last-Modified apart.
    """

    def fresh(request, **kwargs) -> dict | None:
        if not hasattr(request, "_freshness"):
            request._freshness = freshness(request, **kwargs)
        return request._freshness

    def last_modified(request, **kwargs):
        found = fresh(request, **kwargs)
        return found["updated"] if found else None

    def etag(request, **kwargs):
        found = fresh(request, **kwargs)
        if not found or found["updated"] is None:
            return None
        # The full path: ?page=2 of a section is another representation.
        key = f"{request.get_full_path()}|{found['updated'].isoformat()}|{found['count']}|{found.get('about', '')}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    conditioned = condition(etag_func=etag, last_modified_func=last_modified)

    def decorator(view):
        checked = conditioned(view)

        @wraps(view)
        def inner(request, *args, **kwargs):
            response = checked(request, *args, **kwargs)
            return _until_next_change(response, fresh(request, **kwargs))

        return inner

    return decorator


def _until_next_change(response, found: dict | None):
    """Caches keep the page no longer than until a scheduled story on it goes public."""
    upcoming = (found or {}).get("next_change")
    if upcoming is not None:
        # patch_cache_control keeps the smaller of two max-ages.
        patch_cache_control(response, max_age=max(int((upcoming - timezone.now()).total_seconds()), 0))
    return response


def _issue_freshness(request, **kwargs) -> dict | None:
    date = _issue_date(request, kwargs)
    return selectors.issue_freshness(date=date, page_number=kwargs.get("page"), order=kwargs.get("order")) if date else None


def _section_freshness(request, slug: str) -> dict | None:
    return selectors.section_freshness(slug=slug)


def _person_freshness(request, slug: str) -> dict | None:
    return selectors.person_freshness(slug=slug)


issue_condition = conditional(_issue_freshness)
section_condition = conditional(_section_freshness)
person_condition = conditional(_person_freshness)


def _cached(response, date: dt.date | None = None):
    """Public caching: five minutes for today and the home page, a day for past issues."""
    old = date is not None and date < timezone.localdate() - dt.timedelta(days=2)
    patch_cache_control(response, public=True, max_age=LONG_CACHE if old else SHORT_CACHE)
    return response


def _neighbours(items: list, current):
    """The items just before and after ``current`` in ``items`` (None at either end)."""
    i = items.index(current)
    return (items[i - 1] if i > 0 else None), (items[i + 1] if i + 1 < len(items) else None)


# --- home and 往期 -----------------------------------------------------------


@require_safe
@public_page
@issue_condition
def home(request):
    date = _latest_date(request)
    pages = selectors.issue_pages(date=date) if date else []
    context = {
        "date": date,
        "pages": pages,
        "sections": selectors.sections_with_counts(),
        "on_this_day": discovery.on_this_day(date),
    }
    return _cached(render(request, "archive/home.html", context))


def _calendar_year(year: int, dates: list[dt.date]) -> dict:
    """One year of the 往期 calendar: months with issues, each as weeks of (day, date or None)."""
    months = []
    for month, in_month in groupby(dates, key=lambda d: d.month):
        have = {d.day: d for d in in_month}
        weeks = [
            [(day, have.get(day)) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
        ]
        months.append({"month": month, "weeks": weeks, "count": len(have)})
    return {"year": year, "months": months, "count": len(dates)}


@require_safe
@public_page
def issue_archive(request, year: int | None = None):
    """往期回顾: every year with its count; calendars of the latest years, or of the one asked for.

    A calendar per year for decades of dailies would be some 10,000 links on
    one page: older years are one link each, to their own page.
    """
    dates = selectors.issue_dates()
    counts = Counter(d.year for d in dates)
    years = sorted(counts, reverse=True)
    if year is not None and year not in counts:
        raise Http404(_("这一年没有报纸"))
    shown = [year] if year is not None else years[:RECENT_YEARS]
    calendars = [_calendar_year(y, [d for d in dates if d.year == y]) for y in shown]
    context = {"years": [{"year": y, "count": counts[y]} for y in years], "year": year, "calendars": calendars,
               "total": len(dates), "older": year is None and len(years) > RECENT_YEARS}
    return _cached(render(request, "archive/issues.html", context))


# --- issue, page, article ----------------------------------------------------


@require_safe
@public_page
@issue_condition
def issue_detail(request, year: int, month: int, day: int):
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return discovery.no_issue(request, year, month, day)
    pages = selectors.issue_pages(date=date)
    if not pages:
        return discovery.no_issue(request, year, month, day)
    previous, following = selectors.issue_neighbours(date=date)
    context = {"date": date, "issue": pages[0].issue, "pages": pages, "previous": previous, "next": following,
               "page_index": [(p.number, p.name) for p in pages]}  # the 版 strip, from the pages already loaded
    context["on_this_day"] = discovery.on_this_day(date)
    return _cached(render(request, "archive/issue.html", context), date)


@require_safe
@public_page
@issue_condition
def page_detail(request, year: int, month: int, day: int, page: int):
    """One 版 with its stories, PAGE_ITEMS to a page (``?page=``): a real 版 fits on one."""
    date = _date_or_404(year, month, day)
    found = selectors.issue_pages(date=date, number=page, items=0)
    if not found:
        raise Http404(_("没有这一版"))
    stories = Paginator(selectors.articles().filter(page=found[0]).order_by("order"), PAGE_ITEMS)
    index = selectors.issue_page_index(date=date)
    numbers = [number for number, _name in index]
    previous, following = _neighbours(numbers, page)
    context = {
        "date": date,
        "page": found[0],
        "page_obj": stories.get_page(request.GET.get("page")),
        "page_index": index,
        "previous_page": previous and index[numbers.index(previous)],
        "next_page": following and index[numbers.index(following)],
    }
    return _cached(render(request, "archive/page.html", context), date)


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def article_json_ld(request, article, byline: str) -> str:
    """schema.org ``NewsArticle`` for the article, as JSON."""
    page, issue = article.page, article.page.issue
    url = request.build_absolute_uri(article.get_absolute_url())
    people = {b.person.pk: b.person for b in article.bylines.all()}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline or article.title or article.first_caption[:110],
        "alternativeHeadline": article.subheadline or None,
        "datePublished": issue.date.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "author": [
            {"@type": "Person", "name": p.name, "url": request.build_absolute_uri(p.get_absolute_url())}
            for p in people.values()
        ],
        "creditText": byline or None,
        "printEdition": issue.date.isoformat(),
        "printPage": str(page.number),
        "printSection": page.name or None,
        "articleSection": article.section.name if article.section else None,
        "isPartOf": {
            "@type": "PublicationIssue",
            "datePublished": issue.date.isoformat(),
            "url": request.build_absolute_uri(issue.get_absolute_url()),
            "issueNumber": issue.number,
        },
        "publisher": {"@type": "NewsMediaOrganization", "name": settings.PUBLICATION_NAME},
        "inLanguage": "zh-CN",
    }
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    # Escaped like json_script so a headline can never close the <script>.
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))


@require_safe
@public_page
@issue_condition
def article_detail(request, year: int, month: int, day: int, page: int, order: int):
    date = _date_or_404(year, month, day)
    article = selectors.article_at(date=date, page_number=page, order=order, with_corrections=True)
    if article is None:
        raise Http404(_("没有这篇文章"))
    return _cached(render(request, "archive/article.html", article_context(request, article)), date)


def article_context(request, article) -> dict:
    """What the article template shows of ``article`` (the staff preview renders drafts with it too)."""
    # A draft in preview is not among its public siblings: its neighbours are the public stories around it.
    previous, following = selectors.article_neighbours(page=article.page, order=article.order)
    byline = byline_text(article.bylines.all(), dateline=article.dateline, photo_by_byline=article.photo_by_byline)
    return {
        "article": article,
        "page": article.page,
        "date": article.page.issue.date,
        "previous_article": previous,
        "next_article": following,
        "page_index": selectors.issue_page_index(date=article.page.issue.date),  # the 版 strip
        "citation": citation_context(request, article),
        "json_ld": article_json_ld(request, article, byline),
        "is_photo": article.kind == Kind.PHOTO,
    }


@require_safe
def article_by_id(request, pk: int):
    """Short link ``/articles/<id>/``: a temporary redirect, as ids change when a page is re-imported."""
    article = selectors.public_article(pk=pk)
    if article is None:
        raise Http404(_("没有这篇文章"))
    return redirect(article.get_absolute_url())


@require_safe
@public_page
def corrections_list(request):
    """更正: every correction note on a published story, newest first, each linking to its story."""
    paginator = Paginator(selectors.public_corrections(), PER_PAGE)
    context = {"page_obj": paginator.get_page(request.GET.get("page"))}
    return _cached(render(request, "archive/corrections.html", context))


# --- sections and people -----------------------------------------------------


@require_safe
@public_page
@section_condition
def section_detail(request, slug: str):
    section = get_object_or_404(selectors.sections(), slug=slug)
    paginator = Paginator(selectors.section_issue_dates(section=section), PER_PAGE // 2)
    dates_page = paginator.get_page(request.GET.get("page"))
    stories = selectors.section_articles_on(section=section, dates=list(dates_page.object_list))
    by_date = [(date, list(items)) for date, items in groupby(stories, key=lambda a: a.page.issue.date)]
    if not by_date and paginator.count == 0:
        raise Http404(_("这个栏目还没有文章"))
    context = {"section": section, "by_date": by_date, "page_obj": dates_page}
    return _cached(render(request, "archive/section.html", context))


@require_safe
@public_page
@person_condition
def person_detail(request, slug: str):
    person = get_object_or_404(selectors.people(), slug=slug)
    paginator = Paginator(selectors.person_bylines(person=person), PER_PAGE)
    bylines_page = paginator.get_page(request.GET.get("page"))
    if paginator.count == 0:
        raise Http404(_("没有这位作者的文章"))
    context = {
        "person": person,
        "page_obj": bylines_page,
        "total": paginator.count,
        "colleagues": selectors.person_colleagues(person=person),
    }
    return _cached(render(request, "archive/person.html", context))


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("archive:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap}", ""]
    return _cached(HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))

