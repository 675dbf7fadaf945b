"""An editor in Chromium adds a correction (更正) from the article's admin page;
the public article page then shows the note with its date."""
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from archive.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
HEADLINE = "金水区吹响奋进「冲锋号」"
NOTE = "本文原将记者“党贺喜”误作“党贺禧”，已更正。"


def _log_in(page, base_url):
    page.goto(base_url + "/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-42")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("editor")


def test_editor_adds_a_correction_and_readers_see_it_under_the_story(chromium, live_server, editor, sample_pages):
    article = Article.objects.get(headline=HEADLINE)
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.get_by_role("link", name="添加更正").click()
    expect(page.locator(".field-article")).to_contain_text(HEADLINE)  # the article comes filled in
    page.fill("#id_note", NOTE)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("已添加更正")
    expect(page.locator(".inline-group").filter(has_text="更正")).to_contain_text(NOTE)
    page.screenshot(path=str(_shot("21-admin-correction-added")), full_page=True)

    page.goto(live_server.url + article.get_absolute_url())
    box = page.locator("aside.corrections")
    expect(box).to_contain_text("更正")
    expect(box).to_contain_text(NOTE)
    today = timezone.localdate()
    expect(box.locator("time")).to_have_text(f"{today.year}年{today.month}月{today.day}日")
    page.screenshot(path=str(_shot("22-article-shows-correction")), full_page=True)

    page.goto(live_server.url + "/corrections/")
    expect(page.locator(".correction-list li").first).to_contain_text(NOTE)
    page.locator(".correction-list li a").first.click()
    expect(page.locator("h1.headline")).to_have_text(HEADLINE)


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
