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


@pytest.mark.parametrize(
    ("codec", "bom", "encoding"),
    [
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_a_bom_are_decoded(codec, bom, encoding):
    assert decode_page_bytes(bom + TEXT.encode(codec)) == (TEXT, encoding)


@pytest.mark.parametrize(
    ("data", "named"),
    [(b"\xff\xfe\x00\xd8", "UTF-16-LE"), (b"\x00\x00\xfe\xff\x00\x11\x00\x00", "UTF-32-BE")],
)
def test_a_bom_the_bytes_do_not_match_is_refused_naming_the_encoding(data, named):
    with pytest.raises(ParseError, match=named):
        decode_page_bytes(data)


def test_utf16_holding_control_characters_is_still_binary():
    with pytest.raises(ParseError, match="binary"):
        decode_page_bytes(b"\xff\xfe" + "本报讯\x01\x02".encode("utf-16-le"))
