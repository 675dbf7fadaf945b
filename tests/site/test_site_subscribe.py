"""订阅: the page listing every feed, per-person feeds and feed autodiscovery."""
import re
import xml.etree.ElementTree as ET

import pytest

from archive import services
from archive.models import Article, Person, Section

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ALTERNATE = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">')


def _entry_titles(client, url: str) -> list[str]:
    root = ET.fromstring(client.get(url).content)
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_person_feed_holds_the_published_stories_credited_to_that_person(client, sample_pages):
    person = Person.objects.get(name="刘伟平")
    response = client.get(f"/feeds/people/{person.slug}/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "刘伟平" in ET.fromstring(response.content).find(f"{ATOM}title").text
    credited = Article.objects.published().filter(bylines__person=person).distinct()
    titles = _entry_titles(client, f"/feeds/people/{person.slug}/atom/")
    assert any(t.endswith("高质量谱写中国式现代化 美好二七实践新篇章") for t in titles)  # after its 引题
    assert len(titles) == len(set(titles)) == credited.count()

    services.article_unpublish(article=credited.get(headline="高质量谱写中国式现代化 美好二七实践新篇章"))
    left = _entry_titles(client, f"/feeds/people/{person.slug}/atom/")
    assert len(left) == len(titles) - 1 and not any("美好二七实践新篇章" in t for t in left)


def test_feed_of_a_person_with_no_published_story_is_404(client, sample_pages):
    person = Person.objects.get(name="刘伟平")
    for article in Article.objects.filter(bylines__person=person):
        services.article_unpublish(article=article)
    assert client.get(f"/feeds/people/{person.slug}/atom/").status_code == 404


def test_subscribe_page_explains_feeds_and_lists_every_public_feed_in_full(client, sample_pages):
    html = client.get("/feeds/").content.decode()
    assert "复制" in html and "阅读器" in html
    assert ">http://testserver/feeds/atom/<" in html
    assert ">http://testserver/corrections/atom/<" in html
    for section in Section.objects.filter(articles__in=Article.objects.published()).distinct():
        assert f">http://testserver/feeds/sections/{section.slug}/atom/<" in html, section.name
    for person in Person.objects.filter(bylines__article__in=Article.objects.published()).distinct():
        assert f">http://testserver/feeds/people/{person.slug}/atom/<" in html, person.name


def test_subscribe_page_leaves_out_people_and_sections_of_drafts_only(client, sample_pages):
    person = Person.objects.get(name="刘伟平")
    for article in Article.objects.filter(bylines__person=person):
        services.article_unpublish(article=article)
    section = Section.objects.get(name="郑东新区·周报")
    for article in Article.objects.filter(section=section):
        services.article_unpublish(article=article)
    html = client.get("/feeds/").content.decode()
    assert person.slug not in html and "刘伟平" not in html
    assert section.slug not in html
    assert "/feeds/sections/" in html  # other sections stay


def test_every_page_offers_the_paper_feed_and_section_and_person_pages_their_own(client, sample_pages):
    home = ALTERNATE.findall(client.get("/").content.decode())
    assert [href for _title, href in home] == ["/feeds/atom/"]
    section = Section.objects.get(name="郑东新区·周报")
    found = dict((href, title) for title, href in ALTERNATE.findall(client.get(section.get_absolute_url()).content.decode()))
    assert found[f"/feeds/sections/{section.slug}/atom/"] == "郑东新区·周报"
    person = Person.objects.get(name="刘伟平")
    found = dict((href, title) for title, href in ALTERNATE.findall(client.get(person.get_absolute_url()).content.decode()))
    assert found[f"/feeds/people/{person.slug}/atom/"] == "刘伟平"
    assert "/feeds/atom/" in found


def test_header_and_footer_subscribe_links_open_the_subscribe_page(client, sample_pages):
    html = client.get("/").content.decode()
    assert html.count('href="/feeds/">订阅</a>') == 2
    assert 'href="/feeds/atom/">' not in html.replace('rel="alternate" type="application/atom+xml"', "").split("</head>")[1]
