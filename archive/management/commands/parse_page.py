"""``manage.py parse_page FILE... [--out DIR]``: page text files → SCHEMA.md JSON.

A thin wrapper around ``archive.ingest``: each FILE is decoded (UTF-8 with or
without BOM, else GB18030, reported on stderr), parsed, and written to
``DIR/<file stem>.json``; with one FILE and no ``--out`` the JSON goes to
stdout. A file that cannot be read or decoded raises ``CommandError`` naming it.
"""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest import ParseError, decode_page_bytes, parse_page


class Command(BaseCommand):
    help = "Parse raw newspaper page text files into structured articles (SCHEMA.md JSON)."
    # The parser touches no database and serves no one: it runs on a machine
    # without the server's SECRET_KEY, so the deployment checks are not its own.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="page text files")
        parser.add_argument("--out", metavar="DIR", help="directory for DIR/<file stem>.json")

    def handle(self, *args, **options):
        files = [Path(f) for f in options["files"]]
        out_dir = options.get("out")
        if out_dir is None and len(files) > 1:
            raise CommandError("several files need --out DIR")
        if out_dir is not None:
            out_dir = Path(out_dir)
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CommandError(f"cannot create output directory {out_dir}: {exc}") from exc
        for path in files:
            rendered = json.dumps(self.parse_file(path), ensure_ascii=False, indent=2)
            if out_dir is None:
                self.stdout.write(rendered)
                continue
            target = out_dir / f"{path.stem}.json"
            try:
                target.write_text(rendered + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot write {target}: {exc}") from exc

    def parse_file(self, path: Path) -> dict:
        """Read, decode and parse one file; CommandError names the file on failure."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            text, encoding = decode_page_bytes(data)
            page = parse_page(text, source=path.name)
        except ParseError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        if encoding == "gb18030":
            self.stderr.write(f"{path}: not UTF-8; decoded as GB18030")
        return page.to_dict()
