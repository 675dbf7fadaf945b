"""The reader's query language: words (all must match), "quoted phrases", -word to exclude.

Nothing else is syntax. Whatever else a reader types (AND/OR/NEAR, ``*``,
parentheses, unbalanced quotes, NUL, pages of text) is searched as text or
dropped; parsing never raises. Backends build their query only from the
units below, never from the typed string.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import segment
from .tokens import CJK, fast_runs

MAX_QUERY_CHARS = 256
MAX_TERMS = 16
_QUOTES = re.compile(r'["“”„«»「」『』]')
_PHRASE = re.compile(r'["“„«「『]([^"“”„«»「」『』]*)["”»」』]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NEGATION = ("-", "－", "—")


@dataclass(frozen=True)
class Unit:
    """A stretch a story must contain: ``kind`` is ``cjk`` (a phrase of bigrams) or ``word``."""

    kind: str
    text: str


@dataclass(frozen=True)
class Term:
    """One thing to find as text: ``text`` folded as the index folds (鄭東新區 → 郑东新区); matches when all its ``units`` do."""

    text: str
    units: tuple[Unit, ...]


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def highlight_texts(self) -> list[str]:
        """The stretches to mark in a matching story."""
        return [unit.text for term in self.terms for unit in term.units]


def _term(text: str) -> Term | None:
    units = tuple(Unit(kind, run) for kind, run in fast_runs(text))
    return Term("".join(u.text for u in units), units) if units else None


def _join_single_characters(words: list[str]) -> list[str]:
    """Glue one-character words to a neighbour: 郑东新/区 → 郑东新区 (jieba's split, and stopwords)."""
    merged: list[str] = []
    for word in words:
        if merged and (len(word) == 1 or len(merged[-1]) == 1):
            merged[-1] += word
        else:
            merged.append(word)
    return merged


def _word_terms(chunk: str) -> list[Term]:
    terms = []
    for kind, run in fast_runs(chunk):
        words = _join_single_characters(segment.cut(run)) if kind == CJK else [run]
        terms.extend(Term(w, (Unit(kind, w),)) for w in words)
    return terms


def parse_query(raw: object) -> Query:
    """Parse what a reader typed; any input gives a (possibly empty) :class:`Query`."""
    text = _CONTROL.sub(" ", str(raw or ""))[:MAX_QUERY_CHARS]
    query = Query()
    phrases = [m.group(1) for m in _PHRASE.finditer(text)]
    rest = _QUOTES.sub(" ", _PHRASE.sub(" ", text))
    for phrase in phrases:
        _add(query.terms, _term(phrase))
    for chunk in rest.split():
        negative = chunk.startswith(_NEGATION) and len(chunk) > 1
        target = query.excluded if negative else query.terms
        for term in _word_terms(chunk[1:] if negative else chunk):
            _add(target, term)
    return query


def _add(target: list[Term], term: Term | None) -> None:
    if term is not None and term not in target and len(target) < MAX_TERMS:
        target.append(term)
