"""Join paragraphs cut by a column or page break (SCHEMA rule 2).

Contract: ``join_body(blocks, article)`` returns the final body list (strings
and ``Subhead``). A paragraph that stops mid-sentence is joined, with nothing
in between, to the paragraph printed next in its section, unless that block
starts with a cut word the paragraph cannot complete (``团队”`` + ``局。``).

Long stories with 小标题 often print the ends of several sections together
after the last section (the overflow of the last columns). Those tail blocks
continue the last waiting cut paragraphs, in the order the paragraphs were
printed; when a block cannot follow its paragraph, the order-keeping
assignment whose blocks share most words with their sections is taken. Each join leaves a ``joined_cut_paragraph`` warning; a
paragraph still cut at the end leaves ``paragraph_ends_mid_sentence``.
"""
from __future__ import annotations

import re

from .matching import overlap, tokens
from .schema import JOINED_CUT_PARAGRAPH, PARAGRAPH_ENDS_MID_SENTENCE, ParsedArticle, Subhead
from .text import JUMP_OUT_RE, ends_sentence, excerpt

_FRAGMENT_START_RE = re.compile(r"^[\u3400-\u9fff][，,。、;；:：！？]")
_NO_FIT = -1.0


def spans_seam(head: str, tail: str) -> bool:
    """True when a word runs across the seam of ``head`` + ``tail`` (进|度, 生态|圈)."""
    left = head[-4:]
    pos = 0
    for tok in tokens(left + tail[:3]):
        end = pos + len(tok)
        if pos < len(left) < end:
            return True
        pos = end
    return False


def fits_after(head: str, tail: str) -> bool:
    """False when ``tail`` starts with a cut word (``局。``) that ``head`` cannot complete.

    A number at the cut always goes on (``转账11`` + ``次,``): its measure
    word is what the next block starts with.
    """
    return not _FRAGMENT_START_RE.match(tail) or head[-1:].isdigit() or spans_seam(head, tail)


def _split_tail(blocks: list) -> tuple[list, list[str]]:
    """Separate the tail blocks printed after the last section's first cut paragraph."""
    last_sub = max((i for i, b in enumerate(blocks) if isinstance(b, Subhead)), default=None)
    if last_sub is None:
        return blocks, []
    for i in range(last_sub + 1, len(blocks)):
        if not ends_sentence(blocks[i]):
            return blocks[:i + 1], list(blocks[i + 1:])
    return blocks, []


class _Body:
    """The body being built, with the section of each paragraph."""

    def __init__(self, article: ParsedArticle):
        self.article = article
        self.out: list = []
        self.section_of: dict[int, int] = {}
        self.section_text: list[str] = [""]
        self.last_line: int | None = None

    def add(self, block, line: int | None = None) -> None:
        if isinstance(block, Subhead):
            self.out.append(block)
            self.section_text.append(block.text)
            self.last_line = None
            return
        last = self.out[-1] if self.out else None
        if isinstance(last, str) and not ends_sentence(last) and fits_after(last, block):
            # Halves printed one right after the other are a plain column
            # break; anything printed between them makes the join a guess.
            self.join(len(self.out) - 1, block, sure=line is not None and line == self.last_line + 1)
        else:
            self.section_of[len(self.out)] = len(self.section_text) - 1
            self.out.append(block)
            self.section_text[-1] += block
        self.last_line = line if line is not None else self.last_line

    def join(self, target: int, text: str, sure: bool = False) -> None:
        if not sure:
            self.article.warn(
                JOINED_CUT_PARAGRAPH,
                "A paragraph cut by a column break was joined to a continuation printed apart from it.",
                excerpt(self.out[target][-12:] + "|" + text[:12]),
            )
        self.out[target] += text
        self.section_text[self.section_of[target]] += text

    def waiting(self) -> list[int]:
        return [i for i, b in enumerate(self.out) if isinstance(b, str) and not ends_sentence(b)]

    def fit(self, target: int, text: str) -> float:
        if not fits_after(self.out[target], text):
            return _NO_FIT
        return overlap(text, self.section_text[self.section_of[target]])


def _assign(body: _Body, tail: list[str], waiting: list[int]) -> list[int] | None:
    """Order-keeping assignment of tail blocks to waiting paragraphs (best total fit)."""
    n, m = len(tail), len(waiting)
    if n == 0 or n > m:
        return None
    last = waiting[m - n:]
    if all(fits_after(body.out[w], t) for w, t in zip(last, tail)):
        return last
    fit = [[body.fit(w, t) for w in waiting] for t in tail]
    # best[i][j]: best score placing tail[i:] on waiting[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        best[i][m] = float("-inf")
        for j in range(m - 1, -1, -1):
            take = fit[i][j] + best[i + 1][j + 1] if fit[i][j] > _NO_FIT else float("-inf")
            best[i][j] = max(take, best[i][j + 1])
    if best[0][0] == float("-inf"):
        return None
    chosen, j = [], 0
    for i in range(n):
        while fit[i][j] <= _NO_FIT or fit[i][j] + best[i + 1][j + 1] < best[i][j]:
            j += 1
        chosen.append(waiting[j])
        j += 1
    return chosen


def join_body(blocks: list, article: ParsedArticle) -> list:
    """Body strings and subheads with cut paragraphs joined back."""
    lines = [getattr(b, "line", None) for b in blocks if isinstance(b, Subhead) or b.text.strip()]
    blocks = [Subhead(b.text) if isinstance(b, Subhead) else b.text.strip() for b in blocks]
    blocks = [b for b in blocks if isinstance(b, Subhead) or b]
    head, tail = _split_tail(blocks)
    body = _Body(article)
    for block, line in zip(head, lines):
        body.add(block, line)
    targets = _assign(body, tail, body.waiting())
    for k, text in enumerate(tail):
        if targets is None:
            body.add(text)
        else:
            body.join(targets[k], text)
    for block in body.out:
        if isinstance(block, str) and not ends_sentence(block):
            article.warn(
                PARAGRAPH_ENDS_MID_SENTENCE,
                "A paragraph stops mid-sentence and no continuation was found.",
                excerpt(block[-30:]),
            )
    return _drop_jump_lines(body.out, article)


def _drop_jump_lines(out: list, article: ParsedArticle) -> list:
    """Take `(下转第N版)` off the end of paragraphs; the notes keep it.

    A jump line ends with a bracket, so the joining above already treated
    the paragraph before it as finished, even when its words stop mid-sentence.
    """
    kept = []
    for block in out:
        found = JUMP_OUT_RE.search(block) if isinstance(block, str) else None
        if found:
            article.notes.append(f"story continues elsewhere: {found.group(0).strip()}")
            block = block[:found.start()].rstrip()
        if block:
            kept.append(block)
    return kept
