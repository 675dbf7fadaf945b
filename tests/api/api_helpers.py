"""Synthetic pages for tests that need more articles than the five sample pages hold."""
import datetime as dt

from archive import services

DISTRICTS = ["金水区", "二七区", "中原区", "管城区", "惠济区", "上街区", "荥阳市", "新密市", "登封市", "巩义市"]
REPORTERS = ["王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛", "周洁", "吴昊"]


def synthetic_page_text(day: int, stories: int) -> str:
    """A short 区县新闻 page: ``stories`` items, each a headline and a 本报讯 paragraph."""
    blocks = []
    for n in range(stories):
        district = DISTRICTS[(day + n) % len(DISTRICTS)]
        reporter = REPORTERS[(day * 3 + n) % len(REPORTERS)]
        blocks.append(f"{district}第{n + 1}批民生实事项目开工")
        blocks.append(
            f"本报讯(记者 {reporter}){day}日,{district}举行民生实事项目集中开工仪式,"
            f"涉及道路、学校、公园等{n + 5}个项目,总投资约{n + 3}亿元,预计年内完工。"
        )
    return "\n\n".join(blocks) + "\n"


def import_synthetic_pages(*, pages: int, stories: int, start=dt.date(2020, 3, 1)) -> int:
    """Import ``pages`` synthetic pages (one per day from ``start``); returns the articles created."""
    total = 0
    for day in range(pages):
        result = services.page_import(
            date=start + dt.timedelta(days=day),
            page_number=2,
            page_name="区县新闻",
            section_name="区县新闻",
            text=synthetic_page_text(day + 1, stories),
        )
        total += result.articles
    return total
