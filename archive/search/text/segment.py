"""jieba word segmentation (through rjieba) with the archive's user dictionary, loaded lazily.

Words are used to split a typed query into the words that must all match;
the index itself stores bigrams (see :mod:`archive.search.text.tokens`), so a
word jieba splits wrongly costs precision of the query, never recall. The
dictionary is simplified Chinese, so text is segmented after folding
traditional characters (the query parser cuts folded runs; see
:func:`words_with_offsets` for printed text).
"""
from __future__ import annotations

import hashlib
import threading
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .t2s import simplify

USERDICT = Path(__file__).with_name("userdict.txt")
# -3: traditional characters fold to simplified; -4: rows carry count-sample tokens (search/index/base.py)
TOKENIZER_VERSION = "bigram-4-sample"

_lock = threading.Lock()


def _read_userdict(path: Path = USERDICT) -> list[tuple[str, int | None, str | None]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        entries.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return entries


@lru_cache(maxsize=1)
def segmenter():
    """The shared rjieba instance with the user dictionary added (first call loads it, ~0.1 s)."""
    import rjieba

    with _lock:
        jieba = rjieba.Jieba()
        for word, freq, tag in _read_userdict():
            jieba.add_word(word, freq, tag)
        return jieba


def cut(text: str) -> list[str]:
    """jieba's precise-mode words of ``text`` (HMM off: it glues characters across word edges)."""
    return list(segmenter().cut(text, False))


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of ``text`` with their start and end offsets, each word as printed in ``text``.

    Segmented in simplified form (鄭東新區 splits like 郑东新区); folding keeps
    one character per character, so the offsets index ``text`` itself.
    """
    return [(text[start:end], start, end) for _, start, end in segmenter().tokenize(simplify(text), "default", False)]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Identifies what the index was built with; a different value means rebuild the index."""
    digest = hashlib.sha256()
    versions = (metadata.version("rjieba"), metadata.version("opencc"))
    for part in (TOKENIZER_VERSION, unicodedata.unidata_version, *versions):
        digest.update(part.encode() + b"\0")
    digest.update(USERDICT.read_bytes())
    return f"{TOKENIZER_VERSION}:{digest.hexdigest()[:16]}"
