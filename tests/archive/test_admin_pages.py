"""The editors' admin with the sample archive: lists, change pages, actions, edits."""
import datetime as dt
import io

import pytest
from django.urls import reverse
from PIL import Image

from archive.models import Article, Byline, Issue, Page, Person, Photo, Section, Status
from archive_test_helpers import admin_url, admin_post_data

pytestmark = pytest.mark.django_db

MODELS = (Issue, Page, Article, Person, Section)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_render(staff, model):
    assert staff.get(admin_url(model, "changelist")).status_code == 200
    assert staff.get(admin_url(model, "add")).status_code == 200
    for pk in model.objects.values_list("pk", flat=True)[:8]:
        assert staff.get(admin_url(model, "change", pk)).status_code == 200


def test_article_list_shows_date_page_title_and_warning_count(staff):
    response = staff.get(admin_url(Article, "changelist"), {"status__exact": "published", "kind__exact": "photo"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    response = staff.get(admin_url(Article, "changelist"), {"q": "覃岩峰"})
    assert response.context["cl"].result_count == 7
    assert "河南省首支市场化" in response.content.decode()


def test_article_list_filters_by_issue_date(staff):
    response = staff.get(admin_url(Article, "changelist"), {"page__issue__date__year": "2021"})
    assert response.context["cl"].result_count == 4


def test_article_change_page_shows_readable_warnings_and_body_text(staff):
    article = Article.objects.exclude(warnings=[]).first()
    html = staff.get(admin_url(Article, "change", article.pk)).content.decode()
    code = article.warnings[0]["code"]
    from archive.admin.display import warning_advice, warning_label

    assert warning_label(code) in html and warning_advice(code) in html
    assert article.warnings[0]["message"] not in html  # the parser's English message gives way to the advice
    assert article.body[0]["text"][:20] in html


def test_raw_text_is_shown_monospace_on_the_page(staff):
    page = Page.objects.get(number=8)
    html = staff.get(admin_url(Page, "change", page.pk)).content.decode()
    # Monospace comes from the admin stylesheet (CSP allows no inline style).
    assert '<pre class="archive-raw-text">' in html and "中原科技城" in html
    assert "archive/admin.css" in html
    assert "加快中原科技城核心板块建设" in html  # the articles inline


def test_saving_an_article_goes_through_services_and_marks_it_edited(staff):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    url = admin_url(Article, "change", article.pk)
    data = admin_post_data(staff.get(url))
    data["headline"] = "荥阳市举办新年音乐会"
    data["body_text"] = "## 新年音乐会\n\n2024年12月31日晚，荥阳市新年音乐会在市文化中心上演。"
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.headline == "荥阳市举办新年音乐会" and article.edited_at is not None
    assert article.body == [
        {"type": "subhead", "text": "新年音乐会"},
        {"type": "paragraph", "text": "2024年12月31日晚，荥阳市新年音乐会在市文化中心上演。"},
    ]


def test_unchanged_save_does_not_mark_the_article_edited(staff):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    url = admin_url(Article, "change", article.pk)
    assert staff.post(url, admin_post_data(staff.get(url))).status_code == 302
    article.refresh_from_db()
    assert article.edited_at is None


def test_article_without_headline_or_body_is_a_form_error(staff):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    url = admin_url(Article, "change", article.pk)
    data = {**admin_post_data(staff.get(url)), "headline": "", "kicker": "", "body_text": "\n\n"}
    response = staff.post(url, data)
    assert response.status_code == 200 and "至少要有主标题或正文" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "荥阳举办新年音乐会" and article.edited_at is None


def test_editing_a_byline_inline_marks_the_article_edited(staff):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    url = admin_url(Article, "change", article.pk)
    data = admin_post_data(staff.get(url))
    data["bylines-1-role"] = "photographer"
    assert staff.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.edited_at is not None
    assert article.bylines.get(person__name="蒋士勋").role == "photographer"


def test_status_change_on_the_form_unpublishes_without_marking_edited(staff):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    url = admin_url(Article, "change", article.pk)
    data = {**admin_post_data(staff.get(url)), "status": "draft"}
    assert staff.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT and article.edited_at is None


def test_adding_an_article_puts_it_after_the_last_item(staff):
    page = Page.objects.get(number=8)
    response = staff.post(admin_url(Article, "add"), {
        "page": page.pk, "kind": "article", "headline": "郑东新区召开秋季防火工作会议",
        "body_text": "本报讯 近日，郑东新区召开秋季防火工作会议。", "status": "draft",
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0",
        "bylines-0-order": "1", "bylines-0-person": Person.objects.get(name="马燕").pk, "bylines-0-role": "reporter",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    article = Article.objects.get(headline="郑东新区召开秋季防火工作会议")
    assert article.order == 5 and article.edited_at is not None and article.status == Status.DRAFT
    assert [b.person.name for b in article.bylines.all()] == ["马燕"]


def test_publish_and_unpublish_actions(staff):
    ids = list(Article.objects.filter(page__number=8).values_list("pk", flat=True))
    url = admin_url(Article, "changelist")
    staff.post(url, {"action": "unpublish", "_selected_action": ids})
    assert Article.objects.filter(pk__in=ids, status=Status.DRAFT).count() == 4
    assert Article.objects.published().count() == 26
    staff.post(url, {"action": "publish", "_selected_action": ids})
    assert Article.objects.published().count() == 30


def test_person_list_counts_articles(staff):
    html = staff.get(admin_url(Person, "changelist"), {"q": "覃岩峰"}).content.decode()
    count = Article.objects.filter(bylines__person__name="覃岩峰").distinct().count()
    assert count == 7 and f'<td class="field-article_count">{count}</td>' in html


def test_merge_action_keeps_the_person_with_most_bylines(staff):
    main = Person.objects.get(name="覃岩峰")
    duplicate = Person.objects.create(name="覃岩峰", slug="qin-yan-feng-dup")
    Byline.objects.create(article=Article.objects.get(headline="荥阳举办新年音乐会"), person=duplicate, role="reporter")
    staff.post(admin_url(Person, "changelist"), {"action": "merge_duplicates", "_selected_action": [duplicate.pk, main.pk]})
    assert list(Person.objects.filter(name="覃岩峰")) == [main]
    assert main.bylines.count() == 8


def test_merge_action_needs_two_people(staff):
    person = Person.objects.get(name="马燕")
    response = staff.post(
        admin_url(Person, "changelist"), {"action": "merge_duplicates", "_selected_action": [person.pk]}, follow=True
    )
    assert "至少选择两位" in response.content.decode() and Person.objects.filter(pk=person.pk).exists()


def test_photo_inline_previews_an_attached_image(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    photo = Photo.objects.filter(article__kind="photo").first()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(buffer, "JPEG")
    from django.core.files.base import ContentFile

    photo.image.save("wangenjun.jpg", ContentFile(buffer.getvalue()))
    html = staff.get(admin_url(Article, "change", photo.article_id)).content.decode()
    assert f'<img class="archive-photo-preview" src="{photo.image.url}"' in html


def test_staff_without_permissions_cannot_see_articles(client, django_user_model, sample_pages):
    user = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(admin_url(Article, "changelist")).status_code == 403
    assert client.get(reverse("admin:archive_page_import")).status_code == 403


@pytest.mark.parametrize(("model", "query"), [(Issue, "2025-01"), (Page, "区县"), (Person, "王"), (Section, "周报")])
def test_changelist_search_works(staff, model, query):
    response = staff.get(admin_url(model, "changelist"), {"q": query})
    assert response.status_code == 200 and response.context["cl"].result_count >= 1


def test_issue_page_lists_its_pages(staff):
    issue = Issue.objects.get(date=dt.date(2025, 1, 3))
    html = staff.get(admin_url(Issue, "change", issue.pk)).content.decode()
    assert "逐新2025" in html


@pytest.mark.parametrize(
    ("model", "name", "slug"),
    [(Section, "要闻", "yao-wen"), (Person, "党贺喜", "dang-he-xi-2")],  # 党贺喜 is already a sample byline
)
def test_empty_slug_is_filled_from_pinyin(staff, model, name, slug):
    response = staff.post(admin_url(model, "add"), {"name": name, "slug": "", "description": "", "bio": ""})
    assert response.status_code == 302
    assert model.objects.get(slug=slug).name == name
