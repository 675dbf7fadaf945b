"""Anonymous readers see published content only; editors see drafts and write with their permissions."""
import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_drafts_are_missing_from_the_anonymous_list_and_detail(api, draft):
    ids = [i["id"] for i in api.get("/api/v1/articles/", {"page_size": 100}).json()["results"]]
    assert ids and draft.id not in ids
    assert api.get(f"/api/v1/articles/{draft.id}/").status_code == 404
    harvested = api.get("/api/v1/articles/harvest/").json()["results"]
    assert draft.id not in {i["id"] for i in harvested}


def test_drafts_are_missing_from_anonymous_issue_and_page_summaries(api, draft):
    issue = api.get("/api/v1/issues/2025-01-02/").json()
    summaries = [a["id"] for p in issue["pages"] for a in p["articles"]]
    assert summaries and draft.id not in summaries
    assert issue["article_count"] == len(summaries)
    page = api.get(f"/api/v1/pages/{draft.page_id}/").json()
    assert draft.id not in {a["id"] for a in page["articles"]}
    assert page["article_count"] == len(page["articles"])


def test_a_person_credited_only_on_a_draft_is_invisible_to_anonymous_readers(api, editor_api, draft):
    assert api.get("/api/v1/people/cao-gao-ji-zhe/").status_code == 404
    assert "cao-gao-ji-zhe" not in {p["slug"] for p in api.get("/api/v1/people/", {"page_size": 100}).json()["results"]}
    seen_by_editor = editor_api.get("/api/v1/people/cao-gao-ji-zhe/").json()
    assert seen_by_editor["counts_by_role"]["reporter"] == 1


def test_an_unpublished_issue_disappears_for_anonymous_readers(api, editor_api, sample_pages):
    Article.objects.filter(page__issue__date="2025-01-03").update(status="draft")
    assert api.get("/api/v1/issues/2025-01-03/").status_code == 404
    assert "2025-01-03" not in {i["date"] for i in api.get("/api/v1/issues/").json()["results"]}
    assert editor_api.get("/api/v1/issues/2025-01-03/").status_code == 200


def test_editors_see_drafts_in_lists_and_details(editor_api, draft):
    listed = editor_api.get("/api/v1/articles/", {"date": "2025-01-02", "page_size": 100}).json()["results"]
    assert draft.id in {i["id"] for i in listed}
    detail = editor_api.get(f"/api/v1/articles/{draft.id}/").json()
    assert detail["status"] == "draft" and detail["headline"].startswith("未发布")


def test_anonymous_users_cannot_write(api, sample_pages):
    article = Article.objects.first()
    assert api.post("/api/v1/articles/", {"page": article.page_id, "headline": "匿名稿件"}, format="json").status_code in (401, 403)
    assert api.patch(f"/api/v1/articles/{article.id}/", {"headline": "改"}, format="json").status_code in (401, 403)
    assert api.delete(f"/api/v1/articles/{article.id}/").status_code in (401, 403)
    assert Article.objects.filter(pk=article.pk, headline=article.headline).exists()


def test_an_account_without_article_permissions_reads_published_only_and_cannot_write(django_user_model, draft):
    user = django_user_model.objects.create_user("reader", password="another-horse-77")
    client = APIClient()
    client.force_login(user)
    assert client.get(f"/api/v1/articles/{draft.id}/").status_code == 404
    response = client.patch(f"/api/v1/articles/{draft.id}/", {"headline": "越权修改"}, format="json")
    assert response.status_code in (403, 404)
    assert client.post("/api/v1/articles/", {"page": draft.page_id, "headline": "越权新稿"}, format="json").status_code == 403


def test_change_permission_alone_allows_edit_but_not_delete(django_user_model, draft):
    user = django_user_model.objects.create_user("copyeditor", password="another-horse-77")
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_article", "change_article"]))
    client = APIClient()
    client.force_login(user)
    assert client.patch(f"/api/v1/articles/{draft.id}/", {"headline": "中原区启动老旧小区改造"}, format="json").status_code == 200
    assert client.delete(f"/api/v1/articles/{draft.id}/").status_code == 403
    assert Article.objects.filter(pk=draft.pk, headline="中原区启动老旧小区改造").exists()


def test_token_login_then_token_auth_sees_drafts(editor, draft):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "editor", "password": "correct-horse-42"}, format="json")
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=editor).key == key
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(f"/api/v1/articles/{draft.id}/").status_code == 200


def test_wrong_password_and_bad_token_are_refused(editor, draft):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "editor", "password": "wrong"}, format="json")
    assert response.status_code == 400 and "non_field_errors" in response.json()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    # DRF answers 403 rather than 401 because session auth comes first (no WWW-Authenticate).
    assert client.get("/api/v1/articles/").status_code in (401, 403)
