"""Chinese full-text search, pure Python (no Django): tokens for the index, the query language,
highlighting. Backends that store and query the tokens live in :mod:`archive.search.index`."""
from .highlight import highlight, hit_spans, snippet
from .query import Query, Term, Unit, parse_query
from .segment import cut, fingerprint, words_with_offsets
from .tokens import Token, fold, index_text, tokenize

__all__ = [
    "Query",
    "Term",
    "Token",
    "Unit",
    "cut",
    "fingerprint",
    "fold",
    "highlight",
    "hit_spans",
    "index_text",
    "parse_query",
    "snippet",
    "tokenize",
    "words_with_offsets",
]
