"""The article filters, declared once: the reader site's /search/, the API's article lists and the export use them.

Adding a filter: declare it on :class:`ArticleFilter` with a bilingual label
("中文 / English"); it shows up on the search page, in both API endpoints
and in the OpenAPI schema. :func:`search` is how a list is answered: it
validates the parameters and hands ``q`` to the one search entry point
(:func:`archive.search.index.service.find`).

Ordering contract: ``ordering`` is always applied LAST. A filter that ranks
results (search relevance) orders the queryset with ``order_by``; an
explicit ``ordering`` parameter then overrides it, and when neither ordered,
:func:`search` falls back to newest first.
"""
from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from archive.models import Article, Byline, Kind, Role
from archive.search.index.service import find

MAX_PAGE_NUMBER = 999
# Newest issue first, then printed order; unique, so paging is stable.
DEFAULT_ORDER = ("-page__issue__date", "page__number", "order")
# Filters the search index answers itself (the words, a date range, its two orders) …
INDEX_FILTERS = frozenset({"q", "date", "date_from", "date_to", "year", "ordering"})
# … and those it cannot: they select the stories the index search is narrowed to.
NARROWING_FILTERS = ("section", "page_number", "person", "role", "kind")
# ``ordering`` values the index pages in its own order; any other goes through SQL.
INDEX_ORDERS = {(): "relevance", ("-date",): "date"}


class WholeNumberFilter(filters.NumberFilter):
    """A whole number within bounds (NumberFilter alone would take decimals)."""

    field_class = forms.IntegerField

    def __init__(self, *, label: str, min_value: int, max_value: int, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, label=label, **kwargs)
        # The schema override replaces the generated one, description included.
        extend_schema_field({"type": "integer", "minimum": min_value, "maximum": max_value, "description": label})(self)


class PageNumberFilter(WholeNumberFilter):
    """A printed page number (版次): a whole number from 1."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, min_value=1, max_value=MAX_PAGE_NUMBER, **kwargs)


class StableOrderingFilter(filters.OrderingFilter):
    """OrderingFilter that breaks ties by id, so page N never repeats page N-1's rows."""

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        return ordered.order_by(*ordered.query.order_by, "pk") if ordered is not qs else qs


ORDERING_FIELDS = (
    ("page__issue__date", "date"),
    ("page__number", "page"),
    ("order", "order"),
    ("published_at", "published_at"),
    ("id", "id"),
)


class ArticleFilter(filters.FilterSet):
    """Filters of ``/search/`` and ``/api/v1/articles/``; every one is optional and they combine with AND."""

    date_from = filters.DateFilter(
        field_name="page__issue__date", lookup_expr="gte", label="出版日期起（含） / Issue date from (inclusive), YYYY-MM-DD"
    )
    date_to = filters.DateFilter(
        field_name="page__issue__date", lookup_expr="lte", label="出版日期止（含） / Issue date to (inclusive), YYYY-MM-DD"
    )
    date = filters.DateFilter(field_name="page__issue__date", label="出版日期 / Issue date, YYYY-MM-DD")
    year = WholeNumberFilter(
        field_name="page__issue__date", lookup_expr="year", min_value=dt.MINYEAR, max_value=dt.MAXYEAR,
        label="出版年份 / Issue year, e.g. 2025",
    )
    section = filters.CharFilter(field_name="section__slug", label="栏目标识（拼音） / Section slug (pinyin)")
    page_number = PageNumberFilter(field_name="page__number", label="版次 / Printed page number (版次)")
    person = filters.CharFilter(
        method="filter_person", label="人物标识：署名中含此人 / Person slug: articles crediting this person"
    )
    role = filters.ChoiceFilter(
        choices=Role.choices,
        method="filter_role",
        label="署名角色；与 person 同用时指此人的角色 / Byline role; with person, that person's role",
    )
    kind = filters.ChoiceFilter(choices=Kind.choices, label="类型：文章或图片新闻 / Kind: article or stand-alone photo")
    q = filters.CharFilter(
        method="filter_q",
        label='全文检索：各词须全部出现，"引号"为短语，-词 为排除；有 q 时按相关度排序 / '
        'Full-text search: every word must occur, "quotes" for a phrase, -word excludes; ordered by relevance',
    )
    ordering = StableOrderingFilter(
        fields=ORDERING_FIELDS,
        label="排序（前加 - 为倒序），默认 -date,page,order / Ordering (prefix - for descending), default -date,page,order",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    @classmethod
    def get_filters(cls):
        filters_ = super().get_filters()
        if "ordering" in filters_:
            filters_["ordering"] = filters_.pop("ordering")  # applied last: see the module docstring
        return filters_

    def _credited(self, queryset, **byline):
        return queryset.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), **byline)))

    def filter_person(self, queryset, name, value):
        role = self.form.cleaned_data.get("role")
        return self._credited(queryset, person__slug=value, **({"role": role} if role else {}))

    def filter_q(self, queryset, name, value):
        # Inside the FilterSet the answer must stay a QuerySet that the other
        # filters and ``ordering`` chain on: the SQL path, ranked by relevance.
        return find(value, queryset=queryset, public=False)

    def filter_role(self, queryset, name, value):
        if self.form.cleaned_data.get("person"):
            return queryset  # filter_person applies the role to that person's byline
        return self._credited(queryset, role=value)


def search(params: QueryDict | dict, *, queryset: QuerySet, public: bool, request=None, lenient: bool = False,
           filterset_class: type[ArticleFilter] = ArticleFilter) -> tuple[ArticleFilter, object]:
    """``(filterset, results)``: the articles of ``queryset`` that ``params`` select, in their order.

    With ``q``, in relevance order (no ``ordering``) or newest first
    (``ordering=-date``), :func:`~archive.search.index.service.find` answers
    (paged in the index for a ``public`` search), with the dates as its range
    and the other filters as the stories it is narrowed to. Otherwise the
    FilterSet's QuerySet answers, in the ``ordering`` asked for or newest first.
    ``public`` says ``queryset`` holds published stories only.

    An invalid value makes ``results`` None (``filterset.errors`` says why);
    with ``lenient`` (the reader site) the invalid values are dropped instead.
    """
    filterset = filterset_class(params, queryset=queryset, request=request)
    if not filterset.is_valid():
        if not lenient:
            return filterset, None
        params = _without(params, filterset.errors)
        filterset = filterset_class(params, queryset=queryset, request=request)
        filterset.is_valid()  # what is left is valid: every field validates on its own
    data = filterset.form.cleaned_data
    order = INDEX_ORDERS.get(tuple(data.get("ordering") or ()))
    if not data.get("q") or order is None:
        results = filterset.qs
        return filterset, results if results.query.order_by else results.order_by(*DEFAULT_ORDER)
    low, high = issue_dates(data)
    narrow = _narrowing(params, filterset_class, queryset, request)
    return filterset, find(data["q"], queryset=queryset, public=public, order=order,
                           date_from=low, date_to=high, narrow=narrow)


def issue_dates(data: dict) -> tuple[dt.date | None, dt.date | None]:
    """The issue-date range that ``date``, ``date_from``, ``date_to`` and ``year`` (all given) leave."""
    lows = [data.get("date"), data.get("date_from")]
    highs = [data.get("date"), data.get("date_to")]
    if data.get("year"):
        lows.append(dt.date(data["year"], 1, 1))
        highs.append(dt.date(data["year"], 12, 31))
    return max(filter(None, lows), default=None), min(filter(None, highs), default=None)


def _without(params: QueryDict | dict, names) -> QueryDict:
    """A copy of ``params`` without ``names``."""
    kept = QueryDict(mutable=True)
    for name, values in (params.lists() if isinstance(params, QueryDict) else ((k, [v]) for k, v in params.items())):
        if name not in names:
            kept.setlist(name, values)
    return kept


def _narrowing(params, filterset_class, queryset: QuerySet, request) -> QuerySet | None:
    """The stories the filters other than the index's select, or None when none is given."""
    if not any(params.get(name) for name in NARROWING_FILTERS):
        return None
    kept = _without(params, set(params) - set(NARROWING_FILTERS))
    return filterset_class(kept, queryset=queryset, request=request).qs
