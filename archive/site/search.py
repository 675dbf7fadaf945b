"""The reader site's search page: /search/?q=… with facets, removable filter chips, paging and marked snippets.

The filters are the API's (:class:`archive.filters.ArticleFilter`, same names
and meaning) and :func:`archive.filters.search` answers; an invalid filter
value is ignored here (the page still answers) where the API refuses it. The
query box keeps only the words typed: active filters show as chips, each
with a link that removes it, never as hidden inputs that narrow the next
query. The query text itself is never syntax (see :mod:`archive.search.text.query`).
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from archive import exporting, filters, selectors
from archive.models import Kind, Role
from archive.search.index import service
from archive.search.index.results import FACET_SAMPLE
from archive.templatetags.bylines import byline_text
from archive.throttling import SearchThrottle, rate_limited

PER_PAGE = 20
# The site sorts by relevance (no ``ordering``) or newest first; other API orderings are ignored here.
SITE_ORDERINGS = {"-date"}
EXPORT_FORMATS = ("csv", "ndjson")
# Facet → (its filter, the count row's value key, its label key), as :func:`service.facets_of` returns them.
FACETS = {
    "year": ("year", "year", "year"),
    "section": ("section", "section__slug", "section__name"),
    "person": ("person", "person__slug", "person__name"),
    "kind": ("kind", "kind", "kind"),
}


@require_safe
@rate_limited(SearchThrottle)
def search(request):
    params = _params(request.GET)
    filterset, results = filters.search(
        params, queryset=selectors.articles(public=True), public=True, request=request, lenient=True
    )
    kept = _kept(filterset)
    query = service.as_query(kept.get("q", ""))
    context = {
        "form": filterset.form, "q": params.get("q", ""), "searched": bool(query),
        "chips": _chips(kept), "clear_url": _link({"q": kept.get("q")}),
        "sort": "date" if kept.get("ordering") == "-date" else "relevance",
        "sort_links": {"relevance": _link(kept, ordering=None), "date": _link(kept, ordering="-date")},
        "export_links": {fmt: _export_url(fmt, kept) for fmt in EXPORT_FORMATS},
        "count": 0, "count_is_estimate": False, "exact_count_url": "", "hits": [], "facets": {},
        "facets_complete": True, "facet_sample": FACET_SAMPLE, "prev_url": "", "next_url": "",
    }
    # Filters alone (a section, a person … after the words are removed) list their stories newest first.
    if query or context["chips"]:
        context.update(_results(request, results, query, kept))
    return render(request, "archive/search.html", context)


def _params(get: QueryDict) -> QueryDict:
    """The request's parameters as the filters take them."""
    params = get.copy()
    params["q"] = params.get("q", "").replace("\x00", " ")  # a form refuses NUL; the query ignores it
    if params.get("ordering") not in SITE_ORDERINGS:
        params.pop("ordering", None)
    return params


def _kept(filterset) -> dict[str, str]:
    """The valid filter values given, as typed: what the page's links carry over."""
    return {name: filterset.data.get(name) for name in filterset.filters if filterset.data.get(name)}


def _link(params: dict, **changes) -> str:
    """A link to this page with ``params`` and ``changes`` (None removes one); always back to page 1."""
    merged = {k: v for k, v in {**params, "page": None, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged)


def _export_url(fmt: str, kept: dict) -> str:
    """The export of this result set in ``fmt``."""
    return reverse("archive:search_export", kwargs={"fmt": fmt}) + "?" + urlencode(kept)


def _results(request, results, query, kept: dict) -> dict:
    """The part of the context a search (words, or filters alone) fills: counts, the page of hits, facets, paging."""
    # Facets first: the count rests on the same sample of matches (see SearchResults.sample).
    facets, facets_complete = service.facets_of(results)
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    count, estimate = page.paginator.count, getattr(results, "count_is_estimate", False)
    if estimate and request.GET.get("exact") == "1":
        count, estimate = results.exact_count(), False
    here = {**kept, "page": page.number if page.number > 1 else None}
    return {
        "count": count, "count_is_estimate": estimate,
        "exact_count_url": "?" + urlencode({k: v for k, v in {**here, "exact": 1}.items() if v}) if estimate else "",
        "page_obj": page, "hits": _hits(page, query),
        "facets": _facet_links(facets, kept), "facets_complete": facets_complete,
        "prev_url": _link(kept, page=page.previous_page_number()) if page.has_previous() else "",
        "next_url": _link(kept, page=page.next_page_number()) if page.has_next() else "",
    }


def _facet_links(counts: dict, kept: dict) -> dict:
    """Each facet's values: label, count, whether it is set, and the link that sets it (or, when set, removes it)."""
    kinds = dict(Kind.choices)
    links = {}
    for facet, (param, value_key, label_key) in FACETS.items():
        links[facet] = [
            {"active": (active := kept.get(param) == str(row[value_key])),
             "label": kinds.get(row[label_key], row[label_key]) if facet == "kind" else row[label_key],
             "count": row["count"], "url": _link(kept, **{param: None if active else row[value_key]})}
            for row in counts[facet]
        ]
    return links


def _chips(kept: dict) -> list[dict]:
    """The active filters, each labelled for a reader, with the link that removes just that one."""
    return [
        {"label": _chip_label(name, kept[name]), "remove_url": _link(kept, **{name: None})}
        for name in filters.NARROWING_FILTERS + ("year", "date", "date_from", "date_to")
        if name in kept
    ]


def _chip_label(name: str, value: str) -> str:
    if name == "section":
        found = selectors.sections(public=True).filter(slug=value).values_list("name", flat=True).first()
        return _("栏目：%(name)s") % {"name": found or value}
    if name == "person":
        found = selectors.people(public=True).filter(slug=value).values_list("name", flat=True).first()
        return _("作者：%(name)s") % {"name": found or value}
    labels = {
        "role": lambda: _("署名：%(role)s") % {"role": dict(Role.choices)[value]},
        "kind": lambda: _("类型：%(kind)s") % {"kind": dict(Kind.choices)[value]},
        "page_number": lambda: _("第%(n)s版") % {"n": value},
        "year": lambda: _("%(year)s年") % {"year": value},
        "date": lambda: _("日期：%(date)s") % {"date": value},
        "date_from": lambda: _("起始日期：%(date)s") % {"date": value},
        "date_to": lambda: _("截止日期：%(date)s") % {"date": value},
    }
    return labels[name]()


def _hits(page, query) -> list[dict]:
    """Each hit: the article, its link carrying the words, 引题 and 主标题 marked, a snippet and the credits."""
    hl = "?" + urlencode({"hl": " ".join(query.highlight_texts)}) if query else ""
    return [
        {"article": a, "url": a.get_absolute_url() + hl,
         "kicker": mark_safe(service.highlight(a.kicker, query)),
         "title": mark_safe(service.highlight(exporting.headline(a) or a.title, query)),
         "snippet": mark_safe(service.snippet(a, query)),
         "credits": byline_text(a.bylines.all())}
        for a in page
    ]
