"""The records segmenting builds: draft items, their paragraphs and 小标题, and orphan title runs.

``segment`` fills them line by line; ``parser`` finishes them into the
page's items (joining paragraphs, matching orphans to untitled stories).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import bylines
from .schema import ParsedArticle, Subhead


@dataclass
class Para:
    """A body paragraph with where it was printed.

    ``alone``: a short sentence set off by wide blank gaps above and below,
    as a picture's caption is printed (``parser`` decides once the whole
    story is known whether the story has a picture it can belong to).
    """

    text: str
    line: int
    gap: int = 0
    alone: bool = False


@dataclass
class Head(Subhead):
    """A 小标题 with the line it was printed on (the body keeps it as a ``Subhead``)."""

    line: int = -1
    gap: int = 0


@dataclass
class Draft:
    """An item being built."""

    article: ParsedArticle
    title_lines: list[str] = field(default_factory=list)
    body: list = field(default_factory=list)  # Para | Subhead
    closed: bool = False

    @property
    def untitled(self) -> bool:
        return not self.title_lines and self.article.kind == "article"


@dataclass
class Orphan:
    """A title run with no story after it; ``after`` = drafts printed before it."""

    lines: list[str]
    after: int


def add_run(article: ParsedArticle, run: bylines.CreditRun | None) -> None:
    """Add a byline's credits and flags to an article."""
    if run is None:
        return
    bylines.add_credits(article, run)
    if run.photo_by_byline:
        article.photo_by_byline = True
