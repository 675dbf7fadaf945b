"""Public pages are kept in the shared cache for anonymous readers and dropped when content under them changes."""
import datetime as dt

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory, override_settings

from archive import cache as page_cache
from archive import services
from archive.models import Article, Person
from archive.site.preview import preview_url
from newsroom.settings import DATABASE_CACHES

pytestmark = pytest.mark.django_db

ARTICLE = "/2025/01/02/6/7/"
PUBLIC_URLS = [
    "/", "/issues/", "/2025/01/02/", "/2025/01/02/6/", ARTICLE, "/sections/qu-xian-xin-wen/",
    "/people/tan-yan-feng/", "/corrections/", "/feeds/atom/", "/feeds/sections/qu-xian-xin-wen/atom/",
    "/corrections/atom/", "/sitemap.xml",
]


def _article() -> Article:
    return Article.objects.get(page__issue__date=dt.date(2025, 1, 2), page__number=6, order=7)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_the_second_anonymous_request_is_answered_without_a_query(client, sample_pages, url, django_assert_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Set-Cookie" not in second and not second.cookies


def test_a_cached_page_still_answers_if_none_match_with_304(client, sample_pages, django_assert_num_queries):
    etag = client.get(ARTICLE)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_page_without_its_own_validators_gets_an_etag_that_answers_304(client, sample_pages):
    etag = client.get("/corrections/")["ETag"]
    assert client.get("/corrections/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_edit_through_the_services_shows_on_the_next_request(client, sample_pages):
    client.get(ARTICLE), client.get("/2025/01/02/6/")
    services.article_update(article=_article(), fields={"headline": "河南省首支市场化天使子基金合作落地"})
    for url in (ARTICLE, "/2025/01/02/6/", "/feeds/atom/"):
        assert "河南省首支市场化天使子基金合作落地" in client.get(url).content.decode(), url


def test_unpublishing_and_publishing_show_on_the_next_request(client, sample_pages):
    assert client.get(ARTICLE).status_code == 200
    services.article_unpublish(article=_article())
    assert client.get(ARTICLE).status_code == 404
    services.article_publish(article=_article())
    assert client.get(ARTICLE).status_code == 200


def test_a_correction_shows_on_the_article_and_the_corrections_page(client, sample_pages):
    client.get(ARTICLE), client.get("/corrections/")
    services.correction_add(article=_article(), note="原文中“天使基金”规模有误，应为5亿元。", user=None)
    assert "规模有误" in client.get(ARTICLE).content.decode()
    assert "规模有误" in client.get("/corrections/").content.decode()


def test_a_person_merge_shows_on_the_person_page(client, sample_pages):
    source = Person.objects.get(slug="tan-yan-feng")
    target = services.person_get_or_create(name="覃岩锋")[0]
    assert client.get("/people/tan-yan-feng/").status_code == 200
    services.person_merge(source=source, target=target)
    assert client.get("/people/tan-yan-feng/").status_code == 404


def test_staff_get_a_fresh_page_and_never_fill_the_cache(client, editor, sample_pages):
    page = "/2025/01/02/6/"
    client.get(page)
    # An update that bypasses the services: only a fresh render can show it.
    Article.objects.filter(pk=_article().pk).update(headline="只有新渲染的页面才有的标题")
    assert "只有新渲染的页面才有的标题" not in client.get(page).content.decode()
    client.force_login(editor)
    assert "只有新渲染的页面才有的标题" in client.get(page).content.decode()
    client.get(ARTICLE)
    client.logout()
    assert "Age" not in client.get(ARTICLE)  # rendered for this reader, not the copy made for staff


def test_previews_and_search_are_never_served_from_the_cache(client, sample_pages):
    article = _article()
    services.article_unpublish(article=article)
    link = preview_url(article=article)
    client.get(link), client.get("/search/?q=郑州")
    Article.objects.filter(pk=article.pk).update(kicker="绕过服务改的引题")
    assert "绕过服务改的引题" in client.get(link).content.decode()
    assert "Age" not in client.get("/search/?q=郑州")


def _view_that(does):
    calls = []

    @page_cache.public_page
    def view(request):
        calls.append(request)
        response = HttpResponse("<p>郑州日报</p>")
        does(request, response)
        return response

    return view, calls


@pytest.mark.parametrize("does", [
    lambda request, response: get_token(request),
    lambda request, response: response.set_cookie("seen", "1"),
    lambda request, response: request.session.__setitem__("visited", True),
    lambda request, response: response.__setitem__("Cache-Control", "private"),
], ids=["csrf token", "cookie", "session write", "private"])
def test_a_response_meant_for_one_reader_is_not_kept(db, does):
    from django.contrib.sessions.backends.db import SessionStore

    view, calls = _view_that(does)
    for _ in range(2):
        request = RequestFactory().get("/demo/")
        request.session = SessionStore()
        view(request)
    assert len(calls) == 2


def test_a_reader_with_a_session_cookie_is_served_from_the_cache_but_never_fills_it(client, sample_pages):
    client.cookies["sessionid"] = "no-such-session"
    client.get(ARTICLE)
    assert "Age" not in client.get(ARTICLE)
    del client.cookies["sessionid"]
    client.get(ARTICLE)
    client.cookies["sessionid"] = "no-such-session"
    assert "Age" in client.get(ARTICLE)


def test_saves_in_one_transaction_draw_one_new_generation_on_commit(sample_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for article in Article.objects.all()[:5]:
            article.save()
    assert callbacks.count(page_cache._new_generation) == 1


def test_a_lost_generation_makes_every_entry_stale(client, sample_pages):
    client.get(ARTICLE)
    assert "Age" in client.get(ARTICLE)
    cache.delete(page_cache.GENERATION_KEY)
    assert "Age" not in client.get(ARTICLE)


@override_settings(CACHES=DATABASE_CACHES)
def test_with_the_database_cache_a_hit_is_one_query_and_an_edit_shows(client, sample_pages, django_assert_num_queries):
    etag = client.get(ARTICLE)["ETag"]
    with django_assert_num_queries(1):
        assert client.get(ARTICLE).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.article_update(article=_article(), fields={"headline": "河南省首支市场化天使子基金合作落地"})
    assert "河南省首支市场化天使子基金合作落地" in client.get(ARTICLE).content.decode()
