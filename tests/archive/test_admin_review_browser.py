"""An editor in Chromium imports a page with parser warnings through the admin,
sees the flagged items first in the preview, and works through the 需核对 queue."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.admin.display import warning_label
from archive.ingest import parse_page
from archive_test_helpers import admin_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
FILE = "001_e2ee4c39575207b8.txt"


def _preview(page, sample_dir):
    page.get_by_role("link", name="版面").first.click()
    page.get_by_role("link", name="导入版面文本").click()
    page.set_input_files("#id_upload", str(sample_dir / FILE))
    page.fill("#id_date", "2023-02-16")
    page.fill("#id_page_number", "6")
    page.fill("#id_page_name", "区县新闻")
    page.get_by_role("button", name="预览").click()


def test_editor_imports_a_page_and_works_through_the_review_queue(chromium, live_server, editor, sample_dir):
    items = parse_page((sample_dir / FILE).read_text(encoding="utf-8")).articles
    flagged = [n for n, item in enumerate(items, start=1) if item.warnings]
    rest = [n for n in range(1, len(items) + 1) if n not in flagged]
    assert flagged and rest, "the sample page should have items with and without warnings"
    page = chromium.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    admin_log_in(page, live_server.url)
    _preview(page, sample_dir)

    orders = page.locator("#import-preview tr.preview-item td:first-child").all_inner_texts()
    assert [int(n) for n in orders] == flagged + rest
    first = page.locator("#import-preview tr.preview-item").first
    expect(first.locator(".preview-warning").first).to_contain_text(warning_label(items[flagged[0] - 1].warnings[0].code))
    expect(page.locator("#preview-flagged th")).to_contain_text(f"需核对：{len(flagged)} 条稿件有解析提示")
    page.screenshot(path=str(_shot("11-import-preview-flagged-first")), full_page=True)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messagelist")).to_contain_text("已导入")

    page.goto(live_server.url + "/admin/archive/article/")
    page.get_by_role("link", name="需核对", exact=True).click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(len(flagged))
    title = rows.first.locator(".al-headline").inner_text()
    rows.first.locator("input.action-select").check()
    page.select_option("select[name=action]", "mark_checked")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("已将 1 篇文章标记为已核对。")
    expect(rows).to_have_count(len(flagged) - 1)
    expect(page.locator("#changelist")).not_to_contain_text(title)
    page.screenshot(path=str(_shot("12-review-queue-after-check")), full_page=True)

    page.get_by_role("link", name="已核对", exact=True).click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(title)
    expect(rows.first).to_contain_text("editor 于")


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
