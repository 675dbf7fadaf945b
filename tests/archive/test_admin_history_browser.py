"""An editor in Chromium: saving an article unchanged changes nothing (the page can still be
re-imported), and an edit can be reverted from the history page, which the public page then shows."""
import pytest
from playwright.sync_api import expect

from archive import services
from archive.models import Article
from archive_test_helpers import admin_log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "荥阳举办新年音乐会"


def _open(chromium, live_server, article):
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    return page


def test_saving_an_unchanged_article_keeps_it_unedited_and_the_page_reimportable(
    chromium, live_server, editor, sample_pages, sample_manifest, sample_dir
):
    article = Article.objects.get(headline=HEADLINE)
    page = _open(chromium, live_server, article)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text(HEADLINE)
    article.refresh_from_db()
    assert article.edited_at is None
    entry = next(e for e in sample_manifest["pages"] if e["file"] == article.page.source_name)
    text = (sample_dir / entry["file"]).read_text(encoding="utf-8").replace("新年音乐会", "新春音乐会")
    result = services.page_import(date=article.page.issue.date, page_number=entry["page"], page_name=entry["name"],
                                  section_name=entry.get("section"), text=text)
    assert not result.unchanged and Article.objects.filter(page=result.page, headline="荥阳举办新春音乐会").exists()


def test_an_edit_reverted_from_the_history_page_is_gone_from_the_public_page(chromium, live_server, editor, sample_pages):
    article = Article.objects.get(headline=HEADLINE)
    page = _open(chromium, live_server, article)
    page.fill("#id_headline", "荥阳举办迎春灯会")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("荥阳举办迎春灯会")
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/history/")
    rows = page.locator("#article-versions tr.version-row")
    expect(rows).to_have_count(2)
    expect(rows.first.locator(".version-comment")).to_contain_text("修改了主标题")
    page.get_by_role("button", name="比较所选版本").click()
    expect(page.locator(".version-diff .removed")).to_contain_text(HEADLINE)
    page.go_back()
    rows.last.get_by_role("button", name="恢复此版本").click()
    expect(page.locator(".messagelist")).to_contain_text("已恢复到所选版本")
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1")).to_contain_text(HEADLINE)
    expect(page.locator("body")).not_to_contain_text("迎春灯会")
