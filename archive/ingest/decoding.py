"""Bytes of a page file → text.

Contract: ``decode_page_bytes(data)`` returns ``(text, encoding)`` where
encoding is ``"utf-8"``, ``"utf-8-sig"`` (a BOM was present), ``"gb18030"``,
or for a file that starts with a UTF-16/UTF-32 byte order mark
``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"`` or ``"utf-32-be"``; it
raises ``ParseError`` for empty or binary input (NUL bytes, or bytes that are
neither UTF-8 nor GB18030) and for a file whose BOM promises an encoding its
bytes do not hold (the message names that encoding).
"""
from __future__ import annotations

import codecs
import re

from .schema import ParseError

# C0 control characters other than tab and line breaks mark binary data.
_BINARY_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")

# UTF-32 first: its little-endian BOM starts with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a UTF-16/UTF-32 byte order mark at the start of ``data`` announces, else None."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def decode_page_bytes(data: bytes) -> tuple[str, str]:
    """Decode a page file's bytes: UTF-16/32 with a BOM, UTF-8 (with or without BOM), else GB18030."""
    text, encoding = _decode(data)
    if _BINARY_RE.search(text):
        raise ParseError("the file holds control bytes: it is binary, not page text")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if not isinstance(data, (bytes, bytearray)):
        raise ParseError(f"expected bytes, not {type(data).__name__}")
    if not data:
        raise ParseError("the file is empty")
    wide = bom_encoding(data)
    if wide is not None:
        # Wide encodings are full of NUL bytes, so they are read before the binary check.
        return _decode_wide(bytes(data), wide), wide
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


def _decode_wide(data: bytes, encoding: str) -> str:
    bom = next(bom for bom, name in _WIDE_BOMS if name == encoding)
    try:
        return data[len(bom):].decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(f"the file starts with a {encoding.upper()} BOM but is not {encoding.upper()} text: {exc}") from exc
