"""/search/export.csv and .ndjson: the search page's result set as a file, streamed, published stories only."""
from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive import exporting
from archive.models import Article, Byline, Kind, Role
from archive.throttling import ExportThrottle
from tests.search.search_helpers import texts_by_id, truth
from tests.search.test_search_tokens import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db

BOM = "\ufeff"
# Result sets the search page shows: a query alone and with each kind of filter.
SEARCHES = [
    {"q": "郑州"},
    {"q": "区"},
    {"q": "高质量发展"},
    {"q": "区", "section": "qu-xian-xin-wen"},
    {"q": "区", "person": "tan-yan-feng"},
    {"q": "区", "date_from": "2024-12-30", "date_to": "2025-01-02"},
    {"q": "郑东新区", "ordering": "-date"},
]


def export(client, fmt="csv", **params):
    response = client.get(reverse("archive:search_export", kwargs={"fmt": fmt}), params)
    assert response.status_code == 200, response
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(text: str) -> list[dict]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM):], newline="")))


def ndjson_rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def page_ids(client, **params) -> list[int]:
    """The ids the search page lists for ``params``, page after page."""
    ids, page = [], 1
    while True:
        response = client.get(reverse("archive:search"), {**params, "page": page})
        page_obj = response.context["page_obj"]
        ids += [article.pk for article in page_obj]
        if not page_obj.has_next():
            return ids
        page += 1


@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
def test_both_formats_hold_exactly_the_stories_the_search_page_lists_in_its_order(client, sample_pages, params):
    listed = page_ids(client, **params)
    published = set(Article.objects.published().values_list("pk", flat=True))
    assert set(listed) <= published and listed
    if "section" not in params and "person" not in params and "date_from" not in params:
        assert set(listed) == truth(texts_by_id(), params["q"].split()) & published
    assert [int(r["id"]) for r in csv_rows(export(client, "csv", **params)[1])] == listed
    assert [r["id"] for r in ndjson_rows(export(client, "ndjson", **params)[1])] == listed


def test_csv_is_excel_ready_utf8_with_a_header_and_an_ascii_file_name(client, sample_pages):
    response, text = export(client, "csv", q="郑东新区")
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="archive-search-') and disposition.endswith('.csv"')
    assert disposition.isascii()
    assert text.startswith(BOM + "id,date,page,section,kicker,headline,subheadline,credits,url\r\n")
    assert "郑东新区" in text  # raw UTF-8, not escaped


def test_ndjson_is_one_unescaped_object_a_line(client, sample_pages):
    response, text = export(client, "ndjson", q="郑东新区")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"].endswith('.ndjson"') and response["Content-Disposition"].isascii()
    assert "\\u" not in text and "郑东新区" in text
    rows = ndjson_rows(text)
    assert rows and all(set(r) == set(exporting.FIELDS) for r in rows)


def test_row_fields_come_from_the_story_as_printed(client, sample_pages):
    article = Article.objects.select_related("page__issue", "section").get(headline__contains="吹响奋进")
    (csv_row,) = [r for r in csv_rows(export(client, "csv", q="冲锋号")[1]) if int(r["id"]) == article.pk]
    assert csv_row == {
        "id": str(article.pk), "date": article.page.issue.date.isoformat(), "page": str(article.page.number),
        "section": article.section.name, "kicker": article.kicker, "headline": article.headline,
        "subheadline": article.subheadline, "credits": csv_row["credits"],
        "url": f"http://testserver{article.get_absolute_url()}",
    }
    assert csv_row["kicker"] == "稳经济 促发展 强信心" and csv_row["subheadline"]


def test_credits_keep_their_roles_and_printed_order(client, sample_pages):
    bylines = list(Byline.objects.filter(role=Role.CORRESPONDENT).select_related("person")[:1])
    article = bylines[0].article
    credits = [(b.role, b.person.name, b.person.slug) for b in article.bylines.select_related("person").order_by("order", "id")]
    assert len(credits) > 1
    words = article.headline[:4]
    (csv_row,) = [r for r in csv_rows(export(client, "csv", q=words)[1]) if int(r["id"]) == article.pk]
    labels = dict(Role.choices)
    assert csv_row["credits"] == ";".join(f"{labels[role]}:{name}" for role, name, _ in credits)
    assert "通讯员:" in csv_row["credits"]
    (json_row,) = [r for r in ndjson_rows(export(client, "ndjson", q=words)[1]) if r["id"] == article.pk]
    assert json_row["credits"] == [{"role": role, "name": name, "slug": slug} for role, name, slug in credits]


def test_body_text_only_when_asked(client, sample_pages):
    plain = csv_rows(export(client, "csv", q="郑东新区")[1])
    assert "body" not in plain[0]
    with_body = csv_rows(export(client, "csv", q="郑东新区", body="1")[1])
    assert [r["id"] for r in with_body] == [r["id"] for r in plain]
    texts = texts_by_id()
    for row in with_body:
        assert row["body"] and row["body"].splitlines()[0].lower() in texts[int(row["id"])]
    assert all("body" in r for r in ndjson_rows(export(client, "ndjson", q="郑东新区", body="1")[1]))
    assert all("body" not in r for r in ndjson_rows(export(client, "ndjson", q="郑东新区", body="0")[1]))


def test_photo_items_carry_their_caption_as_headline(client, sample_pages):
    photos = {a.pk: a for a in Article.objects.filter(kind=Kind.PHOTO, headline="").prefetch_related("photos")}
    assert photos
    rows = ndjson_rows(export(client, "ndjson", q="区", kind="photo", body="1")[1])
    exported = {r["id"]: r for r in rows if r["id"] in photos}
    assert exported
    for pk, row in exported.items():
        caption = photos[pk].first_caption
        assert row["headline"] and caption.startswith(row["headline"])
        assert caption in row["body"]


# PostgreSQL's index walks set planner options in a savepoint around each
# read: housekeeping statements, not reads, so not counted here.
HOUSEKEEPING = ("SET LOCAL ", "RESET ", "SAVEPOINT ", "RELEASE SAVEPOINT ")


def test_batches_load_a_few_queries_each_and_lose_no_story_at_their_edges(client, sample_pages, monkeypatch):
    listed = [int(r["id"]) for r in csv_rows(export(client, "csv", q="区")[1])]
    monkeypatch.setattr(exporting, "BATCH", 4)
    with CaptureQueriesContext(connection) as queries:
        again = [int(r["id"]) for r in csv_rows(export(client, "csv", q="区")[1])]
    reads = [q["sql"] for q in queries if not q["sql"].startswith(HOUSEKEEPING)]
    assert len(reads) <= 12 + 4 * -(-len(listed) // 4)
    assert again == listed and len(listed) > 8


def test_a_filtered_export_reads_its_first_ids_with_a_limit_then_the_rest_once(sample_pages, monkeypatch):
    # On PostgreSQL the cursor (WITH HOLD outside a transaction) runs the whole query
    # before its first row: 400 ms for 300,000 stories of a million, before the first byte.
    monkeypatch.setattr(exporting, "FIRST_BATCH", 3)
    stories = Article.objects.published().order_by("-page__issue__date", "page__number", "order")
    with CaptureQueriesContext(connection) as queries:
        ids = list(exporting.result_ids(stories, batch=4))
    assert ids == list(stories.values_list("pk", flat=True)) and len(ids) > 8
    reads = [q["sql"] for q in queries if not q["sql"].startswith(HOUSEKEEPING)]
    assert "LIMIT 3" in reads[0] and not any("DECLARE" in sql for sql in reads[:1])


def test_drafts_are_never_exported_even_to_staff(client, editor, sample_pages):
    from archive import services
    from archive.models import Page

    draft = services.article_create(
        page=Page.objects.get(issue__date="2025-01-02", number=6),
        fields={"headline": "未发布：郑州中原区启动老旧小区改造",
                "body": [{"type": "paragraph", "text": "本报讯 郑州中原区今年将改造老旧小区32个。"}]},
        bylines=[("草稿记者", "reporter")], publish=False,
    )
    client.force_login(editor)
    for params in ({"q": "老旧小区"}, {"q": "郑州"}, {"q": "区", "person": draft.bylines.get().person.slug}):
        for fmt in ("csv", "ndjson"):
            text = export(client, fmt, **params)[1]
            assert "老旧小区" not in text and "草稿记者" not in text, params


@pytest.mark.parametrize("params", [
    {"q": "区", "date_from": "not-a-date", "page_number": "abc", "kind": "video", "ordering": "bogus", "year": "-1"},
    {"q": "区", "body": "yes", "section": "\x00", "person": "../../etc"},
    *({"q": raw} for raw in HOSTILE_QUERIES[::3]),
], ids=lambda p: repr(p)[:40])
def test_hostile_or_invalid_params_are_ignored_not_a_500(client, sample_pages, params):
    response, text = export(client, "csv", **params)
    assert text.startswith(BOM + "id,")


def test_invalid_filter_values_are_dropped_as_on_the_search_page(client, sample_pages):
    plain = [r["id"] for r in csv_rows(export(client, "csv", q="区")[1])]
    assert [r["id"] for r in csv_rows(export(client, "csv", q="区", date_from="2025-13-45")[1])] == plain


def test_only_csv_and_ndjson_are_offered(client, sample_pages):
    assert client.get("/search/export.xlsx", {"q": "区"}).status_code == 404
    assert client.get("/search/export.json", {"q": "区"}).status_code == 404


def test_exports_are_rate_limited_with_the_chinese_429_page(client, sample_pages, monkeypatch):
    monkeypatch.setattr(ExportThrottle, "rate", "2/minute", raising=False)
    assert [export(client, "csv", q="区")[0].status_code for _ in range(2)] == [200, 200]
    response = client.get(reverse("archive:search_export", kwargs={"fmt": "ndjson"}), {"q": "区"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "请求过于频繁" in response.content.decode()
    assert client.get(reverse("archive:search"), {"q": "区"}).status_code == 200  # searching is counted apart


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_stay_text(client, sample_pages):
    story = Article.objects.get(headline="荥阳举办新年音乐会")
    Article.objects.filter(pk=story.pk).update(subheadline="-20%的降幅", kicker="=1+1")
    response = client.get(reverse("archive:search_export", args=["csv"]), {"q": story.headline})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert [(r["id"], r["kicker"], r["subheadline"]) for r in rows] == [(str(story.pk), "'=1+1", "'-20%的降幅")]
