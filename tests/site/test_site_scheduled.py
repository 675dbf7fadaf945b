"""A story scheduled for 2025-01-04 12:00 北京时间: hidden on every public surface before, shown after.

The clock is fixed (``clock`` fixture: 09:00 that day) and moved past the
time; nothing sleeps. Search learns of it through ``publish_scheduled``.
"""
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from archive import services
from archive.models import Article

pytestmark = pytest.mark.django_db

HEADLINE = "深化“八大工程” 奋力谱写新时代中原更加出彩绚丽篇章"  # alone on 2025-01-03, 第7版
NOON = timezone.make_aware(dt.datetime(2025, 1, 4, 12, 0))


@pytest.fixture
def scheduled(sample_pages, clock):
    """The 2025-01-03 issue unpublished, then scheduled for noon; the clock stands at 09:00."""
    article = Article.objects.get(headline=HEADLINE)
    services.issue_unpublish(issue=article.page.issue)
    services.issue_publish(issue=article.page.issue, at=NOON)
    article.refresh_from_db()
    return article


def _surfaces(client, article) -> dict[str, tuple[int, str]]:
    """Status and text of each public surface that could show ``article``."""
    person = article.bylines.select_related("person").first()
    urls = {
        "home": "/",
        "date": "/2025/01/03/",
        "page": "/2025/01/03/7/",
        "article": article.get_absolute_url(),
        "short link": f"/articles/{article.pk}/",
        "section": article.section.get_absolute_url(),
        "search": "/search/?q=八大工程",
        "feed": "/feeds/atom/",
        "section feed": f"/feeds/sections/{article.section.slug}/atom/",
        "sitemap": "/sitemap-articles.xml",
        "api list": "/api/v1/articles/?format=json&page_size=100",
        "api search": "/api/v1/articles/?format=json&q=八大工程",
        "api detail": f"/api/v1/articles/{article.pk}/?format=json",
        "api issue": "/api/v1/issues/?format=json",
    }
    if person:
        urls["person"] = person.person.get_absolute_url()
    return {name: _get(client, url) for name, url in urls.items()}


def _get(client, url) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def _shows(name: str, status: int, text: str, article) -> bool:
    if status == 404:
        return False
    assert status in (200, 302), (name, status)
    if name == "home":
        return "2025年1月3日" in text
    if name.startswith("api"):
        return f'"id":{article.pk},' in text.replace(" ", "") or '"date":"2025-01-03"' in text.replace(" ", "")
    if name == "search":
        return article.get_absolute_url() in text
    return article.get_absolute_url() in text or status == 302 or "八大工程" in text.split("<main", 1)[-1]


def test_hidden_everywhere_before_its_time(client, scheduled):
    shown = {name for name, (status, text) in _surfaces(client, scheduled).items() if _shows(name, status, text, scheduled)}
    assert shown == set()


def test_shown_everywhere_after_its_time(client, scheduled, clock):
    clock.move_to(NOON + dt.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))

    surfaces = _surfaces(client, scheduled)
    hidden = {name for name, (status, text) in surfaces.items() if not _shows(name, status, text, scheduled)}
    assert hidden == set()


def test_conditional_get_of_the_issue_changes_when_the_time_comes(client, scheduled, clock):
    before = client.get("/2025/01/02/")
    clock.move_to(NOON + dt.timedelta(minutes=1))
    # Nothing in the database changed, yet the home page's issue is now 2025-01-03.
    home = client.get("/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert home.status_code == 200 and "2025年1月3日" in home.content.decode()


def test_an_issue_with_a_story_due_soon_is_cached_only_until_then(client, sample_pages, clock):
    article = Article.objects.filter(page__issue__date=dt.date(2025, 1, 2)).first()
    services.article_unpublish(article=article)
    services.article_publish(article=article, at=clock.moment + dt.timedelta(seconds=90))

    response = client.get("/2025/01/02/")

    assert response.status_code == 200
    assert "max-age=90" in response["Cache-Control"]


def test_etag_of_the_date_page_changes_at_the_scheduled_time(client, scheduled, clock):
    services.article_publish(article=Article.objects.filter(page__issue__date=dt.date(2025, 1, 2)).last(),
                             at=NOON + dt.timedelta(hours=1))
    etag = client.get("/2025/01/02/")["ETag"]
    assert client.get("/2025/01/02/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    clock.move_to(NOON + dt.timedelta(hours=1, minutes=1))
    assert client.get("/2025/01/02/", HTTP_IF_NONE_MATCH=etag).status_code == 200
