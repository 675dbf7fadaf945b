"""Staff preview of a draft on the public article template, by a signed link that expires."""
import time
import types

import pytest
from django.core import signing
from django.urls import reverse

from archive import services
from archive.models import Article
from archive.site.preview import preview_url

pytestmark = pytest.mark.django_db

HEADLINE = "荥阳举办新年音乐会"


@pytest.fixture
def draft(sample_pages):
    article = Article.objects.get(headline=HEADLINE)
    services.article_unpublish(article=article)
    return article


def test_a_valid_link_shows_the_draft_on_the_article_template_uncached_and_unindexed(client, draft):
    response = client.get(preview_url(article=draft))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "archive/article.html"
    html = response.content.decode()
    assert HEADLINE in html and "预览：" in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_draft_itself_stays_hidden_from_readers(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/articles/{draft.pk}/?format=json").status_code == 404
    assert draft.get_absolute_url() not in client.get("/feeds/atom/").content.decode()
    assert draft.get_absolute_url() not in client.get("/sitemap-articles.xml").content.decode()
    assert draft.get_absolute_url() not in client.get("/search/", {"q": HEADLINE}).content.decode()


def test_tampered_link_is_404(client, draft):
    url = preview_url(article=draft)
    other = Article.objects.exclude(pk=draft.pk).first()
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = token.replace(f"{draft.pk}:", f"{other.pk}:", 1)
    assert client.get(reverse("archive:preview", kwargs={"token": forged})).status_code == 404
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_expired_link_is_404(client, draft, monkeypatch, settings):
    settings.PREVIEW_MAX_AGE = 3600
    url = preview_url(article=draft)
    later = time.time() + 3601
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: later))
    assert client.get(url).status_code == 404


def test_no_token_is_404(client, draft):
    assert client.get("/preview/").status_code == 404
    assert client.get(reverse("archive:preview", kwargs={"token": str(draft.pk)})).status_code == 404


def test_article_change_page_links_to_the_preview(client, editor, draft):
    client.force_login(editor)
    html = client.get(reverse("admin:archive_article_change", args=[draft.pk])).content.decode()
    assert 'class="preview-link"' in html and ">预览</a>" in html
    link = html.split('class="preview-link"')[0].rsplit('href="', 1)[1].split('"')[0]
    client.logout()
    assert HEADLINE in client.get(link).content.decode()
