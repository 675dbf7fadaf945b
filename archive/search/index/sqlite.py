"""SQLite backend: FTS5 over an external-content table of prepared tokens, rowid = the article's key."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from archive.search.text import Query

from .base import ID_MASK, SAMPLE_BUCKETS, Prepared, SearchBackend, Within, is_character, sample_token, unit_tokens
from .schema import FTS_TABLE, ROW_TABLE, index_sql, table_drop_sql

TITLE_COLUMNS = "{title title_chars}"
PER_ROW_LIMIT = 500  # up to this many keys, a narrowed walk tests each match rather than materializing the set


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _unit(kind: str, text: str) -> str:
    # Only the character fields hold one-character tokens, only the sequence
    # fields hold bigrams and words: no column filter is needed.
    return _quoted(" ".join(unit_tokens(kind, text))) if not is_character(kind, text) else _quoted(text)


def _term(term) -> str:
    return "(" + " AND ".join(_unit(u.kind, u.text) for u in term.units) + ")"


def _excluding(expression: str, excluded) -> str:
    for term in excluded:
        expression = f"({expression}) NOT {_term(term)}"
    return expression


def fts_expression(query: Query) -> str:
    """The FTS5 MATCH expression for ``query``, built only from quoted tokens."""
    return _excluding(" AND ".join(_term(t) for t in query.terms), query.excluded)


def tier_expression(query: Query, tier: str) -> str:
    """The match expression of one relevance tier: every term in the title lines, or the rest."""
    full = fts_expression(query)
    if tier == "all":
        return full
    in_title = f"{TITLE_COLUMNS} : (" + " AND ".join(_term(t) for t in query.terms) + ")"
    if tier == "rest":
        return f"({full}) NOT {in_title}"
    # Every term in the title lines is every term in the story: only the exclusions are left
    # to test. ANDed with the whole query instead, FTS5 walked each doclist twice (城市 文化
    # 活动, in no title of a million stories: 82 ms, 56 ms without).
    return _excluding(in_title, query.excluded)


def _narrowing(within: Within | None, *, per_row: bool) -> tuple[str, tuple]:
    """The condition keeping ``within``'s stories while FTS5 walks its matches in rowid order.

    ``per_row``: a correlated EXISTS, one primary-key lookup per match walked
    (a page stops after a few; 100k stories: 0.4 ms against 10 ms). Otherwise
    the set is materialized once and each match tested against it (counting
    a frequent word's matches in a section: 45 ms against 274 ms). Never as
    ``rowid IN (…)``: FTS5 would look keys up one by one, re-opening every
    token's doclist each time (~7 ms a story).
    """
    if within is None:
        return "", ()
    if per_row:
        condition = f"EXISTS (SELECT 1 FROM ({within.sql}) AS narrowed WHERE narrowed.pk = ({FTS_TABLE}.rowid & {ID_MASK}))"
    else:
        condition = f"({FTS_TABLE}.rowid & {ID_MASK}) IN ({within.sql})"
    return " AND " + condition, within.params


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def upsert(self, rows: Sequence[Prepared]) -> None:
        # Triggers on the content table keep FTS5 in step; delete first so the
        # old row's postings are removed with the values they were built from.
        self.remove([r.id for r in rows])
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ROW_TABLE} (key, article_id, title, body, title_chars, body_chars) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [(r.key, r.id, r.title, r.body, r.title_chars, r.body_chars) for r in rows],
            )

    def remove(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        with self.connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {ROW_TABLE} WHERE article_id IN ({marks})", chunk)

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            for statement in table_drop_sql(self.vendor) + index_sql(self.vendor):
                cursor.execute(statement)

    def match_sql(self, query: Query, *, public: bool) -> tuple[str, list]:
        visible = " AND rowid > 0" if public else ""
        return f"SELECT abs(rowid) & {ID_MASK} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{visible}", [fts_expression(query)]

    def ranked_keys(self, query, *, tier, bounds, limit, offset=0, within=None):
        # A page stops after a few matches: test those; thousands (a facet sample): materialize the set.
        narrowed, params = _narrowing(within, per_row=limit + offset <= PER_ROW_LIMIT)
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid > %s AND rowid < %s{narrowed} "
            "ORDER BY rowid DESC LIMIT %s OFFSET %s"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [tier_expression(query, tier), *bounds, *params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def matching_ids(self, query, *, bounds):
        sql = f"SELECT rowid & {ID_MASK} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid > %s AND rowid < %s"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [fts_expression(query), *bounds])
            return [row[0] for row in cursor.fetchall()]

    def count(self, query, *, bounds, within=None):
        expression = fts_expression(query)
        matches = self._count(expression, bounds, None, per_row=False)
        if within is None or not matches:
            return matches
        # Few matches: look each up; many: materialize the set (see _narrowing).
        return self._count(expression, bounds, within, per_row=matches * 8 < within.size)

    def sampled_keys(self, query, *, bounds, within=None, buckets):
        expression = fts_expression(query)
        if buckets < SAMPLE_BUCKETS:
            # ANDed with the sample's token, FTS5 seeks through the query's doclists from one sampled story to the next.
            expression = f"({expression}) AND {_quoted(sample_token(buckets))}"
        return [row[0] for row in self._matching("rowid", expression, bounds, within, per_row=False)], 1.0

    def _count(self, expression: str, bounds: tuple[int, int], within: Within | None, *, per_row: bool) -> int:
        return self._matching("count(*)", expression, bounds, within, per_row=per_row)[0][0]

    def _matching(self, select: str, expression: str, bounds: tuple[int, int], within: Within | None, *,
                  per_row: bool) -> list[tuple]:
        """``SELECT select`` over the rows within ``bounds`` (and ``within``, see :func:`_narrowing`) matching ``expression``."""
        narrowed, params = _narrowing(within, per_row=per_row)
        sql = f"SELECT {select} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid > %s AND rowid < %s{narrowed}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [expression, *bounds, *params])
            return cursor.fetchall()

    def id_list_sql(self, ids):
        return "SELECT value FROM json_each(%s)", [json.dumps(ids)]

    def covering_hint(self, index_name):
        return f'INDEXED BY "{index_name}"'

    def _config(self, name: str, value: int) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES (%s, %s)", [name, value])

    def begin_bulk(self) -> None:
        # Incremental merging re-writes the same postings many times over a
        # long load; merge once at the end instead (see end_bulk).
        self._config("automerge", 0)
        self._config("crisismerge", 64)
        with self.connection.cursor() as cursor:  # this connection only: room for the final merge
            cursor.execute("PRAGMA cache_size = -262144")

    def end_bulk(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
            # Statistics for the planner, sampled (a bounded cost at any size): a
            # file loaded in bulk and never analyzed had the export's first row
            # wait 2.9 s at 300,000 stories on a plan ANALYZE then corrected.
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
        self._config("automerge", 4)
        self._config("crisismerge", 16)

    def size_bytes(self) -> int:
        with self.connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s OR name LIKE %s",
                    [FTS_TABLE + "%", ROW_TABLE + "%"],
                )
                return int(cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is an optional SQLite build feature
                return 0

    def indexed_ids_after(self, after: int, limit: int) -> list[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT article_id FROM {ROW_TABLE} WHERE article_id > %s ORDER BY article_id LIMIT %s", [after, limit]
            )
            return [row[0] for row in cursor.fetchall()]
