"""decode_page_bytes: UTF-8 with or without BOM, GB18030, clear errors."""
import pytest

from archive.ingest import ParseError, decode_page_bytes

TEXT = "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊。"


def test_utf8():
    assert decode_page_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_with_bom():
    assert decode_page_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == (TEXT, "utf-8-sig")


def test_gb18030_fallback():
    assert decode_page_bytes(TEXT.encode("gb18030")) == (TEXT, "gb18030")


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02", b"abc\x00def", b"\xef\xbb\xbf\xff\xfe"])
def test_empty_or_binary_raises_parse_error(data):
    with pytest.raises(ParseError):
        decode_page_bytes(data)


def test_binary_without_nul_bytes_raises_parse_error():
    with pytest.raises(ParseError):
        decode_page_bytes(b"\x89PNG\r\n\x1a\n\x7fELF\x02\x01")
