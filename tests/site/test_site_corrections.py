"""Corrections (更正) for readers: under the story, on /corrections/ newest first, and in an Atom feed."""
import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import services
from archive.models import Article
from synthetic_pages import add_issues

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
JINSHUI = "金水区吹响奋进「冲锋号」"  # 2023-02-16, 第6版, first story
ERQI = "二七区破题开局换挡转型"  # the second story of that page
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _correct(headline: str, note: str, editor, when: dt.datetime):
    return services.correction_add(article=Article.objects.get(headline=headline), note=note, user=editor, at=when)


@pytest.fixture
def corrections(sample_pages, editor):
    older = _correct(JINSHUI, "本文原将记者“党贺喜”误作“党贺禧”，已更正。", editor, dt.datetime(2023, 2, 17, 10, 0, tzinfo=SHANGHAI))
    newer = _correct(ERQI, "本文原将“2月14日”误作“2月15日”，已更正。", editor, dt.datetime(2023, 2, 18, 9, 0, tzinfo=SHANGHAI))
    return older, newer


def test_article_page_shows_the_correction_note_with_its_date(client, corrections):
    html = client.get("/2023/02/16/6/1/").content.decode()
    assert "更正" in html
    assert "本文原将记者“党贺喜”误作“党贺禧”，已更正。" in html
    assert '<time datetime="2023-02-17T10:00:00+08:00">2023年2月17日</time>' in html
    assert "2月14日”误作" not in html  # the other story's note stays on its own page


def test_article_without_corrections_shows_no_correction_box(client, sample_pages):
    assert 'class="corrections"' not in client.get("/2023/02/16/6/1/").content.decode()


def test_adding_a_correction_changes_the_article_pages_etag(client, sample_pages, editor):
    etag = client.get("/2023/02/16/6/1/")["ETag"]
    _correct(JINSHUI, "本文原将“王磊”误作“王雷”，已更正。", editor, dt.datetime(2023, 2, 17, tzinfo=SHANGHAI))
    assert client.get("/2023/02/16/6/1/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_corrections_page_lists_newest_first_with_links_by_date_and_page(client, corrections):
    response = client.get("/corrections/")
    html = response.content.decode()
    assert html.index("2月14日”误作") < html.index("党贺禧")
    older, newer = corrections
    assert f'href="/2023/02/16/6/2/#correction-{newer.pk}"' in html
    assert f'href="/2023/02/16/6/1/#correction-{older.pk}"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/corrections/atom/"' in html


def test_corrections_of_drafts_appear_nowhere(client, corrections):
    services.article_unpublish(article=Article.objects.get(headline=ERQI))
    html = client.get("/corrections/").content.decode()
    assert "党贺禧" in html and "2月14日”误作" not in html
    feed = client.get("/corrections/atom/").content.decode()
    assert "党贺禧" in feed and "2月14日”误作" not in feed


def test_corrections_page_without_any_says_so(client, sample_pages):
    assert "暂无更正" in client.get("/corrections/").content.decode()


def test_corrections_page_is_paginated(client, sample_pages, editor):
    article = Article.objects.get(headline=JINSHUI)
    for n in range(25):
        services.correction_add(article=article, note=f"第{n}处笔误已更正。", user=editor)
    first, second = client.get("/corrections/").content.decode(), client.get("/corrections/?page=2").content.decode()
    assert "第24处笔误" in first and "第4处笔误" not in first
    assert "第4处笔误" in second and "第 2 / 2 页" in second


def test_corrections_feed_is_atom_with_one_entry_per_correction(client, corrections):
    response = client.get("/corrections/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed" and "更正" in root.find(f"{ATOM}title").text
    entries = root.findall(f"{ATOM}entry")
    older, newer = corrections
    assert [e.find(f"{ATOM}title").text for e in entries] == [f"更正：{ERQI}", f"更正：{JINSHUI}"]
    assert entries[0].find(f"{ATOM}summary").text == newer.note
    assert entries[1].find(f"{ATOM}link").get("href") == f"http://testserver/2023/02/16/6/1/#correction-{older.pk}"
    assert entries[1].find(f"{ATOM}updated").text.startswith("2023-02-17T10:00:00+08:00")
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 2


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_corrections_page_and_feed_cost_the_same_with_many_corrections(client, db, editor):
    add_issues(2, pages_per_issue=1, stories=3)
    for article in Article.objects.all()[:2]:
        services.correction_add(article=article, note="本文数字有误，已更正。", user=editor)
    few = {url: _queries(client, url) for url in ("/corrections/", "/corrections/atom/")}
    add_issues(6, start=dt.date(2019, 4, 1), pages_per_issue=2, stories=4)
    for article in Article.objects.all()[2:]:
        services.correction_add(article=article, note="本文人名有误，已更正。", user=editor)
    many = {url: _queries(client, url) for url in few}
    assert many == few
    assert few["/corrections/"] <= 2 and few["/corrections/atom/"] <= 1
