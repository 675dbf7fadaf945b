"""Content matching of title lines to stories (word overlap).

Contract: ``overlap(title, text)`` is the share of the title's content words
(jieba tokens of two or more characters) that occur in ``text``; 0.0 for an
empty title. The tokenizer (rjieba, else jieba, else character bigrams) is
loaded on first use, so importing the package stays cheap.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

_WORD_RE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_cutter: Callable[[str], list[str]] | None = None


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)]


def _load_cutter() -> Callable[[str], list[str]]:
    global _cutter
    if _cutter is None:
        try:
            import rjieba  # fast Rust port; same tokens as jieba

            _cutter = rjieba.cut
        except Exception:  # pragma: no cover - depends on the environment
            try:
                import jieba

                jieba.setLogLevel(60)
                _cutter = jieba.lcut
            except Exception:
                _cutter = _bigrams
    return _cutter


def load_tokenizer() -> None:
    """Load the word segmenter now (for benchmarks and warm-up)."""
    _load_cutter()("预热")


def tokens(text: str) -> list[str]:
    """jieba tokens of ``text`` in order."""
    return list(_load_cutter()(text))


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """Content words of ``text``: tokens of two or more word characters."""
    tokens = _load_cutter()(text)
    return frozenset(t for t in tokens if len(t) >= 2 and _WORD_RE.search(t))


def overlap(title: str, text: str) -> float:
    """Share of the title's content words found in ``text``."""
    title_words = words(title)
    if not title_words:
        return 0.0
    text_words = words(text)
    return len(title_words & text_words) / len(title_words)
