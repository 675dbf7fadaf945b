"""Filters of the API's structure lists; the article filters live in :mod:`archive.filters`."""
from django_filters import rest_framework as filters

from archive.filters import ArticleFilter, PageNumberFilter
from archive.models import Issue, Page


class ArticleHarvestFilter(ArticleFilter):
    """The article filters without ``ordering``: the harvest cursor fixes the order."""

    @classmethod
    def get_filters(cls):
        filters_ = super().get_filters()
        filters_.pop("ordering", None)
        return filters_


class PageFilter(filters.FilterSet):
    """Filters of ``/api/v1/pages/``."""

    date = filters.DateFilter(field_name="issue__date", label="出版日期 / Issue date, YYYY-MM-DD")
    number = PageNumberFilter(field_name="number", label="版次 / Printed page number")
    section = filters.CharFilter(field_name="section__slug", label="默认栏目标识 / Default section slug")

    class Meta:
        model = Page
        fields: list[str] = []


class IssueFilter(filters.FilterSet):
    """Filters of ``/api/v1/issues/``."""

    date_from = filters.DateFilter(field_name="date", lookup_expr="gte", label="出版日期起（含） / Issue date from")
    date_to = filters.DateFilter(field_name="date", lookup_expr="lte", label="出版日期止（含） / Issue date to")

    class Meta:
        model = Issue
        fields: list[str] = []
