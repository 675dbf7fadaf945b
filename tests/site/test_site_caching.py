"""Past issues answer conditional GETs with 304 until something on the issue changes."""
import pytest
from django.utils.http import http_date

from archive import services
from archive.models import Article

pytestmark = pytest.mark.django_db

URLS = ["/2025/01/02/", "/2025/01/02/6/", "/2025/01/02/6/3/"]


@pytest.mark.parametrize("url", URLS)
def test_past_issue_pages_send_validators_and_a_long_public_cache(client, sample_pages, url):
    response = client.get(url)
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]


@pytest.mark.parametrize("url", URLS)
def test_same_etag_answers_304_without_a_body(client, sample_pages, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_if_modified_since_answers_304(client, sample_pages):
    last_modified = client.get("/2025/01/02/6/1/")["Last-Modified"]
    assert client.get("/2025/01/02/6/1/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/2025/01/02/6/1/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_a_correction_to_the_issue_changes_the_etag(client, sample_pages):
    etag = client.get("/2025/01/02/6/1/")["ETag"]
    article = Article.objects.get(page__issue__date="2025-01-02", order=3)
    services.article_update(article=article, fields={"headline": "荥阳举办2025新年音乐会"})
    response = client.get("/2025/01/02/6/1/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_deleting_an_article_changes_the_etag(client, sample_pages):
    etag = client.get("/2025/01/02/").get("ETag")
    services.article_delete(article=Article.objects.get(page__issue__date="2025-01-02", order=11))
    assert client.get("/2025/01/02/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_other_issues_keep_their_etag_when_one_changes(client, sample_pages):
    etag = client.get("/2023/02/16/")["ETag"]
    article = Article.objects.get(page__issue__date="2025-01-02", order=3)
    services.article_update(article=article, fields={"headline": "荥阳举办2025新年音乐会"})
    assert client.get("/2023/02/16/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_home_is_cached_briefly_and_answers_conditional_requests(client, sample_pages):
    response = client.get("/")
    assert "max-age=300" in response["Cache-Control"]
    assert client.get("/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_etag_differs_between_pages_of_one_issue(client, sample_pages):
    assert client.get("/2025/01/02/")["ETag"] != client.get("/2025/01/02/6/")["ETag"]


def test_todays_issue_is_cached_briefly(client, db):
    from django.utils import timezone

    from synthetic_pages import add_issues

    today = timezone.localdate()
    add_issues(1, start=today, pages_per_issue=1, stories=1)
    response = client.get(f"/{today:%Y/%m/%d}/")
    assert response.status_code == 200
    assert "max-age=300" in response["Cache-Control"]
