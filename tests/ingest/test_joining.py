"""Paragraphs cut by column breaks are joined back; subheads in long stories."""
from archive.ingest import Subhead
from archive.ingest.joining import fits_after
from ingest_helpers import parse, codes, only

TITLE = "青山县一季度经济运行稳中有进"
OPEN = "本报讯(记者 高明远 通讯员 祁文博)记者从青山县统计局获悉,一季度全县经济运行稳中有进。"


def test_paragraph_cut_by_column_break_is_joined_without_a_warning():
    # Halves printed one right after the other: a plain column break, no guess.
    item = only(TITLE, OPEN, "一季度,全县规模以上工业增加值增长7.2%,固定资产", "投资增长5.1%,社会消费品零售总额增长6.3%。")
    assert item.body[1] == "一季度,全县规模以上工业增加值增长7.2%,固定资产投资增长5.1%,社会消费品零售总额增长6.3%。"
    assert "joined_cut_paragraph" not in codes(item)


def test_join_across_other_blocks_warns():
    item = parse(TITLE, OPEN, "一季度,全县规模以上工业增加值增长7.2%,固定资产",
                 "\n\n青山县工业园区一角,塔吊林立。\n本报记者 车明哲 摄",
                 "\n\n投资增长5.1%,社会消费品零售总额增长6.3%。")[0]
    assert item.body[1] == "一季度,全县规模以上工业增加值增长7.2%,固定资产投资增长5.1%,社会消费品零售总额增长6.3%。"
    assert "joined_cut_paragraph" in codes(item)


def test_paragraph_cut_twice_is_joined_into_one():
    item = only(TITLE, OPEN, "据介绍,青山县持续优化营商环境,新登记市场主体", "2300余户,同比增长12%;新签约项目18个,总投资", "96亿元。")
    assert item.body[1] == "据介绍,青山县持续优化营商环境,新登记市场主体2300余户,同比增长12%;新签约项目18个,总投资96亿元。"
    assert "joined_cut_paragraph" not in codes(item)


def test_cut_inside_a_word_across_a_wide_gap_is_joined():
    text = "\n".join([TITLE, "", OPEN, "", "下一步,青山县将继续抓好项目建设进", "", "", "", "度,确保全年目标任务圆满完成。", ""])
    from archive.ingest import parse_page
    item = parse_page(text).articles[0]
    assert item.body[-1] == "下一步,青山县将继续抓好项目建设进度,确保全年目标任务圆满完成。"


def test_picture_printed_between_the_two_halves_stands_alone_and_the_halves_join():
    items = parse(
        "深入实施城市更新 提升人居环境品质",
        "改造老旧小区是民生工程。今年计划改造小区46个,加装",
        "古渡口公园夜景,灯火璀璨\n程远航/图",
        "电梯120部,新建社区食堂8家。",
        "记者 苗可欣",
    )
    story, picture = items
    assert story.body == ["改造老旧小区是民生工程。今年计划改造小区46个,加装电梯120部,新建社区食堂8家。"]
    assert [(c.name, c.role) for c in story.bylines] == [("苗可欣", "reporter")]
    assert picture.kind == "photo"
    assert [(p.caption, p.credit) for p in picture.photos] == [("古渡口公园夜景,灯火璀璨", "程远航/图")]


def test_complete_paragraphs_are_not_joined():
    item = only(TITLE, OPEN, "一季度,全县工业增加值增长7.2%。", "“今年订单很足,我们正月初六就开工了。”企业负责人说。")
    assert len(item.body) == 3
    assert "joined_cut_paragraph" not in codes(item)


def test_paragraph_left_mid_sentence_is_reported():
    item = only(TITLE, OPEN, "下一步,青山县将围绕“三个一批”")
    assert item.body[-1] == "下一步,青山县将围绕“三个一批”"
    assert "paragraph_ends_mid_sentence" in codes(item)


def test_block_starting_with_a_word_piece_that_cannot_follow_is_not_joined():
    assert fits_after("抓好项目建设进", "度,确保完成")
    assert not fits_after("深化实施“人才+团队”", "局。全力争取")


def test_long_story_with_subheads_keeps_them_in_order():
    item = only(
        "奋力谱写高质量发展新篇章",
        "做强先进制造业",
        "今年,北湖区将聚焦装备制造、新材料两大主导产业,力争规上工业增加值增长8%。",
        "做优现代服务业",
        "加快建设商务中心区,推动金融、物流、会展等产业集聚发展。",
        "做实民生保障",
        "新建中小学5所,新增学位6000个,改造老旧小区30个。",
        "记者 柏云舟",
    )
    assert item.headline == "奋力谱写高质量发展新篇章"
    assert [b.text for b in item.body if isinstance(b, Subhead)] == ["做强先进制造业", "做优现代服务业", "做实民生保障"]
    assert isinstance(item.body[0], Subhead) and isinstance(item.body[1], str)
    assert item.to_dict()["body"][0] == {"subhead": "做强先进制造业"}


def test_ends_of_sections_printed_after_the_last_section_are_joined_in_order():
    item = only(
        "奋力谱写高质量发展新篇章",
        "做强先进制造业",
        "一是壮大主导产业。聚焦装备制造、新材料,推动龙头企业扩能",
        "做优现代服务业",
        "一是建设商务中心区。推动金融、物流、会展等产业",
        "做实民生保障",
        "一是办好教育。新建中小学5所,新增学位",
        "改造,力争规上工业增加值增长8%。",
        "集聚发展,打造区域服务中心。",
        "6000个,改造老旧小区30个。",
        "记者 柏云舟",
    )
    paras = [b for b in item.body if isinstance(b, str)]
    assert paras == [
        "一是壮大主导产业。聚焦装备制造、新材料,推动龙头企业扩能改造,力争规上工业增加值增长8%。",
        "一是建设商务中心区。推动金融、物流、会展等产业集聚发展,打造区域服务中心。",
        "一是办好教育。新建中小学5所,新增学位6000个,改造老旧小区30个。",
    ]


def test_captioned_picture_in_the_cut_of_a_paragraph_is_a_stand_alone_item():
    from archive.ingest import parse_page

    text = "\n\n".join([
        TITLE, OPEN,
        "今年,青山县将新建5G基站300个,推动工业互联网平台",
        "\n一季度,青山县电子信息产业园一期厂房完成主体施工。",
        "本报记者 车明哲 摄",
        "\n在规上企业全覆盖,助力制造业数字化转型。",
    ])
    story, picture = parse_page(text).articles
    assert story.body[-1] == "今年,青山县将新建5G基站300个,推动工业互联网平台在规上企业全覆盖,助力制造业数字化转型。"
    assert not story.photos and "车明哲" not in [c.name for c in story.bylines]
    assert picture.kind == "photo" and picture.photos[0].caption.startswith("一季度")
    assert [(c.name, c.role) for c in picture.bylines] == [("车明哲", "photographer")]


def test_short_continuation_that_finishes_a_cut_word_is_body_not_subhead():
    item = only(TITLE, OPEN, "下一步,青山县将继续加快重点项目建设进", "度管理", "确保全年目标任务圆满完成。")
    assert not any(isinstance(b, Subhead) for b in item.body)
    assert item.body[-1] == "下一步,青山县将继续加快重点项目建设进度管理确保全年目标任务圆满完成。"


def test_jump_line_ends_the_story_here_and_is_not_body():
    item = only(TITLE, OPEN, "下一步,青山县将继续抓好项目建设,强化要素(下转第3版)")
    assert item.body[-1] == "下一步,青山县将继续抓好项目建设,强化要素"
    assert "paragraph_ends_mid_sentence" not in codes(item)
    assert any("下转第3版" in note for note in item.notes)


def test_number_cut_from_its_measure_word_is_joined():
    item = only(TITLE, OPEN, "一季度,青山县共为企业办理退税11", "次,金额共计3200万元。")
    assert item.body[-1] == "一季度,青山县共为企业办理退税11次,金额共计3200万元。"


def test_jump_line_printed_on_its_own_line_ends_the_story():
    items = parse(TITLE, OPEN, "下一步,青山县将继续抓好项目建设,强化要素", "(下转第3版)",
                  "北湖区启动春季义诊", "本报讯(记者 邵雨晴)3月8日,北湖区启动春季义诊活动。")
    assert [a.headline for a in items] == [TITLE, "北湖区启动春季义诊"]
    assert items[0].body[-1] == "下一步,青山县将继续抓好项目建设,强化要素"
