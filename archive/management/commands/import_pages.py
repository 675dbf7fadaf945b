"""``manage.py import_pages``: store printed pages' text in the archive.

Each page is imported in its own transaction through ``services.page_import``;
a page that fails (bad file, bad date, editor's corrections in the way) is
reported and leaves nothing behind, and the rest of the batch still imports.
The command exits non-zero when any page failed.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive import services
from archive.importing import ImportInputError, PageSpec, encoding_note, load_page_file, parse_date, parse_page_number, read_manifest
from archive.ingest import ParseError


@dataclass
class Summary:
    imported: int = 0
    unchanged: int = 0
    articles: int = 0
    people: list[str] = field(default_factory=list)
    people_removed: list[str] = field(default_factory=list)
    warnings: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = "导入版面文本：单个文件（FILE --date --page --name），或清单中的全部版面（--manifest）。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="一个版面的文本文件")
        parser.add_argument("--manifest", help="JSON 清单：pages 列表，每项有 file、date、page、name、section")
        parser.add_argument("--date", help="出版日期 YYYY-MM-DD（单个文件时必填）")
        parser.add_argument("--page", help="版次，正整数（单个文件时必填）")
        parser.add_argument("--name", help="版名（单个文件时必填）")
        parser.add_argument("--section", help="默认栏目名称")
        parser.add_argument("--draft", action="store_true", help="导入为草稿（默认直接发布）")
        parser.add_argument("--force", action="store_true", help="覆盖编辑修改过的版面")

    def handle(self, *args, **options):
        specs = self._specs(options)
        summary = Summary()
        # tqdm draws with carriage returns, so it writes to the raw stream, not
        # the OutputWrapper that appends a newline to every write.
        stream = getattr(self.stderr, "_out", sys.stderr)
        bar = tqdm(specs, desc="导入版面", unit="版", file=stream, disable=options["verbosity"] < 1)
        for spec in bar:
            self._import_one(spec, summary, publish=not options["draft"], force=options["force"])
        bar.close()
        self._report(summary)
        if summary.failed:
            raise CommandError(f"{len(summary.failed)} 个版面导入失败。")

    def _specs(self, options) -> list[PageSpec | ImportInputError]:
        if options["manifest"] and options["file"]:
            raise CommandError("请只给出 FILE 或 --manifest 之一。")
        try:
            if options["manifest"]:
                return read_manifest(options["manifest"])
            if not options["file"]:
                raise CommandError("请给出版面文件 FILE 或 --manifest 清单。")
            if not (options["name"] or "").strip():
                raise ImportInputError(f"{options['file']}：缺少版名（--name）。")
            return [
                PageSpec(
                    path=Path(options["file"]),
                    date=parse_date(options["date"], where=options["file"]),
                    page_number=parse_page_number(options["page"], where=options["file"]),
                    page_name=options["name"].strip(),
                    section_name=(options["section"] or "").strip() or None,
                )
            ]
        except ImportInputError as exc:
            raise CommandError(str(exc)) from None

    def _import_one(self, spec, summary: Summary, *, publish: bool, force: bool) -> None:
        if isinstance(spec, ImportInputError):
            summary.failed.append(("", str(spec)))
            return
        try:
            text, encoding = load_page_file(spec.path)
            result = services.page_import(
                date=spec.date,
                page_number=spec.page_number,
                page_name=spec.page_name,
                section_name=spec.section_name,
                text=text,
                source_name=spec.path.name,
                encoding=encoding,
                publish=publish,
                force=force,
            )
        except services.ImportRefused as exc:
            summary.failed.append((spec.label, f"{exc}确认覆盖请加 --force。"))
            return
        except (ImportInputError, services.ServiceError, ParseError) as exc:
            reason = str(exc).removeprefix(f"{spec.path}：").removeprefix(f"{spec.path.name}：")
            summary.failed.append((spec.label, reason))
            return
        except Exception as exc:  # noqa: BLE001 - one page's crash must not stop the batch
            # page_import's transaction has rolled back; report it and go on.
            summary.failed.append((spec.label, f"内部错误 {type(exc).__name__}：{exc}"))
            return
        note = encoding_note(encoding)
        if note:
            summary.notes.append(f"{spec.label}：{note}")
        if result.unchanged:
            summary.unchanged += 1
            return
        summary.imported += 1
        summary.articles += result.articles
        summary.people.extend(result.people_created)
        summary.people_removed.extend(result.people_removed)
        summary.warnings += result.warnings

    def _report(self, s: Summary) -> None:
        out = self.stdout
        out.write(
            f"导入 {s.imported} 版，未变 {s.unchanged} 版，失败 {len(s.failed)} 版；"
            f"文章 {s.articles} 篇，新增人物 {len(s.people)} 位，解析提示 {s.warnings} 条。"
        )
        if s.people:
            out.write("新增人物：" + "、".join(s.people))
        if s.people_removed:
            out.write("不再有署名、已移除的人物：" + "、".join(s.people_removed))
        for note in s.notes:
            out.write(self.style.WARNING(note))
        if s.failed:
            out.write(self.style.ERROR("导入失败："))
            for label, reason in s.failed:
                out.write(self.style.ERROR(f"  {label}：{reason}" if label else f"  {reason}"))
