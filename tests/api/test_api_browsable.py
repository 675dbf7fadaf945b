"""The browsable API as a logged-in editor sees it: every endpoint renders as HTML, forms included.

The endpoints come from the OpenAPI schema, so one added later is visited
too; the editor gets the raw-data forms for writes, which a plain JSON
client never asks for.
"""
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from archive.models import Article, Page, Person, Section

pytestmark = pytest.mark.django_db


def _schema_paths() -> dict[str, list[str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {path: [method.upper() for method in ops] for path, ops in schema["paths"].items()}


def _fill(path: str) -> str:
    """The path with real rows for its parameters: an article, page, issue, section or person of the samples."""
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    resource = path.split("/")[3]
    values = {
        "id": {"pages": Page.objects.filter(articles=article).get().pk}.get(resource, article.pk),
        "date": article.page.issue.date.isoformat(),
        "slug": {"people": Person.objects.filter(bylines__article=article).first().slug,
                 "sections": Section.objects.filter(articles__isnull=False).first().slug}.get(resource, ""),
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def test_the_schema_lists_the_article_write_endpoints_this_test_must_cover():
    paths = _schema_paths()
    assert {"POST"} <= set(paths["/api/v1/articles/"]) and {"PUT", "PATCH"} <= set(paths["/api/v1/articles/{id}/"])


# Endpoints that answer a file, not a resource: a browser downloads it.
DOWNLOADS = {"/api/v1/articles/export/"}


def test_every_endpoint_renders_as_html_for_a_logged_in_editor(client, editor, sample_pages):
    client.force_login(editor)
    for path, methods in _schema_paths().items():
        url = _fill(path)
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if path in DOWNLOADS:
            assert response.status_code == 200 and "attachment" in response["Content-Disposition"], url
        elif "GET" in methods:  # the token endpoint takes POSTs in JSON only: a 405 or 406 there is its answer
            assert response.status_code == 200, f"{url} answered {response.status_code}"
            assert response["Content-Type"].startswith("text/html"), url


def test_the_article_form_shows_the_current_credits_in_the_shape_a_write_takes(client, editor, sample_pages):
    client.force_login(editor)
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    html = client.get(f"/api/v1/articles/{article.pk}/", HTTP_ACCEPT="text/html").content.decode()
    name = article.bylines.first().person.name
    assert f"&quot;name&quot;: &quot;{name}&quot;" in html
