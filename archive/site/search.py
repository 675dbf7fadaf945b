"""The reader site's search page: /search/?q=… with facets, filters, paging and marked snippets.

Invalid filter values are ignored (the page still answers); the query text
itself is never syntax (see :mod:`archive.search.text.query`).
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from archive import selectors
from archive.models import Byline, Kind
from archive.search.index import service
from archive.search.index.results import FACET_SAMPLE
from archive.throttling import SearchThrottle, rate_limited

PER_PAGE = 20
NARROWING = {"section", "person", "kind"}
FILTERS = ("section", "year", "person", "kind", "date_from", "date_to", "order")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=3000, label=_("关键词"))
    section = forms.SlugField(required=False, allow_unicode=True, label=_("栏目"))
    year = forms.IntegerField(required=False, min_value=1, max_value=9999, label=_("年份"))
    person = forms.SlugField(required=False, allow_unicode=True, label=_("作者"))
    kind = forms.ChoiceField(required=False, choices=[("", "")] + list(Kind.choices), label=_("类型"))
    date_from = forms.DateField(required=False, label=_("起始日期"))
    date_to = forms.DateField(required=False, label=_("截止日期"))
    order = forms.ChoiceField(
        required=False, choices=[("relevance", _("相关度")), ("date", _("日期"))], label=_("排序")
    )

    def valid_data(self) -> dict:
        """The fields that are valid; a bad value is dropped rather than failing the page."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def filtered_articles(data: dict):
    qs = selectors.articles(public=True)
    if "section" in data:
        qs = qs.filter(section__slug=data["section"])
    if "year" in data:
        qs = qs.filter(page__issue__date__year=data["year"])
    if "person" in data:
        qs = qs.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), person__slug=data["person"])))
    if "kind" in data:
        qs = qs.filter(kind=data["kind"])
    if "date_from" in data:
        qs = qs.filter(page__issue__date__gte=data["date_from"])
    if "date_to" in data:
        qs = qs.filter(page__issue__date__lte=data["date_to"])
    return qs


def _date_range(data: dict) -> tuple:
    """The issue-date range the filters ask for (a year is a range too)."""
    low, high = data.get("date_from"), data.get("date_to")
    if "year" in data:
        year_start, year_end = dt.date(data["year"], 1, 1), dt.date(data["year"], 12, 31)
        low, high = max(low or year_start, year_start), min(high or year_end, year_end)
    return low, high


def _results(query, data: dict):
    """(results, facet queryset, whether the facets count every match), paged in the search index.

    Dates narrow the index's key range; a section, person or kind filter
    narrows it to the filtered articles.
    """
    low, high = _date_range(data)
    # Dates are a key range in the index: the narrowing set need not repeat them.
    narrowing = {key: data[key] for key in NARROWING & data.keys()}
    narrow = filtered_articles(narrowing) if narrowing else None
    results = service.search(query, queryset=selectors.articles(public=True), order=data.get("order", "relevance"),
                             date_from=low, date_to=high, narrow=narrow)
    return (results, *results.facet_queryset())


def _link(params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged)


def _facet_links(counts: dict, params: dict) -> dict:
    keys = {"section": ("section", "section__slug", "section__name"), "year": ("year", "year", "year"),
            "person": ("person", "person__slug", "person__name"), "kind": ("kind", "kind", "kind")}
    kinds = dict(Kind.choices)
    links = {}
    for facet, (param, value_key, label_key) in keys.items():
        links[facet] = [
            {"label": kinds.get(row[label_key], row[label_key]) if facet == "kind" else row[label_key],
             "count": row["count"], "url": _link(params, **{param: row[value_key], "page": None}),
             "active": str(params.get(param, "")) == str(row[value_key])}
            for row in counts[facet]
        ]
    return links


def _hits(page, query) -> list[dict]:
    hl = urlencode({"hl": " ".join(query.highlight_texts)})
    return [
        {"article": a, "url": f"{a.get_absolute_url()}?{hl}",
         "title": mark_safe(service.highlight(a.title or a.first_caption[:40], query)),
         "snippet": mark_safe(service.snippet(a, query))}
        for a in page
    ]


@require_safe
@rate_limited(SearchThrottle)
def search(request):
    params = request.GET.copy()
    params["q"] = params.get("q", "").replace("\x00", " ")  # a form refuses NUL; the query ignores it
    form = SearchForm(params)
    data = form.valid_data()
    query = service.as_query(data.get("q", ""))
    params = {k: request.GET.get(k, "") for k in ("q", *FILTERS)}
    context = {"form": form, "q": data.get("q", ""), "searched": bool(query), "params": params}
    if query:
        results, facet_articles, facets_complete = _results(query, data)
        page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            page_obj=page, hits=_hits(page, query), facets=_facet_links(service.facets(facet_articles), params),
            facets_complete=facets_complete, facet_sample=FACET_SAMPLE,
            prev_url=_link(params, page=page.previous_page_number()) if page.has_previous() else "",
            next_url=_link(params, page=page.next_page_number()) if page.has_next() else "",
            order_links={o: _link(params, order=o, page=None) for o in ("relevance", "date")},
        )
    return render(request, "archive/search.html", context)
