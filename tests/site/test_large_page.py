"""A 版 of 5,000 stories (over the import limit, as an old import could leave): every public
view answers with the same number of queries as for a normal 版 and lists a bounded number
of stories; no query of theirs loads a page's raw text."""
from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Article, Issue, Page, Person, Section
from archive.search.index import service as search_index
from archive.search.index.base import SAMPLE_SIZES
from archive.selectors import LISTED_ITEMS
from archive.site.sitemaps import URLS_PER_FILE
from tests.site.large_page import DATE, REPORTER, SECTION, add_page, add_stories

pytestmark = pytest.mark.django_db  # also what makes pytest-django create the test database

HUGE = 5000
SMALL = 6
API_MAX_PAGE = 100
ON_PAGE_1 = re.compile(r"/2025/01/03/1/(\d+)/")  # the 版's story URLs


def _urls() -> dict[str, str]:
    day = {"year": DATE.year, "month": f"{DATE.month:02d}", "day": f"{DATE.day:02d}"}
    section = Section.objects.get(name=SECTION).slug
    person = Person.objects.get(name=REPORTER).slug
    sitemap = {part: reverse("archive:sitemap_part", args=[part]) for part in ("issues", "pages", "articles", "sections", "people")}
    return {
        "home": reverse("archive:home"),
        "issue": reverse("archive:issue", kwargs=day),
        "page": reverse("archive:page", kwargs={**day, "page": 1}),
        "article": reverse("archive:article", kwargs={**day, "page": 1, "order": 3}),
        "section": reverse("archive:section", args=[section]),
        "person": reverse("archive:person", args=[person]),
        "search": reverse("archive:search") + "?q=惠民活动",
        "sitemap index": reverse("archive:sitemap"),
        **{f"sitemap {part}": url for part, url in sitemap.items()},
        "feed": reverse("archive:feed"),
        "section feed": reverse("archive:section_feed", args=[section]),
        **{f"api {name}": f"/api/v1/{name}/" for name in ("articles", "issues", "pages", "sections", "people")},
        "api harvest": "/api/v1/articles/harvest/",
        "api page": f"/api/v1/pages/{Page.objects.get(number=1).pk}/",
        "api issue": f"/api/v1/issues/{DATE}/",
    }


def _measure(urls: dict[str, str]) -> dict[str, dict]:
    found = {}
    for name, url in urls.items():
        # The stories were bulk-inserted: no signal told the page cache, so it is cleared by hand.
        cache.clear()
        Client().get(url)  # warm: PostgreSQL's search keeps planner statistics for a while
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        body = response.content.decode()
        found[name] = {
            "status": response.status_code,
            "queries": len(queries),
            "stories": len(set(ON_PAGE_1.findall(body))),
            "raw_text": [q["sql"] for q in queries if "raw_text" in q["sql"]],
            "wide": [q["sql"] for q in queries if re.search(r'"(body|headline|warnings)"', q["sql"])],
            "body": body,
        }
    return found


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Each URL measured with a normal 版 1 (plus a 版 2), then again once 版 1 holds 5,000 stories."""
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with django_db_blocker.unblock(), override_settings(STORAGES=plain):  # the autouse fixture's, module-wide
        page = add_page(number=1, stories=SMALL)
        add_page(number=2, stories=4)
        urls = _urls()
        small = _measure(urls)
        add_stories(page, HUGE - SMALL)
        huge = _measure(urls)
        yield small, huge
        search_index.articles_removed(list(Article.objects.values_list("pk", flat=True)))
        for model in (Issue, Section, Person):
            model.objects.all().delete()


URL_NAMES = [
    "home", "issue", "page", "article", "section", "person", "search",
    "sitemap index", "sitemap issues", "sitemap pages", "sitemap articles", "sitemap sections", "sitemap people",
    "feed", "section feed", "api articles", "api issues", "api pages", "api sections", "api people", "api harvest",
    "api page", "api issue",
]


@pytest.mark.parametrize("name", URL_NAMES)
def test_query_count_does_not_grow_with_the_page(measured, name):
    small, huge = measured
    assert small[name]["status"] == huge[name]["status"] == 200
    # Not always equal: a small search reads the index's second tier (stories
    # with the words outside the title) that a big one's title hits make needless,
    # and counts its matches from the facets' keys, where a big one reads a
    # count sample or a few (one per size tried, never per story).
    counting = len(SAMPLE_SIZES) + 1 if name == "search" else 0
    assert huge[name]["queries"] <= small[name]["queries"] + counting


@pytest.mark.parametrize("name", [n for n in URL_NAMES if n != "sitemap articles"])
def test_a_bounded_number_of_stories_is_listed(measured, name):
    small, huge = measured
    assert small[name]["stories"] <= SMALL
    # The site lists at most LISTED_ITEMS of a 版's stories; an API list at most its largest page,
    # an API page or issue at most as many as an import may bring.
    bound = {"api page": settings.IMPORT_MAX_PAGE_ITEMS, "api issue": settings.IMPORT_MAX_PAGE_ITEMS}
    assert huge[name]["stories"] <= bound.get(name, API_MAX_PAGE if name.startswith("api") else LISTED_ITEMS)


def test_the_article_sitemap_is_split_into_files_of_at_most_5000_urls(measured):
    _small, huge = measured
    assert URLS_PER_FILE <= 5000
    assert huge["sitemap articles"]["body"].count("<url>") == URLS_PER_FILE
    files = HUGE // URLS_PER_FILE + 1
    part = reverse("archive:sitemap_part", args=["articles"])
    assert f"{part}?p={files}<" in huge["sitemap index"]["body"] and f"{part}?p={files + 1}<" not in huge["sitemap index"]["body"]


@pytest.mark.parametrize("name", URL_NAMES)
def test_no_query_loads_the_raw_text_of_a_page(measured, name):
    small, huge = measured
    assert small[name]["raw_text"] == huge[name]["raw_text"] == []


def test_the_page_view_of_a_huge_page_paginates_and_counts(measured):
    small, huge = measured
    assert "本版共" not in small["page"]["body"] and 'rel="next" href="?page=2"' not in small["page"]["body"]
    body = huge["page"]["body"]
    assert "本版共 5000 篇，这是第 1–50 篇。" in body and 'href="?page=2"' in body
    assert huge["page"]["stories"] == 50


def test_issue_and_home_cards_link_to_the_rest_of_a_huge_page(measured):
    small, huge = measured
    for name in ("home", "issue"):
        assert "本版共 5000 篇，查看全部" in huge[name]["body"]
        assert "查看全部" not in small[name]["body"].replace("查看本期全部版面", "")


@pytest.mark.parametrize("name", [n for n in URL_NAMES if n.startswith("sitemap")])
def test_sitemaps_read_only_the_columns_of_their_urls(measured, name):
    _small, huge = measured
    assert huge[name]["wide"] == []
