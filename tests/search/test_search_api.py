"""``q`` on /api/v1/articles/: full-text search combined with every other filter."""
import html

import pytest
from rest_framework.test import APIClient

from archive.models import Article
from archive.search.index import service
from search_helpers import texts_by_id, truth
from test_search_tokens import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db
URL = "/api/v1/articles/"


@pytest.fixture
def api():
    return APIClient()


def result_ids(api, **params) -> list[int]:
    response = api.get(URL, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_q_returns_exactly_the_published_stories_containing_every_word(api, sample_pages):
    texts = texts_by_id()
    published = set(Article.objects.published().values_list("pk", flat=True))
    for q in ("郑东新区", "防汛 会议", "区", "2024"):
        assert set(result_ids(api, q=q)) == truth(texts, q.split()) & published


def test_q_orders_title_hits_first(api, sample_pages):
    ids = result_ids(api, q="郑东新区")
    titles = {a.pk: a.title for a in Article.objects.filter(pk__in=ids)}
    in_title = ["郑东新区" in titles[pk] for pk in ids]
    assert in_title == sorted(in_title, reverse=True) and in_title[0]


def test_q_combines_with_the_other_filters(api, sample_pages):
    article = Article.objects.filter(headline__contains="防汛").select_related("page__issue", "section").first()
    date = article.page.issue.date.isoformat()
    assert result_ids(api, q="防汛", date=date, section=article.section.slug, kind="article") == [article.pk]
    assert result_ids(api, q="防汛", date_from="2099-01-01") == []
    person = article.bylines.first().person
    assert article.pk in result_ids(api, q="防汛", person=person.slug)


@pytest.mark.parametrize("filters", [
    {"section": "zheng-dong-xin-qu-zhou-bao"}, {"kind": "article"}, {"kind": "photo"},
    {"page_number": 6}, {"role": "photographer"}, {"date_from": "2023-01-01", "kind": "article"},
], ids=lambda f: ",".join(f))
def test_q_with_filters_pages_in_the_index_as_the_sql_path_would(api, sample_pages, filters):
    for q in ("郑州", "区", "郑东新区"):
        paged = api.get(URL, {"q": q, "page_size": 3, **filters}).json()
        walked = [i["id"] for page in range(1, -(-paged["count"] // 3) + 1)
                  for i in api.get(URL, {"q": q, "page_size": 3, "page": page, **filters}).json()["results"]]
        expected = result_ids(api, q=q, ordering="id", **filters)  # an explicit ordering takes the SQL path
        assert paged["count"] == len(expected) and set(walked) == set(expected), (q, filters)


def test_explicit_ordering_overrides_relevance(api, sample_pages):
    ids = result_ids(api, q="郑州", ordering="id")
    assert ids == sorted(ids) and len(ids) > 1


def test_q_pages_up_to_100(api, sample_pages):
    response = api.get(URL, {"q": "区", "page_size": 5})
    body = response.json()
    assert len(body["results"]) == 5 and body["count"] > 5


@pytest.mark.parametrize("raw", HOSTILE_QUERIES)
def test_hostile_q_never_fails(api, sample_pages, raw):
    response = api.get(URL, {"q": raw})
    if "\x00" in raw:  # the form field refuses NUL with a clear message
        assert response.status_code == 400 and "q" in response.json()
    else:
        assert response.status_code == 200


def test_with_q_each_row_carries_a_snippet_with_the_hits_marked(api, sample_pages):
    rows = api.get(URL, {"q": "防汛", "page_size": 100}).json()["results"]
    assert rows and all("<mark>防汛</mark>" in row["highlight"] for row in rows)
    for row in rows:  # the snippet is a stretch of the story's own text
        title, body = service.article_text(Article.objects.get(pk=row["id"]))
        shown = html.unescape(row["highlight"].replace("<mark>", "").replace("</mark>", "")).strip("…")
        assert shown in body or shown in title


def test_without_q_rows_carry_no_snippet(api, sample_pages):
    rows = api.get(URL, {"page_size": 100}).json()["results"]
    assert rows and all(row["highlight"] is None for row in rows)
    assert "highlight" not in api.get(f"{URL}{rows[0]['id']}/", {"q": "防汛"}).json()


def test_every_row_has_a_title_photo_items_the_start_of_their_caption(api, sample_pages):
    rows = {row["id"]: row for row in api.get(URL, {"page_size": 100}).json()["results"]}
    assert all(row["title"] for row in rows.values())
    photos = Article.objects.filter(kind="photo", headline="").prefetch_related("photos")
    assert photos
    for article in photos:
        title = rows[article.pk]["title"]
        caption = article.first_caption
        assert rows[article.pk]["headline"] == "" and caption.startswith(title) and len(title) == min(len(caption), 40)
    article = Article.objects.exclude(headline="").first()
    assert rows[article.pk]["title"] == article.headline
