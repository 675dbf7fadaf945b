"""Bylines in 本报讯 openings and printed as a story's last line."""
import pytest

from archive.ingest.bylines import parse_credits, split_opening
from archive.ingest import parse_page
from ingest_helpers import credits, only

TITLE = "城东区举办春季招聘会"
MORE = "招聘会上,42家企业提供了机械制造、电子商务、物流配送等岗位1300余个。"


def story(opening: str, *more: str):
    return only(TITLE, opening, *(more or (MORE,)))


def test_byline_with_several_correspondents_keeps_printed_order():
    item = story("本报讯(记者 高明远 通讯员 祁文博 邵雨晴 管志强 司马文静)3月5日,城东区举办招聘会。")
    assert credits(item) == [
        ("高明远", "reporter"), ("祁文博", "correspondent"), ("邵雨晴", "correspondent"),
        ("管志强", "correspondent"), ("司马文静", "correspondent")]
    assert item.body[0] == "3月5日,城东区举办招聘会。"
    assert item.dateline == "本报讯"


@pytest.mark.parametrize("opening, expected", [
    ("本报讯(记者 薛冬梅 通讯员祁文博)日前,城东区举办招聘会。",
     [("薛冬梅", "reporter"), ("祁文博", "correspondent")]),
    ("本报讯(记者薛冬梅 通讯员祁文博 管志强)日前,城东区举办招聘会。",
     [("薛冬梅", "reporter"), ("祁文博", "correspondent"), ("管志强", "correspondent")]),
])
def test_role_word_without_space_before_name(opening, expected):
    assert credits(story(opening)) == expected


@pytest.mark.parametrize("prefix", ["郑报全媒体记者", "本报记者", "郑报融媒记者", "记者"])
def test_outlet_prefix_before_reporter_role(prefix):
    item = story(f"本报讯({prefix} 常思源 通讯员 苗可欣)日前,城东区举办招聘会。")
    assert credits(item) == [("常思源", "reporter"), ("苗可欣", "correspondent")]


def test_intern_credit():
    item = story("本报讯(记者 常思源 实习生 苗可欣)日前,城东区举办招聘会。")
    assert credits(item) == [("常思源", "reporter"), ("苗可欣", "intern")]


@pytest.mark.parametrize("mark", ["文图", "文/图", "文／图"])
def test_text_and_picture_credit_sets_flag_and_photo(mark):
    item = story(f"本报讯(记者 柏云舟 通讯员 洪晓岚 {mark})日前,城东区举办招聘会(如图)。")
    assert credits(item) == [("柏云舟", "reporter"), ("洪晓岚", "correspondent")]
    assert item.photo_by_byline is True
    assert len(item.photos) == 1 and item.photos[0].caption is None


@pytest.mark.parametrize("brackets", ["()", "（）", "【】"])
def test_fullwidth_and_square_brackets(brackets):
    left, right = brackets
    item = story(f"本报讯{left}记者 柏云舟{right}日前,城东区举办招聘会。")
    assert credits(item) == [("柏云舟", "reporter")]
    assert item.body[0] == "日前,城东区举办招聘会。"


def test_padded_names_lose_their_spaces():
    item = story("本报讯(记者 武 桐 通讯员 欧阳 晓)日前,城东区举办招聘会。")
    assert credits(item) == [("武桐", "reporter"), ("欧阳晓", "correspondent")]


def test_byline_printed_as_last_line_of_dateline_story():
    item = only(
        "城东区召开河长制工作推进会",
        "本报讯 3月9日,城东区召开河长制工作推进会,通报一季度河湖巡查情况。",
        "会议要求,各级河长要落实巡河制度,发现问题及时交办、限时整改。",
        "记者 洪晓岚 通讯员 车明哲 文/图",
    )
    assert item.dateline == "本报讯"
    assert item.body[0].startswith("3月9日")
    assert credits(item) == [("洪晓岚", "reporter"), ("车明哲", "correspondent")]
    assert item.photo_by_byline and len(item.photos) == 1
    assert all("记者" not in p for p in item.body)


def test_last_line_byline_without_picture_mark_has_no_photo():
    item = only(
        "城东区召开河长制工作推进会",
        "本报讯 3月9日,城东区召开河长制工作推进会。",
        "记者 洪晓岚",
    )
    assert credits(item) == [("洪晓岚", "reporter")]
    assert item.photos == [] and not item.photo_by_byline


def test_opening_without_bracket_keeps_text():
    opening = split_opening("本报讯 3月9日,城东区召开会议。")
    assert opening.dateline == "本报讯" and opening.credits is None
    assert opening.rest == "3月9日,城东区召开会议。"


def test_sentence_is_not_a_byline():
    assert parse_credits("记者从会上获悉全区经济稳中向好") is None
    assert parse_credits("柏云舟 洪晓岚") is None  # names with no role word


def test_each_name_with_its_own_text_or_picture_mark():
    item = story("本报讯(记者 苗可欣/文 程远航/图)日前,城东区举办招聘会。")
    assert credits(item) == [("苗可欣", "reporter"), ("程远航", "photographer")]


def test_bracketed_byline_printed_as_last_line():
    item = only(
        "城东区召开河长制工作推进会",
        "本报讯 3月9日,城东区召开河长制工作推进会。",
        "(记者 洪晓岚 通讯员 车明哲)",
    )
    assert credits(item) == [("洪晓岚", "reporter"), ("车明哲", "correspondent")]
    assert item.body == ["3月9日,城东区召开河长制工作推进会。"]


def test_byline_under_the_title_of_a_feature_keeps_subheads_in_it():
    item = only(
        "一条老街的新生",
        "本报记者 柏云舟",
        "清晨七点,老街上的早点铺已经坐满了食客。",
        "留住烟火气",
        "改造中,街道保留了青石板路和老字号招牌。",
        "激活新业态",
        "如今,老街引入文创小店20余家,周末客流超过2万人次。",
    )
    assert credits(item) == [("柏云舟", "reporter")]
    assert [b.text for b in item.body if not isinstance(b, str)] == ["留住烟火气", "激活新业态"]


def test_decorative_mark_before_dateline():
    item = story("■本报讯(记者 柏云舟)日前,城东区举办招聘会。")
    assert item.dateline == "本报讯" and credits(item) == [("柏云舟", "reporter")]
    assert item.body[0] == "日前,城东区举办招聘会。"


def test_name_ending_in_wen_before_picture_mark_is_a_photographer():
    run = parse_credits("记者 李文 图")
    assert run.credits == [("李文", "photographer")] and not run.photo_by_byline
    assert parse_credits("记者 李文 文/图").credits == [("李文", "reporter")]


@pytest.mark.parametrize("line, expected", [
    ("□晚报记者 常思源 见习记者 管 悦", [("常思源", "reporter"), ("管悦", "reporter")]),
    ("首席记者 常思源 特约通讯员 苗可欣", [("常思源", "reporter"), ("苗可欣", "correspondent")]),
    ("文/常思源 图/苗可欣", [("常思源", "reporter"), ("苗可欣", "photographer")]),
    ("常思源/文 苗可欣/图", [("常思源", "reporter"), ("苗可欣", "photographer")]),
    ("■本报记者 欧阳晓 通讯员 邵雨晴 文/图", [("欧阳晓", "reporter"), ("邵雨晴", "correspondent")]),
])
def test_byline_line_under_the_title_with_marks_and_role_variants(line, expected):
    item = only(TITLE, line, MORE)
    assert credits(item) == expected
    assert item.headline == TITLE and item.subheadline is None


def test_byline_between_a_credited_story_and_the_next_title_goes_to_the_uncredited_next_story():
    items = parse_page("\n\n".join([
        TITLE, "本报讯(记者 高明远)3月5日,城东区举办春季招聘会。", MORE,
        "记者 邵雨晴 通讯员 李响",
        "北湖区启动春季义诊", "本报讯 3月8日,北湖区启动春季义诊活动。",
    ])).articles
    assert credits(items[0]) == [("高明远", "reporter")]
    assert credits(items[1]) == [("邵雨晴", "reporter"), ("李响", "correspondent")]
    assert "byline_owner_guessed" in [w.code for w in items[1].warnings]
