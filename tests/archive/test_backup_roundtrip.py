"""export_archive → import_archive into a fresh database keeps every row, file and search hit; bad backups write nothing.

The round trip restores into a database of its own (a new SQLite file, or a
new database on the test's PostgreSQL server) through the real commands in
subprocesses, then exports that database again: both exports must hold the
same records, line for line, and the same media checksums.
"""
import io
import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from archive import services
from archive.backup import backup_models
from archive.backup.records import every_row
from archive.models import Article, Person, Photo
from archive.search.index.service import search_articles

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EDITED_HEADLINE = "荥阳新年音乐会奏响迎春序曲"
DRAFT_HEADLINE = "中原科技城再添十家科创企业"
CAPTION = "郑东新区如意湖畔的晨练市民"
QUERIES = ["迎春序曲", "科创企业", "如意湖", "郑东新区", "音乐会"]

# Run in the restored database: export it again, then the search hits, and
# new rows (with history) get ids after the restored ones: the sequences were reset.
PROBE = """
import io, json
from django.core.management import call_command
from archive import services
from archive.models import Article, Person
from archive.search.index.service import search_articles
from reversion.models import Revision
queries, out = json.loads(%r)
call_command("export_archive", out, stdout=io.StringIO())
hits = {q: [sorted(search_articles(q, queryset=qs).values_list("pk", flat=True)) for qs in
            (Article.objects.published(), Article.objects.all())] for q in queries}
top = (Person.objects.order_by("-pk").values_list("pk", flat=True).first(),
       Revision.objects.order_by("-pk").values_list("pk", flat=True).first())
new = services.person_save(fields={"name": "备份后新人"})
print(json.dumps({"hits": hits, "new_after_top": new.pk > top[0] and Revision.objects.latest("pk").pk > top[1]}))
"""


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 40)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def newsroom_day(sample_pages, media):
    """The samples plus a day's editing: review mark, edit, photo file, correction, merge, draft, all by one editor.

    Two other accounts come first, so the editor's id differs from the one
    the fresh database gives them: history must follow the username.
    """
    users = get_user_model().objects
    users.create_user("intern-a"), users.create_user("intern-b")
    desk = users.create_user("desk-editor", is_staff=True)
    concert = Article.objects.get(headline="荥阳举办新年音乐会")
    warned = Article.objects.filter(warning_count__gt=0).first()
    services.article_mark_checked(articles=[warned], user=desk)
    services.article_save(article=warned, fields={"dateline": "本报讯（记者 王磊）"}, user=desk)
    photo = services.PhotoInput(caption=CAPTION, credit="本报记者 王磊 摄",
                                image=SimpleUploadedFile("ruyi.png", png_bytes(), content_type="image/png"))
    services.article_save(article=concert, fields={"headline": EDITED_HEADLINE}, photos=[photo], user=desk)
    services.correction_add(article=concert, note="本文原将“荥阳”误作“荣阳”，已更正。", user=desk)
    source, target = Person.objects.filter(bylines__isnull=False).distinct()[:2]
    services.person_merge(source=source, target=target, user=desk)
    services.article_create(page=concert.page, fields={"headline": DRAFT_HEADLINE, "body": [
        {"type": "paragraph", "text": "记者从郑东新区获悉，中原科技城本月新落户科创企业十家。"}]}, user=desk)
    return desk


def export(out: Path) -> dict:
    call_command("export_archive", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def records(folder: Path, manifest: dict) -> dict[str, list[dict]]:
    return {entry["model"]: [json.loads(line) for line in (folder / entry["file"]).read_text(encoding="utf-8").splitlines()]
            for entry in manifest["models"]}


@contextmanager
def fresh_database(tmp_path: Path):
    """The DATABASE_URL of a new, empty database on the backend the suite runs on; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"archive_restore_{uuid.uuid4().hex[:10]}"
    server = {"host": params["HOST"], "port": params["PORT"], "user": params["USER"], "password": params["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:{params['PORT']}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, database_url: str, media_root: Path) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings_test", "DATABASE_URL": database_url,
           "MEDIA_ROOT": str(media_root)}
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def search_hits() -> dict[str, list[list[int]]]:
    return {q: [sorted(search_articles(q, queryset=qs).values_list("pk", flat=True)) for qs in
                (Article.objects.published(), Article.objects.all())] for q in QUERIES}


def test_restore_into_a_fresh_database_keeps_every_row_media_file_and_search_hit(newsroom_day, media, tmp_path):
    source = export(tmp_path / "backup")
    rows = records(tmp_path / "backup", source)
    assert all(rows[label] for label in ("archive.correction", "reversion.revision", "reversion.version"))
    assert any(r["user"] == ["desk-editor"] for r in rows["reversion.revision"])
    assert any('"checked_by": ["desk-editor"]' in r["serialized_data"] for r in rows["reversion.version"])
    assert [r["status"] for r in rows["archive.article"] if r["headline"] == DRAFT_HEADLINE] == ["draft"]
    (stored,) = [r["image"] for r in rows["archive.photo"] if r["image"]]
    assert source["files"][f"media/{stored['name']}"] == stored["sha256"]
    expected_hits = search_hits()
    assert all(any(found) for found in expected_hits.values())

    restored_media = tmp_path / "restored-media"
    with fresh_database(tmp_path) as url:
        # System checks are other tests' business; skipped, they cost each command seconds.
        manage("migrate", "-v0", "--skip-checks", database_url=url, media_root=restored_media)
        manage("import_archive", str(tmp_path / "backup"), "--skip-checks", database_url=url, media_root=restored_media)
        script = PROBE % json.dumps([QUERIES, str(tmp_path / "again")])
        probe = json.loads(manage("shell", "-v0", "-c", script, database_url=url, media_root=restored_media))

    again = json.loads((tmp_path / "again" / "manifest.json").read_text(encoding="utf-8"))
    assert again["models"] == source["models"]
    restored_rows = records(tmp_path / "again", again)
    for label, source_rows in rows.items():
        assert restored_rows[label] == source_rows, label
    assert again["files"] == source["files"]
    assert (restored_media / stored["name"]).read_bytes() == (media / stored["name"]).read_bytes()
    assert probe == {"hits": expected_hits, "new_after_top": True}


@pytest.fixture
def backup(sample_pages, media, tmp_path) -> Path:
    """The samples with one photo file, exported, then removed from the database and MEDIA_ROOT."""
    concert = Article.objects.get(headline="荥阳举办新年音乐会")
    photo = services.PhotoInput(caption=CAPTION, image=SimpleUploadedFile("ruyi.png", png_bytes()))
    services.article_save(article=concert, fields={}, photos=[photo])
    export(tmp_path / "backup")
    for model in reversed(backup_models()):
        every_row(model).delete()
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    return tmp_path / "backup"


def assert_nothing_restored(media: Path) -> None:
    assert not any(every_row(model).exists() for model in backup_models())
    assert not any(path.is_file() for path in media.rglob("*"))


def rewrite_manifest(folder: Path, change) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def truncate_last_line(folder: Path) -> None:
    path = folder / "archive.byline.ndjson"
    path.write_bytes(path.read_bytes()[:-25])
    rewrite_manifest(folder, lambda m: m["files"].update({path.name: sha256(path)}))


def sha256(path: Path) -> str:
    from archive.backup.export import sha256_of

    return sha256_of(path)


def tamper(folder: Path) -> None:
    path = folder / "archive.article.ndjson"
    path.write_text(path.read_text(encoding="utf-8").replace("荥阳", "荣阳", 1), encoding="utf-8")


@pytest.mark.parametrize("damage, message", [
    (tamper, "文件的校验和与 manifest.json 不符（已损坏或被改动）：archive.article.ndjson"),
    (truncate_last_line, r"archive\.byline\.ndjson 第 \d+ 行不完整（文件被截断）"),
    (lambda folder: rewrite_manifest(folder, lambda m: m.update(format_version=99)), "未知的备份格式版本：99"),
    (lambda folder: (folder / "manifest.json").unlink(), "没有 manifest.json"),
    (lambda folder: rewrite_manifest(folder, lambda m: m["files"].update({"media/../../etc/passwd": "0" * 64})),
     r"文件名不安全（不得是绝对路径或含“\.\.”）：media/\.\./\.\./etc/passwd"),
])
def test_a_damaged_backup_is_refused_with_its_reason_and_nothing_is_written(backup, media, damage, message):
    damage(backup)
    with pytest.raises(CommandError, match=message):
        call_command("import_archive", str(backup), stdout=io.StringIO())
    assert_nothing_restored(media)


def test_restore_refuses_a_database_that_already_holds_the_archive(sample_pages, media, tmp_path):
    export(tmp_path / "backup")
    articles = list(Article.objects.values_list("pk", "headline"))
    with pytest.raises(CommandError, match="目标数据库中已有档案数据（期次、.*文章.*）：只能恢复到空数据库"):
        call_command("import_archive", str(tmp_path / "backup"), stdout=io.StringIO())
    assert list(Article.objects.values_list("pk", "headline")) == articles


def test_restore_into_an_emptied_database_brings_back_the_photo_file(backup, media):
    call_command("import_archive", str(backup), stdout=io.StringIO())
    (photo,) = [p for p in Article.objects.get(headline="荥阳举办新年音乐会").photos.all() if p.image]
    assert photo.image.read() == png_bytes() and photo.caption == CAPTION


def test_a_photo_whose_file_is_gone_is_exported_without_it_and_named(sample_pages, media, tmp_path):
    photo = Photo.objects.first()
    photo.image.name = "photos/2025/01/gone.jpg"
    photo.save()
    err = io.StringIO()
    call_command("export_archive", str(tmp_path / "backup"), stdout=io.StringIO(), stderr=err)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["missing_media"] == ["photos/2025/01/gone.jpg"] and "photos/2025/01/gone.jpg" in err.getvalue()
    assert {"name": "photos/2025/01/gone.jpg", "sha256": None} in [r["image"] for r in records(tmp_path / "backup", manifest)["archive.photo"]]
