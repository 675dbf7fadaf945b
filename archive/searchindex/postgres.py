"""PostgreSQL backend: a tsvector per article (title weight A, body weight B) under a GIN index.

The tsvector is ``to_tsvector('simple', …)`` over the prepared, space-separated
tokens (the parser keeps each CJK bigram whole, in C and C.UTF-8 locales
alike: see tests/search); the tsquery is written as a literal from the same
tokens. Limits PostgreSQL sets: positions above 16,383 are clamped and a
lexeme keeps at most 256 positions, so a phrase deep inside a very long
story can be missed.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from archive.search import Query

from .base import Document, SearchBackend, is_prefix, unit_tokens
from .schema import PG_TABLE


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _unit(kind: str, text: str) -> str:
    if is_prefix(kind, text):
        return f"{_lexeme(text)}:*"
    return " <-> ".join(_lexeme(t) for t in unit_tokens(kind, text))


def _term(term) -> str:
    return "(" + " & ".join(f"({_unit(u.kind, u.text)})" for u in term.units) + ")"


def tsquery_literal(query: Query) -> str:
    """The tsquery for ``query``: every term, and none of the excluded ones."""
    return " & ".join([_term(t) for t in query.terms] + ["!" + _term(t) for t in query.excluded])


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def upsert(self, documents: Sequence[Document]) -> None:
        rows = [(d.id, *self.prepare(d)) for d in documents]
        with self.connection.cursor() as cursor:
            # `||` shifts the body's positions after the title's, so phrases keep their meaning.
            cursor.executemany(
                f"INSERT INTO {PG_TABLE} (article_id, document) "
                "VALUES (%s, setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')) "
                "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document",
                rows,
            )

    def remove(self, ids: Iterable[int]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE article_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {PG_TABLE}")

    def match_sql(self, query: Query) -> tuple[str, list]:
        sql = f"SELECT article_id FROM {PG_TABLE} WHERE document @@ %s::tsquery"
        return sql, [tsquery_literal(query)]

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {PG_TABLE}")

    def size_bytes(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [PG_TABLE])
            return int(cursor.fetchone()[0] or 0)

    def indexed_ids_after(self, after: int, limit: int) -> list[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT article_id FROM {PG_TABLE} WHERE article_id > %s ORDER BY article_id LIMIT %s", [after, limit]
            )
            return [row[0] for row in cursor.fetchall()]
