"""archive.importing: the checks the command and the admin share."""
import datetime as dt

import pytest

from archive.importing import (
    ImportInputError,
    PageSpec,
    decode_upload,
    encoding_note,
    load_page_file,
    parse_date,
    parse_page_number,
    read_manifest,
)


def test_read_manifest_resolves_files_next_to_the_manifest(sample_dir):
    specs = read_manifest(sample_dir / "manifest.json")
    assert all(isinstance(s, PageSpec) for s in specs) and len(specs) == 5
    first = specs[0]
    assert first.path == sample_dir / "003_e713b7ff9e0ddada.txt"
    assert (first.date, first.page_number, first.page_name, first.section_name) == (
        dt.date(2021, 7, 23), 8, "郑东新区·周报", "郑东新区·周报"
    )


def test_a_bad_manifest_entry_comes_back_in_its_place(tmp_path):
    path = tmp_path / "m.json"
    path.write_text('{"pages": [{"file": "a.txt", "date": "2025-13-01", "page": 1, "name": "要闻"},'
                    ' {"file": "b.txt", "date": "2025-01-03", "page": "2", "name": "区县新闻"}, "c.txt"]}',
                    encoding="utf-8")
    bad_date, good, not_object = read_manifest(path)
    assert isinstance(bad_date, ImportInputError) and "a.txt" in str(bad_date) and "2025-13-01" in str(bad_date)
    assert good.page_number == 2 and good.section_name is None
    assert isinstance(not_object, ImportInputError)


def test_missing_manifest_names_the_file(tmp_path):
    with pytest.raises(ImportInputError, match="nope.json"):
        read_manifest(tmp_path / "nope.json")


@pytest.mark.parametrize("value", ["2025-02-30", "2025/01/03", "昨天", "", None])
def test_parse_date_refuses_impossible_or_missing_dates(value):
    with pytest.raises(ImportInputError):
        parse_date(value)


@pytest.mark.parametrize(("value", "number"), [(3, 3), ("12", 12), (" 7 ", 7)])
def test_parse_page_number_accepts_positive_integers(value, number):
    assert parse_page_number(value) == number


@pytest.mark.parametrize("value", [0, -1, 2.5, "A1", "", None, True, "三"])
def test_parse_page_number_refuses_the_rest(value):
    with pytest.raises(ImportInputError):
        parse_page_number(value)


def test_gbk_bytes_are_decoded_and_noted(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("本报讯（记者 覃岩峰 通讯员 宁露）为提升学生健康素养".encode("gbk"))
    text, encoding = load_page_file(path)
    assert text.startswith("本报讯（记者 覃岩峰") and encoding == "gb18030"
    assert "GB18030" in encoding_note(encoding)
    assert encoding_note("utf-8") == ""


@pytest.mark.parametrize("data", [b"", b"  \n\t ", b"\x00\x01PK\x03\x04binary"])
def test_empty_blank_or_binary_uploads_are_refused_by_name(data):
    with pytest.raises(ImportInputError, match="page-6.txt"):
        decode_upload(data, name="page-6.txt")


def test_missing_page_file_is_named(tmp_path):
    with pytest.raises(ImportInputError, match="gone.txt"):
        load_page_file(tmp_path / "gone.txt")


def test_utf16_file_with_a_bom_is_decoded_and_noted(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("本报讯（记者 覃岩峰 通讯员 宁露）为提升学生健康素养".encode("utf-16"))
    text, encoding = load_page_file(path)
    assert text.startswith("本报讯（记者 覃岩峰") and encoding.startswith("utf-16")
    assert encoding.upper() in encoding_note(encoding) and "GBK" not in encoding_note(encoding)


def test_a_bom_the_bytes_do_not_match_is_refused_naming_file_and_encoding():
    with pytest.raises(ImportInputError, match="page-6.txt.*UTF-32-LE") as refused:
        decode_upload(b"\xff\xfe\x00\x00\xff\xff\xff\xff", name="page-6.txt")
    assert "二进制" not in str(refused.value)
