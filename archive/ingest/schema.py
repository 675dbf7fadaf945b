"""Dataclasses for a parsed page, serialisable to the SCHEMA.md JSON.

Contract: ``ParsedPage.to_dict()`` returns exactly the structure described in
``shared/corpus/SCHEMA.md`` (``{"source": ..., "articles": [...]}``); each
article additionally carries a ``warnings`` list, which scorers ignore.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

ROLES = ("reporter", "correspondent", "photographer", "intern")

# Stable warning codes (the UI translates them; never rename one).
JOINED_CUT_PARAGRAPH = "joined_cut_paragraph"
DROPPED_REPEATED_TEXT = "dropped_repeated_text"
TITLE_MATCHED_BY_CONTENT = "title_matched_by_content"
PARAGRAPH_ENDS_MID_SENTENCE = "paragraph_ends_mid_sentence"
PICTURE_PLACED_BY_LAYOUT = "picture_placed_by_layout"
SECTION_LABEL_GUESSED = "section_label_guessed"
STORY_WITHOUT_TITLE = "story_without_title"
TITLE_ROLES_GUESSED = "title_roles_guessed"
BYLINE_NAMES_GUESSED = "byline_names_guessed"
BYLINE_OWNER_GUESSED = "byline_owner_guessed"
WARNING_CODES = (JOINED_CUT_PARAGRAPH, DROPPED_REPEATED_TEXT,
                 TITLE_MATCHED_BY_CONTENT, PARAGRAPH_ENDS_MID_SENTENCE,
                 PICTURE_PLACED_BY_LAYOUT, SECTION_LABEL_GUESSED,
                 STORY_WITHOUT_TITLE, TITLE_ROLES_GUESSED, BYLINE_NAMES_GUESSED,
                 BYLINE_OWNER_GUESSED)


class ParseError(ValueError):
    """Raised for input that is not page text (binary, NUL bytes, empty bytes)."""


@dataclass
class ParseWarning:
    """Something an editor should check; ``code`` is stable, ``message`` is English."""

    code: str
    message: str
    detail: str = ""

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "detail": self.detail}


@dataclass
class Credit:
    """A credited person; ``role`` is one of ``ROLES``."""

    name: str
    role: str

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role}


@dataclass
class PhotoItem:
    """A picture: caption and credit as printed, either may be None."""

    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict:
        return {"caption": self.caption, "credit": self.credit}


@dataclass
class Subhead:
    """A 小标题 inside a long story; serialises as ``{"subhead": text}``."""

    text: str

    def to_dict(self) -> dict:
        return {"subhead": self.text}


BodyBlock = Union[str, Subhead]


@dataclass
class ParsedArticle:
    """One item of a page: a story (``kind="article"``) or a stand-alone photo."""

    kind: str = "article"
    section: str | None = None
    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    bylines: list[Credit] = field(default_factory=list)
    photo_by_byline: bool = False
    body: list[BodyBlock] = field(default_factory=list)
    photos: list[PhotoItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "section": self.section,
            "kicker": self.kicker,
            "headline": self.headline,
            "subheadline": self.subheadline,
            "dateline": self.dateline,
            "bylines": [c.to_dict() for c in self.bylines],
            "photo_by_byline": self.photo_by_byline,
            "body": [b.to_dict() if isinstance(b, Subhead) else b for b in self.body],
            "photos": [p.to_dict() for p in self.photos],
            "notes": list(self.notes),
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def add_credit(self, name: str, role: str) -> None:
        """Add a credit unless this person is already listed (any role)."""
        if any(c.name == name for c in self.bylines):
            return
        self.bylines.append(Credit(name, role))

    def warn(self, code: str, message: str, detail: str = "") -> None:
        self.warnings.append(ParseWarning(code, message, detail[:120]))


@dataclass
class ParsedPage:
    """The parse of one page: its source name and its items in reading order."""

    source: str | None = None
    articles: list[ParsedArticle] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"source": self.source, "articles": [a.to_dict() for a in self.articles]}
