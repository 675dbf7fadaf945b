"""Numbered pages for lists and the cursor walk of /api/v1/articles/harvest/."""
import base64
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from api_helpers import import_synthetic_pages

from archive import services
from archive.models import Article, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_archive(sample_pages):
    """The sample pages plus 24 synthetic pages of 5 stories: well over 100 articles."""
    import_synthetic_pages(pages=24, stories=5)
    assert Article.objects.count() > 100


def test_list_pages_by_twenty_with_count_and_links(api, big_archive):
    body = api.get("/api/v1/articles/").json()
    assert set(body) == {"count", "count_is_estimate", "next", "previous", "results"}
    assert body["count"] == Article.objects.count() and body["count_is_estimate"] is False
    assert len(body["results"]) == 20 and body["previous"] is None
    assert parse_qs(urlsplit(body["next"]).query)["page"] == ["2"]
    second = api.get(body["next"]).json()
    assert second["previous"] is not None
    assert not {i["id"] for i in body["results"]} & {i["id"] for i in second["results"]}


def test_page_size_is_capped_at_one_hundred(api, big_archive):
    assert len(api.get("/api/v1/articles/", {"page_size": 7}).json()["results"]) == 7
    assert len(api.get("/api/v1/articles/", {"page_size": 500}).json()["results"]) == 100


def test_numbered_pages_cover_every_article_once(api, big_archive):
    seen = []
    url = "/api/v1/articles/?page_size=33"
    while url:
        body = api.get(url).json()
        seen += [i["id"] for i in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(Article.objects.values_list("id", flat=True))


@pytest.mark.parametrize("page", ["999", "0", "第二页"])
def test_a_page_past_the_end_or_not_a_number_is_404(api, sample_pages, page):
    response = api.get("/api/v1/articles/", {"page": page})
    assert response.status_code == 404
    assert "detail" in response.json()


def walk_harvest(api, url):
    seen, pages = [], 0
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert set(body) == {"next", "previous", "results"}
        seen += body["results"]
        url, pages = body["next"], pages + 1
    return seen, pages


def test_harvest_walks_every_published_article_once_oldest_first(api, big_archive):
    items, pages = walk_harvest(api, "/api/v1/articles/harvest/?page_size=40")
    ids = [i["id"] for i in items]
    assert sorted(ids) == sorted(Article.objects.filter(status=Status.PUBLISHED).values_list("id", flat=True))
    assert len(ids) == len(set(ids)) and pages == -(-len(ids) // 40)
    keys = [(i["date"], i["id"]) for i in items]
    assert keys == sorted(keys)
    assert "body" in items[0] and "photos" in items[0]


def test_harvest_takes_the_article_filters_and_caps_page_size(api, big_archive):
    items, _ = walk_harvest(api, "/api/v1/articles/harvest/?section=zheng-dong-xin-qu-zhou-bao")
    assert items and {i["section"]["slug"] for i in items} == {"zheng-dong-xin-qu-zhou-bao"}
    assert len(api.get("/api/v1/articles/harvest/", {"page_size": 1000}).json()["results"]) == 100


def test_harvest_does_not_repeat_when_later_issues_arrive_mid_walk(api, sample_pages):
    first = api.get("/api/v1/articles/harvest/", {"page_size": 10}).json()
    import_synthetic_pages(pages=2, stories=3, start=dt.date(2026, 1, 5))
    rest, _ = walk_harvest(api, first["next"])
    ids = [i["id"] for i in first["results"] + rest]
    assert len(ids) == len(set(ids)) == Article.objects.filter(status=Status.PUBLISHED).count()


def test_harvest_skips_nothing_when_a_story_already_served_is_removed_mid_walk(api, sample_pages):
    first = api.get("/api/v1/articles/harvest/", {"page_size": 3}).json()
    served = [i["id"] for i in first["results"]]
    assert len({i["date"] for i in first["results"]}) == 1  # the walk stops inside one date
    services.article_delete(article=Article.objects.get(pk=served[0]))
    rest, _ = walk_harvest(api, first["next"])
    expected = set(Article.objects.filter(status=Status.PUBLISHED).values_list("id", flat=True)) - set(served)
    assert [i["id"] for i in rest] == sorted(expected, key=lambda pk: (Article.objects.get(pk=pk).page.issue.date, pk))


def test_harvest_walks_back_with_previous(api, sample_pages):
    forward, _ = walk_harvest(api, "/api/v1/articles/harvest/?page_size=4")
    last = api.get("/api/v1/articles/harvest/", {"page_size": 4})
    while last.json()["next"]:
        last = api.get(last.json()["next"])
    backward, url = [], last.json()["previous"]
    while url:
        body = api.get(url).json()
        backward = body["results"] + backward
        url = body["previous"]
    assert [i["id"] for i in backward + last.json()["results"]] == [i["id"] for i in forward]


@pytest.mark.parametrize("cursor", ["o=第三页&p=2025-01-02", "o=1&p=二〇二五年", "p=2025-02-30", "p=2025-01-02",
                                    "p=2025-01-02~七", "r=1&p=~5"])
def test_a_forged_cursor_is_404_not_500(api, sample_pages, cursor):
    forged = base64.b64encode(cursor.encode()).decode()
    response = api.get("/api/v1/articles/harvest/", {"cursor": forged})
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/articles/harvest/", "/api/v1/people/"])
@pytest.mark.parametrize("size", ["0", "-5", "二十", "2.5"])
def test_a_page_size_that_is_not_a_positive_whole_number_is_a_400(api, sample_pages, url, size):
    response = api.get(url, {"page_size": size})
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_empty_paging_and_filter_values_mean_not_given(api, sample_pages):
    body = api.get("/api/v1/articles/", {"page": "", "page_size": "", "date": "", "ordering": ""}).json()
    assert body["count"] == Article.objects.count() and len(body["results"]) == 20
