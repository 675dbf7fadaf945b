"""SQLite backend: an FTS5 table of prepared tokens, rowid = article id."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from archive.search import Query

from .base import Document, SearchBackend, is_prefix, unit_tokens
from .schema import FTS_TABLE


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _unit(kind: str, text: str) -> str:
    phrase = _quoted(" ".join(unit_tokens(kind, text)))
    return phrase + " *" if is_prefix(kind, text) else phrase


def _term(term) -> str:
    return "(" + " AND ".join(_unit(u.kind, u.text) for u in term.units) + ")"


def fts_expression(query: Query) -> str:
    """The FTS5 MATCH expression for ``query``, built only from quoted tokens."""
    expression = " AND ".join(_term(t) for t in query.terms)
    for term in query.excluded:
        expression = f"({expression}) NOT {_term(term)}"
    return expression


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def upsert(self, documents: Sequence[Document]) -> None:
        rows = [(d.id, *self.prepare(d)) for d in documents]
        with self.connection.cursor() as cursor:
            # OR REPLACE: a row the hooks added while a rebuild ran is replaced, not a conflict.
            cursor.executemany(f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows)

    def remove(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        with self.connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def match_sql(self, query: Query) -> tuple[str, list]:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        return sql, [fts_expression(query)]

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")

    def size_bytes(self) -> int:
        with self.connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [FTS_TABLE + "%"])
                return int(cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is an optional SQLite build feature
                return 0

    def indexed_ids_after(self, after: int, limit: int) -> list[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE rowid > %s ORDER BY rowid LIMIT %s", [after, limit])
            return [row[0] for row in cursor.fetchall()]
