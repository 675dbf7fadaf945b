"""The admin's page import: preview writes nothing, 保存 imports, bad input is a form error."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive import services
from archive.models import Article, Issue, Page, Person, Section

pytestmark = pytest.mark.django_db

URL = "admin:archive_page_import"
FILE = "001_e2ee4c39575207b8.txt"
FIELDS = {
    "date": "2023-02-16", "page_number": "6", "page_name": "区县新闻", "section_name": "区县新闻", "new_section": "on", "publish": "on",
}


@pytest.fixture
def staff(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def page_text(sample_dir):
    return (sample_dir / FILE).read_text(encoding="utf-8")


def _nothing_written():
    return Issue.objects.count() == Page.objects.count() == Article.objects.count() == Person.objects.count() == 0


def test_import_form_renders_and_is_linked_from_the_page_list(staff):
    assert staff.get(reverse(URL)).status_code == 200
    assert reverse(URL) in staff.get(reverse("admin:archive_page_changelist")).content.decode()


def test_preview_of_pasted_text_lists_the_items_and_writes_nothing(staff, page_text):
    response = staff.post(reverse(URL), {**FIELDS, "text": page_text, "preview": "预览"})
    assert response.status_code == 200
    items = response.context["items"]
    assert len(items) == 11
    assert "金水区吹响奋进「冲锋号」" in items[0]["titles"] and items[0]["bylines"] == ["记者 党贺喜"]
    photo = next(i for i in items if i["kind"] == "photo")
    assert photo["bylines"] == ["摄影 王恩俊"] and photo["photos"]
    html = response.content.decode()
    assert "二七区破题开局换挡转型" in html and 'name="save"' in html
    assert _nothing_written()


def test_uploaded_gb18030_file_is_previewed_with_an_encoding_note(staff, page_text):
    upload = SimpleUploadedFile("zzrb-0216-06.txt", page_text.encode("gb18030"), content_type="text/plain")
    response = staff.post(reverse(URL), {**FIELDS, "upload": upload, "preview": "预览"})
    assert response.status_code == 200 and len(response.context["items"]) == 11
    assert "GB18030" in response.content.decode()
    assert response.context["carried"]["encoding"] == "gb18030"
    assert _nothing_written()


def test_save_after_preview_imports_the_page(staff, page_text):
    preview = staff.post(reverse(URL), {**FIELDS, "text": page_text, "preview": "预览"})
    carried = preview.context["carried"]
    data = {k: v for k, v in carried.items() if k not in ("encoding_note", "publish", "force")}
    response = staff.post(reverse(URL), {**data, "publish": "on", "save": "保存"})
    page = Page.objects.get(issue__date="2023-02-16", number=6)
    assert response.status_code == 302 and response.url == reverse("admin:archive_page_change", args=[page.pk])
    assert page.articles.count() == 11 and page.articles.published().count() == 11
    assert page.section.name == "区县新闻" and page.raw_text == page_text


def test_uploaded_page_saved_from_the_preview_matches_a_command_import(staff, sample_dir, page_text):
    upload = SimpleUploadedFile(FILE, (sample_dir / FILE).read_bytes())
    preview = staff.post(reverse(URL), {**FIELDS, "upload": upload, "preview": "预览"})
    carried = preview.context["carried"]
    staff.post(reverse(URL), {**FIELDS, "carried_text": carried["carried_text"], "source_name": FILE, "save": "保存"})
    page = Page.objects.get(number=6)
    assert page.raw_text == page_text and page.source_name == FILE
    again = services.page_import(
        date=page.issue.date, page_number=6, page_name="区县新闻", section_name="区县新闻", text=page_text, source_name=FILE
    )
    assert again.unchanged


def test_tampered_preview_data_is_a_form_error(staff):
    response = staff.post(reverse(URL), {**FIELDS, "carried_text": "不是base64!", "save": "保存"})
    assert response.status_code == 200 and "预览数据已损坏" in response.content.decode()
    assert _nothing_written()


def test_saving_the_same_page_twice_changes_nothing(staff, page_text):
    data = {**FIELDS, "text": page_text, "save": "保存"}
    staff.post(reverse(URL), data)
    ids = list(Article.objects.values_list("pk", flat=True))
    response = staff.post(reverse(URL), data, follow=True)
    assert "未作改动" in response.content.decode()
    assert list(Article.objects.values_list("pk", flat=True)) == ids


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2025-02-30"}, "2025-02-30"),
        ({"date": ""}, "该字段是必填项"),
        ({"page_number": "0"}, "版次“0”无效"),
        ({"page_number": "第六版"}, "应为正整数"),
        ({"text": "  \n"}, "请上传版面文本文件或粘贴版面文本"),
    ],
)
def test_bad_form_input_is_shown_as_an_error_and_writes_nothing(staff, page_text, change, message):
    for button in ("preview", "save"):
        response = staff.post(reverse(URL), {**FIELDS, "text": page_text, **change, button: "1"})
        assert response.status_code == 200 and message in response.content.decode()
        assert response.context["items"] is None
    assert _nothing_written()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "提交的是空文件"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"), (b"\xff\xfe\x00\xd8", "UTF-16-LE")],
)
def test_bad_upload_is_a_form_error(staff, content, message):
    upload = SimpleUploadedFile("page6.txt", content)
    response = staff.post(reverse(URL), {**FIELDS, "upload": upload, "save": "保存"})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert _nothing_written()


def test_import_refused_for_an_edited_page_is_a_form_error_until_forced(staff, page_text):
    staff.post(reverse(URL), {**FIELDS, "text": page_text, "save": "保存"})
    article = Article.objects.get(headline="精准养护 守护安全")
    services.article_update(article=article, fields={"headline": "精准养护 守护道路安全"})
    changed = page_text + "\n"
    response = staff.post(reverse(URL), {**FIELDS, "text": changed, "save": "保存"})
    html = response.content.decode()
    assert response.status_code == 200 and "精准养护 守护道路安全" in html and "勾选“覆盖编辑修改过的文章”" in html
    assert Article.objects.filter(headline="精准养护 守护道路安全").exists()
    response = staff.post(reverse(URL), {**FIELDS, "text": changed, "force": "on", "save": "保存"})
    assert response.status_code == 302 and not Article.objects.filter(headline="精准养护 守护道路安全").exists()


def test_staff_with_only_view_permission_cannot_import(client, django_user_model, page_text):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_page", "view_article"]))
    client.force_login(user)
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {**FIELDS, "text": page_text, "save": "保存"}).status_code == 403
    assert reverse(URL) not in client.get(reverse("admin:archive_page_changelist")).content.decode()
    assert _nothing_written()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_newly_pasted_text_wins_over_text_carried_from_a_preview(staff, page_text, sample_dir):
    other = (sample_dir / "002_fe62a0247c95cbc5.txt").read_text(encoding="utf-8")
    preview = staff.post(reverse(URL), {**FIELDS, "text": other, "preview": "预览"})
    carried = preview.context["carried"]["carried_text"]
    response = staff.post(reverse(URL), {**FIELDS, "text": page_text, "carried_text": carried, "preview": "预览"})
    assert len(response.context["items"]) == 11


def test_admin_index_links_the_import_for_editors_only(staff, client, django_user_model):
    assert reverse(URL) in staff.get(reverse("admin:index")).content.decode()
    reader = django_user_model.objects.create_user("reader2", password="x", is_staff=True)
    client.force_login(reader)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200 and reverse(URL) not in response.content.decode()


# --- choosing the section, publish off, edited articles in the preview, text kept ---


def _textarea(html: str) -> str:
    return html.split('name="text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]


def test_the_form_defaults_to_draft_offers_a_date_picker_and_the_existing_sections(staff, sample_pages):
    response = staff.get(reverse(URL))
    form = response.context["form"]
    assert form["publish"].value() in (None, False)
    html = response.content.decode()
    assert 'type="date" name="date"' in html
    assert 'list="section-choices"' in html and '<option value="郑东新区·周报">' in html


@pytest.mark.parametrize(("name", "message"), [
    ("郑东新区周报", "已有栏目“郑东新区·周报”，与“郑东新区周报”只差标点或空格"),
    ("郑东新区 · 周报", "已有栏目“郑东新区·周报”"),
    ("城市副刊", "没有名为“城市副刊”的栏目。请从列表中选择已有栏目；确需新建请勾选“新建栏目”。"),
])
def test_a_section_not_in_the_list_is_refused_unless_new_is_ticked(staff, sample_pages, page_text, name, message):
    fields = {**FIELDS, "date": "2023-03-01", "section_name": name, "new_section": ""}
    for button in ("preview", "save"):
        response = staff.post(reverse(URL), {**fields, "text": page_text, button: "1"})
        assert message in response.content.decode() and response.context["items"] is None
    assert not Page.objects.filter(issue__date="2023-03-01").exists()


def test_a_near_twin_of_an_existing_section_is_refused_even_when_new_is_ticked(staff, sample_pages, page_text):
    response = staff.post(reverse(URL), {**FIELDS, "section_name": "郑东新区周报", "text": page_text, "preview": "1"})
    assert "请选用它" in response.content.decode()


def test_a_new_section_is_announced_in_the_preview_and_created_on_save(staff, sample_pages, page_text):
    fields = {**FIELDS, "date": "2023-03-01", "section_name": "金水·周刊", "publish": ""}
    preview = staff.post(reverse(URL), {**fields, "text": page_text, "preview": "1"})
    html = preview.content.decode()
    assert "将新建栏目：金水·周刊" in html and "保存后为草稿" in html
    assert not Section.objects.filter(name="金水·周刊").exists()
    carried = {k: v for k, v in preview.context["carried"].items() if v not in (False, None) and k != "encoding_note"}
    staff.post(reverse(URL), {**carried, "save": "保存"})
    page = Page.objects.get(issue__date="2023-03-01")
    assert page.section.name == "金水·周刊"
    assert not page.articles.published().exists()


def test_an_existing_section_is_used_without_any_new_one(staff, sample_pages, page_text):
    fields = {**FIELDS, "date": "2023-03-01", "section_name": "郑东新区·周报", "new_section": ""}
    preview = staff.post(reverse(URL), {**fields, "text": page_text, "preview": "1"})
    assert "将新建栏目：郑东新区·周报" not in preview.content.decode()
    assert "默认栏目：郑东新区·周报" in preview.content.decode()
    sections = Section.objects.count()
    staff.post(reverse(URL), {**fields, "text": page_text, "save": "1"})
    assert Page.objects.get(issue__date="2023-03-01").section.name == "郑东新区·周报"
    assert Section.objects.count() == sections


def test_the_preview_names_the_edited_articles_that_block_the_import(staff, page_text):
    staff.post(reverse(URL), {**FIELDS, "text": page_text, "save": "保存"})
    article = Article.objects.get(headline="精准养护 守护安全")
    services.article_update(article=article, fields={"headline": "精准养护 守护道路安全"})
    preview = staff.post(reverse(URL), {**FIELDS, "text": page_text + "\n", "preview": "1"})
    html = preview.content.decode()
    assert "此版有 1 篇文章经编辑修改，保存将被拒绝" in html and "精准养护 守护道路安全" in html
    assert 'name="save"' not in html  # nothing to save that would only be refused
    forced = staff.post(reverse(URL), {**FIELDS, "text": page_text + "\n", "force": "on", "preview": "1"})
    assert "保存将覆盖 1 篇经编辑修改的文章" in forced.content.decode() and 'name="save"' in forced.content.decode()


def test_the_text_stays_in_the_paste_box_after_a_refused_save(staff, page_text):
    staff.post(reverse(URL), {**FIELDS, "text": page_text, "save": "保存"})
    preview = staff.post(reverse(URL), {**FIELDS, "text": page_text + "\n", "preview": "1"})
    carried = preview.context["carried"]["carried_text"]
    # Edited by someone else between the preview and the save.
    services.article_update(article=Article.objects.get(headline="精准养护 守护安全"), fields={"headline": "精准养护"})
    response = staff.post(reverse(URL), {**FIELDS, "carried_text": carried, "save": "保存"})
    html = response.content.decode()
    assert "未覆盖" in html
    assert "金水区吹响奋进「冲锋号」" in _textarea(html)


def test_the_text_stays_in_the_paste_box_after_a_bad_date(staff, page_text):
    response = staff.post(reverse(URL), {**FIELDS, "date": "2025-02-30", "text": page_text, "preview": "1"})
    assert "金水区吹响奋进「冲锋号」" in _textarea(response.content.decode())
