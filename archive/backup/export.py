"""Write the whole archive to a folder: one NDJSON file per model, the media files, a manifest.

Rows are streamed in primary-key order a chunk at a time, so memory stays
the same whatever the archive's size. On PostgreSQL the export reads one
snapshot (REPEATABLE READ), so an edit during a long export cannot leave an
article without its bylines; SQLite's read transaction gives the same.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .records import FORMAT, FORMAT_VERSION, BackupRefused, Codec, NaturalKeys, backup_models, file_name, media_path

CHUNK_SIZE = 2000
MANIFEST = "manifest.json"
MEDIA_DIR = "media"


@dataclass
class Exported:
    """What an export wrote: rows per model label, media files copied, and files the database names but MEDIA_ROOT lacks."""

    counts: dict[str, int]
    media: int = 0
    missing_media: list[str] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> dict[str, list[str]]:
    """Applied migration names by app, as the database records them."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def export_archive(*, out_dir: Path, chunk_size: int = CHUNK_SIZE) -> Exported:
    """Write every backed-up model, its media and ``manifest.json`` (last) into the empty folder ``out_dir``."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise BackupRefused(_("导出目录不是空的：%(path)s（不覆盖已有的备份）") % {"path": out_dir})
    out_dir.mkdir(parents=True, exist_ok=True)
    with _snapshot():
        writer = _Writer(out_dir)
        models = [writer.write_model(model, chunk_size) for model in backup_models()]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created": timezone.now().astimezone(dt.timezone.utc).isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "models": models,
            "missing_media": writer.result.missing_media,
            "files": writer.checksums,
        }
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    (out_dir / MANIFEST).write_text(text + "\n", encoding="utf-8")
    return writer.result


@contextmanager
def _snapshot() -> Iterator[None]:
    """The transaction the export reads in: REPEATABLE READ on PostgreSQL unless one is already open."""
    repeatable = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if repeatable:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


class _Writer:
    """Writes the NDJSON files and media copies, keeping each file's sha256 for the manifest."""

    def __init__(self, out_dir: Path):
        self.out_dir, self.checksums = out_dir, {}
        self.media_root = Path(settings.MEDIA_ROOT)
        self.keys, self.result = NaturalKeys(), Exported(counts={})

    def write_model(self, model, chunk_size: int) -> dict:
        codec, name, count = Codec(model, self.keys), file_name(model), 0
        digest = hashlib.sha256()
        with (self.out_dir / name).open("wb") as stream:
            for row in codec.rows(chunk_size):
                line = json.dumps(codec.record(row, self.copy_file), ensure_ascii=False, separators=(",", ":"))
                data = (line + "\n").encode("utf-8")
                digest.update(data)
                stream.write(data)
                count += 1
        self.checksums[name] = digest.hexdigest()
        self.result.counts[model._meta.label_lower] = count
        return {"model": model._meta.label_lower, "file": name, "count": count}

    def copy_file(self, name: str) -> dict:
        """Copy the stored file ``name`` under media/ once; its record value (sha256 None if MEDIA_ROOT lacks it)."""
        target_name = f"{MEDIA_DIR}/{name}"
        if target_name not in self.checksums:
            source = media_path(self.media_root, name)
            if not source.is_file():
                if name not in self.result.missing_media:
                    self.result.missing_media.append(name)
                return {"name": name, "sha256": None}
            target = media_path(self.out_dir / MEDIA_DIR, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.checksums[target_name] = sha256_of(target)
            self.result.media += 1
        return {"name": name, "sha256": self.checksums[target_name]}
