"""Traditional → simplified Chinese, one character for one character, from OpenCC's ``t2s`` conversion.

Why per character rather than OpenCC's phrase conversion: OpenCC converts
phrases (乾隆 stays 乾隆, 瞭解 becomes 了解), so how a character converts depends
on its neighbours, and a query converted on its own could fold differently
from the same characters inside a story. Converting every character alone
makes folding context-free — ``simplify(text)[i:j] == simplify(text[i:j])`` —
so any stretch of a story, typed in either script, finds that story, and the
folded text keeps the original's length, so offsets map one to one. The cost
is a little precision where a character is simplified only in some words
(乾 → 干 everywhere: 乾隆 is indexed as 干隆, and found by 乾隆 and 干隆 alike).

The table is built once per process on first use (~0.2 s): OpenCC converts
every CJK ideograph in one call, the characters separated by newlines so that
no phrase can span two of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

# OpenCC's t2s changes characters in these blocks only (a test checks the rest of the BMP and plane 2).
IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FEW = 16  # more traditional characters than this in a text: translate it whole


@dataclass(frozen=True)
class Table:
    """What each traditional character becomes, and fast ways to find and replace such characters in a text."""

    mapping: dict[str, str]
    bmp: re.Pattern  # one character class of the BMP keys: re scans it as a bitmap (~500 MB/s)
    ordinals: list[int]  # str.translate table for the BMP indexed by code point: 2x a dict's speed
    astral: frozenset[str]  # keys beyond the BMP: a class holding them is scanned slowly, so a set


def _converted(characters: list[str]) -> list[str]:
    import opencc  # imported on first use: importing this package stays cheap

    converted = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):
        raise RuntimeError("OpenCC t2s did not convert character for character")
    return converted


@lru_cache(maxsize=1)
def table() -> Table:
    """The per-process conversion table (only characters that change; results never change again)."""
    characters = [chr(code) for low, high in IDEOGRAPHS for code in range(low, high + 1)]
    mapping = {
        old: new for old, new in zip(characters, _converted(characters)) if len(new) == 1 and new != old
    }
    for old, new in mapping.items():  # 薴 → 苧 → 苎: map straight to the end so folding twice changes nothing
        seen = {old}
        while new in mapping and new not in seen:
            seen.add(new)
            new = mapping[new]
        mapping[old] = new
    bmp = "".join(sorted(ch for ch in mapping if ord(ch) < 0x10000))
    ordinals = list(range(ord(bmp[-1]) + 1))
    for old, new in mapping.items():
        if ord(old) < 0x10000:
            ordinals[ord(old)] = ord(new)
    astral = frozenset(ch for ch in mapping if ord(ch) >= 0x10000)
    return Table(mapping, re.compile(f"[{bmp}]"), ordinals, astral)


def simplify_char(ch: str) -> str:
    """``ch`` in simplified form (itself when it has none)."""
    return table().mapping.get(ch, ch)


def simplify(text: str) -> str:
    """``text`` with every traditional character replaced by its simplified one; same length as ``text``.

    Simplified text, the usual case for a city daily, costs one regex scan
    that finds nothing (or a stray character or two, replaced on their own);
    text with more goes through ``str.translate`` (~25 MB/s).
    """
    t = table()
    few = list(islice(t.bmp.finditer(text), _FEW))
    if len(few) == _FEW:
        text = text.translate(t.ordinals)
    else:
        for ch in {m.group() for m in few}:
            text = text.replace(ch, t.mapping[ch])
    if t.astral and _ASTRAL.search(text):
        for ch in t.astral.intersection(text):
            text = text.replace(ch, t.mapping[ch])
    return text
