"""The pure-Python half of search: tokens, the query language, highlighting (no database)."""
import unicodedata
from pathlib import Path

import jieba
import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.search.text import fingerprint, highlight, index_text, parse_query, snippet, tokenize
from archive.search.text import segment
from archive.search.text.tokens import fold, index_fields, runs

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "archive" / "sample_data").glob("*.txt"))

HOSTILE_QUERIES = [
    '"', '""', '"郑州', '郑州"', '"郑东新区" "', "AND", "OR", "NOT", "郑州 AND 新区", "郑州 OR", "NOT 新区",
    "NEAR(郑州 新区)", "NEAR(郑州 新区, 2)", "郑*", "*", "(郑州", "郑州)", "()", "-", "--", "-郑州", "- -",
    "郑州\x00新区", "\x00", "title:郑州", "{title}: 郑州", "^郑州", "郑州 + 新区", "'; DROP TABLE archive_article; --",
    "\\", "%", "_", "郑州%", "  ", "\u200b", "🙂🙂", "郑" * 3000, "郑州 " * 1000, "ｊｉｅｂａ ＡＮＤ", "新区:*", "a & !b | c <-> d",
]


def test_a_cjk_run_becomes_bigrams_and_its_characters_are_kept_once_each():
    assert index_text("郑东新区") == "郑东 东新 新区"
    assert index_fields("区区郑东新区") == ("区区 区郑 郑东 东新 新区", "东 区 新 郑")


def test_full_width_letters_and_digits_fold_to_ascii_words():
    assert index_fields("ＧＤＰ增长２０３５年") == ("gdp 增长 20 03 35", "0 2 3 5 增 年 长")


def test_tokens_carry_offsets_into_the_original_text():
    text = "记者 ＡＢ郑州，新区，5号"
    for token in tokenize(text):
        assert token.text in index_text(text[token.start : token.end]).split() + list(fold(text[token.start]))


def test_punctuation_separates_runs():
    assert [(r.kind, r.text) for r in runs("郑州，新区！5G")] == [("cjk", "郑州"), ("cjk", "新区"), ("digits", "5"), ("word", "g")]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_rjieba_gives_jiebas_words_on_the_sample_pages(path):
    text = path.read_text(encoding="utf-8")
    import rjieba

    assert list(rjieba.cut(text, False)) == list(jieba.cut(text, HMM=False))


def test_user_dictionary_keeps_local_names_whole():
    assert segment.cut("郑东新区管城回族区经开区") == ["郑东新区", "管城回族区", "经开区"]


def test_query_words_must_all_match_and_jieba_splits_run_on_text():
    query = parse_query("郑东新区建设 防汛")
    assert [t.text for t in query.terms] == ["郑东新区", "建设", "防汛"]


def test_one_character_words_join_a_neighbour_instead_of_matching_everywhere():
    assert [t.text for t in parse_query("郑州的发展").terms] == ["郑州的", "发展"]


def test_quoted_phrase_is_one_term_and_minus_excludes():
    query = parse_query('"二七 纪念塔" -地铁 交通')
    assert [t.text for t in query.terms] == ["二七纪念塔", "交通"]
    assert [t.text for t in query.excluded] == ["地铁"]


def test_one_character_query_is_kept():
    assert [t.text for t in parse_query("区").terms] == ["区"]


def test_operators_are_searched_as_words_not_syntax():
    assert [t.text for t in parse_query("郑州 AND 新区").terms] == ["郑州", "and", "新区"]


def test_only_exclusions_or_punctuation_is_an_empty_query():
    assert not parse_query("-郑州")
    assert not parse_query('"" () * -')


@pytest.mark.parametrize("raw", HOSTILE_QUERIES)
def test_hostile_queries_parse_without_error(raw):
    query = parse_query(raw)
    assert len(query.terms) <= 16
    for term in query.terms + query.excluded:
        assert term.units and all(u.text and '"' not in u.text and "\x00" not in u.text for u in term.units)


@given(st.text(max_size=300))
def test_any_text_parses_and_highlights(raw):
    query = parse_query(raw)
    html = highlight(raw, query.highlight_texts)
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")


def test_highlight_marks_hits_in_the_original_text_and_escapes_the_rest():
    html = highlight("<b>郑东新区</b>的ＧＤＰ", ["新区", "gdp"])
    assert html == "&lt;b&gt;郑东<mark>新区</mark>&lt;/b&gt;的<mark>ＧＤＰ</mark>"


def test_overlapping_hits_merge_into_one_mark():
    assert highlight("郑东新区", ["郑东新", "新区"]) == "<mark>郑东新区</mark>"


def test_snippet_is_cut_around_the_first_hit():
    text = "开头。" * 100 + "郑东新区召开防汛会商会议" + "结尾。" * 100
    html = snippet(text, ["防汛"], width=40)
    assert html.startswith("…") and html.endswith("…") and "<mark>防汛</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) == 42


def test_fingerprint_changes_with_the_user_dictionary(tmp_path, monkeypatch):
    before = fingerprint()
    changed = tmp_path / "userdict.txt"
    changed.write_text(segment.USERDICT.read_text(encoding="utf-8") + "龙湖金融岛外环 10 ns\n", encoding="utf-8")
    monkeypatch.setattr(segment, "USERDICT", changed)
    segment.fingerprint.cache_clear()
    try:
        assert segment.fingerprint() != before
    finally:
        segment.fingerprint.cache_clear()
    assert before.startswith(segment.TOKENIZER_VERSION) and unicodedata.unidata_version
