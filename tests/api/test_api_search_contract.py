"""The contract :func:`archive.filters.search` relies on: ``ordering`` comes last, ``find`` picks index or SQL."""
import pytest
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django_filters import rest_framework as filters

from archive import selectors
from archive.api.views import ArticleViewSet
from archive.filters import ArticleFilter, search
from archive.models import Article
from archive.search.index.results import SearchResults

pytestmark = pytest.mark.django_db


class RankingFilter(ArticleFilter):
    """Stands in for the search work's ``q``: ranks headlines containing the term first."""

    q = filters.CharFilter(method="filter_q", label="全文检索 / Full-text search")

    def filter_q(self, queryset, name, value):
        rank = Case(When(headline__contains=value, then=Value(1)), default=Value(0), output_field=IntegerField())
        return queryset.annotate(rank=rank).filter(rank=1).order_by("-rank", "-id")  # unlike the default order


def test_ordering_is_applied_after_every_other_filter():
    assert list(RankingFilter.base_filters)[-1] == "ordering"


def test_a_ranking_filter_keeps_its_order(sample_pages):
    ranked = RankingFilter({"q": "新年"}, queryset=Article.objects.all()).qs
    expected = list(Article.objects.filter(headline__contains="新年").order_by("-id").values_list("id", flat=True))
    assert len(expected) >= 2 and list(ranked.values_list("id", flat=True)) == expected


def test_explicit_ordering_overrides_the_ranking(api, sample_pages, monkeypatch):
    monkeypatch.setattr(ArticleViewSet, "filterset_class", RankingFilter)
    items = api.get("/api/v1/articles/", {"q": "新年", "ordering": "-order"}).json()["results"]
    orders = [i["order"] for i in items]
    assert len(orders) >= 2 and orders == sorted(orders, reverse=True)


@pytest.mark.parametrize("ordering", ["", "-date"])
def test_a_public_search_in_relevance_or_date_order_is_paged_in_the_index(sample_pages, ordering):
    public = selectors.articles(public=True)
    _, paged = search({"q": "郑州", "ordering": ordering}, queryset=public, public=True)
    _, sql = search({"q": "郑州", "ordering": ordering}, queryset=public, public=False)
    assert isinstance(paged, SearchResults) and isinstance(sql, QuerySet)
    hits = paged[:100]
    assert paged.count() > 1 and {a.pk for a in hits} == {a.pk for a in sql}
    # Within an issue the index orders by id, SQL by printed position: the issues come in the same order.
    assert [a.page.issue.date for a in hits] == [a.page.issue.date for a in sql]


def test_any_other_ordering_and_no_words_answer_in_sql(sample_pages):
    public = selectors.articles(public=True)
    _, ordered = search({"q": "郑州", "ordering": "id"}, queryset=public, public=True)
    _, unsearched = search({"section": "zheng-dong-xin-qu-zhou-bao"}, queryset=public, public=True)
    assert isinstance(ordered, QuerySet) and isinstance(unsearched, QuerySet)
    dates = [a.page.issue.date for a in unsearched]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)


def test_an_invalid_value_gives_no_results_unless_lenient(sample_pages):
    public = selectors.articles(public=True)
    strict, none = search({"q": "郑州", "year": "二〇二五"}, queryset=public, public=True)
    lenient, results = search({"q": "郑州", "year": "二〇二五"}, queryset=public, public=True, lenient=True)
    assert none is None and set(strict.errors) == {"year"}
    assert results.count() == search({"q": "郑州"}, queryset=public, public=True)[1].count() > 0
