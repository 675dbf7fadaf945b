"""A 版 of thousands of published stories, bulk-inserted in a second or two.

For tests and ``bench/large_page.py`` that check the site stays small and
fast with a page the import limits would refuse: every story in one section
by one reporter, all indexed for search.
"""
from __future__ import annotations

import datetime as dt

from archive.models import Article, Byline, Issue, Page, Role, Status

from .synthetic_pages import PLACES

DATE = dt.date(2025, 1, 3)
SECTION = "区县新闻"
REPORTER = "王建国"


def _story(page: Page, order: int, section, published_at: dt.datetime) -> Article:
    place = PLACES[order % len(PLACES)]
    return Article(
        page=page, order=order, section=section, status=Status.PUBLISHED, published_at=published_at,
        headline=f"{place}开展第{order}场惠民活动",
        body=[{"type": "paragraph", "text": f"本报讯(记者 {REPORTER}){place}举办第{order}场社区惠民活动,{100 + order}名居民参加。"}],
    )


def add_stories(page: Page, count: int) -> None:
    """Append ``count`` published stories to ``page`` (after its last one), bylined and indexed."""
    from archive import services
    from archive.search.index import service as search_index

    section = services.section_get_or_create(name=SECTION)
    person, _ = services.person_get_or_create(name=REPORTER)
    start = (page.articles.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    published_at = dt.datetime.combine(page.issue.date, dt.time(5), tzinfo=dt.timezone.utc)
    stories = Article.objects.bulk_create(
        [_story(page, order, section, published_at) for order in range(start, start + count)], batch_size=500
    )
    ids = [a.pk for a in stories]  # both SQLite and PostgreSQL return the new ids
    Byline.objects.bulk_create(
        [Byline(article_id=pk, person=person, role=Role.REPORTER, order=1) for pk in ids], batch_size=500
    )
    search_index.articles_changed(ids)


def add_page(*, number: int, stories: int, date: dt.date = DATE, name: str = SECTION) -> Page:
    """A new published 版 ``number`` of ``date``'s issue with ``stories`` stories."""
    issue, _ = Issue.objects.get_or_create(date=date)
    page = Page.objects.create(issue=issue, number=number, name=name, raw_text="（合成版面）" * 1000)
    add_stories(page, stories)
    return page
