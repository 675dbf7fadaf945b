"""/api/v1/articles/export/: the article list's result set as one CSV or NDJSON file, with the list's filters."""
from __future__ import annotations

import pytest
from django.http import StreamingHttpResponse
from drf_spectacular.generators import SchemaGenerator

from archive.throttling import ExportThrottle
from tests.search.test_search_tokens import HOSTILE_QUERIES
from tests.site.test_search_export import BOM, csv_rows, ndjson_rows

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/export/"
LIST = "/api/v1/articles/"
# One table of result sets: no filter, a query, each filter alone and with a query, an explicit order.
PARAMS = [
    {},
    {"q": "郑州"},
    {"q": "区", "section": "qu-xian-xin-wen"},
    {"section": "zheng-dong-xin-qu-zhou-bao"},
    {"person": "tan-yan-feng"},
    {"q": "区", "person": "tan-yan-feng", "role": "reporter"},
    {"date_from": "2024-12-30", "date_to": "2025-01-02"},
    {"q": "区", "date_from": "2024-12-30", "date_to": "2025-01-02"},
    {"kind": "photo"},
    {"page_number": 6, "year": 2025},
    {"q": "郑东新区", "ordering": "-date"},
    {"ordering": "id"},
]


def listed(client, **params) -> list[int]:
    response = client.get(LIST, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["next"] is None  # the sample archive fits in one page
    return [item["id"] for item in body["results"]]


def exported(client, fmt: str | None = "ndjson", **params):
    response = client.get(URL, {**({"format": fmt} if fmt else {}), **params})
    assert response.status_code == 200, response
    text = b"".join(response.streaming_content).decode("utf-8")
    return response, (csv_rows(text) if response["Content-Type"].startswith("text/csv") else ndjson_rows(text))


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_export_holds_exactly_the_list_in_its_order_in_both_formats(api, sample_pages, params):
    ids = listed(api, **params)
    assert ids or params.get("kind") == "photo"
    assert [r["id"] for r in exported(api, "ndjson", **params)[1]] == ids
    assert [int(r["id"]) for r in exported(api, "csv", **params)[1]] == ids


def test_ndjson_by_default_streamed_as_an_ascii_named_attachment(api, sample_pages):
    response, rows = exported(api, None, q="郑东新区")
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="archive-articles-') and disposition.endswith('.ndjson"')
    assert rows and all("body" not in r for r in rows)


def test_csv_has_bom_header_and_body_when_asked(api, sample_pages):
    response = api.get(URL, {"format": "csv", "q": "郑东新区", "body": 1})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith(BOM + "id,date,page,section,kicker,headline,subheadline,credits,url,body\r\n")
    assert all(r["body"] for r in csv_rows(text))


def test_photo_rows_are_never_blank(api, sample_pages):
    rows = exported(api, "ndjson", kind="photo")[1]
    assert rows and all(r["headline"] for r in rows)


def test_anonymous_clients_never_get_drafts_and_editors_get_them_as_the_list_does(api, editor_api, draft):
    for params in ({}, {"q": "老旧小区"}, {"person": draft.bylines.get().person.slug}, {"ordering": "id"}):
        assert draft.pk not in [r["id"] for r in exported(api, **params)[1]]
        editor_ids = listed(editor_api, **params)
        assert draft.pk in editor_ids
        assert [r["id"] for r in exported(editor_api, **params)[1]] == editor_ids


@pytest.mark.parametrize("params", [
    {"format": "xlsx"}, {"body": "yes"}, {"date_from": "not-a-date"}, {"page_number": 0},
    {"kind": "video"}, {"ordering": "bogus"}, {"year": "abc"},
], ids=lambda p: ",".join(p))
def test_invalid_params_are_a_400_in_json(api, sample_pages, params):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) & (set(params) | {"non_field_errors"})


@pytest.mark.parametrize("raw", HOSTILE_QUERIES[1::3], ids=lambda r: repr(r)[:30])
def test_hostile_queries_never_fail(api, sample_pages, raw):
    response = api.get(URL, {"q": raw, "format": "csv"})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).decode().startswith(BOM + "id,")


def test_exports_are_throttled_apart_from_the_list(api, sample_pages, monkeypatch):
    monkeypatch.setattr(ExportThrottle, "rate", "2/minute", raising=False)
    assert [api.get(URL).status_code for _ in range(2)] == [200, 200]
    refused = api.get(URL, {"format": "csv"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused["Content-Type"].startswith("application/json")
    assert api.get(LIST).status_code == 200


def test_the_schema_documents_the_export(db):
    operation = SchemaGenerator().get_schema(request=None, public=True)["paths"][URL]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"q", "date_from", "date_to", "section", "person", "role", "kind", "page_number", "ordering"} <= set(parameters)
    assert parameters["format"]["schema"]["enum"] == ["csv", "ndjson"]
    assert parameters["body"]["schema"]["enum"] == [0, 1]
    assert set(operation["responses"]["200"]["content"]) == {"text/csv", "application/x-ndjson"}
    assert {"400", "429"} <= set(operation["responses"])
