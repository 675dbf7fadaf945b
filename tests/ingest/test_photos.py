"""Pictures: stand-alone photo items, inline credits, captions inside stories."""
import pytest
from archive.ingest import Subhead

from ingest_helpers import credits, parse

STORY = ("青山县开通首条乡村公交环线",
         "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。",
         "环线全长46公里,途经12个行政村,每天发车30班次。")
NEXT = ("城南区启动春季义诊", "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动。")


def test_standalone_photo_caption_then_staff_credit():
    items = parse(
        *STORY,
        "3月6日,北湖小学的学生在老师带领下参观消防站,学习灭火器的使用方法。",
        "本报记者 车明哲 摄",
        *NEXT,
        gap=3,
    )
    assert [a.kind for a in items] == ["article", "photo", "article"]
    photo = items[1]
    assert photo.photos[0].caption.startswith("3月6日,北湖小学")
    assert photo.photos[0].credit == "本报记者 车明哲 摄"
    assert credits(photo) == [("车明哲", "photographer")]
    assert photo.headline is None and photo.body == []
    assert items[0].body[-1].startswith("环线全长")


def test_photo_label_with_inline_credit_at_page_end():
    items = parse(*STORY, "晨雾中的青龙湖 记者 洪晓岚 图")
    photo = items[-1]
    assert photo.kind == "photo"
    assert photo.photos[0].caption == "晨雾中的青龙湖"
    assert photo.photos[0].credit == "记者 洪晓岚 图"
    assert credits(photo) == [("洪晓岚", "photographer")]


def test_short_line_above_standalone_caption_is_its_headline():
    items = parse(
        *STORY,
        "春耕正当时",
        "3月6日,青山县农民在田间操作播种机播种春玉米。",
        "本报记者 车明哲 摄",
        *NEXT,
        gap=2,
    )
    photo = items[1]
    assert photo.kind == "photo" and photo.headline == "春耕正当时"
    assert photo.photos[0].caption.startswith("3月6日")


def test_caption_and_slash_credit_inside_a_story_belong_to_it():
    items = parse(
        "深入实施城市更新 提升人居环境品质",
        "改造老旧小区是民生工程,也是发展工程。",
        "一是推进老旧小区改造。今年计划改造小区46个,加装电梯120部。",
        "古渡口公园夜景,灯火璀璨\n程远航/图(城南区文旅局提供)",
        "二是完善社区配套。新建社区食堂8家、托育点6个,打造15分钟便民生活圈。",
        "记者 苗可欣 文/图",
    )
    assert len(items) == 1
    story = items[0]
    assert story.photos[0].caption == "古渡口公园夜景,灯火璀璨"
    assert story.photos[0].credit == "程远航/图(城南区文旅局提供)"
    assert credits(story) == [("程远航", "photographer"), ("苗可欣", "reporter")]
    assert story.body[-1].startswith("二是完善社区配套")
    assert story.photo_by_byline


def test_as_shown_in_text_gives_an_uncaptioned_photo():
    items = parse(
        "城南区启动春季义诊",
        "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动(如图)。",
        "义诊持续一周,覆盖全区12个社区。",
    )
    assert [(p.caption, p.credit) for p in items[0].photos] == [(None, None)]


def test_photo_credit_of_a_story_saying_as_shown_is_not_standalone():
    items = parse(
        "城南区启动春季义诊",
        "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动(如图)。",
        "本报记者 车明哲 摄",
        *STORY,
    )
    assert [a.kind for a in items] == ["article", "article"]
    assert items[0].photos[0].credit == "本报记者 车明哲 摄"
    assert ("车明哲", "photographer") in credits(items[0])


def test_photographer_already_bylined_is_not_listed_twice():
    items = parse(
        "城南区启动春季义诊",
        "本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动(如图)。",
        "本报记者 邵雨晴 摄",
    )
    assert credits(items[0]) == [("邵雨晴", "reporter")]


def test_page_with_only_photos():
    items = parse(
        "3月6日,北湖小学的学生参观消防站。",
        "本报记者 车明哲 摄",
        "3月7日,游客在青龙湖畔观赏早春樱花。",
        "程远航/摄",
        gap=3,
    )
    assert [a.kind for a in items] == ["photo", "photo"]
    assert items[1].photos[0].credit == "程远航/摄"


def test_standalone_photo_with_text_and_picture_byline_keeps_roles():
    items = parse(
        *STORY,
        "3月6日,青山县农民在田间操作播种机播种春玉米。",
        "记者 车明哲 通讯员 祁文博 文/图",
        *NEXT,
        gap=2,
    )
    assert [a.kind for a in items] == ["article", "photo", "article"]
    photo = items[1]
    assert credits(photo) == [("车明哲", "reporter"), ("祁文博", "correspondent")]
    assert photo.photo_by_byline
    assert photo.photos[0].caption.startswith("3月6日")


def test_credit_right_under_a_story_is_the_story_picture():
    items = parse(*STORY, "本报记者 车明哲 摄", *NEXT)
    assert [a.kind for a in items] == ["article", "article"]
    assert items[0].photos[0].caption is None
    assert items[0].photos[0].credit == "本报记者 车明哲 摄"
    assert items[0].body[-1].startswith("环线全长")
    assert ("车明哲", "photographer") in credits(items[0])


def test_caption_set_apart_inside_a_story_that_goes_on():
    text = "\n\n".join([
        "青山县开通首条乡村公交环线",
        "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。",
        "\n首班车从县客运站发出,沿线群众在站台等候乘车。",
        "本报记者 车明哲 摄",
        "环线全长46公里,途经12个行政村,每天发车30班次。",
    ])
    from archive.ingest import parse_page
    story = parse_page(text).articles[0]
    assert story.photos[0].caption == "首班车从县客运站发出,沿线群众在站台等候乘车。"
    assert story.body == ["3月7日,青山县首条乡村公交环线正式开通。", "环线全长46公里,途经12个行政村,每天发车30班次。"]


def test_photo_label_with_inline_photographer_mark_and_no_role_word():
    items = parse(*STORY, "青龙湖畔樱花盛开 程远航 摄")
    assert items[-1].kind == "photo"
    assert (items[-1].photos[0].caption, items[-1].photos[0].credit) == ("青龙湖畔樱花盛开", "程远航 摄")
    assert credits(items[-1]) == [("程远航", "photographer")]


def test_caption_paragraph_with_credit_at_its_end_is_a_standalone_photo():
    caption = "3月6日,北湖小学的学生在老师带领下参观消防站,记者看到,孩子们认真学习灭火器的使用方法。"
    items = parse(*STORY, caption + "本报记者 车明哲 摄", *NEXT, gap=2)
    assert [a.kind for a in items] == ["article", "photo", "article"]
    assert (items[1].photos[0].caption, items[1].photos[0].credit) == (caption, "本报记者 车明哲 摄")


@pytest.mark.parametrize("credit", ["青山县委宣传部供图", "图片由青山县文旅局提供"])
def test_picture_supplied_by_a_body_has_a_credit_but_no_photographer(credit):
    items = parse(*STORY, "3月6日,青山县农民在田间操作播种机播种春玉米。", credit, *NEXT, gap=2)
    photo = items[1]
    assert photo.kind == "photo" and photo.photos[0].credit == credit
    assert photo.bylines == []


def test_two_standalone_photos_in_a_row_after_a_story():
    items = parse(
        *STORY,
        "\n3月6日,青山县农民在田间操作播种机播种春玉米。",
        "本报记者 车明哲 摄",
        "3月7日,游客在青龙湖畔观赏早春樱花。",
        "程远航 摄",
    )
    assert [a.kind for a in items] == ["article", "photo", "photo"]
    assert items[2].photos[0].caption == "3月7日,游客在青龙湖畔观赏早春樱花。"
    assert items[0].body[-1].startswith("环线全长")


def test_caption_between_title_and_lead_is_the_story_picture():
    items = parse(
        "青山县开通首条乡村公交环线",
        "\n\n3月7日,乘客在青山县公交站登上首班乡村公交车。",
        "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。",
        "环线全长46公里,途经12个行政村。",
    )
    assert len(items) == 1
    story = items[0]
    assert story.headline == "青山县开通首条乡村公交环线" and story.dateline == "本报讯"
    assert [(p.caption, p.credit) for p in story.photos] == [("3月7日,乘客在青山县公交站登上首班乡村公交车。", None)]
    assert story.body[0].startswith("3月7日,青山县首条")


def test_captioned_credit_between_title_and_lead_is_the_story_picture():
    items = parse(
        "青山县开通首条乡村公交环线",
        "\n\n首班乡村公交车驶出青山县客运站 本报记者 车 明 摄",
        "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。",
    )
    assert len(items) == 1
    story = items[0]
    assert [(p.caption, p.credit) for p in story.photos] == [("首班乡村公交车驶出青山县客运站", "本报记者 车 明 摄")]
    assert credits(story) == [("车明", "photographer"), ("高明远", "reporter")]


def test_line_set_apart_under_a_split_credit_byline_is_the_caption():
    items = parse(
        "青山县开通首条乡村公交环线",
        "记者 高明远/文 车明哲/图",
        "\n\n乘客在青山县公交站登上首班乡村公交车",
        "3月7日,青山县首条乡村公交环线正式开通。",
    )
    story = items[0]
    assert credits(story) == [("高明远", "reporter"), ("车明哲", "photographer")]
    assert not story.photo_by_byline
    assert [(p.caption, p.credit) for p in story.photos] == [("乘客在青山县公交站登上首班乡村公交车", None)]
    assert story.body == ["3月7日,青山县首条乡村公交环线正式开通。"]


def test_split_credit_byline_alone_gives_an_uncaptioned_picture():
    story = parse("青山县开通首条乡村公交环线", "文/高明远 图/车明哲", "3月7日,青山县首条乡村公交环线正式开通。")[0]
    assert credits(story) == [("高明远", "reporter"), ("车明哲", "photographer")]
    assert [(p.caption, p.credit) for p in story.photos] == [(None, None)]


def test_short_sentence_set_apart_inside_a_story_with_a_picture_is_its_caption():
    items = parse(
        "老粮库变身文创园",
        "文/高明远 图/车明哲",
        "3月7日,由老粮库改造的文创园开园(如图)。园区保留了8座老粮仓,对粮仓进行加",
        "\n\n开园首日,市民在老粮仓前拍照留念。",
        "\n\n固改造后引入书店、展厅和咖啡馆。",
    )
    story = items[0]
    assert [(p.caption, p.credit) for p in story.photos] == [("开园首日,市民在老粮仓前拍照留念。", None)]
    assert story.body[-1].endswith("对粮仓进行加固改造后引入书店、展厅和咖啡馆。")


def test_short_sentence_set_apart_in_a_story_without_a_picture_stays_body():
    story = parse(
        "老粮库变身文创园",
        "本报讯(记者 高明远)3月7日,由老粮库改造的文创园开园。",
        "\n\n开园首日,不少市民前来参观。",
        "\n\n园区保留了8座老粮仓。",
    )[0]
    assert not story.photos and len(story.body) == 3


def test_titled_picture_set_apart_after_a_story_stands_alone():
    items = parse(
        *STORY,
        "\n\n春耕正当时",
        "3月6日,青山县农民在田间操作播种机播种春玉米。",
        "本报记者 车明哲 摄",
        "\n\n" + NEXT[0], NEXT[1],
    )
    assert [a.kind for a in items] == ["article", "photo", "article"]
    assert items[1].headline == "春耕正当时" and items[0].body[-1].startswith("环线全长")


def test_label_and_credit_on_one_line_in_a_cut_stand_alone():
    items = parse(
        STORY[0], STORY[1],
        "环线全长46公里,途经12个",
        "\n\n青龙湖畔的公交站 洪晓岚/图",
        "\n\n行政村,每天发车30班次。",
    )
    story, picture = items
    assert story.body[-1] == "环线全长46公里,途经12个行政村,每天发车30班次。"
    assert picture.kind == "photo" and picture.photos[0].caption == "青龙湖畔的公交站"


def test_credit_alone_between_title_and_lead_is_the_story_picture():
    items = parse("青山县开通首条乡村公交环线", "\n\n本报记者 车明哲 摄",
                  "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。")
    assert len(items) == 1
    story = items[0]
    assert story.headline == "青山县开通首条乡村公交环线"
    assert [(p.caption, p.credit) for p in story.photos] == [(None, "本报记者 车明哲 摄")]


def test_head_of_a_cut_paragraph_over_a_caption_line_stays_story_text():
    story, picture = parse(
        STORY[0], STORY[1],
        "环线全长46公里,途经12个",
        "\n\n青龙湖畔的公交站",
        "洪晓岚/图",
        "\n\n行政村,每天发车30班次。",
    )
    assert story.body[-1] == "环线全长46公里,途经12个行政村,每天发车30班次。"
    assert picture.photos[0].caption == "青龙湖畔的公交站" and picture.headline is None


def test_title_over_one_caption_and_a_credit_is_a_photo_item_at_the_top_of_the_page():
    items = parse("春耕正当时", "3月6日,青山县农民在田间操作播种机播种春玉米。", "本报记者 车明哲 摄", "\n\n" + NEXT[0], NEXT[1])
    assert [a.kind for a in items] == ["photo", "article"]
    assert items[0].headline == "春耕正当时"
    assert [(p.caption, p.credit) for p in items[0].photos] == [("3月6日,青山县农民在田间操作播种机播种春玉米。", "本报记者 车明哲 摄")]


def test_subhead_set_apart_under_a_byline_without_a_picture_credit_stays_a_subhead():
    story = parse("老粮库变身文创园", "记者 高明远", "\n\n老粮仓里开书店", "3月7日,由老粮库改造的文创园开园。")[0]
    assert not story.photos
    assert story.body[0] == Subhead("老粮仓里开书店")
