"""The API shows an article's corrections (更正) in its detail, in harvests and in the schema."""
import datetime as dt

import pytest

from archive import services
from archive.models import Article

pytestmark = pytest.mark.django_db

HEADLINE = "金水区吹响奋进「冲锋号」"
NOTE = "本文原将记者“党贺喜”误作“党贺禧”，已更正。"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def corrected(sample_pages, editor):
    article = Article.objects.get(headline=HEADLINE)
    services.correction_add(article=article, note="本文原将“2月12日”误作“2月13日”，已更正。", user=editor,
                            at=dt.datetime(2023, 2, 17, 9, 0, tzinfo=SHANGHAI))
    services.correction_add(article=article, note=NOTE, user=editor, at=dt.datetime(2023, 2, 18, 9, 0, tzinfo=SHANGHAI))
    return article


def test_article_detail_lists_its_corrections_oldest_first(api, corrected):
    data = api.get(f"/api/v1/articles/{corrected.pk}/").json()
    assert [c["note"] for c in data["corrections"]] == ["本文原将“2月12日”误作“2月13日”，已更正。", NOTE]
    assert data["corrections"][0]["published_at"] == "2023-02-17T09:00:00+08:00"
    assert set(data["corrections"][0]) == {"id", "published_at", "note"}


def test_an_article_without_corrections_has_an_empty_list(api, sample_pages):
    other = Article.objects.exclude(headline=HEADLINE).published().first()
    assert api.get(f"/api/v1/articles/{other.pk}/").json()["corrections"] == []


def test_harvest_carries_corrections_too(api, corrected):
    found = []
    url = "/api/v1/articles/harvest/?date=2023-02-16"
    while url:
        page = api.get(url).json()
        found += [a for a in page["results"] if a["id"] == corrected.pk]
        url = page["next"]
    assert [c["note"] for c in found[0]["corrections"]][-1] == NOTE


def test_the_list_stays_without_corrections(api, corrected):
    assert "corrections" not in api.get("/api/v1/articles/", {"date": "2023-02-16"}).json()["results"][0]


def test_a_drafts_corrections_stay_hidden_from_anonymous_readers(api, editor_api, corrected):
    services.article_unpublish(article=corrected)
    assert api.get(f"/api/v1/articles/{corrected.pk}/").status_code == 404
    assert editor_api.get(f"/api/v1/articles/{corrected.pk}/", HTTP_ACCEPT="application/json").json()["corrections"][-1]["note"] == NOTE


def test_the_schema_documents_corrections_as_read_only(api):
    schema = api.get("/api/schema/?format=json").json()
    detail = schema["components"]["schemas"]["ArticleDetail"]
    assert detail["properties"]["corrections"]["readOnly"] is True
    correction = schema["components"]["schemas"]["Correction"]["properties"]
    assert set(correction) == {"id", "published_at", "note"}
    assert "更正" in correction["note"]["description"]
