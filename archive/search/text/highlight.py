"""Mark query hits in the original text: ``<mark>`` around hits, everything else HTML-escaped.

Hits are found in the folded text (a query for 郑东新区 finds 鄭東新區) and
marked on the characters as printed: folding keeps an offset for every
printed character.
"""
from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Sequence

from .t2s import simplify
from .tokens import _fold_char

MAX_SPANS = 500


def _folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    # Text already in NFKC (nearly every story) folds character for character
    # as a whole: casefolding and simplifying are per character, and a length
    # kept means no character grew, so offsets are the identity. Five times
    # faster than folding character by character, done for 20 bodies a page.
    if unicodedata.is_normalized("NFKC", text):
        folded = simplify(text.casefold())
        if len(folded) == len(text):
            return folded, range(len(text))
    chars = list(map(_fold_char, text))
    folded = "".join(chars)
    if len(folded) == len(text):  # every character folds to one: offsets are the identity (the usual case)
        return folded, range(len(text))
    offsets = []
    for i, one in enumerate(chars):
        offsets.extend([i] * len(one))
    return folded, offsets


def hit_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` spans of ``text`` where any needle (already folded) occurs."""
    folded, offsets = _folded_with_offsets(text)
    spans = []
    for needle in {n for n in needles if n}:
        at = folded.find(needle)
        while at != -1 and len(spans) < MAX_SPANS:
            spans.append((offsets[at], offsets[at + len(needle) - 1] + 1))
            at = folded.find(needle, at + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as HTML with the spans wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, needles: Iterable[str]) -> str:
    """All of ``text`` as HTML with every hit marked."""
    return mark(text, hit_spans(text, needles))


def snippet(text: str, needles: Iterable[str], width: int = 120) -> str:
    """About ``width`` characters of ``text`` around its first hit, as marked-up HTML ("…" where cut)."""
    spans = hit_spans(text, needles)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + mark(text, spans, start, end) + suffix
