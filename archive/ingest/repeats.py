"""Remove text that the extraction printed twice (SCHEMA rule 3, "Repeats").

Contract: ``drop_repeats(lines)`` edits ``Line.text`` in place so that a run
of text printed earlier on the page is kept only where it first appears. A
whole line printed twice is emptied; a long run copied inside a later line is
cut out. Each cut leaves a ``dropped_repeated_text`` warning on the line,
except a whole block printed twice in a row.
"""
from __future__ import annotations

from .blocks import Line
from .schema import DROPPED_REPEATED_TEXT, ParseWarning
from .text import CLAUSE_COMMAS, SENTENCE_END, excerpt

SHINGLE = 20
# A run shorter than this may be the story quoting itself (a lecture title
# cited twice), which is kept; extraction copies are whole column chunks.
MIN_RUN = 50
# Exact repeats of shorter lines are only dropped when they read like body
# text; short credit lines ("记者 马燕") repeat legitimately across stories.
MIN_LINE_REPEAT = 16
# Beyond this size the page is noise, not print; skip the span search so that
# huge inputs stay fast (whole-line repeats are still removed).
MAX_SPAN_SEARCH = 400_000
_PUNCT = set(SENTENCE_END + CLAUSE_COMMAS + "、")


def _warn(line: Line, removed: str) -> None:
    line.warnings.append(ParseWarning(
        DROPPED_REPEATED_TEXT,
        "Text printed twice on the page was kept once, where it first appears.",
        excerpt(removed),
    ))


def _drop_whole_lines(lines: list[Line]) -> None:
    """Empty body-like lines printed before; only a copy printed apart from
    its first print warns (a block printed twice in a row is a plain
    extraction artefact, a copy elsewhere may be two stories sharing a line)."""
    seen: set[str] = set()
    previous = ""
    for line in lines:
        key = line.text
        bodyish = len(key) >= MIN_LINE_REPEAT and any(c in _PUNCT for c in key)
        if bodyish and key in seen:
            if key != previous:
                _warn(line, key)
            line.text = ""
            continue
        seen.add(key)
        previous = key


def _runs(text: str, seen: set[str]) -> list[tuple[int, int]]:
    """Spans [start, end) of ``text`` of length >= MIN_RUN printed before.

    ``seen`` holds the shingles of earlier lines; a shingle whose first
    place in this line ends before ``i`` repeats inside its own block.
    A run of MIN_RUN characters holds MIN_RUN - SHINGLE + 1 shingles, so
    probing every that-many positions finds it; hits are then grown both ways.
    """
    n = len(text)

    def hit(i: int) -> bool:
        piece = text[i:i + SHINGLE]
        return piece in seen or text.find(piece) + SHINGLE <= i

    step = MIN_RUN - SHINGLE + 1
    runs: list[tuple[int, int]] = []
    for probe in range(0, n - SHINGLE + 1, step):
        if (runs and probe < runs[-1][1] - SHINGLE + 1) or not hit(probe):
            continue
        lo, hi = probe, probe
        while lo > 0 and hit(lo - 1):
            lo -= 1
        while hi + 1 <= n - SHINGLE and hit(hi + 1):
            hi += 1
        if hi + SHINGLE - lo >= MIN_RUN:
            runs.append((lo, hi + SHINGLE))
    return runs


def _cut(text: str, runs: list[tuple[int, int]]) -> tuple[str, list[str]]:
    kept, removed, pos = [], [], 0
    for start, end in runs:
        # Punctuation at the seam belongs to the kept clause before it.
        while start < end and text[start] in _PUNCT:
            start += 1
        kept.append(text[pos:start])
        removed.append(text[start:end])
        pos = end
    kept.append(text[pos:])
    return "".join(kept).strip(), removed


def drop_repeats(lines: list[Line]) -> None:
    """Empty or shorten lines whose text was already printed earlier."""
    _drop_whole_lines(lines)
    if sum(len(line.text) for line in lines) > MAX_SPAN_SEARCH:
        return
    seen: set[str] = set()
    for line in lines:
        text = line.text
        if len(text) >= MIN_RUN:
            runs = _runs(text, seen)
            if runs:
                line.text, removed = _cut(text, runs)
                for part in removed:
                    _warn(line, part)
        seen.update([text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)])
