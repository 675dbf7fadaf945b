"""Raw page text → ``Line`` records grouped into printed blocks.

Contract: ``split_lines(text)`` never raises for any ``str``; it returns the
non-blank lines in order, each stripped of surrounding white space, with the
number of blank lines printed before its block (``gap_before``). Lines with no
blank line between them belong to one block (e.g. a caption and its credit).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schema import ParseWarning

# Zero-width and control characters that extraction leaves behind; removed so
# that they do not defeat the line-end punctuation tests.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x0b\x0c]")


@dataclass
class Line:
    """One printed line of the page."""

    text: str
    block: int
    gap_before: int = 0
    first_in_block: bool = True
    last_in_block: bool = True
    warnings: list[ParseWarning] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """Split page text into stripped, non-blank lines with block structure."""
    raw = _INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[Line] = []
    gap = 0
    block = -1
    previous_blank = True
    for raw_line in raw.split("\n"):
        stripped = raw_line.strip()
        if not stripped:
            gap += 1
            previous_blank = True
            continue
        if previous_blank:
            block += 1
            if lines:
                lines[-1].last_in_block = True
            lines.append(Line(stripped, block, gap, True, True))
        else:
            lines[-1].last_in_block = False
            lines.append(Line(stripped, block, 0, False, True))
        gap = 0
        previous_blank = False
    return lines
