"""The interface every search backend implements, and what they share.

A backend stores, per article, the prepared tokens of its title lines and of
its body (body, captions, credited names) under the article's key (see
:mod:`.schema`), and turns a parsed :class:`archive.search.Query` into SQL.
It never sees the reader's raw string: only the tokenizer's own units,
bound as parameters.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from archive.search.text import Query
from archive.search.text.tokens import WORD, index_fields

from .schema import META_TABLE

ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
PROBE_LIMIT = 2000  # a narrowed set this small may be looked up story by story rather than walked
SAMPLE_BUCKETS = 64  # a count's sample is the stories in the first b of 64 buckets of a hash of their id


def bucket(article_id: int) -> int:
    """The sample bucket, 0–63, of a story's id.

    Fibonacci hashing: the top 6 of the low 32 bits of id × 2654435769 (2³²
    ÷ the golden ratio). It depends on the id alone, never on text or date,
    and spreads consecutive ids evenly over the buckets, so any run of
    stories (a day, a page) puts about b ÷ 64 of itself in the first b
    buckets.
    """
    return (((article_id & 0x7FFFFFFF) * 2654435769) & 0xFFFFFFFF) >> 26


# A sample of b buckets (b a power of two below 64) is one index token that
# every story in buckets 0..b-1 carries: counting "query AND token" lets
# FTS5 and GIN skip from one sampled story to the next through the frequent
# postings instead of reading them all (的 at 100,000 stories: 20 ms for
# every match, 0.3 ms ANDed with a rare token). Letters then digits: the
# tokenizer splits those into separate tokens, so no text and no query
# yields one (see archive.search.text.tokens.char_class).
SAMPLE_SIZES = (1, 2, 4, 8, 16, 32)


def sample_token(buckets: int) -> str:
    """The token of the stories in the first ``buckets`` buckets (a power of two below 64)."""
    if buckets not in SAMPLE_SIZES:
        raise ValueError(f"a sample is 1, 2, 4 … 32 of {SAMPLE_BUCKETS} buckets, not {buckets}")
    return f"zs{buckets}"


def even_subsample(items: list, size: int) -> list:
    """``size`` of ``items`` spread evenly over them (all of them if there are no more)."""
    if len(items) <= size:
        return list(items)
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def sample_tokens(article_id: int) -> list[str]:
    """The sample tokens a story carries: one for each sample its bucket is in."""
    return [sample_token(b) for b in SAMPLE_SIZES if bucket(article_id) < b]


def article_key(article_id: int, date: dt.date, published: bool) -> int:
    """The index key: newest issue first when sorted descending; negative while unpublished."""
    if not 0 < article_id <= ID_MASK:
        raise ValueError(f"article id {article_id} does not fit the search key")
    key = (date.toordinal() << ID_BITS) | article_id
    return key if published else -key


def key_bounds(date_from: dt.date | None, date_to: dt.date | None) -> tuple[int, int]:
    """``(low, high)``: public keys of stories in issues dated ``date_from``..``date_to`` lie in low < key < high."""
    low = date_from.toordinal() << ID_BITS if date_from else 0
    high = (date_to.toordinal() + 1) << ID_BITS if date_to else 1 << 62
    return max(low, 0), high


@dataclass(frozen=True)
class Document:
    """The searchable text of one article, before tokenizing, with its key."""

    id: int
    key: int
    title: str
    body: str


@dataclass(frozen=True)
class Prepared:
    """A document's index fields: positional tokens and distinct characters of title and body."""

    id: int
    key: int
    title: str
    body: str
    title_chars: str
    body_chars: str


@dataclass(frozen=True)
class Within:
    """The stories a search is narrowed to (a section, a person, a kind …), as SQL the index query embeds.

    ``sql`` selects article ids (with ``params``); ``size`` is how many it
    selects. A backend that can test one story cheaply (PostgreSQL: by
    primary key) looks a small set up story by story (``probe``); otherwise
    the set is kept while walking the index's matches newest first.
    """

    sql: str
    params: tuple
    size: int

    @property
    def probe(self) -> bool:
        return self.size <= PROBE_LIMIT


def prepare(document: Document) -> Prepared:
    title, title_chars = index_fields(document.title)
    body, body_chars = index_fields(document.body)
    # The sample tokens go with the body's characters: unordered, never in the title tier.
    body_chars = " ".join([body_chars, *sample_tokens(document.id)]).strip()
    return Prepared(document.id, document.key, title, body, title_chars, body_chars)


def prepare_all(documents: list[Document]) -> list[Prepared]:
    """:func:`prepare` over a batch: the unit of work sent to a tokenizing process (no Django here)."""
    return [prepare(d) for d in documents]


def is_character(kind: str, text: str) -> bool:
    """A one-character CJK or digit unit is looked up in the character field."""
    return kind != WORD and len(text) == 1


def unit_tokens(kind: str, text: str) -> list[str]:
    """The index tokens a query unit must find adjacent (a word or one character: itself)."""
    if kind == WORD or len(text) == 1:
        return [text]
    return [text[i : i + 2] for i in range(len(text) - 1)]


class SearchBackend(ABC):
    """Stores documents and answers queries for one database connection."""

    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    @abstractmethod
    def upsert(self, rows: Sequence[Prepared]) -> None:
        """Add these rows, replacing whatever the same articles had."""

    @abstractmethod
    def remove(self, ids: Iterable[int]) -> None:
        """Drop the index rows of these article ids (missing ids are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Empty the index."""

    @abstractmethod
    def match_sql(self, query: Query, *, public: bool) -> tuple[str, list]:
        """``SELECT <article id> ...`` of the articles matching ``query`` (published ones if ``public``)."""

    @abstractmethod
    def ranked_keys(self, query: Query, *, tier: str, bounds: tuple[int, int], limit: int, offset: int = 0,
                    within: Within | None = None) -> list[int]:
        """Public keys matching ``query`` within ``bounds``, descending (newest first), one page of them.

        ``tier``: ``title`` (every term in the title lines), ``rest`` (the
        other matches) or ``all``. ``within``: only these stories.
        """

    def iter_keys(self, query: Query, *, tier: str, bounds: tuple[int, int], within: Within | None = None,
                  batch: int = 1000) -> Iterator[int]:
        """Every key :meth:`ranked_keys` would page through for ``tier``, descending, read ``batch`` at a time.

        Each read asks for the keys below the last one served, so no read
        pays for an OFFSET over the ones before it.
        """
        low, below = bounds
        while True:
            keys = self.ranked_keys(query, tier=tier, bounds=(low, below), limit=batch, offset=0, within=within)
            yield from keys
            if len(keys) < batch:
                return
            below = keys[-1]

    @abstractmethod
    def matching_ids(self, query: Query, *, bounds: tuple[int, int]) -> list[int]:
        """Every published article id within ``bounds`` matching ``query`` (unordered)."""

    @abstractmethod
    def count(self, query: Query, *, bounds: tuple[int, int], within: Within | None = None) -> int:
        """How many published stories within ``bounds`` (and ``within``, if given) match ``query``."""

    @abstractmethod
    def sampled_keys(self, query: Query, *, bounds: tuple[int, int], within: Within | None = None,
                     buckets: int) -> tuple[list[int], float]:
        """The public keys of the matches (as :meth:`count` counts) among the stories in the first ``buckets`` buckets.

        ``buckets`` is one of :data:`SAMPLE_SIZES` (the index holds a token
        for each) or SAMPLE_BUCKETS itself (every match). Unordered. With
        them, how many of the sample's matches each key stands for: 1 when
        they are all of them, more when a backend checked an even subsample
        of the candidates (see the PostgreSQL backend). Every match at
        SAMPLE_BUCKETS.
        """

    def matches_at_most(self, query: Query, *, within: Within | None = None) -> float | None:
        """About how many published stories match ``query`` at most, from statistics the database keeps (None: unknown).

        It lets a count start its samples near the size it needs; a backend
        without such statistics starts with the smallest.
        """
        return None

    @abstractmethod
    def id_list_sql(self, ids: list[int]) -> tuple[str, list]:
        """``SELECT`` of these ids from one bound parameter (thousands of ``IN`` placeholders cost more to bind)."""

    def covering_hint(self, index_name: str) -> str:
        """What follows a table name in FROM to read that table through ``index_name`` alone (default: nothing).

        SQLite looks rows up by rowid even where a narrow index holds every
        column the query reads; PostgreSQL's planner picks an index-only scan itself.
        """
        return ""

    @abstractmethod
    def begin_bulk(self) -> None:
        """Prepare for loading many rows (a rebuild): defer index maintenance."""

    @abstractmethod
    def end_bulk(self) -> None:
        """Finish a bulk load: build what was deferred, compact, refresh planner statistics."""

    @abstractmethod
    def size_bytes(self) -> int:
        """Disk size of the index (tables and indexes), for the benchmark."""

    @abstractmethod
    def indexed_ids_after(self, after: int, limit: int) -> list[int]:
        """Indexed article ids greater than ``after``, ascending (to resume a rebuild)."""

    # --- the tokenizer fingerprint ------------------------------------------------------

    def stored_fingerprint(self) -> str | None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = %s", ["fingerprint"])
            row = cursor.fetchone()
        return row[0] if row else None

    def store_fingerprint(self, value: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {META_TABLE} WHERE key = %s", ["fingerprint"])
            cursor.execute(f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)", ["fingerprint", value])
