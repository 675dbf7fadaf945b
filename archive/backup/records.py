"""What a backup holds and how one row becomes one JSON record and back.

The models are found, not listed: every concrete model of the ``archive``
app (with the tables behind many-to-many fields) and django-reversion's
Revision and Version, in foreign-key order. Each model's fields come from
its ``_meta``, so a field or model added later is backed up without
touching this code.

A record is one row: ``{field name: value}`` for every concrete field. A
foreign key inside the backup is the related row's primary key (kept on
restore). A foreign key outside it (users, content types) is that row's
natural key, e.g. ``["wanglei"]`` for a user, because its id differs from
database to database. A file field is ``{"name", "sha256"}`` ("" when empty).
"""
from __future__ import annotations

import base64
import functools
import datetime as dt
import json
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.duration import duration_string
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from archive.services.errors import ServiceError

FORMAT = "newsroom-archive-backup"
FORMAT_VERSION = 1


class BackupRefused(ServiceError):
    """A backup that cannot be written or restored; the message says why, in Chinese."""


@functools.cache
def backup_models() -> list[type[models.Model]]:
    """The models a backup holds, each after the models its foreign keys point to."""
    found = [m for m in apps.get_app_config("archive").get_models(include_auto_created=True)
             if m._meta.managed and not m._meta.proxy]
    return _dependency_order([*found, Revision, Version])


def _dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    included, ordered = set(found), []
    waiting = {m: {f.related_model for f in m._meta.concrete_fields if f.is_relation} & included - {m} for m in found}
    while waiting:
        ready = [m for m in found if m in waiting and not waiting[m] & waiting.keys()]
        if not ready:
            raise BackupRefused(_("模型之间的外键成环，无法确定导入顺序。"))
        ordered += ready
        for model in ready:
            del waiting[model]
    return ordered


def every_row(model: type[models.Model]) -> models.QuerySet:
    """All of the model's rows, whatever its managers filter or defer (a page's manager defers raw_text)."""
    return models.QuerySet(model)


def file_name(model: type[models.Model]) -> str:
    return f"{model._meta.label_lower}.ndjson"


def counts_text(counts: dict[str, int]) -> str:
    """Row counts by model label as the commands print them, e.g. "期次 5，文章 30"."""
    return "，".join(f"{apps.get_model(label)._meta.verbose_name} {count}" for label, count in counts.items())


def media_path(root: Path, name: str) -> Path:
    """Where the stored file ``name`` lives under ``root``; a name that would leave ``root`` is refused."""
    parts = PurePosixPath(name).parts
    if not name or PurePosixPath(name).is_absolute() or ".." in parts or "\\" in name:
        raise BackupRefused(_("文件名不安全（不得是绝对路径或含“..”）：%(name)s") % {"name": name})
    return root.joinpath(*parts)


# --- values ------------------------------------------------------------------------------


def to_json(value):
    """A value read from the database as JSON (dates and times ISO 8601, bytes base64)."""
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


class NaturalKeys:
    """Natural keys of rows outside the backup (users, content types), looked up once each.

    On restore a user missing from the target database is created inactive,
    without a password, so authorship survives; an administrator may enable
    the account later. Any other missing row refuses the restore.
    """

    def __init__(self):
        self.keys: dict[tuple, object] = {}
        self.users_created: list[str] = []

    def of(self, model: type[models.Model], pk) -> list | None:
        if pk is None:
            return None
        if (model, pk) not in self.keys:
            row = model._default_manager.filter(pk=pk).first()
            self.keys[model, pk] = list(row.natural_key()) if row else None
        return self.keys[model, pk]

    def pk(self, model: type[models.Model], key) -> object:
        if key is None:
            return None
        if (model, tuple(key)) not in self.keys:
            self.keys[model, tuple(key)] = self._find(model, list(key))
        return self.keys[model, tuple(key)]

    def _find(self, model: type[models.Model], key: list):
        try:
            return model._default_manager.get_by_natural_key(*key).pk
        except model.DoesNotExist:
            if model is not get_user_model():
                raise BackupRefused(
                    _("目标数据库中没有%(model)s“%(key)s”。") % {"model": model._meta.verbose_name, "key": "/".join(map(str, key))}
                ) from None
        user = model._default_manager.create_user(**{model.USERNAME_FIELD: key[0]}, is_active=False)
        self.users_created.append(key[0])
        return user.pk


def is_external(field: models.Field, included: set) -> bool:
    return field.is_relation and field.related_model not in included


# --- version data ------------------------------------------------------------------------


def version_data(text: str, convert: Callable[[type[models.Model], object], object]) -> str:
    """reversion's JSON snapshot with ``convert(model, value)`` applied to its foreign keys outside the backup.

    A version records an article's ``checked_by`` as a user id; the backup
    stores the user's natural key there instead, and the restore the new id.
    Text that is not such JSON is kept as it is.
    """
    try:
        objects = json.loads(text)
        included, changed = set(backup_models()), False
        for obj in objects:
            model = apps.get_model(obj["model"])
            for field in model._meta.concrete_fields:
                if is_external(field, included) and obj["fields"].get(field.name) is not None:
                    obj["fields"][field.name] = convert(field.related_model, obj["fields"][field.name])
                    changed = True
    except (ValueError, TypeError, KeyError, LookupError, AttributeError):
        return text
    return json.dumps(objects, ensure_ascii=False, sort_keys=True) if changed else text


# --- rows --------------------------------------------------------------------------------


class Codec:
    """One model's rows as records and records as unsaved instances, field by field from ``_meta``.

    ``on_file(name)`` gives a file field's record value on export (the
    exporter copies the file and returns its name and checksum).
    """

    def __init__(self, model: type[models.Model], keys: NaturalKeys):
        self.model, self.keys = model, keys
        self.fields = list(model._meta.concrete_fields)
        included = set(backup_models())
        self.external = {f.name for f in self.fields if is_external(f, included)}
        self.by_name = {f.name: f for f in self.fields}

    def rows(self, chunk_size: int):
        """The model's rows as value tuples in primary-key order, streamed ``chunk_size`` at a time."""
        columns = [f.attname for f in self.fields]
        return every_row(self.model).order_by("pk").values_list(*columns).iterator(chunk_size=chunk_size)

    def record(self, row: tuple, on_file: Callable[[str], object]) -> dict:
        record = {}
        for field, value in zip(self.fields, row):
            if field.name in self.external:
                value = self.keys.of(field.related_model, value)
            elif isinstance(field, models.FileField):
                value = on_file(value) if value else ""
            record[field.name] = to_json(value)
        if self.model is Version:
            record["serialized_data"] = version_data(record["serialized_data"], self._natural)
        return record

    def instance(self, record: dict, on_file: Callable[[dict], str]) -> models.Model:
        """An unsaved instance of the record; ``on_file(value)`` gives a file field's stored name."""
        unknown = record.keys() - self.by_name.keys()
        if unknown:
            raise BackupRefused(_("%(model)s没有字段：%(fields)s") % {
                "model": self.model._meta.verbose_name, "fields": "、".join(sorted(unknown))})
        values = {}
        for name, value in record.items():
            field = self.by_name[name]
            if name in self.external:
                value = self.keys.pk(field.related_model, value)
            elif isinstance(field, models.FileField):
                value = on_file(value) if value else ""
            elif name == "serialized_data" and self.model is Version:
                value = version_data(value, self._pk)
            values[field.attname] = None if value is None else field.to_python(value)
        return self.model(**values)

    def _natural(self, model: type[models.Model], value):
        return self.keys.of(model, value) if not isinstance(value, list) else value

    def _pk(self, model: type[models.Model], value):
        return self.keys.pk(model, value) if isinstance(value, list) else value
