"""jieba word segmentation (through rjieba) with the archive's user dictionary, loaded lazily.

Words are used to split a typed query into the words that must all match;
the index itself stores bigrams (see :mod:`archive.search.text.tokens`), so a
word jieba splits wrongly costs precision of the query, never recall.
"""
from __future__ import annotations

import hashlib
import threading
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

USERDICT = Path(__file__).with_name("userdict.txt")
TOKENIZER_VERSION = "bigram-2"

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
    """jieba's words of ``text`` with their start and end offsets."""
    return list(segmenter().tokenize(text, "default", False))


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Identifies what the index was built with; a different value means rebuild the index."""
    digest = hashlib.sha256()
    for part in (TOKENIZER_VERSION, unicodedata.unidata_version, metadata.version("rjieba")):
        digest.update(part.encode() + b"\0")
    digest.update(USERDICT.read_bytes())
    return f"{TOKENIZER_VERSION}:{digest.hexdigest()[:16]}"
