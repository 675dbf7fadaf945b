"""Anonymous API lists are public for a minute, answer 304 to their ETag and come from the shared cache."""
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from archive import services
from archive.models import Article
from newsroom.settings import DATABASE_CACHES

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/articles/", "/api/v1/articles/?q=郑州", "/api/v1/articles/?section=qu-xian-xin-wen&page_size=5",
    "/api/v1/issues/", "/api/v1/pages/", "/api/v1/sections/", "/api/v1/people/", "/api/v1/articles/harvest/",
]
NEW_HEADLINE = "河南省首支市场化天使子基金合作落地"


def _article() -> Article:
    return Article.objects.get(page__issue__date="2025-01-02", page__number=6, order=7)


@pytest.mark.parametrize("url", LISTS)
def test_the_second_anonymous_list_request_is_answered_without_a_query(api, sample_pages, url, django_assert_num_queries):
    first = api.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = api.get(url)
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert not second.cookies


def test_a_list_answers_its_etag_with_304_from_the_cache(api, sample_pages, django_assert_num_queries):
    etag = api.get("/api/v1/articles/")["ETag"]
    with django_assert_num_queries(0):
        response = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_an_edit_through_the_services_shows_in_the_next_list(api, sample_pages):
    url = "/api/v1/articles/?date=2025-01-02&page_size=100"
    etag = api.get(url)["ETag"]
    services.article_update(article=_article(), fields={"headline": NEW_HEADLINE})
    response = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert NEW_HEADLINE in response.content.decode()


def test_an_unpublished_story_leaves_the_next_anonymous_list(api, sample_pages):
    url = "/api/v1/articles/?date=2025-01-02&page_size=100"
    article = _article()
    assert article.pk in {a["id"] for a in api.get(url).json()["results"]}
    services.article_unpublish(article=article)
    assert article.pk not in {a["id"] for a in api.get(url).json()["results"]}


def test_an_editors_list_with_drafts_is_neither_cached_nor_served_to_anonymous_clients(api, editor_api, draft):
    url = "/api/v1/articles/?date=2025-01-02&page_size=100"
    for _ in range(2):
        seen = editor_api.get(url)
        assert draft.pk in {a["id"] for a in seen.json()["results"]}
        assert "Age" not in seen and "public" not in seen.get("Cache-Control", "")
    assert draft.pk not in {a["id"] for a in api.get(url).json()["results"]}


def test_a_token_client_is_never_served_from_the_cache(api, editor, sample_pages):
    from rest_framework.authtoken.models import Token

    api.get("/api/v1/sections/")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    assert "Age" not in client.get("/api/v1/sections/")


def test_details_and_the_browsable_api_are_not_cached(api, sample_pages):
    for url in (f"/api/v1/articles/{_article().pk}/", "/api/v1/sections/?format=api"):
        api.get(url)
        assert "Age" not in api.get(url), url


@override_settings(CACHES=DATABASE_CACHES)
def test_with_the_database_cache_an_edit_shows_in_the_next_list(api, sample_pages):
    url = "/api/v1/articles/?date=2025-01-02&page_size=100"
    api.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert "Age" in api.get(url)
    # The throttle's count and the cached list: nothing of the archive is read.
    read = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert read and all('FROM "archive_cache"' in sql or 'FROM "archive_throttle"' in sql for sql in read)
    services.article_update(article=_article(), fields={"headline": NEW_HEADLINE})
    assert NEW_HEADLINE in api.get(url).content.decode()
