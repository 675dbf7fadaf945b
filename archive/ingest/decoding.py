"""Bytes of a page file → text.

Contract: ``decode_page_bytes(data)`` returns ``(text, encoding)`` where
encoding is ``"utf-8"``, ``"utf-8-sig"`` (a BOM was present) or ``"gb18030"``;
it raises ``ParseError`` for empty or binary input (NUL bytes, or bytes that
are neither UTF-8 nor GB18030).
"""
from __future__ import annotations

import codecs
import re

from .schema import ParseError

# C0 control characters other than tab and line breaks mark binary data.
_BINARY_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode_page_bytes(data: bytes) -> tuple[str, str]:
    """Decode a page file's bytes: UTF-8 (with or without BOM), else GB18030."""
    text, encoding = _decode(data)
    if _BINARY_RE.search(text):
        raise ParseError("the file holds control bytes: it is binary, not page text")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if not isinstance(data, (bytes, bytearray)):
        raise ParseError(f"expected bytes, not {type(data).__name__}")
    if not data:
        raise ParseError("the file is empty")
    if b"\x00" in data:
        raise ParseError("the file holds NUL bytes: it is binary, not page text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return bytes(data[len(codecs.BOM_UTF8):]).decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ParseError(f"the file starts with a UTF-8 BOM but is not UTF-8: {exc}") from exc
    try:
        return bytes(data).decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return bytes(data).decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ParseError(f"the file is neither UTF-8 nor GB18030 text: {exc}") from exc
