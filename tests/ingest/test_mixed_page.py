"""A whole page written for the tests, mixing the phenomena of real pages."""
from pathlib import Path

from archive.ingest import parse_page

PAGE = (Path(__file__).with_name("mixed_page.txt")).read_text(encoding="utf-8")


def items():
    return parse_page(PAGE, source="mixed_page.txt").to_dict()["articles"]


def test_items_kinds_sections_and_titles():
    got = [(a["kind"], a["section"], a["kicker"], a["headline"], a["subheadline"]) for a in items()]
    assert got == [
        ("article", None, "巩义市：", "推动制造业“智改数转” 培育发展新动能", None),
        ("photo", None, None, None, None),
        ("article", "新郑·乡村振兴", None, "新郑市开展春季农技培训", "送技术下乡 助农民增收"),
        ("article", "新郑·乡村振兴", None, "新郑市15个重点项目集中签约", "总投资126亿元"),
        ("article", "新郑·乡村振兴", None, "中牟县启动“全民健身月”活动", None),
    ]


def test_bylines_with_padded_names_interns_and_last_line_byline():
    got = [[(c["name"], c["role"]) for c in a["bylines"]] for a in items()]
    assert got == [
        [("许诺", "reporter"), ("刘洋", "correspondent")],
        [("丁友明", "photographer")],
        [("张立", "reporter"), ("王思雨", "intern")],
        [("张立", "reporter")],
        [("王磊", "reporter")],
    ]


def test_pictures_and_joined_paragraph():
    first, photo = items()[:2]
    assert first["photo_by_byline"] and first["photos"] == [{"caption": None, "credit": None}]
    assert first["body"][1].endswith("数字化转型覆盖率达到80%。")
    assert photo["photos"] == [{"caption": "3月11日,游客在登封嵩阳书院观赏盛开的玉兰花。", "credit": "本报记者 丁友明 摄"}]


def test_late_title_is_flagged_for_the_editor():
    late = items()[3]
    assert [w["code"] for w in late["warnings"]] == ["title_matched_by_content"]
