#!/usr/bin/env python
"""Where a search-index rebuild spends its time, step by step, per story.

Usage: DATABASE_URL=sqlite:///costs.sqlite3 python bench/index_costs.py [N]
       DATABASE_URL=postgres://…/costs python bench/index_costs.py [N]

Builds N synthetic stories (bench/search.py's corpus) if the database has
none, then times on one core: reading the documents, tokenizing them
(``prepare``), and writing the prepared fields into scratch copies of the
index tables — SQLite: the FTS5 layout in use, the same without the
character field, the character field alone with ``detail=none``, and the
layout in use beside a thread that keeps tokenizing (the GIL handoff);
PostgreSQL: the insert with ``to_tsvector``, then the GIN build. Scratch
tables are dropped afterwards. Not a test.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BULK = ["INSERT INTO {t} ({t}, rank) VALUES ('automerge', 0)", "INSERT INTO {t} ({t}, rank) VALUES ('crisismerge', 64)"]
OPTIONS = "content='{row}', content_rowid='key', tokenize='ascii', columnsize=0"


def per_story_ms(rows, write, batch: int = 1000) -> float:
    from django.db import connection, transaction

    started = time.perf_counter()
    for at in range(0, len(rows), batch):
        with transaction.atomic(), connection.cursor() as cursor:
            write(cursor, rows[at : at + batch])
    return (time.perf_counter() - started) * 1000 / len(rows)


def sqlite_layout(cursor, name: str, tables: dict[str, str]) -> None:
    """A scratch content table ``{name}_row`` and FTS5 tables over it (``{table: columns + options}``)."""
    row = f"{name}_row"
    cursor.execute(f"CREATE TABLE {row} (key INTEGER PRIMARY KEY, article_id INTEGER UNIQUE, title, body, title_chars, body_chars)")
    for table, columns in tables.items():
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, {OPTIONS.format(row=row)})")
        for statement in BULK:
            cursor.execute(statement.format(t=table))
        names = [c.split()[0] for c in columns.split(", ") if "=" not in c]
        values = ", ".join(f"new.{c}" for c in names)
        cursor.execute(f"CREATE TRIGGER {table}_ai AFTER INSERT ON {row} BEGIN "
                       f"INSERT INTO {table} (rowid, {', '.join(names)}) VALUES (new.key, {values}); END")


def sqlite_costs(rows) -> dict[str, float]:
    from django.db import connection

    full = "title, body, title_chars, body_chars, detail=full"
    layouts = {
        "FTS5 as in use (4 fields)": {"c_full": full},
        "FTS5 title and body bigrams only": {"c_bigrams": "title, body, detail=full"},
        "FTS5 character field alone, detail=none": {"c_chars": "title_chars, body_chars, detail=none"},
    }
    results = {}
    for label, tables in [*layouts.items(), ("FTS5 as in use, beside a tokenizing thread", {"c_thread": full})]:
        name = next(iter(tables))
        with connection.cursor() as cursor:
            sqlite_layout(cursor, name, tables)
        busy = _busy_tokenizer(rows) if "thread" in label else None
        results[label] = per_story_ms(rows, lambda c, batch, n=name: c.executemany(
            f"INSERT INTO {n}_row VALUES (%s, %s, %s, %s, %s, %s)",
            [(r.key, r.id, r.title, r.body, r.title_chars, r.body_chars) for r in batch]))
        if busy:
            busy.set()
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP TABLE {table}")
            cursor.execute(f"DROP TABLE {name}_row")
    return results


def _busy_tokenizer(rows) -> threading.Event:
    from archive.search.index.base import prepare
    from archive.search.index.service import documents

    stop = threading.Event()
    docs = list(documents([r.id for r in rows[:50]]))

    def spin():
        while not stop.is_set():
            for d in docs:
                prepare(d)

    threading.Thread(target=spin, daemon=True).start()
    return stop


def postgres_costs(rows) -> dict[str, float]:
    from django.db import connection

    from archive.search.index.postgres import _INSERT
    from archive.search.index.schema import PG_TABLE

    scratch = "costs_document"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {scratch} (LIKE {PG_TABLE})")
        cursor.execute(f"ALTER TABLE {scratch} ADD PRIMARY KEY (article_id)")
    insert = per_story_ms(rows, lambda c, batch: c.executemany(_INSERT.replace(PG_TABLE, scratch), [
        (r.id, r.key, r.title, r.title_chars, r.title, r.body, f"{r.title_chars} {r.body_chars}") for r in batch]))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(f"CREATE INDEX ON {scratch} USING gin (document)")
        cursor.execute(f"DROP TABLE {scratch}")
    gin = (time.perf_counter() - started) * 1000 / len(rows)
    return {"insert with to_tsvector": insert, "GIN build over the documents": gin}


def main() -> int:
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # A benchmark serves no one, so a fixed key is harmless (settings require one).
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-server")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import search as search_bench
    from archive.models import Article
    from archive.search.index.base import prepare
    from archive.search.index.service import documents

    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        search_bench.build_archive(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    docs = [d for at in range(0, len(ids), 1000) for d in documents(ids[at : at + 1000])]
    read = (time.perf_counter() - started) * 1000 / len(docs)
    started = time.perf_counter()
    rows = [prepare(d) for d in docs]
    tokenize = (time.perf_counter() - started) * 1000 / len(docs)
    costs = sqlite_costs(rows) if connection.vendor == "sqlite" else postgres_costs(rows)
    print(f"{connection.vendor}, {len(rows):,} stories, ms per story:")
    for label, ms in {"read documents": read, "tokenize (prepare)": tokenize, **costs}.items():
        print(f"  {label:48s} {ms:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
