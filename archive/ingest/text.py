"""Character-level helpers shared by the parsing stages (no state, no I/O)."""
from __future__ import annotations

import re

# A paragraph that ends with one of these is complete; anything else was
# probably cut by a column or page break.
SENTENCE_END = "。！？!?…;；:：)）"
# Clause commas: headlines almost never contain them, captions and cut
# fragments of body text often do.
CLAUSE_COMMAS = "，,"
QUOTES = "“”\"'‘’「」『』"

CJK_RE = re.compile(r"[\u3400-\u9fff]")
# A jump line, `(下转第3版)`, ends a story's text on this page; it is not body.
_PAGE_NO = r"\s*第?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版\s*"
JUMP_OUT_RE = re.compile(rf"\s*[(（]\s*(?:下转|转){_PAGE_NO}[)）]\s*$")
SPACE_RE = re.compile(r"[ \t\u3000\u00a0]+")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a finished sentence (。！？… or a closing quote)."""
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in "”’」』" and len(text) >= 2:
        # A closing quote finishes a paragraph only when the quoted part
        # does: `按照“删繁就简”` stops mid-sentence, `…发展。”` does not.
        return text[-2] in SENTENCE_END
    return text[-1] in SENTENCE_END


def has_clause_comma(text: str) -> bool:
    return any(c in text for c in CLAUSE_COMMAS)


def squeeze_spaces(text: str) -> str:
    """Collapse runs of spaces (incl. ideographic) into one ASCII space."""
    return SPACE_RE.sub(" ", text).strip()


def strip_quotes(text: str) -> str:
    return "".join(c for c in text if c not in QUOTES)


def excerpt(text: str, width: int = 24) -> str:
    """Short excerpt for warnings: head … tail."""
    text = text.strip()
    if len(text) <= 2 * width:
        return text
    return text[:width] + "…" + text[-width:]


_PAIRS = (("“", "”"), ("(", ")"), ("（", "）"), ("《", "》"), ("「", "」"))


def unbalanced(text: str) -> bool:
    """An opened quote or bracket is not closed (or the reverse): a cut sentence."""
    return any(text.count(a) != text.count(b) for a, b in _PAIRS)


def looks_like_body(text: str) -> bool:
    """A short line that is story text cut short: clause commas or an open quote."""
    return has_clause_comma(text) or unbalanced(text)
