"""The article filters, declared once: the reader site's /search/ and the API's article lists use them.

Adding a filter: declare it on :class:`ArticleFilter` with a bilingual label
("中文 / English"); it shows up on the search page, in both API endpoints
and in the OpenAPI schema.

Ordering contract: ``ordering`` is always applied LAST. A filter that ranks
results (search relevance) orders the queryset with ``order_by``; an
explicit ``ordering`` parameter then overrides it, and when neither ordered,
the API viewset falls back to newest first (see ``ArticleViewSet.filter_queryset``).
"""
from django import forms
from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from archive.models import Article, Byline, Kind, Role
from archive.search.index.service import search_articles


MAX_PAGE_NUMBER = 999


class PageNumberFilter(filters.NumberFilter):
    """A printed page number (版次): a whole number from 1 (NumberFilter alone would take decimals)."""

    field_class = forms.IntegerField

    def __init__(self, *, label: str, **kwargs):
        super().__init__(min_value=1, max_value=MAX_PAGE_NUMBER, label=label, **kwargs)
        # The schema override replaces the generated one, description included.
        extend_schema_field(
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_NUMBER, "description": label}
        )(self)


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
    """Filters of ``/api/v1/articles/``; every one is optional and they combine with AND."""

    date_from = filters.DateFilter(
        field_name="page__issue__date", lookup_expr="gte", label="出版日期起（含） / Issue date from (inclusive), YYYY-MM-DD"
    )
    date_to = filters.DateFilter(
        field_name="page__issue__date", lookup_expr="lte", label="出版日期止（含） / Issue date to (inclusive), YYYY-MM-DD"
    )
    date = filters.DateFilter(field_name="page__issue__date", label="出版日期 / Issue date, YYYY-MM-DD")
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
        return search_articles(value, queryset=queryset)

    def filter_role(self, queryset, name, value):
        if self.form.cleaned_data.get("person"):
            return queryset  # filter_person applies the role to that person's byline
        return self._credited(queryset, role=value)
