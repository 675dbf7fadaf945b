"""Join paragraphs cut by a column or page break (SCHEMA rule 2).

Contract: ``join_body(blocks, article)`` returns the final body list (strings
and ``Subhead``). A paragraph that stops mid-sentence is joined, with nothing
in between, to the paragraph printed next in its section. In a long story
with 小标题 a cut paragraph just before a subhead waits; a later block that
follows a cut is given to whichever waiting paragraph shares most words with
it (its continuation was printed in another column). Each join leaves a
``joined_cut_paragraph`` warning; a paragraph still cut at the end leaves
``paragraph_ends_mid_sentence``.
"""
from __future__ import annotations

import re

from .matching import overlap, tokens
from .schema import ParsedArticle, Subhead
from .text import ends_sentence, excerpt

# Share of a block's words that must occur in a section before the block is
# moved there; below it the block stays where it was printed.
MIN_SECTION_FIT = 0.12
_FRAGMENT_START_RE = re.compile(r"^[\u3400-\u9fff][，,。、;；:：！？]")


def fits_after(head: str, tail: str) -> bool:
    """False when ``tail`` starts with a cut word (``局。``) that ``head`` cannot complete."""
    if not _FRAGMENT_START_RE.match(tail):
        return True
    left = head[-4:]
    pos = 0
    for tok in tokens(left + tail[:3]):
        end = pos + len(tok)
        if pos < len(left) < end:
            return True  # a word spans the seam: 进|度, 生态|圈
        pos = end
    return False


class _Joiner:
    def __init__(self, article: ParsedArticle):
        self.article = article
        self.out: list = []
        self.section_of: dict[int, int] = {}   # paragraph index -> section number
        self.section_text: list[str] = [""]
        self.pending: list[int] = []           # cut paragraphs closed by a subhead
        self.overflow = False                  # blocks are landing out of place

    def subhead(self, block: Subhead) -> None:
        if self._last_cut():
            self.pending.append(len(self.out) - 1)
        self.out.append(block)
        self.section_text.append(block.text)
        self.overflow = False

    def _last_cut(self) -> bool:
        return bool(self.out) and isinstance(self.out[-1], str) and not ends_sentence(self.out[-1])

    def _choose(self, text: str) -> int | None:
        """Index of the paragraph ``text`` continues, or None for a new paragraph."""
        adjacent = len(self.out) - 1 if self._last_cut() else None
        waiting = self.pending if (adjacent is not None or self.overflow) else []
        if adjacent is not None and not fits_after(self.out[adjacent], text):
            adjacent = None
        if not waiting:
            return adjacent
        best, best_score = adjacent, -1.0
        for idx in ([adjacent] if adjacent is not None else []) + waiting:
            if not fits_after(self.out[idx], text):
                continue
            score = overlap(text, self.section_text[self.section_of[idx]])
            if score > best_score:
                best, best_score = idx, score
        if best != adjacent and best_score < MIN_SECTION_FIT:
            return adjacent
        return best

    def paragraph(self, text: str) -> None:
        target = self._choose(text)
        if target is None:
            self.section_of[len(self.out)] = len(self.section_text) - 1
            self.out.append(text)
        else:
            self._join(target, text)
        self.section_text[-1] += text if target is None else ""

    def _join(self, target: int, text: str) -> None:
        self.article.warn(
            "joined_cut_paragraph",
            "A paragraph cut by a column break was joined to its continuation.",
            excerpt(self.out[target][-12:] + "|" + text[:12]),
        )
        self.out[target] += text
        self.section_text[self.section_of[target]] += text
        if target in self.pending:
            self.overflow = True
            self.pending.remove(target)
            if not ends_sentence(self.out[target]):
                self.pending.append(target)


def join_body(blocks: list, article: ParsedArticle) -> list:
    """Body strings and subheads with cut paragraphs joined back."""
    joiner = _Joiner(article)
    for block in blocks:
        if isinstance(block, Subhead):
            joiner.subhead(block)
        elif block.text.strip():
            joiner.paragraph(block.text.strip())
    for block in joiner.out:
        if isinstance(block, str) and not ends_sentence(block):
            article.warn(
                "paragraph_ends_mid_sentence",
                "A paragraph stops mid-sentence and no continuation was found.",
                excerpt(block[-30:]),
            )
    return joiner.out
