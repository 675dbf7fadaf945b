"""Every write the admin offers goes through a service: afterwards the public search
returns exactly the published stories holding a word, and the history has a version.

Each test drives one admin write through the test client, as an editor's browser would.
"""
import pytest
from django.db.models.expressions import RawSQL
from reversion.models import Version

from archive import selectors
from archive.models import Article, Issue, Page, Person, Section, Status
from archive.search.index.service import backend
from archive.search.text import parse_query
from archive_test_helpers import admin_url, admin_post_data

pytestmark = pytest.mark.django_db


def public_hits(word: str) -> set[int]:
    """The stories the public search finds for ``word``, straight from the index."""
    sql, params = backend().match_sql(parse_query(word), public=True)
    return set(Article.objects.filter(pk__in=RawSQL(sql, params)).values_list("pk", flat=True))


def assert_index_agrees(word: str, expected: set[int]) -> None:
    """Public search for ``word`` finds ``expected``, which are all visible, and every match is visible."""
    visible = set(selectors.articles(public=True).values_list("pk", flat=True))
    assert public_hits(word) == expected and expected <= visible


def form_data(client, url) -> dict:
    """The change form posted back as it is (photos without an uploaded image send no file)."""
    return {k: v for k, v in admin_post_data(client.get(url)).items() if not k.endswith("-image")}


def versions(obj) -> list[Version]:
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def deleted_ids(model) -> set[int]:
    return {int(v.object_id) for v in Version.objects.get_deleted(model)}


def _story_with_photo() -> Article:
    return Article.objects.published().filter(photos__isnull=False, kind="article").order_by("pk").first()


def test_title_and_caption_edited_in_one_save_are_both_searchable_and_one_version(staff, editor):
    article = _story_with_photo()
    url = admin_url(Article, "change", article.pk)
    data = form_data(staff, url)
    data["headline"] = "龙子湖畔迎春灯会开幕"
    data["photos-0-caption"] = "市民在灯笼长廊前合影留念"
    assert staff.post(url, data).status_code == 302
    assert_index_agrees("灯笼长廊", {article.pk})
    assert_index_agrees("迎春灯会", {article.pk})
    version, original = versions(article)  # the edit, and the article as imported, kept before it
    assert original.field_dict["headline"] != "龙子湖畔迎春灯会开幕"
    assert version.revision.user == editor
    assert "主标题" in version.revision.comment and "图片" in version.revision.comment


def test_adding_a_published_article_in_the_admin_indexes_and_records_it(staff):
    page = Page.objects.get(number=8)
    data = {
        "page": page.pk, "kind": "article", "headline": "郑东新区召开秋季防火工作会议",
        "body_text": "本报讯 近日，郑东新区召开秋季防火工作会议。\r\n\r\n会议部署了冬春防火工作。", "status": "published",
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0",
        "bylines-0-order": "1", "bylines-0-person": Person.objects.get(name="马燕").pk, "bylines-0-role": "reporter",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
    }
    assert staff.post(admin_url(Article, "add"), data).status_code == 302
    article = Article.objects.get(headline="郑东新区召开秋季防火工作会议")
    assert article.status == Status.PUBLISHED and [b.person.name for b in article.bylines.all()] == ["马燕"]
    assert_index_agrees("秋季防火", {article.pk})
    assert versions(article)[0].revision.comment == "新建文章"


def test_deleting_an_article_from_its_page_drops_it_from_search_and_keeps_its_last_version(staff):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    before = public_hits("新年音乐会")
    assert staff.post(admin_url(Article, "delete", article.pk), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert_index_agrees("新年音乐会", before - {article.pk})
    assert article.pk in deleted_ids(Article)


def test_bulk_delete_action_goes_through_the_service(staff):
    ids = list(Article.objects.filter(page__number=8).values_list("pk", flat=True))
    staff.post(admin_url(Article, "changelist"), {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert not Article.objects.filter(pk__in=ids).exists()
    assert set(ids) <= deleted_ids(Article)
    assert_index_agrees("郑东新区", set(public_hits("郑东新区")) - set(ids))


def test_unpublish_then_publish_actions_move_stories_out_of_and_back_into_public_search(staff, editor):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    before = public_hits("新年音乐会")
    assert article.pk in before
    staff.post(admin_url(Article, "changelist"), {"action": "unpublish", "_selected_action": [article.pk]})
    assert_index_agrees("新年音乐会", before - {article.pk})
    assert versions(article)[0].revision.comment == "撤回" and versions(article)[0].revision.user == editor
    staff.post(admin_url(Article, "changelist"), {"action": "publish", "_selected_action": [article.pk]})
    assert_index_agrees("新年音乐会", before)
    assert versions(article)[0].revision.comment == "发布"


def test_renaming_a_person_reindexes_their_stories_and_records_the_person(staff, editor):
    person = Person.objects.get(name="马燕")
    credited = set(Article.objects.published().filter(bylines__person=person).values_list("pk", flat=True))
    url = admin_url(Person, "change", person.pk)
    data = {**form_data(staff, url), "name": "马燕燕"}
    assert staff.post(url, data).status_code == 302
    assert credited and public_hits("马燕燕") >= credited
    assert versions(person)[0].revision.user == editor and versions(person)[0].field_dict["name"] == "马燕燕"


def test_merging_people_keeps_the_duplicate_in_history_and_search_finds_the_merged_name(staff):
    target = Person.objects.get(name="马燕")
    duplicate = Person.objects.create(name="马燕", slug="ma-yan-dup")
    story = Article.objects.published().exclude(bylines__person=target).first()
    story.bylines.create(person=duplicate, role="reporter", order=9)
    staff.post(admin_url(Person, "changelist"), {"action": "merge_duplicates", "_selected_action": [target.pk, duplicate.pk]})
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.pk in deleted_ids(Person)
    assert story.pk in public_hits("马燕")


def test_editing_a_section_records_a_version(staff, editor):
    section = Section.objects.filter(articles__isnull=False).first()
    url = admin_url(Section, "change", section.pk)
    data = {**form_data(staff, url), "description": "郑州东部新城的新闻。"}
    assert staff.post(url, data).status_code == 302
    section.refresh_from_db()
    assert section.description == "郑州东部新城的新闻。"
    assert versions(section)[0].revision.user == editor


def test_deleting_a_page_removes_its_stories_from_search_and_keeps_them_in_history(staff):
    page = Page.objects.get(number=8)
    ids = set(page.articles.values_list("pk", flat=True))
    assert public_hits("郑东新区") & ids
    assert staff.post(admin_url(Page, "delete", page.pk), {"post": "yes"}).status_code == 302
    assert not public_hits("郑东新区") & ids
    assert page.pk in deleted_ids(Page) and ids <= deleted_ids(Article)


def test_deleting_an_issue_removes_its_pages_and_stories_from_search(staff):
    issue = Issue.objects.get(date="2025-01-02")
    ids = set(Article.objects.filter(page__issue=issue).values_list("pk", flat=True))
    assert staff.post(admin_url(Issue, "delete", issue.pk), {"post": "yes"}).status_code == 302
    assert_index_agrees("新年音乐会", set())
    assert issue.pk in deleted_ids(Issue) and ids <= deleted_ids(Article)
