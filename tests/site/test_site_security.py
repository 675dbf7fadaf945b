"""Hardening: the Content-Security-Policy on every HTML page, no inline script or style in the
templates, Chinese error pages (JSON under /api/), and the production settings' start-up checks."""
import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client
from django.urls import include, path

from archive.models import Article, Person, Section
from newsroom.urls import handler400, handler403, handler404, handler500  # noqa: F401 (this test URLconf's handlers)

ROOT = Path(__file__).resolve().parents[2]


def _raise(exc):
    def view(request):
        raise exc

    return view


# A URLconf for the error-page tests: the site's own, plus views that fail.
urlpatterns = [
    path("boom/400/", _raise(SuspiciousOperation("坏请求"))),
    path("boom/403/", _raise(PermissionDenied())),
    path("boom/404/", _raise(Http404())),
    path("boom/500/", _raise(RuntimeError("数据库不见了"))),
    path("api/boom/", _raise(RuntimeError("数据库不见了"))),
    path("", include("newsroom.urls")),
]


def _csp(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def _public_urls() -> list[str]:
    article = Article.objects.published().first()
    return [
        "/", "/issues/", "/issues/2025/", "/corrections/", "/search/?q=郑州", "/no-such-page/",
        article.page.issue.get_absolute_url(), article.page.get_absolute_url(), article.get_absolute_url(),
        Section.objects.filter(articles__isnull=False).first().get_absolute_url(),
        Person.objects.filter(bylines__isnull=False).first().get_absolute_url(),
    ]


@pytest.mark.django_db
def test_every_public_and_admin_html_page_carries_the_strict_policy(client, editor, sample_pages):
    urls = _public_urls()
    client.force_login(editor)
    urls += ["/admin/", "/admin/archive/article/", f"/admin/archive/article/{Article.objects.first().pk}/change/",
             "/admin/archive/page/", "/admin/archive/page/import/"]
    for url in urls:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        policy = _csp(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"], url


@pytest.mark.django_db
def test_api_docs_relax_only_what_their_ui_needs(client):
    swagger = _csp(client.get("/api/docs/"))
    assert swagger["script-src"] == ["'self'"] and swagger["style-src"] == ["'self'"]
    assert swagger["img-src"] == ["'self'", "data:"]
    script = client.get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript") and b"SwaggerUIBundle" in script.content
    redoc = _csp(client.get("/api/redoc/"))
    assert redoc["script-src"] == ["'self'"] and redoc["style-src"] == ["'self'", "'unsafe-inline'"]


INLINE = re.compile(
    r"""<script(?![^>]*\bsrc=)(?![^>]*type="application/(?:ld\+)?json")[^>]*>"""  # a script that is not a file or data
    r"""|<style[\s>]|<[a-z][^<>]*\s(?:style|on[a-z]+)=|["']style["']\s*:""",  # a style block, attribute or widget attr
    re.IGNORECASE,
)


def _template_markup(path: Path) -> str:
    return re.sub(r"{% comment %}.*?{% endcomment %}|{#.*?#}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)


def _python_strings(path: Path) -> str:
    """Every string literal of a module except docstrings, which may talk about ``<style>``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node) is not None
    }
    return "\n".join(
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    )


def test_no_template_or_admin_markup_has_inline_script_or_style():
    markup = {p: _template_markup(p) for p in (ROOT / "templates").rglob("*.html")}
    markup |= {p: _python_strings(p) for p in (ROOT / "archive").rglob("*.py")}
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p, text in markup.items() for m in INLINE.finditer(text)]
    assert found == []


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("status", "heading"),
    [(400, "抱歉，这个请求无法处理"), (403, "抱歉，您无权查看这个页面"), (404, "抱歉，没有找到这个页面"), (500, "抱歉，服务器出了点问题")],
)
def test_error_pages_are_chinese_in_one_frame_under_the_policy(client, status, heading):
    client.raise_request_exception = False
    response = client.get(f"/boom/{status}/")
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html and 'class="not-found error-page"' in html
    assert 'href="/issues/"' in html and 'href="/search/"' in html and "数据库不见了" not in html
    assert _csp(response)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_chinese_403_frame():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "editor", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403 and "<h1>抱歉，表单校验未通过</h1>" in html and "error-page" in html


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_api_errors_outside_the_views_stay_json(client):
    client.raise_request_exception = False
    for url, status in [("/api/boom/", 500), ("/api/v1/no-such-thing/", 404)]:
        response = client.get(url)
        assert response.status_code == status and response["Content-Type"] == "application/json", url
        assert "detail" in response.json()


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py`` with the production settings and only the given variables set of the archive's own."""
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
    )


def test_the_server_refuses_to_start_without_a_secret_key_when_debug_is_off():
    refused = _manage("check")
    assert refused.returncode != 0
    assert "SECRET_KEY 未设置" in refused.stderr and "SECRET_KEY is not set" in refused.stderr
    assert _manage("check", DEBUG="1").returncode == 0


def test_deploy_check_is_clean_with_the_documented_production_settings():
    # docs/production.md: a long random SECRET_KEY, the public host name, DEBUG unset.
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="archive.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout and "WARNING" not in result.stdout + result.stderr


def test_the_wsgi_application_refuses_to_load_without_a_secret_key():
    # gunicorn runs no system checks; newsroom/wsgi.py refuses on its own.
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    refused = subprocess.run([sys.executable, "-c", "import newsroom.wsgi"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings"})
    assert refused.returncode != 0 and "SECRET_KEY 未设置" in refused.stderr
