"""Drafts are private in every way: no public URL, feed, sitemap or API list reveals them.

Beside the five published sample pages the tests add what only drafts use:
a section (航空港周刊), two people (庞素芬, 俞晓岚), an issue date of their own
(2022-05-20), a 版 of their own on a published date (2025-01-02 第9版), drafts
on a published 版 (one in a public section, crediting a public reporter), a
story scheduled for tomorrow alone on 2025-01-05, a correction of a draft and
an edit of a draft. Then every public route (listed in ``public_urls``,
checked against the URLconf so a new route cannot be forgotten) is walked.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from archive import services
from archive.models import Article, Page, Person, Section
from archive.site.preview import preview_url
from tests.conftest import import_samples

pytestmark = pytest.mark.django_db

PUBLIC_DATE = dt.date(2025, 1, 2)  # 区县新闻 第6版, published
DRAFT_DATE = dt.date(2022, 5, 20)  # drafts only, in a year without a public issue
SCHEDULED_DATE = dt.date(2025, 1, 5)  # one story scheduled for later, after the newest public issue
DRAFT_PAGE = 9  # a 版 of PUBLIC_DATE holding drafts only
DRAFT_SECTION = "航空港周刊"
DRAFT_PEOPLE = ("庞素芬", "俞晓岚")
PUBLIC_REPORTER = "刘伟平"  # credited on 2025-01-02 第6版, and on one draft too

NIGHT_MARKET = (
    "樱桃沟夜市今晚开市\n\n"
    "本报讯(记者 庞素芬 通讯员 俞晓岚)5月19日晚,郑州市二七区樱桃沟景区夜市试营业,"
    "40余家摊位售卖地方小吃和文创产品,吸引市民游客前来打卡。\n\n"
    "据介绍,夜市每周五至周日开放,营业至晚上10点,景区将增开夜间公交接驳线路。\n"
)
WINTER_RUN = (
    "航空港区冬季长跑比赛鸣枪开跑\n\n"
    "本报讯(记者 庞素芬)1月1日上午,郑州航空港区新年冬季长跑比赛在双鹤湖公园鸣枪开跑,1200余名跑友参赛。\n\n"
    "赛事设5公里和10公里两个组别,沿途设置补给站和医疗点。\n"
)
BUS_LINES = (
    "航空港区新开三条公交线路\n\n"
    "本报讯(通讯员 俞晓岚)记者从郑州航空港区获悉,1月5日起,区内新开通三条公交线路,串联产业园区和居民社区。\n"
)
# Words only drafts use: a public response containing one reveals a draft.
DRAFT_WORDS = (
    DRAFT_SECTION, "航空港", *DRAFT_PEOPLE, "樱桃沟", "冬季长跑", "三条公交线路", "春运临客", "冬季义诊", "二道区",
    "2022-05-20", "2022/05/20", "2022年5月20日", "/issues/2022/", "2022年",
    "2025-01-05", "2025/01/05", "2025年1月5日", f"/2025/01/02/{DRAFT_PAGE}/", f"第{DRAFT_PAGE}版",
)
# Routes not walked, with the reason: signed staff previews are meant to show drafts; the token login is a POST.
NOT_WALKED = {"archive:preview": "staff preview", "api:token": "login (POST)"}


def _day(date: dt.date) -> dict:
    return {"year": date.year, "month": date.month, "day": date.day}


def add_drafts(clock) -> dict:
    """Everything only drafts use (see the module docstring); returns the drafts' articles and pages."""
    clock.move_to(clock.moment + dt.timedelta(hours=1))
    imported = [
        services.page_import(date=DRAFT_DATE, page_number=1, page_name="航空港·要闻", section_name=DRAFT_SECTION,
                             text=NIGHT_MARKET, source_name="draft-night-market.txt", publish=False),
        services.page_import(date=PUBLIC_DATE, page_number=DRAFT_PAGE, page_name="航空港·副刊",
                             section_name=DRAFT_SECTION, text=WINTER_RUN, source_name="draft-run.txt", publish=False),
        services.page_import(date=SCHEDULED_DATE, page_number=1, page_name="航空港·要闻", section_name=DRAFT_SECTION,
                             text=BUS_LINES, source_name="draft-bus.txt", publish=False),
    ]
    services.page_publish(page=imported[2].page, at=clock.moment + dt.timedelta(days=1))
    public_page = Page.objects.get(issue__date=PUBLIC_DATE, number=6)
    in_draft_section = services.article_create(
        page=public_page, bylines=[(DRAFT_PEOPLE[0], "reporter"), (PUBLIC_REPORTER, "reporter")],
        fields={"headline": "郑州东站春运临客即将增开", "section": Section.objects.get(name=DRAFT_SECTION),
                "body": [{"type": "paragraph", "text": "本报讯 记者从郑州东站获悉,春运期间将增开临客列车。"}]},
    )
    in_public_section = services.article_create(
        page=public_page, bylines=[(PUBLIC_REPORTER, "reporter")],
        fields={"headline": "二七区冬季义诊进社区", "section": public_page.section,
                "body": [{"type": "paragraph", "text": "本报讯 二七区组织医护人员走进社区开展冬季义诊。"}]},
    )
    clock.move_to(clock.moment + dt.timedelta(hours=1))
    services.article_update(article=in_draft_section, fields={"subheadline": "首批春运临客列车明日发车"})
    services.correction_add(article=in_public_section, note="本文原将“二七区”误作“二道区”，已更正。", user=None)
    pages = [r.page for r in imported]
    return {"pages": pages, "articles": [*Article.objects.filter(page__in=pages), in_draft_section, in_public_section]}


def draft_urls(drafts: dict) -> list[str]:
    """What must never appear in a public response: the drafts' own site and API addresses."""
    urls = [f"/api/v1/pages/{page.pk}/" for page in drafts["pages"]]
    for article in drafts["articles"]:
        urls += [article.get_absolute_url(), f"/articles/{article.pk}/"]
    return urls


# --- the walk ------------------------------------------------------------------


def route_names() -> set[str]:
    """Every named route of the reader site and the API, from the URLconf itself."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return {name for name in names if name.split(":")[0] in ("archive", "api")}


def _sitemap_parts(client) -> list[str]:
    """The sitemaps the index lists (all its pages), as paths."""
    index = client.get(reverse("archive:sitemap")).content.decode()
    parts = [urlsplit(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", index)]
    return [f"{p.path}?{p.query}" if p.query else p.path for p in parts]


def public_urls(client) -> dict[str, list[str]]:
    """Route name -> the URLs it is walked at, for the published sample archive."""
    public = Article.objects.published()
    dates = sorted(set(public.values_list("page__issue__date", flat=True)))
    pages = Page.objects.filter(articles__in=public).distinct().select_related("issue")
    sections = Section.objects.filter(articles__in=public).distinct()
    # Stories and people of the date that gets drafts stand for the rest (one walk stays under a minute).
    on_date = public.filter(page__issue__date=PUBLIC_DATE).select_related("page__issue")
    people = Person.objects.filter(bylines__article__in=on_date).distinct()
    api_people = people.filter(bylines__article__in=on_date.filter(order=1))
    r = reverse
    return {
        "archive:home": [r("archive:home")],
        "archive:issues": [r("archive:issues")],
        "archive:issues_go": [r("archive:issues_go") + f"?date={PUBLIC_DATE.isoformat()}"],
        "archive:issues_year": [r("archive:issues_year", kwargs={"year": y}) for y in sorted({d.year for d in dates})],
        "archive:issue": [r("archive:issue", kwargs=_day(d)) for d in dates],
        "archive:page": [p.get_absolute_url() for p in pages],
        "archive:article": [a.get_absolute_url() for a in on_date],
        "archive:article_by_id": [r("archive:article_by_id", kwargs={"pk": a.pk}) for a in on_date],
        "archive:article_ris": [a.get_absolute_url() + "cite.ris" for a in on_date],
        "archive:article_bib": [a.get_absolute_url() + "cite.bib" for a in on_date],
        "archive:section": [s.get_absolute_url() for s in sections],
        "archive:section_feed": [r("archive:section_feed", kwargs={"slug": s.slug}) for s in sections],
        "archive:person": [p.get_absolute_url() for p in people],
        "archive:person_feed": [r("archive:person_feed", kwargs={"slug": p.slug}) for p in people],
        "archive:feeds": [r("archive:feeds")],
        "archive:corrections": [r("archive:corrections")],
        "archive:corrections_feed": [r("archive:corrections_feed")],
        "archive:feed": [r("archive:feed")],
        "archive:sitemap": [r("archive:sitemap")],
        "archive:sitemap_part": _sitemap_parts(client),
        "archive:robots": [r("archive:robots")],
        "archive:search": [r("archive:search") + "?q=郑州", r("archive:search") + "?q=新年&ordering=-date"],
        "archive:search_export": [r("archive:search_export", kwargs={"fmt": "csv"}) + "?q=郑州&body=1",
                                  r("archive:search_export", kwargs={"fmt": "ndjson"})],
        "api:api-root": [r("api:api-root") + "?format=json"],
        "api:article-list": [r("api:article-list") + "?format=json&page_size=100",
                             r("api:article-list") + "?format=json&q=郑州"],
        "api:article-detail": [r("api:article-detail", kwargs={"pk": a.pk}) + "?format=json" for a in on_date],
        "api:article-harvest-list": [r("api:article-harvest-list") + "?format=json&page_size=100"],
        "api:article-export": [r("api:article-export") + "?format=csv&body=1", r("api:article-export") + "?q=郑州"],
        "api:issue-list": [r("api:issue-list") + "?format=json"],
        "api:issue-detail": [r("api:issue-detail", kwargs={"date": d.isoformat()}) + "?format=json" for d in dates],
        "api:page-list": [r("api:page-list") + "?format=json"],
        "api:page-detail": [r("api:page-detail", kwargs={"pk": p.pk}) + "?format=json" for p in pages],
        "api:section-list": [r("api:section-list") + "?format=json"],
        "api:section-detail": [r("api:section-detail", kwargs={"slug": s.slug}) + "?format=json" for s in sections],
        "api:person-list": [r("api:person-list") + "?format=json&page_size=100"],
        "api:person-detail": [r("api:person-detail", kwargs={"slug": p.slug}) + "?format=json" for p in api_people],
        "api:schema": [r("api:schema")],
        "api:docs": [r("api:docs")],
        "api:redoc": [r("api:redoc")],
    }


def _normalised(body: bytes) -> str:
    # A CSP nonce is new on every response; nothing else may differ.
    return re.sub(r'nonce="[^"]*"', 'nonce=""', body.decode("utf-8"))


def walk(client) -> dict[str, dict]:
    """Every public URL -> status, body, validators and redirect target, read from the database afresh."""
    for cache in caches.all(initialized_only=True):
        cache.clear()  # answered by the views, not by the page cache
    seen = {}
    for name, urls in public_urls(client).items():
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 302), (name, url, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seen[url] = {
                "status": response.status_code, "body": _normalised(body),
                "etag": response.get("ETag"), "last_modified": response.get("Last-Modified"),
                "location": response.get("Location"),
            }
    return seen


# --- tests -----------------------------------------------------------------------


def test_the_walk_covers_every_named_public_route(client):
    names = route_names()
    assert set(NOT_WALKED) <= names
    assert set(public_urls(client)) == names - set(NOT_WALKED)


def published_archive() -> None:
    """The sample pages, published, with a correction of a published story (so the 更正 feed has an entry)."""
    import_samples()
    story = Article.objects.get(page__issue__date=PUBLIC_DATE, page__number=6, order=1)
    services.correction_add(article=story, note="本文原将“景静”误作“景晶”，已更正。", user=None)


def test_drafts_change_no_public_response_nor_its_validators(client, clock):
    published_archive()
    before = walk(client)
    drafts = add_drafts(clock)
    after = walk(client)

    assert after.keys() == before.keys()
    changed = [url for url in before if after[url] != before[url]]
    assert changed == []
    validated = [url for url in after if after[url]["etag"]]
    assert validated  # issue, page, article, section and person pages send validators
    for url in validated:
        assert client.get(url, HTTP_IF_NONE_MATCH=after[url]["etag"]).status_code == 304, url
    secrets = [*DRAFT_WORDS, *draft_urls(drafts), *_slugs()]
    leaks = [(url, s) for url, seen in after.items() for s in secrets if s in seen["body"] + (seen["location"] or "")]
    assert leaks == []


def _slugs() -> list[str]:
    section = Section.objects.get(name=DRAFT_SECTION).slug
    return [section, *Person.objects.filter(name__in=DRAFT_PEOPLE).values_list("slug", flat=True)]


@pytest.fixture
def drafts(db, clock) -> dict:
    published_archive()
    return add_drafts(clock)


def _own_urls(drafts: dict) -> list[str]:
    """The site and API addresses of everything only drafts use."""
    r = reverse
    section = Section.objects.get(name=DRAFT_SECTION).slug
    people = Person.objects.filter(name__in=DRAFT_PEOPLE).values_list("slug", flat=True)
    urls = [r("archive:issues_year", kwargs={"year": DRAFT_DATE.year}),
            r("archive:section", kwargs={"slug": section}), r("archive:section_feed", kwargs={"slug": section}),
            r("api:section-detail", kwargs={"slug": section})]
    for date in (DRAFT_DATE, SCHEDULED_DATE):
        urls += [r("archive:issue", kwargs=_day(date)), r("api:issue-detail", kwargs={"date": date.isoformat()})]
    for slug in people:
        urls += [r("archive:person", kwargs={"slug": slug}), r("archive:person_feed", kwargs={"slug": slug}),
                 r("api:person-detail", kwargs={"slug": slug})]
    for page in drafts["pages"]:
        urls += [page.get_absolute_url(), r("api:page-detail", kwargs={"pk": page.pk})]
    for article in drafts["articles"]:
        urls += [article.get_absolute_url(), r("archive:article_by_id", kwargs={"pk": article.pk}),
                 article.get_absolute_url() + "cite.ris", article.get_absolute_url() + "cite.bib",
                 r("api:article-detail", kwargs={"pk": article.pk})]
    return urls


def test_what_only_drafts_use_answers_404_even_to_a_conditional_get(client, drafts):
    for url in _own_urls(drafts):
        assert client.get(url).status_code == 404, url
        assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 404, url


def test_filtering_by_what_only_drafts_use_finds_nothing(client, drafts):
    section = Section.objects.get(name=DRAFT_SECTION).slug
    person = Person.objects.get(name=DRAFT_PEOPLE[0]).slug
    for query in (f"section={section}", f"person={person}", f"date={DRAFT_DATE}", f"date={SCHEDULED_DATE}",
                  "q=樱桃沟", "q=春运临客"):
        assert client.get(f"/api/v1/articles/?format=json&{query}").json()["count"] == 0, query
        for export in ("/search/export.ndjson", "/api/v1/articles/export/"):
            assert b"".join(client.get(f"{export}?{query}").streaming_content) == b"", (export, query)
    assert client.get(f"/api/v1/pages/?format=json&section={section}").json()["count"] == 0
    assert client.get(f"/api/v1/issues/?format=json&date_from={SCHEDULED_DATE}").json()["count"] == 0
    for query in ({"q": "樱桃沟"}, {"q": "郑州", "section": section}, {"q": "郑州", "person": person}):
        html = client.get("/search/", query).content.decode()
        assert "共 0 篇" in html and not any(url in html for url in draft_urls(drafts)), query


def test_staff_see_what_the_public_does_not(client, drafts, editor):
    """The drafts above are real: an editor's API and the signed preview show them."""
    token = Token.objects.create(user=editor).key
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    sections = client.get("/api/v1/sections/?format=json", **auth).content.decode()
    people = client.get("/api/v1/people/?format=json&page_size=100", **auth).content.decode()
    issues = client.get("/api/v1/issues/?format=json", **auth).content.decode()
    assert DRAFT_SECTION in sections and all(name in people for name in DRAFT_PEOPLE)
    assert str(DRAFT_DATE) in issues and str(SCHEDULED_DATE) in issues
    article = drafts["articles"][-1]
    assert "冬季义诊" in client.get(preview_url(article=article)).content.decode()
