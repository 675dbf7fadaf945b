"""Reading and checking import input, shared by ``import_pages`` and the admin.

Functions without database access: they turn a manifest, a page file or
an editor's form values into :class:`PageSpec` and text, or raise
:class:`ImportInputError` (or ``services.PageTooLarge``) with a message naming
what is wrong. A manifest may only name files inside its own folder. Storing
is the job of ``archive.services.page_import``.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from archive.ingest import ParseError, bom_encoding, decode_page_bytes
from archive.services import check_page_size

# Encodings decode_page_bytes reports that are plain UTF-8 to an editor.
UTF8_ENCODINGS = ("utf-8", "utf-8-sig")
# A manifest lists pages, a few hundred bytes each: a year of them is well under this.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


class ImportInputError(ValueError):
    """Input the importer cannot use, with a message naming the file and the reason."""


@dataclass(frozen=True)
class PageSpec:
    """One page to import: where its text is and where it belongs in the archive."""

    path: Path
    date: dt.date
    page_number: int
    page_name: str
    section_name: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path.name}（{self.date:%Y-%m-%d} 第{self.page_number}版）"


def parse_date(value, *, where: str = "") -> dt.date:
    """``YYYY-MM-DD`` → date; a missing or impossible date (2025-02-30) raises."""
    prefix = f"{where}：" if where else ""
    if value in (None, ""):
        raise ImportInputError(prefix + _("缺少出版日期。"))
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ImportInputError(
            prefix + _("日期“%(value)s”无效，应为实际存在的日期，格式 YYYY-MM-DD。") % {"value": value}
        ) from None


def parse_page_number(value, *, where: str = "") -> int:
    """A positive integer page number (版次); ``"3"`` is accepted, ``0``, ``-1``, ``2.5``, ``"A1"`` are not."""
    prefix = f"{where}：" if where else ""
    if isinstance(value, bool) or value in (None, ""):
        raise ImportInputError(prefix + _("缺少版次。"))
    number = value if isinstance(value, int) else None
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or number < 1:
        raise ImportInputError(prefix + _("版次“%(value)s”无效，应为正整数。") % {"value": value})
    return number


def decode_upload(data: bytes, *, name: str) -> tuple[str, str]:
    """Bytes of a page file → ``(text, encoding)``; empty, binary or undecodable bytes raise.

    UTF-16 and UTF-32 files with a byte order mark are decoded; one whose
    bytes do not match its mark is refused with the encoding named.
    """
    if not data:
        raise ImportInputError(_("%(name)s：文件为空。") % {"name": name})
    try:
        text, encoding = decode_page_bytes(data)
    except ParseError as exc:
        wide = bom_encoding(data)
        if wide:
            raise ImportInputError(
                _("%(name)s：文件开头标明是 %(encoding)s 编码，但内容不是有效的 %(encoding)s 文本（%(reason)s）。")
                % {"name": name, "encoding": wide.upper(), "reason": exc}
            ) from None
        raise ImportInputError(
            _("%(name)s：不是 UTF-8 或 GB18030/GBK 文本，可能是二进制文件（%(reason)s）。") % {"name": name, "reason": exc}
        ) from None
    if not text.strip():
        raise ImportInputError(_("%(name)s：文件只有空白，没有版面文本。") % {"name": name})
    return text, encoding


def load_page_file(path: Path | str) -> tuple[str, str]:
    """Read the page file at ``path`` → ``(text, encoding)`` (GB18030/GBK, UTF-16/32 files are detected).

    A file over ``IMPORT_MAX_PAGE_BYTES`` raises ``services.PageTooLarge``
    before it is read; at most one byte over the limit is ever read, even
    from a file that grows while it is read.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportInputError(_("%(name)s：文件不存在。") % {"name": path})
    check_page_size(name=path.name, size=path.stat().st_size)
    with path.open("rb") as handle:
        data = handle.read(settings.IMPORT_MAX_PAGE_BYTES + 1)
    check_page_size(name=path.name, size=len(data))
    return decode_upload(data, name=path.name)


def _entry_spec(entry, index: int, base: Path) -> PageSpec:
    where = _("清单第%(n)s项") % {"n": index}
    if not isinstance(entry, dict):
        raise ImportInputError(where + _("：应为对象（file、date、page、name）。"))
    file_name = entry.get("file")
    if not isinstance(file_name, str) or not file_name.strip():
        raise ImportInputError(where + _("：缺少文件名（file）。"))
    where = f"{where}（{file_name}）"
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ImportInputError(where + _("：缺少版名（name）。"))
    section = entry.get("section")
    if section is not None and not isinstance(section, str):
        raise ImportInputError(where + _("：栏目（section）应为文字。"))
    return PageSpec(
        path=_inside(base, file_name, where=where),
        date=parse_date(entry.get("date"), where=where),
        page_number=parse_page_number(entry.get("page"), where=where),
        page_name=name.strip(),
        section_name=(section or "").strip() or None,
    )


class OutsideManifestFolder(ImportInputError):
    """A manifest entry naming a file outside the manifest's folder: the whole manifest is refused."""


def _inside(base: Path, file_name: str, *, where: str) -> Path:
    """``base / file_name`` with symlinks resolved, which must lie inside ``base`` (itself resolved)."""
    target = (base / file_name).resolve()
    if not target.is_relative_to(base):
        raise OutsideManifestFolder(
            where + _("：文件“%(file)s”（实际位置 %(target)s）不在清单所在的文件夹 %(base)s 之内，拒绝导入。")
            % {"file": file_name, "target": target, "base": base}
        )
    return target


def read_manifest(path: Path | str) -> list[PageSpec | ImportInputError]:
    """The pages a manifest lists, file names resolved against the manifest's folder.

    A manifest that cannot be read at all (missing, not JSON, no ``pages``
    list) raises :class:`ImportInputError`, and so does one with an entry
    whose file lies outside the manifest's folder (an absolute path, a
    ``../`` escape, a symlink pointing out): nothing of it is imported then.
    Any other bad entry does not stop the others: it comes back in its place
    as an :class:`ImportInputError`, so a batch imports what it can and
    reports the rest. Files are not opened here; :func:`load_page_file`
    reports a missing one.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ImportInputError(_("%(name)s：清单文件过大，不像是版面清单。") % {"name": path})
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportInputError(_("%(name)s：清单文件不存在。") % {"name": path}) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportInputError(_("%(name)s：清单不是有效的 JSON（%(reason)s）。") % {"name": path, "reason": exc}) from None
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, list):
        raise ImportInputError(_("%(name)s：清单缺少 pages 列表。") % {"name": path})
    base = path.parent.resolve()
    specs: list[PageSpec | ImportInputError] = []
    for index, entry in enumerate(pages, start=1):
        try:
            specs.append(_entry_spec(entry, index, base))
        except OutsideManifestFolder:
            raise
        except ImportInputError as exc:
            specs.append(exc)
    return specs


def encoding_note(encoding: str) -> str:
    """A line for the editor when a file was not UTF-8 and was converted, else ``""``."""
    if encoding in UTF8_ENCODINGS:
        return ""
    if encoding == "gb18030":
        return _("按 %(encoding)s（GBK 兼容）编码读取并转换为 UTF-8") % {"encoding": encoding.upper()}
    return _("按 %(encoding)s 编码读取并转换为 UTF-8") % {"encoding": encoding.upper()}
