"""Text → index tokens: CJK character bigrams plus words of other scripts, with offsets.

Digit runs are bigrammed the same way. Why bigrams: jieba's words miss what readers type (新区 inside 郑东新区 is not a
word), while a query run of N characters searched as the phrase of its N-1
adjacent bigrams finds exactly the stories that contain it as text. A
one-character query is answered from a second field holding each distinct
character of the story once (see :func:`index_fields`).

Text is compared folded: NFKC, casefolded (全角 ＡＢＣ１ = abc1) and
traditional characters made simplified (鄭東新區 = 郑东新区, see
:mod:`archive.search.text.t2s`), one character at a time so offsets still
point into the original text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .t2s import simplify, simplify_char

_CJK_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)

CJK, DIGITS, WORD, OTHER = "cjk", "digits", "word", "other"
BIGRAMMED = (CJK, DIGITS)


def char_class(ch: str) -> str:
    """``cjk`` and ``digits`` (bigrammed: 35 must find 2035), ``word`` (ASCII letters) or ``other`` (a separator)."""
    code = ord(ch)
    for low, high in _CJK_RANGES:
        if low <= code <= high:
            return CJK
    # ASCII-only word characters keep FTS5's `ascii` tokenizer and our tokens in step.
    if ch.isascii() and ch.isdigit():
        return DIGITS
    return WORD if ch.isascii() and ch.isalpha() else OTHER


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """What one printed character folds to (usually one character; NFKC may give several: ㈱ → (株))."""
    return "".join(map(simplify_char, unicodedata.normalize("NFKC", ch).casefold()))


@dataclass(frozen=True)
class Run:
    """A maximal stretch of one class in the folded text; ``start``/``end`` index the original."""

    kind: str
    text: str
    start: int
    end: int
    offsets: tuple[int, ...]  # original offset of each folded character, plus the end


def runs(text: str) -> list[Run]:
    """Split ``text`` into CJK runs and word runs (separators dropped)."""
    result: list[Run] = []
    chars: list[str] = []
    offsets: list[int] = []
    kind = OTHER
    for i, ch in enumerate(text):
        for folded in _fold_char(ch):
            cls = char_class(folded)
            if cls != kind and chars:
                result.append(Run(kind, "".join(chars), offsets[0], i, (*offsets, i)))
                chars, offsets = [], []
            kind = cls
            if cls != OTHER:
                chars.append(folded)
                offsets.append(i)
    if chars:
        result.append(Run(kind, "".join(chars), offsets[0], len(text), (*offsets, len(text))))
    return result


@dataclass(frozen=True)
class Token:
    """An index token and the span of the original text it came from."""

    text: str
    start: int
    end: int


def run_tokens(run: Run) -> list[Token]:
    """The bigrams of a CJK or digit run (a one-character run: that character), or a word run itself."""
    if run.kind == WORD or len(run.text) == 1:
        return [Token(run.text, run.start, run.end)]
    s, off = run.text, run.offsets
    return [Token(s[i : i + 2], off[i], off[i + 2]) for i in range(len(s) - 1)]


def tokenize(text: str) -> list[Token]:
    """All index tokens of ``text`` in order, with offsets into ``text``."""
    return [token for run in runs(text) for token in run_tokens(run)]


_CJK_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES)
_RUN = re.compile(f"([{_CJK_CLASS}]+)|([0-9]+)|([a-z]+)")
_KINDS = {1: CJK, 2: DIGITS, 3: WORD}


def fast_runs(text: str) -> list[tuple[str, str]]:
    """``(kind, text)`` runs of the whole folded ``text``: what :func:`runs` gives, without offsets.

    Folding the whole string at once is ~10× faster than per character; the two
    differ only where NFKC composes across characters (combining marks, jamo),
    which index and query both see the same way here. Traditional → simplified
    is per character either way.
    """
    folded = simplify(unicodedata.normalize("NFKC", text).casefold())
    return [(_KINDS[m.lastindex], m.group()) for m in _RUN.finditer(folded)]


def index_tokens(text: str) -> list[str]:
    """The positional index tokens of ``text`` in order: bigrams of each CJK/digit run, ASCII words.

    A run of one character yields no positional token; every CJK and digit
    character is in :func:`index_characters` instead.
    """
    tokens: list[str] = []
    for kind, s in fast_runs(text):
        if kind == WORD:
            tokens.append(s)
        elif len(s) > 1:
            tokens += map(str.__add__, s, s[1:])
    return tokens


def index_fields(text: str) -> tuple[str, str]:
    """``(sequence, characters)`` stored in the index for ``text``.

    ``sequence`` is the space-separated positional tokens (phrases of bigrams
    are matched against it); ``characters`` is each distinct CJK and digit
    character once, unordered, so a one-character query reads one short
    posting per story instead of every bigram that starts with it.
    """
    tokens: list[str] = []
    characters: set[str] = set()
    for kind, s in fast_runs(text):
        if kind == WORD:
            tokens.append(s)
            continue
        characters.update(s)
        if len(s) > 1:
            tokens += map(str.__add__, s, s[1:])
    return " ".join(tokens), " ".join(sorted(characters))


def index_text(text: str) -> str:
    """The space-separated positional token stream stored in the index for ``text``."""
    return " ".join(index_tokens(text))


def fold(text: str) -> str:
    """``text`` as the index compares it (NFKC, casefolded, traditional → simplified)."""
    return "".join(_fold_char(ch) for ch in text)
