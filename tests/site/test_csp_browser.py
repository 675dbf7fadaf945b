"""Chromium keeps the Content-Security-Policy on every kind of page: no violation anywhere.

The policy forbids inline scripts and styles; a template that slipped one in
(or an admin widget, or the API docs) shows up here as a violation report,
which Chromium raises as a ``securitypolicyviolation`` event and logs on the
console.
"""
import time

import pytest
from django.test import Client
from playwright.sync_api import expect

from archive import services
from archive.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded in the page before any of its own scripts run (an init script is
# not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def editor_browser(chromium, live_server, editor):
    """A Chromium context logged in as the editor (session cookie from Django's test client)."""
    client = Client()
    client.force_login(editor)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def _visit(context, url: str, ready: str) -> list[str]:
    """Open ``url``, wait for ``ready`` (a CSS selector the page shows once drawn) and return its violations."""
    page = context.new_page()
    console, pending = [], set()
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    response = page.goto(url)
    assert response.headers.get("content-security-policy"), url
    expect(page.locator(ready).first).to_be_visible(timeout=15000)
    _wait_until_quiet(page, pending, url)
    violations = page.evaluate("window.__csp") + console
    page.close()
    return violations


def _wait_until_quiet(page, pending: set, url: str, *, quiet_ms: int = 500, limit_s: float = 60) -> None:
    """Wait until no request has been in flight for ``quiet_ms``, so late loads can report violations.

    Playwright's own "networkidle" gives up after 30 s without saying which
    request was still out; on a loaded CI machine that told us nothing. This
    waits longer and names the requests that never finished.
    """
    page.wait_for_load_state("load")
    quiet_since = None
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        now = time.monotonic()
        if pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif (now - quiet_since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"{url}: still loading after {limit_s:.0f} s: {sorted(r.url for r in pending)}")


def test_no_page_breaks_the_content_security_policy(editor_browser, live_server, editor, sample_pages):
    article = Article.objects.published().filter(photos__isnull=False).first()
    for headline in ("荥阳举办迎春灯会", article.headline):  # two revisions to compare in the history
        services.article_save(article=article, fields={"headline": headline}, user=editor)
    old, new = services.history.versions_of(article).order_by("pk")[:2]
    pages = {
        "/": "h1",
        article.get_absolute_url(): ".article .headline",
        "/search/?q=郑州": "h1",
        "/no-such-page/": ".not-found",
        "/admin/": "#content-main",
        "/admin/archive/article/": "#result_list",
        f"/admin/archive/article/{article.pk}/change/": "#article_form",
        "/admin/archive/page/import/": "#content-main",
        f"/admin/archive/article/{article.pk}/history/": "#article-versions",
        f"/admin/archive/article/{article.pk}/history/diff/?old={old.pk}&new={new.pk}": ".version-diff .removed",
        "/api/docs/": ".swagger-ui .info .title",
        "/api/v1/articles/": ".response-info",
    }
    violations = {url: found for url in pages if (found := _visit(editor_browser, live_server.url + url, pages[url]))}
    assert violations == {}


def test_redoc_draws_the_docs_and_only_its_remote_logo_is_blocked(editor_browser, live_server):
    # Redoc's bundle always asks cdn.redoc.ly for its "API docs by Redocly"
    # logo; the archive sends no reader to a third party, so that one image is
    # refused, and nothing else.
    violations = _visit(editor_browser, live_server.url + "/api/redoc/", "h1")
    assert violations and all("https://cdn.redoc.ly/redoc/logo-mini.svg" in v for v in violations)
