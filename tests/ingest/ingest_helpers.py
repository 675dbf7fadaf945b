"""Helpers for the ingest tests: build small pages the way extraction prints them."""
from __future__ import annotations

from archive.ingest import ParsedArticle, parse_page


def page(*blocks: str, gap: int = 1) -> str:
    """Join printed blocks with ``gap`` blank lines, as the extracted text has them."""
    return ("\n" * (gap + 1)).join(blocks) + "\n"


def parse(*blocks: str, gap: int = 1) -> list[ParsedArticle]:
    return parse_page(page(*blocks, gap=gap)).articles


def only(*blocks: str, gap: int = 1) -> ParsedArticle:
    """Parse a page that must hold exactly one item and return it."""
    items = parse(*blocks, gap=gap)
    assert len(items) == 1, [a.headline for a in items]
    return items[0]


def codes(article: ParsedArticle) -> list[str]:
    return [w.code for w in article.warnings]


def credits(article: ParsedArticle) -> list[tuple[str, str]]:
    return [(c.name, c.role) for c in article.bylines]
