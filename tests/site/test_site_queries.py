"""Query counts of reader views stay the same however many items a page shows."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Person
from synthetic_pages import add_issues

pytestmark = pytest.mark.django_db

# Measured ceilings; the point of each test is that few and many cost the same.
VIEWS = {
    "/": 8,  # the eighth is 历史上的今天 (cached for the day; counted here uncached)
    "/issues/": 1,
    "/issues/2019/": 1,
    "/2019/03/01/": 7,  # the seventh is 历史上的今天
    "/2019/03/01/1/": 7,  # the seventh counts its stories: a 版 of thousands is paginated
    "/2019/03/01/1/2/": 7,  # the sixth loads the story's 更正 notes, the seventh the issue's 版 for the 版 strip
    "/sections/qu-xian-xin-wen/": 7,
    "/feeds/atom/": 3,
    "/feeds/sections/qu-xian-xin-wen/atom/": 4,
    "/feeds/": 2,  # 订阅: the public sections and the people with published stories
    "/sitemap.xml": 8,
    "/sitemap-articles.xml": 2,
    "/corrections/": 2,
    "/corrections/atom/": 1,
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_query_counts_do_not_grow_with_the_archive(client, sample_pages):
    add_issues(2, pages_per_issue=1, stories=2)
    few = {url: queries_for(client, url) for url in VIEWS}
    add_issues(20, start=dt.date(2019, 3, 3), pages_per_issue=3, stories=8)
    many = {url: queries_for(client, url) for url in VIEWS}
    for url in VIEWS:  # shown with -s; the figures the report quotes
        print(f"{url:45} {few[url]:3} queries (samples+2 issues) {many[url]:3} (after +20 issues, 480 stories)")
    assert many == few
    for url, ceiling in VIEWS.items():
        assert few[url] <= ceiling, (url, few[url])


def test_issue_page_with_many_pages_and_stories_costs_the_same(client, db):
    add_issues(1, pages_per_issue=1, stories=2)
    add_issues(1, start=dt.date(2019, 4, 1), pages_per_issue=6, stories=10)
    assert queries_for(client, "/2019/04/01/") == queries_for(client, "/2019/03/01/")
    assert queries_for(client, "/2019/04/01/3/") == queries_for(client, "/2019/03/01/1/")


def test_person_page_costs_the_same_with_many_bylines(client, db):
    add_issues(1, pages_per_issue=1, stories=2, reporter="郑一鸣")
    slug = Person.objects.get(name="郑一鸣").slug
    few = queries_for(client, f"/people/{slug}/")
    add_issues(15, start=dt.date(2019, 5, 1), pages_per_issue=2, stories=6, reporter="郑一鸣")
    assert queries_for(client, f"/people/{slug}/") == few <= 5
    assert queries_for(client, f"/people/{slug}/?page=3") == few
