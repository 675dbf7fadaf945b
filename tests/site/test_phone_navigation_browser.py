"""On a phone (390 px) the 版 strip comes before the stories and the 上一篇/下一篇-style bars keep to one line."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from archive.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
MANIFEST = Path(__file__).resolve().parents[2] / "archive" / "sample_data" / "manifest.json"


def _longest_neighbour():
    """A published story whose 上一篇 or 下一篇 is the sample data's longest headline, and that headline."""
    published = list(Article.objects.published().select_related("page__issue").order_by("page", "order"))
    longest = max((a for a in published if a.headline), key=lambda a: len(a.headline))
    same_page = [a for a in published if a.page_id == longest.page_id]
    i = same_page.index(longest)
    return (same_page[i + 1] if i + 1 < len(same_page) else same_page[i - 1]), longest.headline


def _assert_one_line(page, bar):
    """The bar's content is no taller than its middle link, which holds a few characters only."""
    content = bar.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return el.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom); }")
    middle = bar.locator(".prev-next-middle").bounding_box()["height"]
    assert content <= middle * 1.5, (content, middle)


def _assert_strip_first(page, story_selector):
    strip = page.get_by_role("navigation", name="本期版面")
    expect(strip.locator("a[aria-current=page]")).to_have_count(1 if story_selector != ".page-card" else 0)
    first_story = page.locator(story_selector).first
    assert strip.bounding_box()["y"] + strip.bounding_box()["height"] <= first_story.bounding_box()["y"]


def test_phone_reader_sees_the_page_strip_before_the_stories_and_one_line_bars(chromium, live_server,
                                                                                transactional_db):
    call_command("import_pages", manifest=str(MANIFEST), stdout=io.StringIO(), stderr=io.StringIO())
    story, longest = _longest_neighbour()
    date = story.page.issue.date
    page = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + story.get_absolute_url())
    _assert_strip_first(page, ".article")
    bar = page.get_by_role("navigation", name="上一篇和下一篇")
    cut = bar.locator(f'a[title$="{longest}"]')
    expect(cut).to_have_count(1)
    assert cut.evaluate("el => el.scrollWidth > el.clientWidth"), "the long headline is cut with …"
    _assert_one_line(page, bar)
    page.screenshot(path=str(SHOTS / "09-article-phone-strip.png"), full_page=False)

    page.goto(live_server.url + story.page.get_absolute_url())
    _assert_strip_first(page, ".story-card")
    page.screenshot(path=str(SHOTS / "10-page-phone-strip.png"), full_page=False)

    page.goto(live_server.url + f"/{date:%Y/%m/%d}/")
    _assert_strip_first(page, ".page-card")
    _assert_one_line(page, page.get_by_role("navigation", name="上一期和下一期"))
    page.screenshot(path=str(SHOTS / "11-issue-phone-strip.png"), full_page=False)
