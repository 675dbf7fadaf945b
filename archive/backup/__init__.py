"""Backup of the whole archive as NDJSON + media files, and its restore into an empty database.

A backup is a folder:

- ``manifest.json``: ``format``, ``format_version``, ``created`` (UTC), the
  database vendor, ``migrations`` (applied names by app), ``models`` (label,
  file and row count, in restore order), ``missing_media`` and ``files``
  (the sha256 of every other file in the folder);
- ``<app>.<model>.ndjson``: one file per model, one JSON record a line (see
  :mod:`archive.backup.records`);
- ``media/<name>``: the files that photos and pages name, as in MEDIA_ROOT.
"""
from .export import Exported, export_archive
from .records import FORMAT_VERSION, BackupRefused, backup_models, counts_text
from .restore import Restored, import_archive

__all__ = ["FORMAT_VERSION", "BackupRefused", "Exported", "Restored", "backup_models", "counts_text", "export_archive", "import_archive"]
