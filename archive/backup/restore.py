"""Restore a backup folder into an empty database, all or nothing.

Everything that can be checked before writing is checked first: the
manifest's format, every file's sha256, the migrations, that the archive's
tables are empty and that no media file would overwrite a different one.
Then one transaction inserts the rows with their primary keys (URLs and API
ids survive), resets PostgreSQL's sequences, copies the media into
MEDIA_ROOT and rebuilds the search index. Any failure rolls the rows back
and removes the media files it copied.
"""
from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from archive.cache import content_changed

from .export import MANIFEST, MEDIA_DIR, applied_migrations, sha256_of
from .records import FORMAT, FORMAT_VERSION, BackupRefused, Codec, NaturalKeys, backup_models, every_row, media_path

BATCH_SIZE = 1000


@dataclass
class Restored:
    """What a restore wrote: rows per model label, media files copied, user accounts it had to create."""

    counts: dict[str, int] = field(default_factory=dict)
    media: int = 0
    users_created: list[str] = field(default_factory=list)


def import_archive(*, in_dir: Path, batch_size: int = BATCH_SIZE) -> Restored:
    """Restore the backup in ``in_dir`` into this (empty) database and MEDIA_ROOT; :class:`BackupRefused` if it cannot."""
    in_dir = Path(in_dir)
    manifest = read_manifest(in_dir)
    verify_files(in_dir, manifest["files"])
    entries = _entries(manifest)
    _check_migrations(manifest["migrations"], entries)
    _check_empty()
    media = _media_to_copy(in_dir, manifest["files"])
    restored, copied = Restored(), []
    try:
        with transaction.atomic():
            keys = NaturalKeys()
            for model, entry in entries:
                restored.counts[entry["model"]] = _load(in_dir, model, entry, keys, batch_size, manifest["files"])
            _reset_sequences([model for model, _entry in entries])
            for source, target in media:
                target.parent.mkdir(parents=True, exist_ok=True)
                copied.append(target)
                shutil.copyfile(source, target)
            call_command("rebuild_search_index", verbosity=0, stdout=io.StringIO())
            # Rows went in without signals: pages cached from an earlier archive must go.
            content_changed()
    except DatabaseError as error:
        _remove(copied)
        raise BackupRefused(_("备份数据与数据库的约束冲突，未写入任何内容：%(error)s") % {"error": error}) from error
    except BaseException:
        _remove(copied)
        raise
    restored.media, restored.users_created = len(media), keys.users_created
    return restored


def read_manifest(in_dir: Path) -> dict:
    path = in_dir / MANIFEST
    if not path.is_file():
        raise BackupRefused(_("%(path)s 中没有 manifest.json：不是备份目录，或导出没有完成。") % {"path": in_dir})
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupRefused(_("manifest.json 不是有效的 JSON。")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(_("这不是报纸档案的备份（manifest.json 的 format 不符）。"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused(_("未知的备份格式版本：%(found)s（本程序只能恢复版本 %(known)s）。") % {
            "found": manifest.get("format_version"), "known": FORMAT_VERSION})
    if not all(isinstance(manifest.get(k), t) for k, t in (("files", dict), ("models", list), ("migrations", dict))):
        raise BackupRefused(_("manifest.json 缺少 files、models 或 migrations。"))
    return manifest


def verify_files(in_dir: Path, files: dict[str, str]) -> None:
    """Every file the manifest lists is present with its sha256; the first that is not is named."""
    for name, expected in files.items():
        path = media_path(in_dir, name)
        if not path.is_file():
            raise BackupRefused(_("备份中缺少文件：%(name)s") % {"name": name})
        if sha256_of(path) != expected:
            raise BackupRefused(_("文件的校验和与 manifest.json 不符（已损坏或被改动）：%(name)s") % {"name": name})


def _entries(manifest: dict) -> list[tuple[type, dict]]:
    """(model, manifest entry) for every model in the backup, in the order the current models need."""
    by_model = {}
    for entry in manifest["models"]:
        try:
            by_model[apps.get_model(entry["model"])] = entry
        except (LookupError, KeyError, TypeError, ValueError):
            raise BackupRefused(_("备份中有本程序不认识的模型：%(model)s") % {"model": entry}) from None
        if entry.get("file") not in manifest["files"]:
            raise BackupRefused(_("manifest.json 没有列出 %(model)s 的数据文件。") % {"model": entry["model"]})
    strangers = set(by_model) - set(backup_models())
    if strangers:
        raise BackupRefused(_("备份中有不属于档案的模型：%(models)s") % {"models": ", ".join(m._meta.label for m in strangers)})
    return [(model, by_model[model]) for model in backup_models() if model in by_model]


def _check_migrations(recorded: dict[str, list[str]], entries: list[tuple[type, dict]]) -> None:
    applied = applied_migrations()
    missing = [f"{app}.{name}" for app in sorted({m._meta.app_label for m, _e in entries})
               for name in recorded.get(app, []) if name not in applied.get(app, [])]
    if missing:
        raise BackupRefused(_("目标数据库缺少备份时已应用的迁移：%(names)s。请先更新程序并运行 manage.py migrate。") % {
            "names": "、".join(missing)})


def _check_empty() -> None:
    filled = [str(m._meta.verbose_name) for m in backup_models() if every_row(m).exists()]
    if filled:
        raise BackupRefused(_("目标数据库中已有档案数据（%(tables)s）：只能恢复到空数据库，未写入任何内容。") % {
            "tables": "、".join(filled)})


def _media_to_copy(in_dir: Path, files: dict[str, str]) -> list[tuple[Path, Path]]:
    """(backup file, MEDIA_ROOT file) pairs to copy; a different file already at a target refuses the restore."""
    root, pairs = Path(settings.MEDIA_ROOT), []
    for name, digest in files.items():
        if not name.startswith(MEDIA_DIR + "/"):
            continue
        target = media_path(root, name.removeprefix(MEDIA_DIR + "/"))
        if target.exists() or target.is_symlink():
            if target.is_symlink() or sha256_of(target) != digest:
                raise BackupRefused(_("媒体目录中已有同名但内容不同的文件：%(path)s") % {"path": target})
            continue
        pairs.append((in_dir / name, target))
    return pairs


def _load(in_dir: Path, model, entry: dict, keys: NaturalKeys, batch_size: int, files: dict[str, str]) -> int:
    """Insert the rows of one NDJSON file in batches; returns their number, which must match the manifest."""
    codec, batch, count = Codec(model, keys), [], 0
    name = entry["file"]

    def stored_name(value: dict) -> str:
        digest = value.get("sha256") if isinstance(value, dict) else None
        if digest is not None and files.get(f"{MEDIA_DIR}/{value.get('name')}") != digest:
            raise BackupRefused(_("记录引用的媒体文件不在备份中：%(name)s") % {"name": value.get("name")})
        return value["name"]

    with (in_dir / name).open("rb") as stream:
        for count, line in enumerate(stream, start=1):
            batch.append(_instance(codec, line, stored_name, name, count))
            if len(batch) >= batch_size:
                _insert(model, batch)
                batch = []
    _insert(model, batch)
    if count != entry.get("count"):
        raise BackupRefused(_("%(file)s 有 %(found)s 行，manifest.json 记录的是 %(expected)s 行。") % {
            "file": name, "found": count, "expected": entry.get("count")})
    return count


def _instance(codec: Codec, line: bytes, stored_name, name: str, number: int):
    where = {"file": name, "line": number}
    if not line.endswith(b"\n"):
        raise BackupRefused(_("%(file)s 第 %(line)s 行不完整（文件被截断）。") % where)
    try:
        record = json.loads(line.decode("utf-8"))
        if not isinstance(record, dict):
            raise ValueError(record)
        return codec.instance(record, stored_name)
    except BackupRefused as refused:
        raise BackupRefused(_("%(file)s 第 %(line)s 行：%(error)s") % {**where, "error": refused}) from None
    except (ValueError, TypeError, KeyError, ValidationError, UnicodeDecodeError) as error:
        raise BackupRefused(_("%(file)s 第 %(line)s 行不是有效的记录：%(error)s") % {**where, "error": error}) from None


def _insert(model, objects: list) -> None:
    """Insert as loaded ("raw"): auto_now and auto_now_add keep the backed-up times, no signal is sent."""
    fields = list(model._meta.concrete_fields)
    size = max(1, connection.ops.bulk_batch_size(fields, objects) if objects else 1)
    for start in range(0, len(objects), size):
        every_row(model)._insert(objects[start:start + size], fields=fields, raw=True)


def _reset_sequences(models: list[type]) -> None:
    """Point PostgreSQL's id sequences past the restored ids (SQLite needs nothing: it takes the max)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
