"""/search/ and /api/v1/articles/ take the same filter names with the same meaning: one table drives both.

Each row is a filter and what it means for one story, checked against the
sample pages (the truth is a LIKE-style scan of the words, the published
stories and the row's predicate), on the site's hits and the API's rows.
"""
import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from archive.models import Article, Kind
from search_helpers import texts_by_id, truth

pytestmark = pytest.mark.django_db

WORDS = "区"  # in most stories of every page: each filter has something to keep and something to drop
PERSON, ROLE, SECTION = "sun-zhi-gang", "photographer", "zheng-dong-xin-qu-zhou-bao"
DISJOINT = {"year": "2024", "date_from": "2025-01-01"}  # a year and a range intersect, here in nothing

FILTERS = [
    ({}, lambda a: True),
    ({"date": "2025-01-02"}, lambda a: a.page.issue.date == dt.date(2025, 1, 2)),
    ({"date_from": "2024-01-01"}, lambda a: a.page.issue.date >= dt.date(2024, 1, 1)),
    ({"date_to": "2023-12-31"}, lambda a: a.page.issue.date <= dt.date(2023, 12, 31)),
    ({"year": "2023"}, lambda a: a.page.issue.date.year == 2023),
    (DISJOINT, lambda a: False),
    ({"section": SECTION}, lambda a: a.section is not None and a.section.slug == SECTION),
    ({"page_number": "6"}, lambda a: a.page.number == 6),
    ({"person": PERSON}, lambda a: any(b.person.slug == PERSON for b in a.bylines.all())),
    ({"role": ROLE}, lambda a: any(b.role == ROLE for b in a.bylines.all())),
    ({"person": PERSON, "role": "reporter"},
     lambda a: any(b.person.slug == PERSON and b.role == "reporter" for b in a.bylines.all())),
    ({"kind": "photo"}, lambda a: a.kind == Kind.PHOTO),
    ({"ordering": "-date"}, lambda a: True),
]


def site_ids(client, params: dict) -> list[int]:
    """Every hit of /search/, page after page, in the order shown."""
    url, found = reverse("archive:search") + "?", []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200
        found += [hit["article"].pk for hit in response.context["hits"]]
        if not response.context["next_url"]:
            assert response.context["count"] == len(found)
            return found
        response = client.get(reverse("archive:search") + response.context["next_url"])


def api_ids(params: dict) -> list[int]:
    body = APIClient().get("/api/v1/articles/", {"page_size": 100, **params}).json()
    assert body["count"] == len(body["results"])
    return [item["id"] for item in body["results"]]


def expected_ids(predicate) -> set[int]:
    articles = Article.objects.published().select_related("page__issue", "section").prefetch_related("bylines__person")
    return truth(texts_by_id(), [WORDS]) & {a.pk for a in articles if predicate(a)}


@pytest.mark.parametrize(("filters", "predicate"), FILTERS, ids=lambda f: ",".join(f) or "q" if isinstance(f, dict) else "")
def test_site_and_api_keep_the_same_stories_for_each_filter(client, sample_pages, filters, predicate):
    params = {"q": WORDS, **filters}
    expected = expected_ids(predicate)
    assert expected or filters is DISJOINT
    assert (expected != expected_ids(lambda a: True)) == bool(filters.keys() - {"ordering"})
    on_site, in_api = site_ids(client, params), api_ids(params)
    assert set(on_site) == expected == set(in_api)
    assert on_site == in_api  # the same order too: both are paged by the index


def test_newest_first_is_the_same_order_on_both(client, sample_pages):
    params = {"q": WORDS, "ordering": "-date"}
    on_site = site_ids(client, params)
    dates = dict(Article.objects.filter(pk__in=on_site).values_list("pk", "page__issue__date"))
    assert [dates[pk] for pk in on_site] == sorted(dates.values(), reverse=True)
    assert on_site == api_ids(params) != site_ids(client, {"q": WORDS})
