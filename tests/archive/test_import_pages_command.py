"""``manage.py import_pages``: batches, single files, encodings and bad input."""
import datetime as dt
import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive import services
from archive.models import Article, Issue, Page, Person, Status

pytestmark = pytest.mark.django_db

GOOD = ("003_e713b7ff9e0ddada.txt", "002_fe62a0247c95cbc5.txt")


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_pages", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_manifest_import_reports_a_summary_and_a_second_run_changes_nothing(sample_dir):
    manifest = str(sample_dir / "manifest.json")
    out, err, exc = run("--manifest", manifest)
    assert exc is None
    assert "导入 5 版，未变 0 版，失败 0 版；文章 30 篇，新增人物 48 位" in out
    assert "导入版面" in err  # the progress bar
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    out, _, exc = run("--manifest", manifest)
    assert exc is None and "导入 0 版，未变 5 版，失败 0 版；文章 0 篇，新增人物 0 位" in out
    assert list(Article.objects.order_by("pk").values_list("pk", flat=True)) == ids


def test_single_file_as_draft_with_section(sample_dir):
    out, _, exc = run(
        str(sample_dir / "004_0a9682895701f4fe.txt"), "--date", "2025-01-03", "--page", "7",
        "--name", "逐新2025", "--section", "区县新闻", "--draft",
    )
    assert exc is None and "导入 1 版" in out
    page = Page.objects.get(issue__date=dt.date(2025, 1, 3), number=7)
    assert page.name == "逐新2025" and page.section.name == "区县新闻" and page.source_encoding == "utf-8"
    assert set(page.articles.values_list("status", flat=True)) == {Status.DRAFT}
    assert page.articles.get(order=1).headline.startswith("深化“八大工程”")


def test_gb18030_file_is_decoded_and_reported(sample_dir, tmp_path):
    text = (sample_dir / "003_e713b7ff9e0ddada.txt").read_text(encoding="utf-8")
    path = tmp_path / "zzrb_20210723_08.txt"
    path.write_bytes(text.encode("gb18030"))
    out, _, exc = run(str(path), "--date", "2021-07-23", "--page", "8", "--name", "郑东新区·周报")
    assert exc is None and "GB18030" in out
    page = Page.objects.get(number=8)
    assert page.source_encoding == "gb18030" and page.raw_text == text
    assert page.articles.filter(headline="郑东新区 召开防汛会商会议").exists()


def _write_manifest(tmp_path, sample_dir, extra_entries):
    for name in GOOD:
        shutil.copy(sample_dir / name, tmp_path / name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "page.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    entries = [
        {"file": GOOD[0], "date": "2021-07-23", "page": 8, "name": "郑东新区·周报", "section": "郑东新区·周报"},
        *extra_entries,
        {"file": GOOD[1], "date": "2024-12-30", "page": 5, "name": "区县新闻", "section": "区县新闻"},
    ]
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"pages": entries}, ensure_ascii=False), encoding="utf-8")
    return path


BAD_ENTRIES = [
    ({"file": "empty.txt", "date": "2025-01-04", "page": 1, "name": "要闻"}, "empty.txt"),
    ({"file": "page.png", "date": "2025-01-05", "page": 1, "name": "要闻"}, "page.png"),
    ({"file": GOOD[0], "date": "2025-02-30", "page": 1, "name": "要闻"}, "2025-02-30"),
    ({"file": GOOD[0], "page": 1, "name": "要闻"}, "缺少出版日期"),
    ({"file": GOOD[0], "date": "2025-01-06", "page": 0, "name": "要闻"}, "版次“0”无效"),
    ({"file": GOOD[0], "date": "2025-01-07", "page": "A1", "name": "要闻"}, "版次“A1”无效"),
    ({"file": "missing.txt", "date": "2025-01-08", "page": 1, "name": "要闻"}, "missing.txt"),
]


@pytest.mark.parametrize(("entry", "named"), BAD_ENTRIES, ids=lambda v: str(v)[:30])
def test_a_bad_page_fails_alone_while_the_rest_of_the_batch_imports(tmp_path, sample_dir, entry, named):
    out, _, exc = run("--manifest", str(_write_manifest(tmp_path, sample_dir, [entry])))
    assert exc is not None and "1 个版面导入失败" in str(exc)
    assert "导入 2 版，未变 0 版，失败 1 版" in out
    failures = out.split("导入失败：", 1)[1]
    assert named in failures
    assert sorted(Issue.objects.values_list("date", flat=True)) == [dt.date(2021, 7, 23), dt.date(2024, 12, 30)]


def test_every_failure_is_listed_with_its_reason(tmp_path, sample_dir):
    out, _, exc = run("--manifest", str(_write_manifest(tmp_path, sample_dir, [e for e, _ in BAD_ENTRIES])))
    assert "7 个版面导入失败" in str(exc)
    assert "文件为空" in out and "二进制" in out and "文件不存在" in out
    assert Page.objects.count() == 2


@pytest.mark.parametrize("content", ['{"pages": [', "[1, 2]", '{"pages": "003.txt"}'])
def test_malformed_manifest_is_refused_and_nothing_is_written(tmp_path, content):
    path = tmp_path / "manifest.json"
    path.write_text(content, encoding="utf-8")
    _, _, exc = run("--manifest", str(path))
    assert exc is not None and "manifest.json" in str(exc)
    assert Issue.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--date", "2025-02-30", "--page", "7", "--name", "逐新2025"], "2025-02-30"),
        (["--page", "7", "--name", "逐新2025"], "缺少出版日期"),
        (["--date", "2025-01-03", "--page", "-7", "--name", "逐新2025"], "版次"),
        (["--date", "2025-01-03", "--page", "7"], "版名"),
    ],
)
def test_single_file_with_bad_options_is_refused(sample_dir, args, reason):
    _, _, exc = run(str(sample_dir / "004_0a9682895701f4fe.txt"), *args)
    assert exc is not None and reason in str(exc)
    assert Issue.objects.count() == 0


def test_edited_page_is_refused_until_forced(sample_dir, tmp_path):
    src = sample_dir / "000_073501560259c346.txt"
    opts = ["--date", "2025-01-02", "--page", "6", "--name", "区县新闻"]
    run(str(src), *opts)
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    services.article_update(article=article, fields={"headline": "荥阳市举办新年音乐会"})
    changed = tmp_path / src.name
    changed.write_text(src.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    people = Person.objects.count()
    out, _, exc = run(str(changed), *opts)
    assert exc is not None and "--force" in out and "荥阳市举办新年音乐会" in out
    assert Article.objects.filter(headline="荥阳市举办新年音乐会").exists() and Person.objects.count() == people
    out, _, exc = run(str(changed), *opts, "--force")
    assert exc is None and not Article.objects.filter(headline="荥阳市举办新年音乐会").exists()
    assert Article.objects.filter(headline="荥阳举办新年音乐会", edited_at=None).exists()


def test_a_crash_on_one_page_is_reported_and_the_batch_goes_on(sample_dir, monkeypatch):
    real = services.page_import

    def flaky(**kwargs):
        if kwargs["page_number"] == 6 and kwargs["date"] == dt.date(2023, 2, 16):
            raise RuntimeError("磁盘已满")
        return real(**kwargs)

    monkeypatch.setattr(services, "page_import", flaky)
    out, _, exc = run("--manifest", str(sample_dir / "manifest.json"))
    assert exc is not None and "导入 4 版" in out and "RuntimeError：磁盘已满" in out
    assert not Issue.objects.filter(date=dt.date(2023, 2, 16)).exists()
