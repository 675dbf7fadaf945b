"""The article body as an editor types it: blank lines between paragraphs, ## subheads."""
from hypothesis import given
from hypothesis import strategies as st

from archive.admin.display import WARNING_ADVICE, WARNING_LABELS, body_to_text, text_to_body, warning_advice, warning_label
from archive.ingest.schema import WARNING_CODES

BODY = [
    {"type": "paragraph", "text": "2024年12月31日，上街区新时代文明实践中心喜气洋洋。"},
    {"type": "subhead", "text": "坚持一张蓝图绘到底"},
    {"type": "paragraph", "text": "抓实产业政策研学，把学习研究政策作为推动工作的关键法宝。"},
]


def test_body_becomes_text_with_blank_lines_and_subhead_marks():
    assert body_to_text(BODY) == (
        "2024年12月31日，上街区新时代文明实践中心喜气洋洋。\n\n## 坚持一张蓝图绘到底\n\n"
        "抓实产业政策研学，把学习研究政策作为推动工作的关键法宝。"
    )


def test_text_round_trips_to_the_same_blocks():
    assert text_to_body(body_to_text(BODY)) == BODY


def test_windows_line_breaks_extra_blank_lines_and_wrapped_lines_are_tidied():
    text = "演出在民乐合奏中拉开帷幕，\r\n男女生二重唱《相聚中华》。\r\n\r\n\r\n##  节目精彩\r\n观众掌声不断。\r\n"
    assert text_to_body(text) == [
        {"type": "paragraph", "text": "演出在民乐合奏中拉开帷幕，男女生二重唱《相聚中华》。"},
        {"type": "subhead", "text": "节目精彩"},
        {"type": "paragraph", "text": "观众掌声不断。"},
    ]


def test_empty_text_is_an_empty_body():
    assert text_to_body("  \n\n ") == [] and body_to_text([]) == ""


blocks = st.lists(
    st.fixed_dictionaries({
        "type": st.sampled_from(["paragraph", "subhead"]),
        "text": st.text(alphabet="郑州日报新年音乐会，。“”0123 abc", min_size=1).map(str.strip).filter(bool),
    }),
    max_size=6,
)


@given(blocks)
def test_any_body_without_line_breaks_round_trips(body):
    cleaned = [{"type": b["type"], "text": " ".join(b["text"].split())} for b in body]
    cleaned = [b for b in cleaned if not (b["type"] == "paragraph" and b["text"].startswith("##"))]
    assert text_to_body(body_to_text(cleaned)) == cleaned


def test_every_parser_warning_code_has_a_chinese_label_and_advice():
    assert warning_label("joined_cut_paragraph") == "已拼接被截断的段落"
    assert set(WARNING_LABELS) == set(WARNING_ADVICE) == set(WARNING_CODES)
    assert warning_label("new_code") == "new_code"
    assert warning_advice("new_code", "Something new.") == "Something new."
    assert "续文" in warning_advice("paragraph_ends_mid_sentence", "A paragraph stops mid-sentence.")
