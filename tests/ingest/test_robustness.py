"""Any text gives a result; only non-text raises, and then ParseError."""
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest import ParseError, ParsedPage, parse_page
from archive.ingest.schema import ROLES, WARNING_CODES

PIECES = ["本报讯", "(记者 ", "通讯员", "实习生", " 摄", "文/图", "文图", "/图", "（", "）", "【", "】",
          "。", "，", ",", "：", "…", "“", "”", "·", "\n", "\n\n", "\n\n\n", " ", "王强", "李 娜",
          "北湖区", "深化", "工程", "如图", "2025", "一是", "。”", "本报记者 张三 摄"]


def test_empty_text_gives_no_articles():
    page = parse_page("")
    assert isinstance(page, ParsedPage) and page.articles == []
    assert page.to_dict() == {"source": None, "articles": []}


def test_whitespace_only_gives_no_articles():
    assert parse_page(" \n\u3000\n\t\n").articles == []


def test_one_line_gives_one_item():
    page = parse_page("北湖区新增口袋公园12个", source="x.txt")
    assert page.source == "x.txt"
    assert [a.headline for a in page.articles] == ["北湖区新增口袋公园12个"]


def test_page_without_dateline_is_parsed():
    page = parse_page("东河区举办职工运动会\n\n3月9日,东河区第五届职工运动会开幕,2000余名职工参加。\n")
    assert page.articles[0].dateline is None
    assert page.articles[0].body == ["3月9日,东河区第五届职工运动会开幕,2000余名职工参加。"]


def test_nul_bytes_raise_parse_error():
    with pytest.raises(ParseError):
        parse_page("本报讯\x00记者")
    assert issubclass(ParseError, ValueError)


def test_non_text_raises_parse_error():
    with pytest.raises(ParseError):
        parse_page(b"bytes")  # type: ignore[arg-type]


def test_megabyte_of_noise_is_parsed_quickly():
    import random

    rng = random.Random(7)
    alphabet = "本报讯记者通讯员的一是了在,。“”\n 王李张北湖区2025"
    noise = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    start = time.perf_counter()
    page = parse_page(noise)
    assert isinstance(page, ParsedPage)
    assert time.perf_counter() - start < 30


def test_crlf_and_bom_are_tolerated():
    page = parse_page("\ufeff城南区启动春季义诊\r\n\r\n本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊。\r\n")
    assert page.articles[0].headline == "城南区启动春季义诊"


def _check(text: str) -> None:
    try:
        page = parse_page(text)
    except ParseError:
        return
    data = page.to_dict()
    assert set(data) == {"source", "articles"}
    for item in data["articles"]:
        assert item["kind"] in ("article", "photo")
        assert all(c["role"] in ROLES for c in item["bylines"])
        assert all(w["code"] in WARNING_CODES for w in item["warnings"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_unicode_never_raises_other_errors(text):
    _check(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_random_mixes_of_role_words_and_punctuation_never_raise(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_text_with_control_characters_raises_only_parse_error(text):
    _check(text)


_PAGE_LINES = [x for x in Path(__file__).with_name("mixed_page.txt").read_text(encoding="utf-8").split("\n") if x]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PAGE_LINES), st.integers(0, 40), st.integers(0, 3)), max_size=40))
def test_shuffled_and_cut_lines_of_a_real_style_page_never_raise(parts):
    # Real-looking lines in any order, some cut at any point, with 0-3 blank
    # lines between: the worst a column extraction can do.
    _check("".join(line[cut:] + "\n" * (gap + 1) for line, cut, gap in parts))


def test_thousands_of_untitled_stories_and_late_titles_stay_fast():
    parts = []
    for n in range(2000):
        parts += [f"本报讯 第{n}号消息,城南区举办活动{n}次。", f"城南区举办活动{n}次",
                  f"北湖区启动项目{n}个", f"本报讯 北湖区启动项目{n}个,总投资{n}亿元。"]
    start = time.perf_counter()
    page = parse_page("\n\n".join(parts))
    assert len(page.articles) == 4000
    assert time.perf_counter() - start < 20
