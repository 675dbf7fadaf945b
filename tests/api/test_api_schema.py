"""The OpenAPI schema builds without warnings, documents every endpoint bilingually, and the docs are self-hosted."""
import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_spectacular_validates_with_warnings_as_errors(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    paths = yaml.safe_load(out.read_text(encoding="utf-8"))["paths"]
    assert {
        "/api/v1/articles/", "/api/v1/articles/{id}/", "/api/v1/articles/harvest/", "/api/v1/auth/token/",
        "/api/v1/issues/", "/api/v1/issues/{date}/", "/api/v1/pages/", "/api/v1/pages/{id}/",
        "/api/v1/sections/", "/api/v1/sections/{slug}/", "/api/v1/people/", "/api/v1/people/{slug}/",
    } <= set(paths)


def bilingual(text: str | None) -> bool:
    return bool(text and CJK.search(text) and LATIN_WORD.search(text))


def test_every_operation_and_parameter_is_described_in_chinese_and_english(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert bilingual(operation.get("summary")), (method, path)
            for parameter in operation.get("parameters", []):
                assert bilingual(parameter.get("description")), (method, path, parameter["name"])


def test_every_field_of_our_components_is_described_in_chinese_and_english(schema):
    skip = {"AuthToken"}  # DRF's own token serializer
    for name, component in schema["components"]["schemas"].items():
        if name in skip or name.startswith("Paginated") or "properties" not in component:
            continue
        for field, spec in component["properties"].items():
            assert bilingual(spec.get("description")), (name, field)


def test_article_list_documents_each_filter(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert {"date_from", "date_to", "date", "section", "page_number", "person", "role", "kind", "ordering", "page", "page_size"} <= names
    harvest = {p["name"] for p in schema["paths"]["/api/v1/articles/harvest/"]["get"]["parameters"]}
    assert "cursor" in harvest and "ordering" not in harvest and "person" in harvest


def test_schema_endpoint_serves_openapi_3(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_assets_from_our_own_static_files(api, url):
    response = api.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert any("/static/drf_spectacular_sidecar/" in a for a in assets), assets
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))], assets
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_article_rows_document_the_search_snippet_and_the_display_title(schema):
    components = schema["components"]["schemas"]
    row = components["ArticleList"]["properties"]
    assert row["highlight"]["type"] == "string" and row["highlight"]["nullable"] is True
    assert "<mark>" in row["highlight"]["description"] and "null" in row["highlight"]["description"]
    assert row["title"]["type"] == "string" and "caption" in row["title"]["description"]
    assert "title" in components["ArticleDetail"]["properties"] and "highlight" not in components["ArticleDetail"]["properties"]
