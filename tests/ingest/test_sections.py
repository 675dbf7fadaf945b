"""In-page section labels and page banners."""
import pytest

from archive.ingest.titles import is_banner, section_label
from ingest_helpers import parse

STORY_A = ("城南区启动春季义诊", "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动。")
STORY_B = ("北湖区新增口袋公园12个", "本报讯(记者 柏云舟)今年以来,北湖区新建口袋公园12个。")
STORY_C = ("东河区举办职工运动会", "本报讯(记者 薛冬梅)3月9日,东河区第五届职工运动会开幕。")


@pytest.mark.parametrize("printed, label", [
    ("北湖区·“周刊”", "北湖区·周刊"),
    ("城南·「新闻」", "城南·新闻"),
    ("高新区·\"视点\"", "高新区·视点"),
])
def test_section_label_applies_to_following_stories_with_quotes_dropped(printed, label):
    items = parse(*STORY_A, printed, *STORY_B, *STORY_C)
    assert [a.section for a in items] == [None, label, label]
    assert items[1].kicker is None and items[1].headline == STORY_B[0]


def test_banner_at_top_of_page_is_section_not_kicker():
    items = parse("奋进2026", "凝心聚力 开拓创新 担当作为", "绘就高质量发展新画卷", "本报讯(记者 柏云舟)3月1日,北湖区召开全区工作会议。")
    assert items[0].section == "奋进2026"
    assert items[0].kicker == "凝心聚力 开拓创新 担当作为"
    assert items[0].headline == "绘就高质量发展新画卷"


def test_label_shape_without_title_block_after_it_stays_a_headline():
    items = parse("北湖区·“周刊”", "本报讯(记者 柏云舟)今年以来,北湖区新建口袋公园12个。")
    assert items[0].section is None and items[0].headline == "北湖区·“周刊”"


def test_label_and_banner_shapes():
    assert section_label("北湖区·“周刊”") == "北湖区·周刊"
    assert section_label("北湖区新增口袋公园12个") is None
    assert is_banner("逐梦2030") and not is_banner("北湖区新增口袋公园12个")
    assert not is_banner("城南区")


def test_headline_starting_with_a_year_is_not_a_banner():
    items = parse("2026年春运今日启动", "预计发送旅客1.2亿人次", "本报讯(记者 柏云舟)今天,2026年春运正式启动。")
    assert items[0].section is None
    assert (items[0].headline, items[0].subheadline) == ("2026年春运今日启动", "预计发送旅客1.2亿人次")


BRIEFS = ("河东区开展春季消防安全检查", "本报讯(记者 柏云舟)3月10日,河东区开展春季消防安全大检查。",
          "西山县新开通两条城乡公交线路", "本报讯(记者 邵雨晴 通讯员 薛冬梅)3月11日,西山县新开通两条城乡公交线路。",
          "北湖区为千余名老人免费体检", "本报讯(记者 常思源)近日,北湖区为1200余名老年人免费体检。")


@pytest.mark.parametrize("label", ["简讯", "快讯", "新闻速递"])
def test_brief_column_label_is_the_section_of_the_briefs_under_it(label):
    items = parse(*STORY_A, "义诊持续一周,覆盖全区12个社区。", label, *BRIEFS)
    assert [a.section for a in items] == [None, label, label, label]
    assert [(a.kicker, a.headline, a.subheadline) for a in items[1:]] == [
        (None, BRIEFS[0], None), (None, BRIEFS[2], None), (None, BRIEFS[4], None)]


def test_brief_column_label_ends_with_the_column():
    items = parse("简讯", *BRIEFS[:4], "东河区举办职工运动会", "职工运动会设12个比赛项目",
                  "本报讯(记者 薛冬梅)3月9日,东河区第五届职工运动会开幕。", "运动会为期两天。")
    assert [a.section for a in items] == ["简讯", "简讯", None]


def test_short_line_over_a_single_story_is_its_kicker_not_a_column():
    items = parse("北湖区", "新增口袋公园12个", "本报讯(记者 柏云舟)今年以来,北湖区新建口袋公园12个。")
    assert items[0].section is None and items[0].kicker == "北湖区"


def test_title_printed_after_its_story_then_a_brief_column():
    items = parse(
        "本报讯(记者 高明远)3月12日起,东河区交警部门开展为期一个月的货车超载专项整治。",
        "整治期间,交警将在主要路口设置检查点。",
        "东河区货车超载专项整治启动",
        "简讯",
        *BRIEFS,
    )
    assert items[0].headline == "东河区货车超载专项整治启动" and items[0].section is None
    assert [a.section for a in items[1:]] == ["简讯"] * 3


def test_series_banner_over_a_two_line_title_block_is_the_section():
    items = parse(
        *STORY_A,
        "走基层看变化",
        "夜班公交司机的除夕\n他们把万家灯火送回家",
        "记者 柏云舟",
        "除夕夜,北湖区公交夜班线路照常运行。",
        gap=2,
    )
    story = items[-1]
    assert story.section == "走基层看变化" and story.kicker is None
    assert (story.headline, story.subheadline) == ("夜班公交司机的除夕", "他们把万家灯火送回家")


def test_kicker_alone_over_a_one_line_headline_stays_the_kicker():
    items = parse("春季植树节到来之际", "北湖区义务植树两万株", "本报讯(记者 柏云舟)3月12日,北湖区开展义务植树活动。")
    assert items[0].section is None and items[0].kicker == "春季植树节到来之际"


def test_briefs_without_dateline_each_start_a_story():
    items = parse("快讯", "河东区开展消防检查", "3月10日,河东区开展春季消防安全大检查。",
                  "西山县开通公交线路", "3月11日,西山县新开通两条城乡公交线路。")
    assert [(a.section, a.headline) for a in items] == [("快讯", "河东区开展消防检查"), ("快讯", "西山县开通公交线路")]
