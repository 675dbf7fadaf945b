"""The contract the search filter relies on: a ranking filter's order survives, ``ordering`` overrides it."""
import pytest
from django.db.models import Case, IntegerField, Value, When
from django_filters import rest_framework as filters

from archive.api.views import ArticleViewSet
from archive.filters import ArticleFilter
from archive.models import Article

pytestmark = pytest.mark.django_db


class RankingFilter(ArticleFilter):
    """Stands in for the search work's ``q``: ranks headlines containing the term first."""

    q = filters.CharFilter(method="filter_q", label="全文检索 / Full-text search")

    def filter_q(self, queryset, name, value):
        rank = Case(When(headline__contains=value, then=Value(1)), default=Value(0), output_field=IntegerField())
        return queryset.annotate(rank=rank).filter(rank=1).order_by("-rank", "-id")  # unlike the default order


@pytest.fixture
def ranking(monkeypatch):
    monkeypatch.setattr(ArticleViewSet, "filterset_class", RankingFilter)
    monkeypatch.setattr(ArticleViewSet, "_index_paged", lambda self: False)  # the index would page `q` itself


def test_ordering_is_applied_after_every_other_filter():
    assert list(RankingFilter.base_filters)[-1] == "ordering"


def test_a_ranking_filter_keeps_its_order(api, sample_pages, ranking):
    ids = [i["id"] for i in api.get("/api/v1/articles/", {"q": "新年"}).json()["results"]]
    expected = list(Article.objects.filter(headline__contains="新年").order_by("-id").values_list("id", flat=True))
    assert len(ids) >= 2 and ids == expected


def test_explicit_ordering_overrides_the_ranking(api, sample_pages, ranking):
    items = api.get("/api/v1/articles/", {"q": "新年", "ordering": "-order"}).json()["results"]
    orders = [i["order"] for i in items]
    assert len(orders) >= 2 and orders == sorted(orders, reverse=True)
