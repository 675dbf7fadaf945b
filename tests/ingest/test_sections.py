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
