"""The interface every search backend implements, and what they share.

A backend stores, per article id, the prepared token text of its title and
of its body (body, captions, credited names), and turns a parsed
:class:`archive.search.Query` into SQL selecting the ids that match. It never
sees the reader's raw string: only the tokenizer's own units, bound as
parameters.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archive.search import Query
from archive.search.tokens import WORD, index_text

from .schema import META_TABLE


@dataclass(frozen=True)
class Document:
    """The searchable text of one article, before tokenizing."""

    id: int
    title: str
    body: str


def is_prefix(kind: str, text: str) -> bool:
    """A one-character CJK or digit unit is searched as the prefix of bigrams."""
    return kind != WORD and len(text) == 1


def unit_tokens(kind: str, text: str) -> list[str]:
    """The index tokens a query unit must find adjacent (a one-character unit: a prefix)."""
    if kind == WORD or len(text) == 1:
        return [text]
    return [text[i : i + 2] for i in range(len(text) - 1)]


class SearchBackend(ABC):
    """Stores documents and answers queries for one database connection."""

    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    @abstractmethod
    def upsert(self, documents: Sequence[Document]) -> None:
        """Add these documents' rows, replacing any they had."""

    @abstractmethod
    def remove(self, ids: Iterable[int]) -> None:
        """Drop the index rows of these article ids (missing ids are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Empty the index."""

    @abstractmethod
    def match_sql(self, query: Query) -> tuple[str, list]:
        """``SELECT <article id> ...`` of the articles matching ``query``."""

    @abstractmethod
    def optimize(self) -> None:
        """Compact the index and refresh planner statistics after a bulk rebuild."""

    @abstractmethod
    def size_bytes(self) -> int:
        """Disk size of the index (tables and indexes), for the benchmark."""

    @abstractmethod
    def indexed_ids_after(self, after: int, limit: int) -> list[int]:
        """Indexed article ids greater than ``after``, ascending (to resume a rebuild)."""

    def prepare(self, document: Document) -> tuple[str, str]:
        return index_text(document.title), index_text(document.body)

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
