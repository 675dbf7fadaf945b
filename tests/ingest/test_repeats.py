"""Text the extraction printed twice is kept once, where it first appears."""
from archive.ingest import parse_page
from ingest_helpers import codes, only

TITLE = "东河区全力推进春季造林"
OPEN = "本报讯(记者 薛冬梅)3月10日,记者从东河区林业局获悉,今年全区计划完成造林面积1.2万亩。"
LONG = ("据介绍,东河区将重点实施沿河生态廊道、环城绿带和村庄绿化三大工程,新植苗木以乡土树种为主,"
        "栽植后统一落实管护责任,确保栽一棵、活一棵、成林一片。")


def test_block_printed_twice_in_a_row_is_kept_once_without_a_warning():
    item = only(TITLE, OPEN, LONG, LONG, "目前,全区已完成造林4600亩。")
    assert item.body == [OPEN.split(")", 1)[1], LONG, "目前,全区已完成造林4600亩。"]
    assert "dropped_repeated_text" not in codes(item)


def test_block_printed_again_further_down_is_dropped_with_a_warning():
    item = only(TITLE, OPEN, LONG, "目前,全区已完成造林4600亩。", LONG)
    assert item.body == [OPEN.split(")", 1)[1], LONG, "目前,全区已完成造林4600亩。"]
    assert "dropped_repeated_text" in codes(item)


def test_span_copied_into_a_later_block_is_cut_at_the_seam():
    tail = "林业部门还将组织技术人员分片包干,深入各乡镇造林现场开展整地、栽植、浇水等环节的技术指导,确保苗木成活率达到95%以上。"
    item = only(TITLE, OPEN, "一是抓好苗木调运。" + tail, "二是抓好栽后管护。" + tail)
    assert item.body[-1] == "二是抓好栽后管护。"
    assert "dropped_repeated_text" in codes(item)


def test_short_quotation_repeated_by_the_story_is_kept():
    quote = "“绿水青山就是金山银山”"
    item = only(TITLE, OPEN, f"活动以{quote}为主题。", f"大家表示,要把{quote}的理念落到实处。")
    assert item.body[1:] == [f"活动以{quote}为主题。", f"大家表示,要把{quote}的理念落到实处。"]
    assert "dropped_repeated_text" not in codes(item)


def test_repeated_short_byline_lines_are_not_dropped():
    page = parse_page("\n\n".join([
        "东河区召开防汛会商会", "本报讯 3月9日,东河区召开防汛会商会。", "记者 薛冬梅",
        "东河区开展应急演练", "本报讯 3月10日,东河区开展防汛应急演练。", "记者 薛冬梅",
    ]))
    assert [[c.name for c in a.bylines] for a in page.articles] == [["薛冬梅"], ["薛冬梅"]]


def test_span_printed_twice_inside_one_block_is_kept_once():
    span = "东河区将重点实施沿河生态廊道、环城绿带和村庄绿化三大工程,新植苗木以乡土树种为主,栽植后统一落实管护责任。"
    item = only(TITLE, OPEN, "据介绍," + span + span + "目前已完成造林4600亩。")
    assert item.body[-1] == "据介绍," + span + "目前已完成造林4600亩。"
    assert "dropped_repeated_text" in codes(item)
