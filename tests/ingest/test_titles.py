"""Title lines: kicker (引题), headline, subheadline, and titles printed late."""
import pytest

from archive.ingest.titles import assign_roles, is_title_like
from ingest_helpers import codes, only, parse

BODY = "本报讯(记者 高明远)3月5日,洛河湾街道召开春季植树动员会,辖区干部群众200余人参加。"
MORE = "活动现场,志愿者们分组挖坑、扶苗、培土、浇水,一棵棵树苗在河堤两侧扎下了根。"


@pytest.mark.parametrize("kicker, headline", [
    ("贯彻落实区委三届五次全会精神", "奋力开创城乡融合发展新局面"),
    ("学习贯彻省第十一次党代会精神", "凝心聚力推动老城区有机更新"),
    ("春风十里又逢春……", "洛河湾街道掀起植树热"),
])
def test_background_line_above_headline_is_kicker(kicker, headline):
    item = only(kicker, headline, BODY, MORE)
    assert (item.kicker, item.headline, item.subheadline) == (kicker, headline, None)


@pytest.mark.parametrize("headline, sub", [
    ("洛河湾举办春季植树节", "机关干部、退休教师、小学生齐上阵"),
    ("新城区启动老旧小区改造", "今年计划改造小区46个 惠及居民1.2万户"),
])
def test_second_title_line_stating_detail_is_subheadline(headline, sub):
    item = only(headline, sub, BODY)
    assert (item.kicker, item.headline, item.subheadline) == (None, headline, sub)


def test_three_title_lines_are_kicker_headline_subheadline():
    item = only("抓项目 优环境 促发展", "北湖区重点项目集中开工", "总投资186亿元", BODY)
    assert item.kicker == "抓项目 优环境 促发展"
    assert item.headline == "北湖区重点项目集中开工"
    assert item.subheadline == "总投资186亿元"


def test_slogan_of_short_phrases_above_headline_is_kicker():
    item = only("凝心聚力 开拓创新 担当作为 砥砺前行", "绘就高质量发展新画卷", BODY)
    assert item.kicker == "凝心聚力 开拓创新 担当作为 砥砺前行"
    assert item.headline == "绘就高质量发展新画卷"


@pytest.mark.parametrize("line", [
    "洛河湾举办春季植树节 共建绿色家园",
    "北湖区 召开安全生产工作会议",
])
def test_headline_printed_on_two_lines_keeps_one_space(line):
    item = only(line.replace(" ", "   "), BODY)
    assert item.headline == line
    assert item.kicker is None and item.subheadline is None


def test_place_with_fullwidth_colon_before_headline_is_kicker():
    item = only("高新区： 聚焦主导产业 打造创新高地", BODY)
    assert item.kicker == "高新区："
    assert item.headline == "聚焦主导产业 打造创新高地"


def test_place_with_fullwidth_colon_on_its_own_line_is_kicker():
    item = only("金梁区：", "加快三条主干道建设 打通城市发展动脉", BODY)
    assert item.kicker == "金梁区："
    assert item.headline == "加快三条主干道建设 打通城市发展动脉"


def test_place_followed_only_by_space_stays_in_headline():
    item = only("北湖区 召开安全生产工作会议", BODY)
    assert item.kicker is None
    assert item.headline == "北湖区 召开安全生产工作会议"


def test_bare_place_name_above_headline_is_kicker():
    item = only("洛河湾街道", "“小网格”撬动基层“大治理”", BODY)
    assert item.kicker == "洛河湾街道"


def test_title_printed_after_its_story_is_matched_by_content():
    items = parse(
        "城南区召开文旅发展大会",
        "本报讯(记者 高明远)记者从3月5日召开的城南区文旅发展大会上获悉,城南区今年将推出夜游项目12个。",
        "会上,城南区发布了文旅消费券和研学线路,推动文旅融合发展。",
        "本报讯(记者 薛冬梅 通讯员 祁文博)3月6日,东河区召开春季防汛准备工作会议,部署河道清淤和泵站检修。",
        "会议要求,各街道要在汛前完成隐患排查,防汛物资储备要落实到位。",
        "东河区部署春季防汛准备",
        "河道清淤 泵站检修 汛前完成",
        "青山县开通首条乡村公交环线",
        "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通,沿线12个行政村群众出行更方便。",
    )
    assert [a.headline for a in items] == [
        "城南区召开文旅发展大会", "东河区部署春季防汛准备", "青山县开通首条乡村公交环线"]
    assert items[1].subheadline == "河道清淤 泵站检修 汛前完成"
    assert "title_matched_by_content" in codes(items[1])
    assert items[2].subheadline is None and items[2].kicker is None


def test_late_title_at_page_end_is_matched_to_untitled_story():
    items = parse(
        "西湖社区举办邻里节",
        "本报讯(记者 邵雨晴)3月2日,西湖社区举办邻里节,居民们包饺子、写春联,其乐融融。",
        "本报讯(记者 邵雨晴 通讯员 管志强)日前,北郊水厂二期扩建工程通过验收,日供水能力提高到20万吨。",
        "据介绍,扩建工程投用后,北郊片区30余万居民的用水将更加稳定。",
        "北郊水厂二期扩建工程通过验收",
    )
    assert [a.headline for a in items] == ["西湖社区举办邻里节", "北郊水厂二期扩建工程通过验收"]
    assert "title_matched_by_content" in codes(items[1])


def test_sentences_are_not_title_lines():
    assert not is_title_like("会议要求,各街道要在汛前完成隐患排查。")
    assert is_title_like("东河区部署春季防汛准备")
    assert assign_roles([]) == (None, None, None)


def test_headline_with_comma_after_a_finished_story_starts_the_next_story():
    items = parse(
        "城南区启动春季义诊",
        "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动。",
        "巧手剪窗花,欢喜迎新春",
        "本报讯(记者 柏云舟)2月1日,北湖社区举办剪纸活动。",
    )
    assert [a.headline for a in items] == ["城南区启动春季义诊", "巧手剪窗花,欢喜迎新春"]
    assert items[0].body == ["3月8日,城南区启动春季义诊活动。"]


@pytest.mark.parametrize("headline", ["春天,你好！", "老房子如何焕新颜？"])
def test_headline_ending_in_exclamation_or_question_mark(headline):
    item = only(headline, BODY)
    assert item.headline == headline
    assert item.body == [BODY.split(")", 1)[1]]


def test_text_running_on_from_another_page_does_not_take_titles():
    items = parse(
        "(上接第一版)城南区将继续深化文旅融合,推出夜游项目12个,打造城市消费新场景。",
        "城南区夜游项目 城南区文旅融合",
        "北湖区启动春季义诊",
        "本报讯(记者 邵雨晴)3月8日,北湖区启动春季义诊活动。",
    )
    assert items[0].headline is None and items[0].body[0].startswith("(上接第一版)")
    assert "title_matched_by_content" not in [w.code for a in items for w in a.warnings]
    assert items[-1].dateline == "本报讯" and items[-1].headline is not None


@pytest.mark.parametrize("printed, kicker, headline", [
    ("新城区：推动老城焕新 留住城市记忆", "新城区：", "推动老城焕新 留住城市记忆"),
    ("航空港区：  打造枢纽经济新高地", "航空港区：", "打造枢纽经济新高地"),
])
def test_colon_kicker_on_a_story_in_the_middle_of_the_page(printed, kicker, headline):
    items = parse("城南区启动春季义诊", "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动。", printed, BODY)
    assert (items[1].kicker, items[1].headline) == (kicker, headline)
    assert items[0].kicker is None


def test_headline_starting_with_a_background_word_is_not_a_kicker():
    item = only("学习雷锋好榜样", "北湖区5000名志愿者走上街头", BODY)
    assert (item.kicker, item.headline, item.subheadline) == (None, "学习雷锋好榜样", "北湖区5000名志愿者走上街头")


def test_anniversary_line_above_headline_is_kicker():
    item = only("庆祝北湖区建区三十周年", "一座新城的成长答卷", BODY)
    assert (item.kicker, item.headline) == ("庆祝北湖区建区三十周年", "一座新城的成长答卷")


def test_titles_of_two_untitled_stories_printed_together_go_each_to_its_own():
    items = parse(
        "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。", "环线全长46公里,途经12个行政村。",
        "本报讯(记者 邵雨晴)3月8日,北湖区启动春季义诊活动。", "义诊持续一周。",
        "北湖区启动春季义诊", "青山县开通首条乡村公交环线",
    )
    assert [a.headline for a in items] == ["青山县开通首条乡村公交环线", "北湖区启动春季义诊"]


def test_title_printed_after_its_story_before_a_picture_is_the_story_title():
    items = parse(
        "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。", "环线全长46公里,途经12个行政村。",
        "青山县开通首条乡村公交环线",
        "\n\n3月6日,北湖区农民在田间操作播种机播种春玉米。", "本报记者 车明哲 摄",
    )
    assert items[0].headline == "青山县开通首条乡村公交环线" and not any(isinstance(b, dict) for b in items[0].body)
    assert items[0].body[-1] == "环线全长46公里,途经12个行政村。"
    assert items[1].kind == "photo"
