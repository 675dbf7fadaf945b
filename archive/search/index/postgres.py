"""PostgreSQL backend: ``title`` and ``document`` tsvectors per article under partial GIN indexes.

The tsvectors are ``to_tsvector('simple', …)`` over the prepared,
space-separated tokens (the parser keeps each CJK bigram whole, in C and
C.UTF-8 locales alike: see tests/search); characters are stored stripped of
positions. Limits PostgreSQL sets: positions above 16,383 are clamped and a
lexeme keeps at most 256 positions, so a phrase deep inside a very long
story can be missed.

A page of ranked keys is found one of two ways, chosen from the column
statistics ANALYZE keeps: for a query most stories match, walk the key index
newest-first and test each row (a few dozen rows); for a rarer one, collect
the matches from the GIN index first (a MATERIALIZED CTE, so the planner
cannot walk a million keys looking for 20 rare ones).
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence

from django.db import transaction
from psycopg import pq

from archive.search.text import Query

from .base import (
    ID_MASK, SAMPLE_BUCKETS, Prepared, SearchBackend, Within, even_subsample, is_character, sample_token, unit_tokens,
)
from .schema import PG_INDEXES, PG_TABLE, index_sql, table_drop_sql

WALK_ABOVE = 0.01  # estimated share of stories matching above which walking newest-first wins
WALKED_ROW_COST = 15  # a walked row (its tsvector de-TOASTed and tested) against a collected key, measured ~15 µs to ~1
STATS_SECONDS = 300
RATIO_CHECKED = 1000  # a phrase's sampled candidates rechecked first: the share that match, and the facets' keys
RATIO_ERROR = 0.007  # that share's relative standard error, at most (the sample's own: ≤ 1.41%)
# A walk the planner cannot cost (a tsquery on coalesce()) looks like a scan of
# every row: above jit_above_cost it was JIT-compiled and run by parallel
# workers, 15 ms and ~10 ms of set-up before a walk of 1 ms (a title tier at
# a million stories: 39 ms, 0.8 ms without). No search statement gains from either.
QUICK = {"jit": "off", "max_parallel_workers_per_gather": "0"}
FIRST_KEYS = 100  # an export's first keys, read as a page before the cursor (see iter_keys)


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _unit(kind: str, text: str, adjacent: str = " <-> ") -> str:
    if is_character(kind, text):
        return _lexeme(text)
    return adjacent.join(_lexeme(t) for t in unit_tokens(kind, text))


def _term(term, adjacent: str = " <-> ") -> str:
    return "(" + " & ".join(f"({_unit(u.kind, u.text, adjacent)})" for u in term.units) + ")"


def tsquery_literal(query: Query) -> str:
    """The tsquery for ``query``: every term, and none of the excluded ones."""
    return " & ".join([_term(t) for t in query.terms] + ["!" + _term(t) for t in query.excluded])


def relaxed_tsquery_literal(query: Query) -> str | None:
    """``query`` with each phrase's lexemes only ANDed, not adjacent: GIN alone decides it, no recheck.

    Every match of ``query`` matches it. None when an excluded term is a
    phrase (relaxing that would drop matches) or nothing is a phrase.
    """
    if not _rechecked(query) or any(len(_unit_lexemes(u)) > 1 for t in query.excluded for u in t.units):
        return None
    return " & ".join([_term(t, " & ") for t in query.terms] + ["!" + _term(t) for t in query.excluded])


def title_tsquery_literal(query: Query) -> str:
    """Every term (exclusions aside): what the title lines must hold for the first relevance tier."""
    return " & ".join(_term(t) for t in query.terms)


_INSERT = f"""INSERT INTO {PG_TABLE} (article_id, key, title, document) VALUES (%s, %s,
    to_tsvector('simple', %s) || strip(to_tsvector('simple', %s)),
    to_tsvector('simple', %s) || to_tsvector('simple', %s) || strip(to_tsvector('simple', %s)))
    ON CONFLICT (article_id) DO UPDATE SET key = EXCLUDED.key, title = EXCLUDED.title, document = EXCLUDED.document"""


def _unit_lexemes(unit) -> list[str]:
    return [unit.text] if is_character(unit.kind, unit.text) else unit_tokens(unit.kind, unit.text)


def _term_lexemes(term) -> list[str]:
    return [t for unit in term.units for t in _unit_lexemes(unit)]


def _rechecked(query: Query) -> bool:
    """A phrase (a unit of several lexemes): GIN finds candidates, each story's de-TOASTed tsvector decides."""
    return any(len(_unit_lexemes(u)) > 1 for term in [*query.terms, *query.excluded] for u in term.units)


def _in_sample(tsquery: str, buckets: int) -> str:
    """``tsquery`` among the stories in the first ``buckets`` buckets (all of them: itself)."""
    return tsquery if buckets >= SAMPLE_BUCKETS else f"({tsquery}) & {_lexeme(sample_token(buckets))}"


def _probes(within: Within | None) -> bool:
    return within is not None and within.probe


def _narrowing(within: Within | None) -> tuple[str, tuple]:
    # For a probe the tier condition is written so no GIN index can serve it
    # (see _tier_condition): the plan then starts from the few ids.
    return ("", ()) if within is None else (f" AND article_id IN ({within.sql})", within.params)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    _stats: dict[str, tuple[float, object]] = {}  # planner statistics by database and name, with when read

    def upsert(self, rows: Sequence[Prepared]) -> None:
        params = [
            (r.id, r.key, r.title, r.title_chars, r.title, r.body, f"{r.title_chars} {r.body_chars}") for r in rows
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(_INSERT, params)

    def remove(self, ids: Iterable[int]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE article_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            for statement in table_drop_sql(self.vendor) + index_sql(self.vendor):
                cursor.execute(statement)

    def match_sql(self, query: Query, *, public: bool) -> tuple[str, list]:
        literal = tsquery_literal(query)
        published = f"SELECT article_id FROM {PG_TABLE} WHERE key > 0 AND document @@ %s::tsquery"
        if public:
            return published, [literal]
        drafts = f"SELECT article_id FROM {PG_TABLE} WHERE key < 0 AND document @@ %s::tsquery"
        return f"{published} UNION ALL {drafts}", [literal, literal]

    def _tier_condition(self, query: Query, tier: str, indexable: bool) -> tuple[str, list]:
        title, document = ("title", "document") if indexable else ("coalesce(title, '')", "coalesce(document, '')")
        if tier == "title" and not query.excluded:  # the title holding every term implies a match
            return f"{title} @@ %s::tsquery", [title_tsquery_literal(query)]
        condition, params = f"{document} @@ %s::tsquery", [tsquery_literal(query)]
        if tier == "all":
            return condition, params
        if tier == "title":  # the title first: a walk then de-TOASTs only the documents of title matches
            return f"{title} @@ %s::tsquery AND {condition}", [title_tsquery_literal(query), *params]
        return f"{condition} AND NOT {title} @@ %s::tsquery", [*params, title_tsquery_literal(query)]

    def ranked_keys(self, query, *, tier, bounds, limit, offset=0, within=None):
        column = "title" if tier == "title" else "document"
        walk = self._walks(query, column, within, needed=limit + offset)
        condition, params = self._tier_condition(query, tier, indexable=not walk and not _probes(within))
        narrowed, narrow_params = _narrowing(within)
        if walk:  # along the (-key) index: newest first
            low, high = bounds
            select = f"SELECT key FROM {PG_TABLE} WHERE key > 0 AND -key > %s AND -key < %s AND {condition}{narrowed}"
            sql, bounds = f"{select} ORDER BY -key LIMIT %s OFFSET %s", (-high, -low)
        else:
            select = f"SELECT key FROM {PG_TABLE} WHERE key > 0 AND key > %s AND key < %s AND {condition}{narrowed}"
            sql = f"WITH m AS MATERIALIZED ({select}) SELECT key FROM m ORDER BY key DESC LIMIT %s OFFSET %s"
        # The planner cannot estimate a tsquery on coalesce(): tell it which plan was chosen.
        settings = ("enable_seqscan", "enable_bitmapscan", "enable_sort") if walk else ("enable_seqscan",)
        return [row[0] for row in self._fetch(sql, [*bounds, *params, *narrow_params, limit, offset], settings)]

    def iter_keys(self, query, *, tier, bounds, within=None, batch=1000):
        """The tier's matches collected once and streamed from a server-side cursor.

        Keyset batches (the default) would collect the GIN matches below each
        batch's last key again: 2.6 s for every id of a frequent word at 100,000 stories.
        The first FIRST_KEYS come from a page read (walked or collected, see
        :meth:`ranked_keys`): the cursor, WITH HOLD outside a transaction,
        collects and sorts every match before its first row (314,000 of a
        million: 330 ms).
        """
        first = self.ranked_keys(query, tier=tier, bounds=bounds, limit=FIRST_KEYS, within=within)
        yield from first
        if len(first) < FIRST_KEYS:
            return
        bounds = (bounds[0], first[-1])  # below the last key sent: keys are unique
        condition, params = self._tier_condition(query, tier, indexable=not _probes(within))
        narrowed, narrow_params = _narrowing(within)
        select = f"SELECT key FROM {PG_TABLE} WHERE key > 0 AND key > %s AND key < %s AND {condition}{narrowed}"
        # A server-side cursor unless the settings forbid them (a transaction-pooling pgbouncer).
        server_side = not self.connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
        cursor = self.connection.chunked_cursor() if server_side else self.connection.cursor()
        try:
            sql = f"WITH m AS MATERIALIZED ({select}) SELECT key FROM m ORDER BY key DESC"
            self._declare(cursor, sql, [*bounds, *params, *narrow_params])
            while rows := cursor.fetchmany(batch):
                yield from (row[0] for row in rows)
        finally:
            cursor.close()

    def _declare(self, cursor, sql: str, params: list) -> None:
        """Run ``sql`` on ``cursor`` planned through the GIN index for every row.

        The plan is fixed when the cursor is declared, so only that needs the
        settings: a cursor is otherwise planned for its first tenth, which
        walked the newest-first index testing each row (9x slower).
        """
        with self.connection.cursor() as settings:
            settings.execute("SET enable_seqscan = off; SET cursor_tuple_fraction = 1")
            try:
                cursor.execute(sql, params)
            finally:
                # A failed statement aborts an enclosing transaction, whose rollback undoes the
                # SETs; a RESET there would only raise over the real error.
                if self.connection.connection.info.transaction_status != pq.TransactionStatus.INERROR:
                    settings.execute("RESET enable_seqscan; RESET cursor_tuple_fraction")

    def _walks(self, query: Query, column: str, within: Within | None, *, needed: int) -> bool:
        """Whether ``needed`` keys are found by walking keys newest first rather than collecting every match.

        A walk reads about needed ÷ share rows, collecting reads share × rows:
        walk when matches are a large share of stories and the walk is the
        shorter (a page, yes; a 5,000-key facet sample of a narrowed search,
        measured at 810 ms walking, no). A walked document costs a de-TOASTed
        tsvector; a collected one only its key, unless the query needs the
        tsvector rechecked (a phrase), so plain words and exclusions collect
        unless the walk is WALKED_ROW_COST times shorter (the 5,000 keys of
        郑州's facets at 100,000 stories: 280 ms walked).
        """
        if _probes(within):
            return False
        share, rows = self.estimated_share(query, column), self._rows()
        if within is not None:
            share *= within.size / max(rows, within.size, 1)
        # A title tsvector is short and stored inline: walking it costs about what collecting a key does.
        cost = 1 if column == "title" or _rechecked(query) else WALKED_ROW_COST
        shorter = rows <= 0 or needed * cost < share * share * rows  # no statistics yet: decide by share alone
        return share >= WALK_ABOVE and shorter

    def count(self, query, *, bounds, within=None):
        return self._matching("count(*)", tsquery_literal(query), bounds, within)[0][0]

    def sampled_keys(self, query, *, bounds, within=None, buckets):
        """The sample's matches: GIN intersects the query's postings with the sample token's.

        A phrase's candidates (its lexemes and the token, from GIN alone) are
        not all rechecked: an even subsample is (see :meth:`_confirmed`), and
        each match found there stands for candidates ÷ rechecked of them.
        Rechecking a candidate de-TOASTs its tsvector (~15–20 µs): the
        whole sample of a frequent phrase was 150–300 ms.
        """
        exact, relaxed = tsquery_literal(query), relaxed_tsquery_literal(query)
        if buckets >= SAMPLE_BUCKETS or relaxed is None or _probes(within):
            return [row[0] for row in self._matching("key", _in_sample(exact, buckets), bounds, within)], 1.0
        candidates = [row[0] for row in self._matching("key", _in_sample(relaxed, buckets), bounds, within)]
        return self._confirmed(candidates, exact)

    def _confirmed(self, candidates: list[int], tsquery: str) -> tuple[list[int], float]:
        """The matches of ``tsquery`` among an even subsample of ``candidates``, and the candidates each stands for.

        RATIO_CHECKED candidates first; if their share r of matches leaves the
        share's relative standard error √((1 − r) ÷ (r m)) above RATIO_ERROR,
        as many more as that needs (all of them at worst).
        """
        if not candidates:
            return [], 1.0
        checked = min(len(candidates), RATIO_CHECKED)
        while True:
            found = self._recheck(even_subsample(candidates, checked), tsquery)
            share = len(found) / checked
            needed = len(candidates) if not found else math.ceil((1 - share) / (share * RATIO_ERROR**2))
            if checked >= min(needed, len(candidates)):
                return found, len(candidates) / checked
            checked = min(needed, len(candidates))

    def _recheck(self, keys: list[int], tsquery: str) -> list[int]:
        """Those of ``keys`` whose document matches ``tsquery``, each looked up by id (no GIN index serves coalesce())."""
        sql = f"SELECT key FROM {PG_TABLE} WHERE article_id = ANY(%s::bigint[]) AND coalesce(document, '') @@ %s::tsquery"
        return [row[0] for row in self._fetch(sql, [[key & ID_MASK for key in keys], tsquery])]

    def _matching(self, select: str, tsquery: str, bounds: tuple[int, int], within: Within | None) -> list[tuple]:
        """``SELECT select`` over the public rows within ``bounds`` (and ``within``) whose document matches ``tsquery``."""
        condition = "coalesce(document, '') @@ %s::tsquery" if _probes(within) else "document @@ %s::tsquery"
        narrowed, narrow_params = _narrowing(within)
        sql = f"SELECT {select} FROM {PG_TABLE} WHERE key > 0 AND key > %s AND key < %s AND {condition}{narrowed}"
        return self._fetch(sql, [*bounds, tsquery, *narrow_params])

    def matching_ids(self, query, *, bounds):
        sql = f"SELECT article_id FROM {PG_TABLE} WHERE key > 0 AND key > %s AND key < %s AND document @@ %s::tsquery"
        return [row[0] for row in self._fetch(sql, [*bounds, tsquery_literal(query)])]

    def id_list_sql(self, ids):
        return "SELECT unnest(%s::bigint[])", [ids]

    def _fetch(self, sql: str, params: list, disabled: tuple[str, ...] = ("enable_seqscan",)) -> list[tuple]:
        # By default a term in most stories looks cheaper to the planner by
        # sequential scan, which de-TOASTs every story's tsvector (10 s at a
        # million); the GIN bitmap needs no recheck for plain lexemes and
        # skips the heap on all-visible pages.
        settings = {**dict.fromkeys(disabled, "off"), **QUICK}
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            for name, value in settings.items():
                cursor.execute(f"SET LOCAL {name} = {value}")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            # Inside an outer transaction atomic() is a savepoint, whose release keeps SET LOCAL:
            # every later query of that transaction would be planned without these.
            for name in settings:
                cursor.execute(f"RESET {name}")
            return rows

    def estimated_share(self, query: Query, column: str) -> float:
        """The share of stories expected to match ``query``, from ANALYZE's lexeme frequencies.

        A term matches at most as often as its rarest token; terms are taken
        as independent, so their shares multiply (城市 文化 活动 in the title
        lines: each word in a few per cent of titles, all three in almost
        none, so the page is collected, not walked for). A token missing from
        the statistics is rarer than every token listed (0 here).
        """
        frequencies, floor = self._frequencies(column)
        share = 1.0
        for term in query.terms:
            tokens = _term_lexemes(term)
            share *= min([1.0] + [frequencies.get(t, 0.0 if floor else 1.0) for t in tokens])
        return share

    def matches_at_most(self, query, *, within=None):
        """The stories holding the query's most selective token, from ANALYZE's frequencies (None before one).

        A token missing from the statistics is counted at the least frequent one listed.
        """
        frequencies, floor = self._frequencies("document")
        rows = self._rows()
        if rows <= 0 or not frequencies:
            return None
        tokens = [t for term in query.terms for t in _term_lexemes(term)]
        most = min([1.0] + [frequencies.get(t, floor) for t in tokens]) * rows
        return most if within is None else min(most, within.size)

    def _statistic(self, name: str, read):
        """``read()``, kept STATS_SECONDS per database: planner statistics change only with ANALYZE."""
        key = f"{self.connection.settings_dict.get('NAME')}:{name}"
        cached = self._stats.get(key)
        if not cached or time.monotonic() - cached[0] >= STATS_SECONDS:
            cached = self._stats[key] = (time.monotonic(), read())
        return cached[1]

    def _rows(self) -> float:
        """ANALYZE's row count of the index table (-1 or 0 before the first ANALYZE)."""
        def read():
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [PG_TABLE])
                row = cursor.fetchone()
            return row[0] if row else 0.0

        return self._statistic("rows", read)

    def _frequencies(self, column: str) -> tuple[dict[str, float], float]:
        def read():
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                    "WHERE tablename = %s AND attname = %s",
                    [PG_TABLE, column],
                )
                row = cursor.fetchone()
            elements, freqs = (row or (None, None))
            frequencies = dict(zip(elements or [], freqs or []))
            return frequencies, (min(frequencies.values()) if frequencies else 0.0)

        return self._statistic(column, read)

    def begin_bulk(self) -> None:
        # Building a GIN index once over loaded rows is several times faster
        # than maintaining it row by row.
        with self.connection.cursor() as cursor:
            for name in PG_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")

    def end_bulk(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for name, spec in PG_INDEXES.items():
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} {spec}")
            cursor.execute("RESET maintenance_work_mem")
            # VACUUM also marks pages all-visible, so counts skip the heap; it
            # cannot run inside a transaction (tests), where ANALYZE must do.
            verb = "ANALYZE" if self.connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{verb} {PG_TABLE}")
        self._stats.clear()

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
