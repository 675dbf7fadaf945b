"""Short synthetic Chinese pages for tests that need many issues, pages and stories."""
from __future__ import annotations

import datetime as dt

SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["建国", "海燕", "志强", "晓东", "丽娟", "国庆", "春梅", "文博"]
PLACES = ["金水区", "二七区", "中原区", "管城区", "惠济区", "上街区", "荥阳市", "新密市", "登封市", "新郑市", "巩义市", "中牟县"]


def story_text(n: int, i: int, *, reporter: str | None = None) -> str:
    """One story: a headline, a 本报讯 paragraph with a byline and a second paragraph."""
    place = PLACES[(n + i) % len(PLACES)]
    rep = reporter or SURNAMES[(n + i) % 10] + GIVEN[i % 8]
    cor = SURNAMES[(n * 3 + i + 1) % 10] + GIVEN[(i + 3) % 8]
    return (
        f"{place}开展第{n * 10 + i}场惠民活动\n\n"
        f"本报讯(记者 {rep} 通讯员 {cor}){n}月{i + 1}日,{place}举办第{n * 10 + i}场社区惠民活动,"
        f"{100 + n * 7 + i}名居民参加。\n\n"
        f"活动现场,志愿者为{place}居民送上第{n}批春联{i}份,大家表示收获满满第{n}{i}次。\n"
    )


def page_text(n: int, stories: int, *, reporter: str | None = None) -> str:
    return "\n\n".join(story_text(n, i, reporter=reporter) for i in range(stories))


def add_issues(
    count: int,
    *,
    start: dt.date = dt.date(2019, 3, 1),
    pages_per_issue: int = 2,
    stories: int = 6,
    section: str = "区县新闻",
    reporter: str | None = None,
    publish: bool = True,
):
    """Import ``count`` issues of synthetic pages through services.page_import; returns the dates."""
    from archive import services

    dates = []
    for k in range(count):
        date = start + dt.timedelta(days=k)
        for number in range(1, pages_per_issue + 1):
            services.page_import(
                date=date,
                page_number=number,
                page_name=section,
                section_name=section,
                text=page_text(k * 10 + number, stories, reporter=reporter),
                source_name=f"synthetic-{date}-{number}.txt",
                publish=publish,
            )
        dates.append(date)
        _refresh_planner_statistics()
    return dates


def _refresh_planner_statistics():
    """ANALYZE on PostgreSQL, which sees this test transaction's own rows.

    Autovacuum cannot see uncommitted test data, so the planner keeps
    believing the tables are empty and chooses nested loops that turn
    quadratic as a test adds hundreds of stories (prefetches of
    ``bylines`` ordered by the model's default ordering join issue, page and
    article). Real imports commit, and autovacuum analyzes them.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_issue, archive_page, archive_article, archive_byline, archive_person")
