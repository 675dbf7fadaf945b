"""Editors create, update and delete articles (with bylines and photos) through the services."""
import json

import pytest
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, Byline, Page, Person, Photo

pytestmark = pytest.mark.django_db

NEW_STORY = {
    "kicker": "聚焦民生实事",
    "headline": "金水区新增10处口袋公园",
    "dateline": "本报讯",
    "body": [
        {"type": "paragraph", "text": "今年以来,金水区利用边角地、闲置地新建口袋公园10处。"},
        {"type": "subhead", "text": "家门口的绿地"},
        {"type": "paragraph", "text": "市民步行5分钟即可到达。"},
    ],
    "bylines": [{"name": "张三", "role": "reporter"}, {"name": "李四", "role": "correspondent"}],
    "photos": [{"caption": "市民在口袋公园休闲", "credit": "本报记者 张三 摄"}],
}


@pytest.fixture
def page(sample_pages) -> Page:
    return Page.objects.get(issue__date="2025-01-02", number=6)


def test_create_adds_a_draft_after_the_last_item_with_bylines_and_photos(editor_api, page):
    last = page.articles.order_by("-order").first().order
    response = editor_api.post("/api/v1/articles/", {"page": page.id, **NEW_STORY}, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["order"] == last + 1 and data["status"] == "draft"
    assert data["body"][1] == {"type": "subhead", "text": "家门口的绿地"}
    assert [(b["name"], b["role"]) for b in data["bylines"]] == [("张三", "reporter"), ("李四", "correspondent")]
    assert data["photos"][0]["caption"] == "市民在口袋公园休闲" and data["photos"][0]["image"] is None
    assert data["site_url"] == f"http://testserver/2025/01/02/6/{last + 1}/"
    assert Article.objects.get(pk=data["id"]).edited_at is not None


def test_create_published_is_visible_to_anonymous_readers(editor_api, api, page):
    data = editor_api.post("/api/v1/articles/", {"page": page.id, **NEW_STORY, "status": "published"}, format="json").json()
    assert data["status"] == "published" and data["published_at"]
    assert api.get(f"/api/v1/articles/{data['id']}/").status_code == 200


def test_photo_credit_links_the_credited_photographer(editor_api, page):
    payload = {
        "page": page.id,
        "kind": "photo",
        "bylines": [{"name": "王恩俊", "role": "photographer"}],
        "photos": [{"caption": "管城区文化旅游活动现场", "credit": "本报记者 王恩俊 摄"}],
    }
    data = editor_api.post("/api/v1/articles/", payload, format="json").json()
    assert data["kind"] == "photo"
    assert data["photos"][0]["photographer"] == Person.objects.get(name="王恩俊").slug


def test_patch_changes_only_the_fields_sent(editor_api, sample_pages):
    article = Article.objects.filter(bylines__isnull=False).first()
    bylines_before = list(article.bylines.values_list("person__name", "role"))
    response = editor_api.patch(f"/api/v1/articles/{article.id}/", {"subheadline": "更正后的副题"}, format="json")
    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert article.subheadline == "更正后的副题" and article.edited_at is not None
    assert list(article.bylines.values_list("person__name", "role")) == bylines_before


def test_put_replaces_bylines_and_photos_and_can_unpublish(editor_api, api, sample_pages):
    article = Article.objects.get(page__issue__date="2025-01-03", order=1)
    payload = {
        "headline": article.headline,
        "bylines": [{"name": "唐善普", "role": "reporter"}],
        "photos": [],
        "status": "draft",
    }
    response = editor_api.put(f"/api/v1/articles/{article.id}/", payload, format="json")
    assert response.status_code == 200, response.content
    assert [(b["name"], b["role"]) for b in response.json()["bylines"]] == [("唐善普", "reporter")]
    assert not Photo.objects.filter(article=article).exists()
    assert api.get(f"/api/v1/articles/{article.id}/").status_code == 404


def test_delete_removes_the_article_with_its_bylines_and_photos(editor_api, sample_pages):
    article = Article.objects.get(page__issue__date="2025-01-03", order=1)
    assert editor_api.delete(f"/api/v1/articles/{article.id}/").status_code == 204
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Byline.objects.filter(article_id=article.pk).exists()
    assert not Photo.objects.filter(article_id=article.pk).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"page": None}, "page"),
        ({"page": 99999}, "page"),
        ({"kind": "video"}, "kind"),
        ({"section": "no-such-section"}, "section"),
        ({"headline": "标" * 301}, "headline"),
        ({"body": "一段话"}, "body"),
        ({"body": [{"type": "quote", "text": "引文"}]}, "body"),
        ({"body": [{"type": "paragraph", "text": "   "}]}, "body"),
        ({"bylines": [{"name": "", "role": "reporter"}]}, "bylines"),
        ({"bylines": [{"name": "张三", "role": "editor"}]}, "bylines"),
        ({"photos": [{"caption": "说明", "credit": "摄" * 201}]}, "photos"),
        ({"status": "archived"}, "status"),
        # typed as the schema says: a number is not text, 1 is not true
        ({"photos": [{"caption": "说明", "credit": 0}]}, "photos"),
        ({"headline": 2025}, "headline"),
        ({"photo_by_byline": 1}, "photo_by_byline"),
    ],
)
def test_bad_payloads_get_a_400_per_field_and_save_nothing(editor_api, page, change, field):
    before = (Article.objects.count(), Person.objects.count(), Photo.objects.count())
    payload = {"page": page.id, **NEW_STORY, **change}
    if change.get("page") is None and "page" in change:
        del payload["page"]
    response = editor_api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert (Article.objects.count(), Person.objects.count(), Photo.objects.count()) == before


def test_writes_take_json_only(editor_api, page):
    response = editor_api.post("/api/v1/articles/", {"page": page.id, "headline": "表单稿件"})  # multipart form
    assert response.status_code == 415 and not Article.objects.filter(headline="表单稿件").exists()


def test_a_service_refusal_is_a_400_with_its_message_and_nothing_saved(editor_api, page):
    before = (Article.objects.count(), Person.objects.count())
    payload = {"page": page.id, "kind": "article", "headline": "", "body": [], "bylines": [{"name": "新记者", "role": "reporter"}]}
    response = editor_api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert "主标题或正文" in response.json()["non_field_errors"][0]
    assert (Article.objects.count(), Person.objects.count()) == before


def test_an_update_that_fails_leaves_the_article_as_it_was(editor_api, sample_pages):
    article = Article.objects.filter(kind="article", photos__isnull=False).first()
    photos_before = list(article.photos.values_list("caption", flat=True))
    payload = {"headline": "", "body": [], "photos": [{"caption": "新图", "credit": ""}]}
    response = editor_api.patch(f"/api/v1/articles/{article.id}/", payload, format="json")
    assert response.status_code == 400
    fresh = Article.objects.get(pk=article.pk)
    assert fresh.headline == article.headline and fresh.body == article.body and fresh.edited_at is None
    assert list(fresh.photos.values_list("caption", flat=True)) == photos_before


def test_an_article_cannot_move_to_another_page(editor_api, sample_pages):
    article = Article.objects.get(page__issue__date="2025-01-03", order=1)
    other = Page.objects.exclude(pk=article.page_id).first()
    response = editor_api.patch(f"/api/v1/articles/{article.id}/", {"page": other.id}, format="json")
    assert response.status_code == 400 and "page" in response.json()


def test_malformed_json_is_a_400(editor_api, page):
    response = editor_api.generic("POST", "/api/v1/articles/", "{\"headline\": ", content_type="application/json")
    assert response.status_code == 400


def test_a_patch_with_an_incomplete_byline_or_photo_is_a_400_naming_the_missing_field(editor_api, sample_pages):
    article = Article.objects.filter(bylines__isnull=False).first()
    for payload, missing in [
        ({"bylines": [{"role": "reporter"}]}, "name"),
        ({"bylines": [{"name": "张三"}]}, "role"),
        ({"body": [{"type": "paragraph"}]}, "text"),
    ]:
        response = editor_api.patch(f"/api/v1/articles/{article.id}/", payload, format="json")
        assert response.status_code == 400, payload
        field = next(iter(payload))
        assert missing in response.json()[field]["0"], response.json()  # errors per item, by position
    # A photo's caption and credit may be left out: they default to empty, under PATCH as on create.
    response = editor_api.patch(f"/api/v1/articles/{article.id}/", {"photos": [{}]}, format="json")
    assert response.status_code == 200 and response.json()["photos"][0]["caption"] == ""


# Any JSON at all, and valid article writes with parts left out or replaced by any JSON.
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_FIELDS = ["page", "kind", "section", "kicker", "headline", "subheadline", "dateline", "body", "photo_by_byline",
           "status", "bylines", "photos"]


@st.composite
def _damaged_story(draw, page_id: int) -> dict:
    story = {key: value for key, value in {"page": page_id, **NEW_STORY}.items() if draw(st.booleans())}
    for field in ("body", "bylines", "photos"):
        if field in story:
            story[field] = [{k: v for k, v in item.items() if draw(st.booleans())} for item in story[field]]
    if draw(st.booleans()):
        story[draw(st.sampled_from(_FIELDS))] = draw(_JSON)
    return story


@given(method=st.sampled_from(["POST", "PUT", "PATCH"]), data=st.data())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_malformed_body_gets_a_server_error(editor_api, page, method, data):
    text = data.draw(_damaged_story(page.id).map(json.dumps) | _JSON.map(json.dumps) | st.text(max_size=30))
    # One body in four: bytes, most of them not UTF-8.
    body = text.encode("utf-8") if data.draw(st.integers(0, 3)) else data.draw(st.binary(max_size=40))
    url = "/api/v1/articles/" if method == "POST" else f"/api/v1/articles/{page.articles.first().id}/"
    response = editor_api.generic(method, url, body, content_type="application/json")
    assert response.status_code in {200, 201, 400}, (response.status_code, body)
    if response.status_code == 400:
        assert isinstance(response.json(), dict)


def test_a_body_without_a_content_type_is_the_415_the_schema_documents(editor_api, page):
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for method, url, path in [("POST", "/api/v1/articles/", "/api/v1/articles/"),
                              ("PATCH", f"/api/v1/articles/{page.articles.first().id}/", "/api/v1/articles/{id}/"),
                              ("POST", "/api/v1/auth/token/", "/api/v1/auth/token/")]:
        response = editor_api.generic(method, url, b'{"headline": "\xe6\xa0\x87\xe9\xa2\x98"}', content_type="")
        assert response.status_code == 415, url
        assert "415" in paths[path][method.lower()]["responses"], path
