"""An editor in Chromium pulls a whole issue and releases it again through the confirmation page,
and previews a draft on the public template; an anonymous reader gets 404."""
import datetime as dt

import pytest
from playwright.sync_api import expect

from archive import services
from archive.models import Article, Issue
from archive_test_helpers import admin_log_in as _log_in
from test_admin_review_browser import _shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_YEAR = dt.date(2025, 1, 2)
HEADLINE = "荥阳举办新年音乐会"


def _run_action(page, base_url, issue, action):
    page.goto(base_url + "/admin/archive/issue/")
    page.locator(f'input.action-select[value="{issue.pk}"]').check()
    page.select_option("select[name=action]", action)
    page.locator("button[name=index]").click()


def test_editor_unpublishes_then_publishes_a_whole_issue(chromium, live_server, editor, sample_pages):
    issue = Issue.objects.get(date=NEW_YEAR)
    count = Article.objects.filter(page__issue=issue).count()
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    _log_in(page, live_server.url)

    _run_action(page, live_server.url, issue, "issue_unpublish")
    expect(page.locator("#status-confirmation tr.status-change")).to_have_count(count)
    expect(page.locator("#status-confirmation")).to_contain_text(HEADLINE)
    page.screenshot(path=str(_shot("21-issue-unpublish-confirmation")), full_page=True)
    page.get_by_role("link", name="取消，返回").click()
    assert Article.objects.published().filter(page__issue=issue).count() == count

    _run_action(page, live_server.url, issue, "issue_unpublish")
    page.get_by_role("button", name="确认撤回整期").click()
    expect(page.locator(".messagelist")).to_contain_text(f"撤回整期：{count} 篇文章已改变状态。")
    assert page.goto(live_server.url + "/2025/01/02/").status == 404

    _run_action(page, live_server.url, issue, "issue_publish")
    expect(page.locator("#status-confirmation")).to_contain_text("发布时间（北京时间）")
    page.get_by_role("button", name="确认发布整期").click()
    expect(page.locator(".messagelist")).to_contain_text(f"发布整期：{count} 篇文章已改变状态。")
    assert page.goto(live_server.url + "/2025/01/02/").status == 200
    expect(page.locator("main")).to_contain_text(HEADLINE)


def test_staff_previews_a_draft_and_an_anonymous_reader_gets_404(chromium, live_server, editor, sample_pages):
    draft = Article.objects.get(headline=HEADLINE)
    services.article_unpublish(article=draft)
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/archive/article/{draft.pk}/change/")
    with page.context.expect_page() as opened:
        page.locator("a.preview-link").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("h1.headline")).to_contain_text(HEADLINE)
    expect(preview.locator(".preview-banner")).to_contain_text("预览")
    preview.screenshot(path=str(_shot("22-draft-preview")), full_page=True)
    link = preview.url

    anonymous = chromium.new_context(locale="zh-CN").new_page()
    assert anonymous.goto(live_server.url + draft.get_absolute_url()).status == 404
    assert anonymous.goto(link[:-4] + "abc/").status == 404
    assert anonymous.goto(live_server.url + "/preview/").status == 404
