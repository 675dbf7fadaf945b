"""Section and person pages answer conditional GETs with 304 until something they show changes."""
import datetime as dt

import pytest
from django.utils import timezone
from django.utils.http import http_date

from archive import services
from archive.models import Article, Person, Role, Section
from synthetic_pages import add_issues

pytestmark = pytest.mark.django_db

SECTION = "/sections/zheng-dong-xin-qu-zhou-bao/"  # 郑东新区·周报
PERSON = "/people/tan-yan-feng/"  # 覃岩峰, reporter on ten sample stories
URLS = [SECTION, PERSON]


def revalidate(client, url: str, etag: str):
    return client.get(url, HTTP_IF_NONE_MATCH=etag)


def edit_headline(*, date: str, page: int, order: int, headline: str) -> None:
    article = Article.objects.get(page__issue__date=date, page__number=page, order=order)
    services.article_update(article=article, fields={"headline": headline})


@pytest.mark.parametrize("url", URLS)
def test_sends_etag_last_modified_and_a_short_public_cache(client, sample_pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


@pytest.mark.parametrize("url", URLS)
def test_same_etag_answers_304_without_a_body(client, sample_pages, url):
    response = revalidate(client, url, client.get(url)["ETag"])
    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize("url", URLS)
def test_if_modified_since_answers_304_and_an_older_date_200(client, sample_pages, url):
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_a_correction_to_one_of_its_stories_answers_200_again(client, sample_pages, url):
    first = client.get(url)
    # 2025-01-02 第6版 第7篇: 郑东新区·周报, reporter 覃岩峰.
    edit_headline(date="2025-01-02", page=6, order=7, headline="河南省首支市场化天使子基金合作落地")
    response = revalidate(client, url, first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "河南省首支市场化天使子基金合作落地" in response.content.decode()


@pytest.mark.parametrize("url", URLS)
def test_a_correction_answers_200_to_if_modified_since(client, sample_pages, url):
    # Last-Modified counts whole seconds: date the archive an hour back so the edit is later.
    Article.objects.update(updated_at=timezone.now() - dt.timedelta(hours=1))
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    edit_headline(date="2025-01-02", page=6, order=7, headline="河南省首支市场化天使子基金合作落地")
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_unpublishing_one_of_its_stories_answers_200_again(client, sample_pages, url):
    etag = client.get(url)["ETag"]
    article = Article.objects.get(page__issue__date="2025-01-02", page__number=6, order=11)
    services.article_unpublish(article=article)
    assert revalidate(client, url, etag).status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_a_change_to_a_story_it_does_not_show_keeps_304(client, sample_pages, url):
    etag = client.get(url)["ETag"]
    # 2025-01-03 第7版: section 逐新2025, no byline of 覃岩峰.
    edit_headline(date="2025-01-03", page=7, order=1, headline="逐新2025：郑州新年第一天")
    assert revalidate(client, url, etag).status_code == 304


def test_a_new_byline_answers_200_on_the_person_page(client, sample_pages):
    etag = client.get(PERSON)["ETag"]
    article = Article.objects.get(page__issue__date="2021-07-23", page__number=8, order=4)
    services.article_update(
        article=article, fields={}, bylines=[("马燕", Role.REPORTER), ("覃岩峰", Role.REPORTER)]
    )
    response = revalidate(client, PERSON, etag)
    assert response.status_code == 200
    assert "郑东新区 召开防汛会商会议" in response.content.decode()


def test_a_new_section_description_answers_200(client, sample_pages):
    etag = client.get(SECTION)["ETag"]
    section = Section.objects.get(slug="zheng-dong-xin-qu-zhou-bao")
    section.description = "郑东新区每周要闻"
    section.save()
    response = revalidate(client, SECTION, etag)
    assert response.status_code == 200
    assert "郑东新区每周要闻" in response.content.decode()


def test_a_new_bio_answers_200(client, sample_pages):
    etag = client.get(PERSON)["ETag"]
    services.person_save(person=Person.objects.get(slug="tan-yan-feng"), fields={"bio": "郑州日报记者，跑郑东新区线"})
    assert revalidate(client, PERSON, etag).status_code == 200


def test_each_page_of_a_long_section_has_its_own_etag(client, db):
    add_issues(12, start=dt.date(2019, 3, 1), pages_per_issue=1, stories=2)
    url = "/sections/qu-xian-xin-wen/"
    first, second = client.get(url)["ETag"], client.get(url + "?page=2")["ETag"]
    assert first != second
    assert revalidate(client, url + "?page=2", first).status_code == 200
    assert revalidate(client, url + "?page=2", second).status_code == 304


@pytest.mark.parametrize("url", ["/sections/mei-you-zhe-ge-lan-mu/", "/people/mei-you-zhe-ge-ren/"])
def test_unknown_slug_with_validators_is_still_404(client, sample_pages, url):
    response = client.get(url, HTTP_IF_NONE_MATCH='"abc"', HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert response.status_code == 404


def test_section_whose_stories_are_all_unpublished_is_404_not_304(client, sample_pages):
    etag = client.get("/sections/zhu-xin-2025/")["ETag"]
    services.articles_set_status(articles=Article.objects.filter(section__slug="zhu-xin-2025"), publish=False)
    assert revalidate(client, "/sections/zhu-xin-2025/", etag).status_code == 404
