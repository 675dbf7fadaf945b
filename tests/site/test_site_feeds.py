"""Atom feeds, sitemap.xml, robots.txt and the JSON-LD of articles."""
import json
import re
import xml.etree.ElementTree as ET

import pytest

from archive import services
from archive.models import Article, Issue, Page, Person

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_archive_feed_is_atom_with_newest_stories_first(client, sample_pages):
    response = client.get("/feeds/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert "郑州日报" in root.find(f"{ATOM}title").text
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 30
    first = entries[0]
    assert first.find(f"{ATOM}title").text.endswith("深化“八大工程” 奋力谱写新时代中原更加出彩绚丽篇章")
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/2025/01/03/7/1/"
    assert first.find(f"{ATOM}published").text.startswith("2025-01-03")


def test_section_feed_holds_only_that_sections_stories(client, sample_pages):
    root = ET.fromstring(client.get("/feeds/sections/zheng-dong-xin-qu-zhou-bao/atom/").content)
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert "开展品牌阅读活动 让书香与花香交织" in titles
    assert "荥阳举办新年音乐会 道德模范、环卫工人、快递小哥成嘉宾" not in titles
    assert len(titles) == 4 + 6  # the weekly page and the weekly stories printed on 2025-01-02


def test_feeds_leave_out_drafts(client, sample_pages):
    services.article_unpublish(article=Article.objects.get(page__issue__date="2025-01-03", order=1))
    body = client.get("/feeds/atom/").content.decode()
    assert "/2025/01/03/7/1/" not in body


def sitemap_locs(client) -> set[str]:
    """Every address in the sitemap: the index first, then each part it lists."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locs = set()
    for part in index.findall(f"{SITEMAP}sitemap"):
        url = part.find(f"{SITEMAP}loc").text.removeprefix("http://testserver")
        root = ET.fromstring(client.get(url).content)
        locs |= {u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")}
    return locs


def test_sitemap_lists_issues_pages_articles_sections_and_people(client, sample_pages):
    locs = sitemap_locs(client)
    assert "http://testserver/2025/01/02/" in locs
    assert "http://testserver/2025/01/02/6/" in locs
    assert "http://testserver/2025/01/02/6/1/" in locs
    assert "http://testserver/sections/qu-xian-xin-wen/" in locs
    assert "http://testserver/people/liu-wei-ping/" in locs
    expected = Issue.objects.count() + Page.objects.count() + 30 + 3 + Person.objects.count()
    assert len(locs) == expected


def test_sitemap_leaves_out_drafts(client, sample_pages):
    services.article_unpublish(article=Article.objects.get(page__issue__date="2025-01-02", order=5))
    locs = sitemap_locs(client)
    assert "http://testserver/2025/01/02/6/5/" not in locs
    assert "http://testserver/people/wei-yi-xuan/" not in locs


def test_robots_txt_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "User-agent: *" in body and "Sitemap: http://testserver/sitemap.xml" in body


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_article_json_ld_is_a_news_article(client, sample_pages):
    data = json_ld(client.get("/2025/01/02/6/2/").content.decode())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "上街区举行迎新年 优秀文化成果展演"
    assert data["datePublished"] == "2025-01-02"
    assert [a["name"] for a in data["author"]] == ["谢鹏飞", "乔阳"]
    assert all(a["@type"] == "Person" for a in data["author"])
    assert data["printEdition"] == "2025-01-02" and data["printPage"] == "6" and data["printSection"] == "区县新闻"
    assert data["isPartOf"]["@type"] == "PublicationIssue" and data["isPartOf"]["url"].endswith("/2025/01/02/")
    assert data["publisher"]["name"] == "郑州日报"


def test_json_ld_cannot_be_closed_by_a_headline(client, sample_pages):
    article = Article.objects.get(page__issue__date="2025-01-02", order=4)
    services.article_update(article=article, fields={"headline": "</script><b>新年登高</b>"})
    html = client.get("/2025/01/02/6/4/").content.decode()
    assert json_ld(html)["headline"] == "</script><b>新年登高</b>"
    assert "<b>新年登高</b>" not in html
