"""In Chromium at 1280 px: the article list shows 20+ characters of title a line,
newest issue first; an editor imports a page into a new section, announced in
the preview, saved as drafts."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.models import Article, Page, Status
from archive_test_helpers import admin_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
FILE = "001_e2ee4c39575207b8.txt"

# Characters on each rendered line of an element's text, measured with a Range per character.
CHARS_PER_LINE = """el => {
    const text = el.firstChild, lines = new Map();
    for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(text, i); range.setEnd(text, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        lines.set(top, (lines.get(top) || 0) + 1);
    }
    return [...lines.values()];
}"""


def test_the_article_list_reads_at_1280_px_newest_first(chromium, live_server, editor, sample_pages):
    page = chromium.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    admin_log_in(page, live_server.url)
    page.goto(live_server.url + "/admin/archive/article/")
    rows = page.locator("#result_list tbody tr")
    expect(rows.first.locator(".al-date")).to_have_text("2025-01-03")
    page.screenshot(path=str(_artifact("admin-article-list-1280.png")))
    longest = max(Article.objects.all(), key=lambda a: len(a.headline)).headline
    assert len(longest) > 30
    page.goto(live_server.url + "/admin/archive/article/?all=")
    headline = page.locator(".al-headline", has_text=longest)
    lines = headline.evaluate(CHARS_PER_LINE)
    assert max(lines) >= 20, f"{longest} is drawn {lines} characters a line"
    cell = page.locator("th.field-titles").first
    width, font = cell.evaluate("el => [el.clientWidth, parseFloat(getComputedStyle(el.querySelector('.al-headline')).fontSize)]")
    assert width / font >= 20
    kicker = rows.locator(".al-kicker").first
    assert kicker.bounding_box()["y"] < kicker.locator("xpath=following-sibling::span[1]").bounding_box()["y"]



def test_an_editor_imports_a_page_into_a_new_section(chromium, live_server, editor, sample_pages, sample_dir):
    page = chromium.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    admin_log_in(page, live_server.url)
    page.goto(live_server.url + "/admin/archive/page/import/")
    expect(page.locator("#id_publish")).not_to_be_checked()
    assert page.locator("#id_date").get_attribute("type") == "date"
    page.fill("#id_text", (sample_dir / FILE).read_text(encoding="utf-8"))
    page.fill("#id_date", "2023-03-01")
    page.fill("#id_page_number", "6")
    page.fill("#id_page_name", "金水新闻")
    page.fill("#id_section_name", "金水·周刊")
    page.get_by_role("button", name="预览").click()
    expect(page.locator(".errorlist")).to_contain_text("没有名为“金水·周刊”的栏目")
    expect(page.locator("#id_text")).to_have_value((sample_dir / FILE).read_text(encoding="utf-8").replace("\r\n", "\n"))
    page.check("#id_new_section")
    page.get_by_role("button", name="预览").click()
    expect(page.locator("#import-new-section")).to_have_text("将新建栏目：金水·周刊")
    expect(page.locator("#import-publish")).to_contain_text("保存后为草稿")
    page.screenshot(path=str(_artifact("admin-import-new-section.png")), full_page=True)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messagelist")).to_contain_text("已导入")
    imported = Page.objects.get(issue__date="2023-03-01", number=6)
    assert imported.section.name == "金水·周刊"
    assert imported.articles.filter(section__name="金水·周刊").exists()
    assert set(imported.articles.values_list("status", flat=True)) == {Status.DRAFT}


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
