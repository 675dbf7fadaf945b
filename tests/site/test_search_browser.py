"""A reader searches in Chromium: facets beside the hits on a desktop, a closed 筛选 panel on a phone.

One page load per step; screenshots land in artifacts/screenshots/search-*.png.
"""
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
QUERY = "郑州"


@pytest.fixture
def archive(transactional_db):
    """The five sample pages, imported the way scripts/serve.sh imports them."""
    manifest = Path(__file__).resolve().parents[2] / "archive" / "sample_data" / "manifest.json"
    call_command("import_pages", manifest=str(manifest), stdout=io.StringIO(), stderr=io.StringIO())


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def first_hit_is_above_the_fold(page) -> bool:
    """The first hit's headline lies wholly inside the first screen."""
    box = page.locator(".hit .headline").first.bounding_box()
    return 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def count_line(page) -> str:
    return page.locator(".result-count").inner_text()


def facet(page, group: str):
    """The first entry of a facet group (年份, 栏目, 作者, 类型) that is not set yet."""
    return page.get_by_role("list", name=group).locator("a:not([aria-current])").first


def test_desktop_reader_adds_facet_chips_removes_them_and_starts_a_new_query(chromium, live_server, archive):
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{live_server.url}/search/?q={QUERY}")
    everything = count_line(page)
    assert first_hit_is_above_the_fold(page)
    sidebar, results = page.locator(".search-facets").bounding_box(), page.locator(".search-main").bounding_box()
    assert sidebar["x"] + sidebar["width"] <= results["x"]  # facets beside the hits, on the left
    expect(page.locator(".chip")).to_have_count(0)
    shot(page, "search-1280")

    year = facet(page, "年份")
    year_label, year_count = year.locator(".facet-label").inner_text(), year.locator(".facet-count").inner_text()
    year.click()
    expect(page.locator(".chip")).to_have_count(1)
    expect(page.locator(".chip")).to_contain_text(year_label)
    expect(page.locator("#search-q")).to_have_value(QUERY)  # only the words typed, no filter in the box
    assert count_line(page) == f"共 {year_count} 篇"
    active = page.get_by_role("list", name="年份").locator("a[aria-current]")
    expect(active).to_contain_text(year_label)
    assert active.get_attribute("href") == page.get_by_role("link", name=f"移除筛选：{year_label}").get_attribute("href")

    page.get_by_role("link", name=f"移除筛选：{year_label}").click()
    expect(page.locator(".chip")).to_have_count(0)
    assert count_line(page) == everything

    facet(page, "年份").click()
    facet(page, "栏目").click()
    expect(page.locator(".chip")).to_have_count(2)
    shot(page, "search-1280-filtered")
    page.get_by_role("link", name="清除全部").click()
    expect(page.locator(".chip")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/search/\?q=" + re.escape("%E9%83%91%E5%B7%9E") + "$"))
    expect(page.locator("#search-q")).to_have_value(QUERY)
    assert count_line(page) == everything

    facet(page, "年份").click()
    page.locator("#search-q").fill("郑东新区")
    page.locator("#search-q").press("Enter")  # a new query: the year set for 郑州 does not narrow it
    expect(page.locator(".chip")).to_have_count(0)
    expect(page.locator("#search-q")).to_have_value("郑东新区")
    assert count_line(page) in page.request.get(f"{live_server.url}/search/?q=郑东新区").text()


def test_phone_reader_sees_the_first_hit_and_opens_the_filters(chromium, live_server, archive):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                   locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q={QUERY}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    panel = page.locator("details.facet-panel")
    expect(panel).not_to_have_attribute("open", "")
    expect(page.get_by_role("list", name="年份")).to_be_hidden()
    assert first_hit_is_above_the_fold(page)
    shot(page, "search-390")

    panel.locator("summary").tap()
    expect(panel).to_have_attribute("open", "")
    expect(facet(page, "年份")).to_be_visible()
    shot(page, "search-390-filters")
    context.close()
