"""Accessibility: axe-core's WCAG 2.1 A and AA rules on every kind of public page, in Chromium."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Article, Person, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}


@pytest.fixture
def archive(transactional_db):
    manifest = Path(__file__).resolve().parents[2] / "archive" / "sample_data" / "manifest.json"
    call_command("import_pages", manifest=str(manifest), stdout=io.StringIO(), stderr=io.StringIO())


def public_pages() -> dict[str, str]:
    """One URL of each kind of public page, from the sample archive."""
    story = Article.objects.filter(kind="article").order_by("pk").first()
    photo = Article.objects.filter(kind="photo").order_by("pk").first()
    return {
        "home": "/",
        "issue": "/2025/01/02/",
        "page": "/2025/01/02/6/",
        "article": story.get_absolute_url(),
        "photo item": photo.get_absolute_url(),
        "section": Section.objects.filter(articles__isnull=False).first().get_absolute_url(),
        "person": Person.objects.order_by("pk").first().get_absolute_url(),
        "search": "/search/?q=郑东新区",
        "search with filter chips": "/search/?q=郑州&year=2025&kind=article",
        "往期回顾": "/issues/",
        "corrections": "/corrections/",
        "订阅": "/feeds/",
        "404": "/1999/01/01/",
    }


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_public_page_has_no_axe_violations(chromium, live_server, archive, width):
    page = chromium.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    found = {}
    for name, url in public_pages().items():
        page.goto(live_server.url + url)
        found[name] = violations(page)
    assert found == {name: [] for name in found}


def test_first_tab_reaches_a_visible_skip_link_with_a_focus_outline(chromium, live_server, archive):
    page = chromium.new_page(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page.goto(live_server.url + "/2025/01/02/6/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
        return {text: el.textContent, href: el.getAttribute("href"), left: box.left, top: box.top,
                outline: style.outlineStyle, width: style.outlineWidth};
    }""")
    assert focused["text"] == "跳到正文" and focused["href"] == "#main"
    assert focused["left"] >= 0 and focused["top"] >= 0  # moved on screen when focused
    assert focused["outline"] == "solid" and focused["width"] == "3px"
