#!/usr/bin/env python
"""Benchmark the result-set export (CSV and NDJSON) of the site and the API.

Usage: python bench/export.py [--db PATH | --database-url URL] [--stories 320000] [--no-index | --index-newest N]
                              [--word 的] [--no-whole] [--analyze] [--out docs/benchmarks.md]

Builds a synthetic archive with ``bench/search.py``'s corpus builder and
indexer (imported, not copied), plus two bylines on most stories so the
credits column is filled, in the SQLite file ``--db`` (default: the temp
folder); a file that already holds an archive is reused as it is. Then it
exports, in one process through ``django.test.Client`` and reading the
streamed body chunk by chunk: the whole archive (about 300,000 published
stories: the SQL path), a date range of about ``--small`` (30,000)
stories and, when the search index holds stories, a frequent word's
matches (the index path), through the site's ``/search/export.<fmt>``
and the API's ``/api/v1/articles/export/``.

For each export it prints the time to the first byte and to the first data
row, rows per second, and the process's resident memory before, at most
during (sampled every 200 chunks from /proc) and after the export, with the
peak (``ru_maxrss``) so far. The small exports run first: a peak that does
not grow with the big ones shows the memory staying flat. ``--analyze``
gives SQLite planner statistics first (see docs/benchmarks.md).
``--database-url`` measures an archive another run left in any database
(e.g. ``bench/search.py``'s PostgreSQL one), ``--word`` picks the index
path's query and ``--no-whole`` leaves out the whole-archive exports (at a
million stories, a 300,000-row set is a date range or a word). Not a test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from search import build_archive, code_version, index_all, progress, setup_django
from search_report import OTHER_REPORTS as MARKER

REPO = Path(__file__).resolve().parents[1]
PEOPLE = 40
ROLES = ("reporter", "correspondent", "photographer", "intern")


def add_bylines(batch: int = 20_000) -> None:
    """A reporter on 9 stories in 10 and a correspondent on half: the credits column as printed pages fill it."""
    from django.db import transaction

    from archive.models import Article, Byline, Person

    people = Person.objects.bulk_create([Person(name=f"记者{i:02d}", slug=f"p{i}") for i in range(PEOPLE)])
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for at in range(0, len(ids), batch):
        rows = []
        for pk in ids[at : at + batch]:
            if pk % 10:
                rows.append(Byline(article_id=pk, person=people[pk % PEOPLE], role=ROLES[0], order=0))
            if pk % 2:
                rows.append(Byline(article_id=pk, person=people[(pk * 7 + 3) % PEOPLE], role=ROLES[1], order=1))
        with transaction.atomic():
            Byline.objects.bulk_create(rows, batch_size=5000)


def ensure_archive(stories: int, *, index: bool) -> None:
    """Migrate, and build (and with ``index``, index) ``stories`` stories unless the database holds an archive already."""
    from django.core.management import call_command

    from archive.models import Article

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        progress(f"reusing the archive of {Article.objects.count():,} stories")
        return
    started = time.perf_counter()
    build_archive(stories)
    add_bylines()
    progress(f"built {stories:,} stories in {time.perf_counter() - started:.0f} s")
    if index:
        progress(f"indexed in {index_all():.0f} s")


def index_newest(n: int) -> float:
    """Index only the newest ``n`` stories (the rest drop out of the index); returns seconds."""
    from archive.models import Article
    from archive.search.index import service

    ids = list(Article.objects.order_by("-page__issue__date", "-pk").values_list("pk", flat=True)[:n])
    started, index = time.perf_counter(), service.backend()
    index.clear()
    index.begin_bulk()  # as a rebuild loads: merged once at the end
    service.index_in_batches((ids[at : at + 1000] for at in range(0, n, 1000)), workers=service.tokenizing_workers())
    index.end_bulk()
    return time.perf_counter() - started


def rss_mb() -> float:
    """Resident memory now, from /proc (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux


def export(client, url: str) -> dict:
    """Fetch ``url``, read the stream chunk by chunk; times, rows and memory."""
    csv_format = url.split("?")[0].endswith("csv")  # CSV rows end in CRLF; a body's own lines in LF
    before = rss_mb()
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, (url, response.status_code)
    first_byte = first_row = None
    lines = chunks = 0
    high = before
    for chunk in response.streaming_content:
        now = time.perf_counter()
        if first_byte is None:
            first_byte = now
        lines += chunk.count(b"\r\n" if csv_format else b"\n")
        if first_row is None and lines > csv_format:
            first_row = now
        chunks += 1
        if chunks % 200 == 0:
            high = max(high, rss_mb())
    elapsed = time.perf_counter() - started
    rows = lines - csv_format
    return {
        "url": url, "rows": rows, "seconds": elapsed, "rows_s": rows / elapsed,
        "first_byte_ms": ((first_byte or started) - started) * 1000, "first_row_ms": ((first_row or started) - started) * 1000,
        "rss_before": before, "rss_during": max(high, rss_mb()), "rss_after": rss_mb(), "peak": peak_mb(),
    }


def runs(small_from: dt.date, *, indexed: bool, word: str = "的", whole: bool = True) -> list[tuple[str, str]]:
    """(label, url) of the exports, the small ones first (see the module docstring)."""
    site, api, small = "/search/export", "/api/v1/articles/export/", small_from.isoformat()
    chosen = [
        ("warm-up: one day", f"{site}.csv?date={small}"),
        ("site CSV, date range, with body", f"{site}.csv?date_from={small}&body=1"),
        ("site CSV, date range", f"{site}.csv?date_from={small}"),
        ("API NDJSON, date range", f"{api}?format=ndjson&date_from={small}"),
    ]
    if whole:
        chosen += [("site CSV, whole archive", f"{site}.csv"), ("API NDJSON, whole archive", f"{api}?format=ndjson")]
    if indexed:
        chosen += [(f"site CSV, q={word} (search index)", f"{site}.csv?q={word}"),
                   (f"API NDJSON, q={word} (search index)", f"{api}?q={word}"),
                   (f"site NDJSON, q={word} newest first (search index)", f"{site}.ndjson?q={word}&ordering=-date")]
    return chosen


def measure(small: int, *, index: bool, word: str = "的", whole: bool = True) -> list[dict]:
    from django.test import Client

    from archive.models import Article
    from archive.search.index import service

    dates = Article.objects.published().order_by("-page__issue__date").values_list("page__issue__date", flat=True)
    indexed = index and bool(service.find(word, queryset=Article.objects.all(), public=True).keys(0, 1))
    client, results = Client(), []
    for label, url in runs(dates[small], indexed=indexed, word=word, whole=whole):
        result = {"label": label, **export(client, url)}
        progress(f"{label}: {result['rows']:,} rows, {result['rows_s']:,.0f} rows/s, first byte "
                 f"{result['first_byte_ms']:.0f} ms, RSS {result['rss_before']:.0f}→{result['rss_during']:.0f} MB, "
                 f"peak {result['peak']:.0f} MB")
        results.append(result)
    return results


def report(results: list[dict], stories: int, *, analyzed: bool, index_newest: int | None) -> str:
    from django.db import connection

    statistics = "with planner statistics (`--analyze`)" if analyzed else "without planner statistics"
    if connection.vendor == "postgresql":
        statistics = "planner statistics as autovacuum keeps them"
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    lines = [
        "", f"## {vendor}, {statistics}", "",
        f"`python bench/export.py` on an archive of {stories:,} synthetic stories (5% drafts), {code_version()}, "
        f"{dt.date.today()}. One process, `django.test.Client`, the streamed body read chunk by chunk. "
        "First byte: the response started (BOM and header row); first row: the first article's line. "
        "RSS in MB: before the export, the most sampled during it, and the process's peak (`ru_maxrss`) so far; "
        "the date-range exports (`--small` rows) run first, so a peak that stays put shows memory flat in the number of rows."
        + (f" The search index holds the newest {index_newest:,} stories (`--index-newest`)." if index_newest else ""),
        "", "| export | rows | first byte ms | first row ms | rows/s | RSS before | RSS during | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(f"| {r['label']} | {r['rows']:,} | {r['first_byte_ms']:.0f} | {r['first_row_ms']:.0f} | "
                     f"{r['rows_s']:,.0f} | {r['rss_before']:.0f} | {r['rss_during']:.0f} | {r['peak']:.0f} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench-export.sqlite3")
    ap.add_argument("--stories", type=int, default=320_000)
    ap.add_argument("--small", type=int, default=30_000, help="rows of the small exports (about)")
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--no-index", action="store_true",
                    help="leave a new archive unindexed and measure only the SQL path (exports without q)")
    ap.add_argument("--index-newest", type=int, metavar="N",
                    help="before measuring, index only the newest N stories (quicker than the whole archive)")
    ap.add_argument("--analyze", action="store_true",
                    help="run ANALYZE first: with statistics SQLite walks the issue-date index in order instead of "
                    "sorting every published story before the first row")
    ap.add_argument("--database-url", help="measure the archive in this database instead of --db")
    ap.add_argument("--word", default="的", help="the query of the index-path exports")
    ap.add_argument("--no-whole", action="store_true", help="leave out the whole-archive exports")
    ap.add_argument("--out", type=Path, help="append the figures below the marker of this Markdown file")
    args = ap.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{args.db.resolve()}"
    os.environ.setdefault("EXPORT_RATE", "1000/minute")  # the bench is one client exporting again and again
    os.environ.setdefault("HTTPS", "0")  # plain http from the test client, as bench/load.py serves
    setup_django()
    ensure_archive(args.stories, index=not args.no_index)
    if args.build_only:
        return 0
    if args.index_newest:
        progress(f"indexed the newest {args.index_newest:,} in {index_newest(args.index_newest):.0f} s")
    if args.analyze:
        from django.db import connection

        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        progress(f"ANALYZE in {time.perf_counter() - started:.0f} s")
    from archive.models import Article

    results = measure(args.small, index=not args.no_index, word=args.word, whole=not args.no_whole)
    text = report(results, Article.objects.count(), analyzed=args.analyze, index_newest=args.index_newest)
    print(text)
    if args.out:
        doc = args.out.read_text(encoding="utf-8")
        if MARKER not in doc:
            raise SystemExit(f"{args.out} has no line {MARKER!r}")
        args.out.write_text(doc.rstrip("\n") + "\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
