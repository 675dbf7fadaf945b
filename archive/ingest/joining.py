"""Join paragraphs cut by a column or page break (SCHEMA rule 2).

Contract: ``join_body(blocks, article)`` returns the final body list: each
paragraph that stops mid-sentence is joined, with nothing in between, to the
next paragraph of the same section of the story (a subhead ends a section).
Every join leaves a ``joined_cut_paragraph`` warning; a paragraph still cut
at the end leaves ``paragraph_ends_mid_sentence``.
"""
from __future__ import annotations

from .schema import ParsedArticle, Subhead
from .text import ends_sentence, excerpt


def join_body(blocks: list, article: ParsedArticle) -> list:
    """Body strings and subheads with cut paragraphs joined back."""
    out: list = []
    open_cut = False  # the last paragraph in ``out`` stops mid-sentence
    for block in blocks:
        if isinstance(block, Subhead):
            out.append(block)
            open_cut = False
            continue
        text = block.text.strip()
        if not text:
            continue
        if open_cut and out and isinstance(out[-1], str):
            article.warn(
                "joined_cut_paragraph",
                "A paragraph cut by a column break was joined to its continuation.",
                excerpt(out[-1][-12:] + "|" + text[:12]),
            )
            out[-1] = out[-1] + text
        else:
            out.append(text)
        open_cut = not ends_sentence(out[-1])
    for block in out:
        if isinstance(block, str) and not ends_sentence(block):
            article.warn(
                "paragraph_ends_mid_sentence",
                "A paragraph stops mid-sentence and no continuation was found.",
                excerpt(block[-30:]),
            )
    return out
