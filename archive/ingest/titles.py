"""Title lines: which lines are titles, section labels, and the title roles.

Contracts:
- ``is_title_like(line)`` — a short line that does not read as a sentence.
- ``section_label(line)`` — the label text for ``X·“Y”`` (quotes dropped), else None.
- ``is_banner(line)`` — a short series banner with digits (``逐新2025`` shape).
- ``assign_roles(lines)`` — ``(kicker, headline, subheadline)`` following the
  SCHEMA "Title roles" decisions.
"""
from __future__ import annotations

import re

from .text import CJK_RE, squeeze_spaces, strip_quotes

MAX_TITLE = 48
_HARD_END = "。！？!?;；"
_BANNER_RE = re.compile(r"^[\u3400-\u9fff]{2,6}[0-9０-９]{2,4}$")
_SECTION_RE = re.compile(r"^[^\s·•]{1,12}[·•]\s?[“\"「『]?[^\s“”\"「」『』]{1,10}[”\"」』]?$")
# A place or body written with a full-width colon in front of the headline,
# or alone on its line: `经开区：`.
_COLON_KICKER_RE = re.compile(r"^([^\s：:，,。]{2,12}：)\s*(.*)$")
# Words that end the name of a place or an organisation; a line that is only
# such a name sets the scene for the headline below it.
_PLACE_END_RE = re.compile(
    r"(省|市|区|县|镇|乡|村|街道|社区|办事处|开发区|新区|园区|集团|公司|局|委|中心|学校|大学|医院)$")
# Background lines: a line that trails off, or the conventional
# "implement the spirit of …" line printed above political headlines.
_BACKGROUND_RE = re.compile(
    r"(……|…|精神|之际|周年|系列报道|综述)$"
    r"|^(贯彻|落实|学习贯彻|深入学习).*(精神|部署|要求|决策)"
    r"|^(庆祝|纪念|喜迎).*(周年|召开|胜利)")


def is_title_like(line: str) -> bool:
    """True for a short line that is not a sentence (candidate title/subhead/label)."""
    text = line.strip()
    if not text or len(text) > MAX_TITLE or "。" in text:
        return False
    if text[-1] in _HARD_END:
        return False
    return len(CJK_RE.findall(text)) >= 2


def is_exclaimed_title(line: str) -> bool:
    """A short exclamation or question that may be a headline: ``春天，你好！``."""
    text = line.strip()
    if len(text) > 24 or "。" in text or text[:1] in "“「‘\"" or text[-1:] not in "！？!?":
        return False
    return is_title_like(text[:-1])


def section_label(line: str) -> str | None:
    """``郑东新区·“周报”`` → ``郑东新区·周报``; None for any other line."""
    text = line.strip()
    if len(text) > 24 or not _SECTION_RE.match(text):
        return None
    return strip_quotes(text).replace(" ", "")


def is_banner(line: str) -> bool:
    """A series banner: a short name followed by a year or number (``逐新2025``).

    A headline that starts with a date (``2025年春运启动``) is no banner.
    """
    return bool(_BANNER_RE.match(line.strip()))


_LABEL_RE = re.compile(r"^[\u3400-\u9fff]{2,6}$")


def is_label(line: str) -> bool:
    """A short name with nothing else: a column or series label (``简讯``, ``新春走基层``)."""
    return bool(_LABEL_RE.match(line.strip()))


def is_editors_note(text: str) -> bool:
    """A paragraph opening with ``编者按:`` (or 编者的话): the editor's preface, body."""
    return bool(re.match(r"^\s*[【\[]?(编者按|编者的话|编后)[】\]]?\s*[:：]", text))


def is_slogan(line: str) -> bool:
    """Three or more short phrases set off by spaces: ``稳经济 促发展 强信心``."""
    parts = line.split()
    return len(parts) >= 3 and all(len(p) <= 5 for p in parts)


def is_background(line: str) -> bool:
    """A line that gives place, occasion or background rather than the fact."""
    text = line.strip()
    if _BACKGROUND_RE.search(text) or is_slogan(text):
        return True
    return " " not in text and len(text) <= 10 and bool(_PLACE_END_RE.search(text))


def assign_roles(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Kicker, headline and subheadline for the title lines of one item."""
    lines = [squeeze_spaces(x) for x in lines if x and x.strip()]
    if not lines:
        return None, None, None
    kicker = None
    m = _COLON_KICKER_RE.match(lines[0])
    if m and (m.group(2) or len(lines) > 1):
        kicker = m.group(1)
        lines = ([m.group(2)] if m.group(2) else []) + lines[1:]
        return kicker, lines[0], _join(lines[1:])
    if len(lines) == 1:
        return None, lines[0], None
    if len(lines) == 2:
        if is_background(lines[0]):
            return lines[0], lines[1], None
        return None, lines[0], lines[1]
    return lines[0], lines[1], _join(lines[2:])


def _join(lines: list[str]) -> str | None:
    return " ".join(lines) if lines else None
