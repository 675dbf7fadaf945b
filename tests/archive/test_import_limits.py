"""Page size and item limits: every import path refuses what is not a page, names it, writes nothing."""
import datetime as dt
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from archive import services
from archive.importing import load_page_file
from archive.models import Article, Issue, Page, Person
from tests.site.synthetic_pages import page_text

pytestmark = pytest.mark.django_db

DATE = dt.date(2025, 1, 3)


def _nothing_written():
    return Issue.objects.count() == Page.objects.count() == Article.objects.count() == Person.objects.count() == 0


def _import(text, **options):
    return services.page_import(date=DATE, page_number=5, page_name="区县新闻", text=text, **options)


def test_the_default_limit_refuses_a_5_mb_page_naming_file_size_and_limit(tmp_path):
    path = tmp_path / "zzrb_20250103_05.txt"
    path.write_bytes(page_text(1, 4).encode("utf-8") * 5000)
    assert path.stat().st_size > 5_000_000
    with pytest.raises(services.PageTooLarge) as refused:
        load_page_file(path)
    message = str(refused.value)
    assert "zzrb_20250103_05.txt" in message and "MB" in message and "2.0 MB" in message and "上限" in message


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "sparse.txt"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 ** 3)  # a sparse 5 GB file: reading it would take 5 GB of memory
    monkeypatch.setattr(type(path), "open", lambda self, *a, **k: pytest.fail("the file was opened"))
    with pytest.raises(services.PageTooLarge, match="5120.0 MB"):
        load_page_file(path)


def test_the_service_refuses_text_over_the_byte_limit_and_writes_nothing(settings):
    text = page_text(1, 6)
    settings.IMPORT_MAX_PAGE_BYTES = len(text.encode("utf-8")) - 1
    with pytest.raises(services.PageTooLarge, match="第5版"):
        _import(text)
    assert _nothing_written()
    settings.IMPORT_MAX_PAGE_BYTES = len(text.encode("utf-8"))
    assert _import(text).articles == 6


def test_the_service_refuses_more_items_than_a_page_may_have_and_writes_nothing(settings):
    settings.IMPORT_MAX_PAGE_ITEMS = 5
    with pytest.raises(services.PageTooLarge, match="解析出 6 篇稿件，超过每版上限 5 篇（IMPORT_MAX_PAGE_ITEMS）") as refused:
        _import(page_text(1, 6), source_name="zzrb_20250103_05.txt")
    assert "zzrb_20250103_05.txt" in str(refused.value)
    assert _nothing_written()


def test_command_reports_the_oversized_file_and_imports_the_rest(settings, tmp_path):
    settings.IMPORT_MAX_PAGE_BYTES = 4096
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(page_text(1, 2), encoding="utf-8")
    big.write_text(page_text(2, 40), encoding="utf-8")
    (tmp_path / "m.json").write_text(
        '{"pages": [{"file": "big.txt", "date": "2025-01-03", "page": 1, "name": "要闻"},'
        ' {"file": "small.txt", "date": "2025-01-03", "page": 2, "name": "区县新闻"}]}', encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="1 个版面导入失败"):
        call_command("import_pages", "--manifest", str(tmp_path / "m.json"), stdout=out, stderr=StringIO())
    report = out.getvalue()
    assert "big.txt" in report and "超过每版上限 4 KB" in report
    assert list(Page.objects.values_list("number", flat=True)) == [2]


def test_admin_upload_over_the_limit_is_a_form_error_and_writes_nothing(client, editor, settings):
    settings.IMPORT_MAX_PAGE_BYTES = 1024
    client.force_login(editor)
    fields = {"date": "2025-01-03", "page_number": "5", "page_name": "区县新闻", "publish": "on"}
    upload = SimpleUploadedFile("zzrb_20250103_05.txt", page_text(1, 10).encode("utf-8"))
    response = client.post(reverse("admin:archive_page_import"), {**fields, "upload": upload, "save": "保存"})
    html = response.content.decode()
    assert response.status_code == 200 and "zzrb_20250103_05.txt" in html and "超过每版上限 1 KB" in html
    assert _nothing_written()


def test_admin_preview_of_too_many_items_is_a_form_error(client, editor, settings):
    settings.IMPORT_MAX_PAGE_ITEMS = 3
    client.force_login(editor)
    fields = {"date": "2025-01-03", "page_number": "5", "page_name": "区县新闻", "text": page_text(1, 4)}
    response = client.post(reverse("admin:archive_page_import"), {**fields, "preview": "预览"})
    assert response.status_code == 200 and "解析出 4 篇稿件，超过每版上限 3 篇" in response.content.decode()
    assert response.context["items"] is None and _nothing_written()
