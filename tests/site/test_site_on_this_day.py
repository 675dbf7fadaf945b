"""历史上的今天: published stories of the same month and day in earlier years, one query, cached per day."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import services
from archive.models import Article
from archive.site import discovery

pytestmark = pytest.mark.django_db

WATER = (
    "郑州新年首批民生实事项目集中开工\n\n"
    "本报讯(记者 王红)1月2日上午,郑州市2024年首批民生实事项目集中开工,涉及供水管网改造、老旧小区提升等28个项目。\n\n"
    "据介绍,项目总投资约46亿元,年内将陆续完工。\n"
)
LIBRARY = (
    "郑州图书馆新年延长开放时间\n\n"
    "本报讯(记者 李娜)1月2日起,郑州图书馆每周二至周日开放至晚上9点,方便市民下班后借阅。\n"
)
DRAFT = (
    "金水区冬季供暖热线开通\n\n"
    "本报讯(记者 赵阳)金水区冬季供暖服务热线今日开通,24小时受理市民来电。\n"
)


@pytest.fixture
def earlier_years(sample_pages):
    """Issues on 1月2日 of 2024 and 2023 (published) and of 2022 (a draft), beside the sample 2025-01-02."""
    for date, text, publish in ((dt.date(2024, 1, 2), WATER, True), (dt.date(2023, 1, 2), LIBRARY, True),
                                (dt.date(2022, 1, 2), DRAFT, False)):
        services.page_import(date=date, page_number=1, page_name="要闻", section_name="要闻", text=text,
                             source_name=f"on-this-day-{date}.txt", publish=publish)


def _block(body: str) -> str:
    start = body.index('class="on-this-day"')
    return body[start:body.index("</section>", start)]


def test_the_issue_page_lists_earlier_years_newest_first_without_drafts(client, earlier_years):
    block = _block(client.get("/2025/01/02/").content.decode())
    assert block.index("2024年1月2日") < block.index("郑州新年首批民生实事项目集中开工") < block.index("2023年1月2日")
    assert block.index("2023年1月2日") < block.index("郑州图书馆新年延长开放时间")
    assert 'href="/2024/01/02/1/1/"' in block
    assert "金水区冬季供暖热线开通" not in block and "2022年" not in block


def test_a_later_issue_is_never_listed(client, earlier_years):
    block = _block(client.get("/2024/01/02/").content.decode())
    assert "郑州图书馆新年延长开放时间" in block
    assert "2025年" not in block and "郑州新年首批民生实事项目集中开工" not in block


def test_the_home_page_uses_the_latest_issues_day(client, sample_pages):
    services.page_import(date=dt.date(2024, 1, 3), page_number=1, page_name="要闻", section_name="要闻",
                         text=LIBRARY, source_name="home.txt", publish=True)
    block = _block(client.get("/").content.decode())  # latest issue: 2025-01-03
    assert "2024年1月3日" in block and "郑州图书馆新年延长开放时间" in block


def test_a_day_without_earlier_years_has_no_block(client, sample_pages):
    assert 'class="on-this-day"' not in client.get("/2023/02/16/").content.decode()


def _queries(client, url: str) -> int:
    cache.clear()  # neither the page cache nor the block's own cache answers
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/2025/01/02/"])
def test_the_block_adds_at_most_one_query(client, earlier_years, monkeypatch, url):
    with_block = _queries(client, url)
    monkeypatch.setattr(discovery, "on_this_day", lambda date: [])
    without = _queries(client, url)
    assert without < with_block <= without + 1  # the block is there and costs one query


def test_the_block_is_cached_for_the_day_and_an_edit_renews_it(earlier_years):
    date = dt.date(2025, 1, 2)
    first = discovery.on_this_day(date)
    with CaptureQueriesContext(connection) as queries:
        assert discovery.on_this_day(date) == first
    assert len(queries) == 0
    article = Article.objects.get(page__issue__date=dt.date(2023, 1, 2))
    services.article_update(article=article, fields={"headline": "郑州图书馆夜间开放至晚9点"})
    titles = [s["title"] for year in discovery.on_this_day(date) for s in year["stories"]]
    assert "郑州图书馆夜间开放至晚9点" in titles
