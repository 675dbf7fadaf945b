"""A reader walks the site in Chromium: home → 往期 → issue → page → article → person → section."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def archive(transactional_db):
    """The five sample pages, imported the way scripts/serve.sh imports them."""
    # Not `from conftest import import_samples`: another tests/ folder's
    # conftest.py may be the module named conftest by then.
    manifest = Path(__file__).resolve().parents[2] / "archive" / "sample_data" / "manifest.json"
    call_command("import_pages", manifest=str(manifest), stdout=io.StringIO(), stderr=io.StringIO())


def shot(page, name, *, full_page=True):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_reader_walks_from_home_to_a_section(chromium, live_server, archive):
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("2025年1月3日")
    shot(page, "01-home")

    page.get_by_role("link", name="往期回顾").first.click()
    expect(page.locator("h1")).to_have_text("往期回顾")
    expect(page.locator("caption", has_text="2025年1月")).to_be_visible()
    shot(page, "02-issues")

    page.get_by_role("link", name="2025年1月2日").click()
    expect(page.locator("h1")).to_contain_text("2025年1月2日 星期四")
    expect(page.get_by_text("上一期：2024年12月30日")).to_be_visible()
    shot(page, "03-issue")

    page.get_by_role("link", name="第6版：区县新闻").click()
    expect(page.locator("h1")).to_have_text("第6版：区县新闻")
    expect(page.get_by_role("navigation", name="上一版和下一版")).to_contain_text("已是第一版")
    shot(page, "04-page")

    page.get_by_role("link", name="高质量谱写中国式现代化 美好二七实践新篇章").click()
    expect(page.locator("h1")).to_have_text("高质量谱写中国式现代化 美好二七实践新篇章")
    expect(page.locator(".byline")).to_have_text("本报讯(记者 刘伟平 景静)")
    expect(page.locator(".citation")).to_contain_text("[N]. 郑州日报, 2025-01-02(6).")
    # citation.js (a static file, allowed by the CSP) shows the 复制 buttons.
    expect(page.locator(".citation button.copy").first).to_be_visible()
    shot(page, "05-article")

    page.locator(".byline").get_by_role("link", name="刘伟平").click()
    expect(page.locator("h1")).to_have_text("刘伟平")
    expect(page.get_by_role("heading", name="记者")).to_be_visible()
    expect(page.get_by_text("二七区破题开局换挡转型")).to_be_visible()
    shot(page, "06-person")

    page.goto(live_server.url + "/2025/01/02/6/6/")
    page.locator(".article-section").get_by_role("link", name="郑东新区·周报").click()
    expect(page.locator("h1")).to_have_text("郑东新区·周报")
    expect(page.get_by_text("加快中原科技城核心板块建设 全力推动郑东新区高质量发展")).to_be_visible()
    shot(page, "07-section")


def test_phone_reader_sees_the_article_and_can_use_the_keyboard(chromium, live_server, archive):
    page = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page.goto(live_server.url + "/2025/01/03/7/1/")
    expect(page.locator("h1")).to_contain_text("深化“八大工程”")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    shot(page, "08-article-phone", full_page=False)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_unknown_address_shows_the_chinese_404(chromium, live_server, archive):
    page = chromium.new_page()
    response = page.goto(live_server.url + "/2025/01/02/6/99/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("抱歉，没有找到这个页面")
    page.get_by_role("link", name="按日期查看往期报纸").click()
    expect(page.locator("h1")).to_have_text("往期回顾")
