"""繁简 folding: traditional characters index, query and highlight as simplified ones, offsets kept on the printed text."""
import re
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from archive import services
from archive.models import Article, Page
from archive.search.index import service
from archive.search.text import cut, fold, highlight, parse_query, segment, snippet, tokenize, words_with_offsets
from archive.search.text import t2s
from archive.search.text.highlight import _folded_with_offsets
from archive.search.text.tokens import index_fields

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "archive" / "sample_data").glob("*.txt"))
TO_TRADITIONAL = opencc.OpenCC("s2t")
# Characters from traditional copies of the sample pages, for generated text.
TRADITIONAL = sorted({ch for ch in TO_TRADITIONAL.convert(SAMPLES[0].read_text(encoding="utf-8")) if fold(ch) != ch})
MARKED = re.compile("<mark>(.*?)</mark>")
QUERIES = ["鄭東新區", "郑东新区", '"鄭東新區"']


def test_traditional_characters_fold_to_simplified_one_for_one():
    assert fold("鄭東新區管委會") == "郑东新区管委会"
    assert fold("ＡＢ鄭州") == "ab郑州"  # with NFKC and casefolding, as before


@given(st.text(alphabet=st.sampled_from(TRADITIONAL + list("郑州新区，。 0a")), max_size=80), st.data())
def test_folding_does_not_depend_on_the_neighbours(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert len(fold(text)) == len(text)
    assert fold(text)[start:end] == fold(text[start:end])


@given(st.text(alphabet=st.sampled_from(TRADITIONAL + list("郑州新区，。 0aAＡß㈱é\u0301ｶﾞ")), max_size=80))
def test_highlighting_folds_a_whole_text_as_it_folds_each_character(text):
    # The whole-text shortcut (NFKC text) must give what character-by-character folding gives, offsets included.
    folded, offsets = _folded_with_offsets(text)
    chars = [fold(ch) for ch in text]
    assert folded == "".join(chars)
    assert list(offsets) == [i for i, one in enumerate(chars) for _ in one]


def test_the_table_agrees_with_opencc_converting_each_character_alone():
    converter, mapping = opencc.OpenCC("t2s"), t2s.table().mapping
    ideographs = [chr(c) for low, high in t2s.IDEOGRAPHS for c in range(low, high + 1)]
    for ch in TRADITIONAL + ideographs[::40]:
        alone = converter.convert(ch)
        assert mapping.get(ch, ch) == (alone if alone not in mapping else mapping[alone]), ch


def test_folding_twice_changes_nothing():
    mapping = t2s.table().mapping
    assert mapping and all(fold(new) == new for new in mapping.values())


def test_opencc_changes_no_character_outside_the_ideograph_blocks():
    ideographs = {code for low, high in t2s.IDEOGRAPHS for code in range(low, high + 1)}
    others = [chr(c) for c in range(0x21, 0x30000) if c not in ideographs and not 0xD800 <= c < 0xE000 and c != 0x0A]
    assert opencc.OpenCC("t2s").convert("\n".join(others)).split("\n") == others


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_traditional_copy_of_a_sample_page_indexes_almost_as_the_page(path):
    """OpenCC's own s2t ↔ t2s round trip is not exact (瞭解 keeps 瞭: 瞭望 is simplified too); words nearly all are."""
    text = path.read_text(encoding="utf-8")
    traditional = TO_TRADITIONAL.convert(text)
    assert traditional != text and len(traditional) == len(text)
    words = [(w, s, e) for w, s, e in words_with_offsets(text) if len(w) > 1 and w.isalnum()]
    same = sum(fold(traditional[s:e]) == fold(w) for w, s, e in words)
    assert same >= 0.99 * len(words)
    simplified_tokens = index_fields(text)[0].split()
    traditional_tokens = index_fields(traditional)[0].split()
    assert len(traditional_tokens) == len(simplified_tokens)
    assert sum(a == b for a, b in zip(simplified_tokens, traditional_tokens)) >= 0.99 * len(simplified_tokens)


def test_tokens_of_traditional_text_are_simplified_and_point_at_the_printed_characters():
    text = "本報訊 鄭東新區龍子湖"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [t.text for t in tokenize("本报讯 郑东新区龙子湖")]
    assert [text[t.start : t.end] for t in tokens][:3] == ["本報", "報訊", "鄭東"]


def test_traditional_text_is_segmented_as_its_simplified_form_with_printed_words():
    text = "鄭東新區管城回族區經開區"
    assert [w for w, _, _ in words_with_offsets(text)] == ["鄭東新區", "管城回族區", "經開區"]
    assert [w for w, _, _ in words_with_offsets(text)] != cut(text)  # jieba alone splits the traditional text


def test_traditional_and_simplified_queries_parse_alike():
    for traditional, simplified in [("鄭東新區 防汛", "郑东新区 防汛"), ('"鄭東新區" -會議', '"郑东新区" -会议')]:
        assert parse_query(traditional) == parse_query(simplified)


def test_highlight_marks_the_printed_traditional_characters_for_a_simplified_query():
    needles = parse_query("郑东新区").highlight_texts
    assert highlight("<b>鄭東新區</b>發展", needles) == "&lt;b&gt;<mark>鄭東新區</mark>&lt;/b&gt;發展"
    html = snippet("開頭。" * 60 + "鄭東新區舉行防汛演練", needles, width=30)
    assert "<mark>鄭東新區</mark>" in html and "郑东新区" not in html


def test_highlight_marks_simplified_print_for_a_traditional_query():
    assert highlight("郑东新区发展", parse_query("鄭東新區").highlight_texts) == "<mark>郑东新区</mark>发展"


def test_the_fingerprint_follows_the_opencc_version(monkeypatch):
    before = segment.fingerprint()
    real = segment.metadata.version
    monkeypatch.setattr(segment.metadata, "version", lambda name: "0.0.0" if name == "opencc" else real(name))
    segment.fingerprint.cache_clear()
    try:
        assert segment.fingerprint() != before
    finally:
        segment.fingerprint.cache_clear()
    assert before.startswith(segment.TOKENIZER_VERSION)


def test_the_text_package_imports_without_django():
    code = (
        "import sys; sys.modules['django'] = None\n"
        "import archive.search.text as t\n"
        "assert t.fold('鄭東新區') == '郑东新区'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- through the database, the site and the API ---------------------------------------------


def site_ids(client, q: str) -> list[int]:
    """Every hit of the site's /search/ for ``q``, all pages walked."""
    ids, url = [], reverse("archive:search")
    response = client.get(url, {"q": q})
    while True:
        assert response.status_code == 200
        ids += [hit["article"].pk for hit in response.context["hits"]]
        if not response.context["next_url"]:
            return ids
        response = client.get(url + response.context["next_url"])


def api_rows(q: str) -> list[dict]:
    response = APIClient().get("/api/v1/articles/", {"q": q, "page_size": 100})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.django_db
def test_traditional_simplified_and_quoted_queries_find_the_same_stories(client, sample_pages):
    expected = {a.pk for a in Article.objects.published() if "郑东新区" in service.article_text(a)[0] + service.article_text(a)[1]}
    assert len(expected) > 3
    for q in QUERIES:
        assert set(site_ids(client, q)) == expected, q
        assert {row["id"] for row in api_rows(q)} == expected, q
    assert len({tuple(site_ids(client, q)) for q in QUERIES}) == 1  # and in the same order


@pytest.fixture
def traditional_story(sample_pages) -> Article:
    """A story an editor typed in traditional characters on the 2025-01-02 page."""
    return services.article_create(
        page=Page.objects.get(issue__date="2025-01-02", number=6),
        fields={
            "headline": "鄭東新區舉行城市防汛應急演練",
            "body": [{"type": "paragraph", "text": "本報訊 昨日，鄭東新區在龍子湖畔舉行防汛應急演練，檢驗排澇設備。"}],
        },
        bylines=[("張記者", "reporter")],
        publish=True,
    )


@pytest.mark.django_db
def test_a_story_printed_in_traditional_is_found_by_simplified_words_and_marked_as_printed(client, traditional_story):
    assert traditional_story.pk in site_ids(client, "郑东新区 防汛演练")
    row = next(r for r in api_rows("龙子湖 排涝") if r["id"] == traditional_story.pk)
    assert "<mark>龍子湖</mark>" in row["highlight"] and "<mark>排澇</mark>" in row["highlight"]
    html = client.get(reverse("archive:search"), {"q": "应急演练"}).content.decode()
    assert "<mark>應急演練</mark>" in html


@pytest.mark.django_db
def test_simplified_print_is_marked_for_a_traditional_query(sample_pages):
    marked = [m for row in api_rows("鄭東新區") for m in MARKED.findall(row["highlight"])]
    assert marked.count("郑东新区") > 3 and all(m in "郑东新区" for m in marked)  # a snippet's edge may cut a hit
