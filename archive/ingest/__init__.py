"""Page-text parser for printed newspaper pages (pure Python, no Django).

``parse_page(text)`` turns the plain text extracted from one printed page into
the structure described in ``shared/corpus/SCHEMA.md``; see ``parser``.
"""
from .decoding import bom_encoding, decode_page_bytes
from .parser import parse_page
from .schema import (
    Credit,
    ParsedArticle,
    ParsedPage,
    ParseError,
    ParseWarning,
    PhotoItem,
    Subhead,
)

__all__ = [
    "parse_page",
    "ParseError",
    "ParsedPage",
    "ParsedArticle",
    "Credit",
    "PhotoItem",
    "Subhead",
    "ParseWarning",
    "bom_encoding",
    "decode_page_bytes",
]
