"""Warnings mark the decisions that could go either way, and only those."""
from ingest_helpers import codes, only, parse

TITLE = "青山县开通首条乡村公交环线"
OPEN = "本报讯(记者 高明远)3月7日,青山县首条乡村公交环线正式开通。"
MORE = "环线全长46公里,途经12个行政村,每天发车30班次。"


def test_plain_story_carries_no_warning():
    assert codes(only(TITLE, OPEN, MORE, "记者 高明远")) == []


def test_picture_set_apart_from_a_story_by_a_column_cut_warns_on_the_picture():
    story, picture = parse(TITLE, OPEN, "环线全长46公里,途经12个",
                           "\n\n3月7日,乘客登上首班乡村公交车。\n本报记者 车明哲 摄", "\n\n行政村,每天发车30班次。")
    assert "picture_placed_by_layout" in codes(picture)
    assert "joined_cut_paragraph" in codes(story)


def test_caption_taken_from_above_the_lead_warns():
    story = only(TITLE, "\n\n3月7日,乘客在青山县公交站登上首班乡村公交车。", OPEN, MORE)
    assert "picture_placed_by_layout" in codes(story)


def test_brief_column_label_warns_on_the_first_brief_only():
    items = parse("简讯", "河东区开展春季消防安全检查", "本报讯(记者 柏云舟)3月10日,河东区开展春季消防安全大检查。",
                  "西山县新开通两条城乡公交线路", "本报讯(记者 邵雨晴)3月11日,西山县新开通两条城乡公交线路。")
    assert [("section_label_guessed" in codes(a)) for a in items] == [True, False]


def test_story_without_a_title_warns():
    item = parse(OPEN, MORE)[0]
    assert item.headline is None and "story_without_title" in codes(item)


def test_short_first_of_two_title_lines_warns_that_roles_are_a_guess():
    item = only("乡村公交", "青山县首条环线今天开通", OPEN)
    assert "title_roles_guessed" in codes(item)
    assert "title_roles_guessed" not in codes(only("青山县首条乡村公交环线今天开通", "途经12个行政村 每天发车30班次", OPEN))


def test_four_character_name_may_be_two_names_and_warns():
    assert "byline_names_guessed" in codes(only(TITLE, "本报讯(记者 王磊李响)3月7日,青山县首条乡村公交环线正式开通。"))
    assert "byline_names_guessed" not in codes(only(TITLE, "本报讯(记者 欧阳晓峰)3月7日,青山县首条乡村公交环线正式开通。"))
