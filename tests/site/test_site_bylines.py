"""Byline lines rendered from structured bylines the way the paper prints them."""
from types import SimpleNamespace as NS

from archive.templatetags.bylines import byline_parts, byline_text, photo_credit_parts


def credits(*pairs):
    return [NS(role=role, person=NS(name=name)) for role, name in pairs]


def test_two_reporters_share_one_role_word():
    bylines = credits(("reporter", "刘伟平"), ("reporter", "景静"))
    assert byline_text(bylines, dateline="本报讯") == "本报讯(记者 刘伟平 景静)"


def test_roles_are_grouped_in_printed_order():
    bylines = credits(
        ("reporter", "李晓光"), ("correspondent", "宋跃伟"), ("correspondent", "何源"), ("intern", "赵倩")
    )
    assert byline_text(bylines, dateline="本报讯") == "本报讯(记者 李晓光 通讯员 宋跃伟 何源 实习生 赵倩)"


def test_a_role_printed_again_later_joins_its_first_group():
    bylines = credits(("reporter", "甲"), ("correspondent", "乙"), ("reporter", "丙"))
    assert byline_text(bylines) == "记者 甲 丙 通讯员 乙"


def test_writers_who_took_the_pictures_get_wen_tu():
    bylines = credits(("reporter", "谢鹏飞"), ("correspondent", "乔阳"))
    assert byline_text(bylines, dateline="本报讯", photo_by_byline=True) == "本报讯(记者 谢鹏飞 通讯员 乔阳 文/图)"


def test_no_dateline_prints_the_credits_alone():
    assert byline_text(credits(("reporter", "唐善普")), photo_by_byline=True) == "记者 唐善普 文/图"


def test_dateline_without_bylines_and_nothing_at_all():
    assert byline_text([], dateline="本报讯") == "本报讯"
    assert byline_text([], photo_by_byline=True) == ""


def test_people_are_parts_to_link_and_words_are_plain():
    bylines = credits(("reporter", "马燕"), ("correspondent", "李盼"))
    parts = byline_parts(bylines, dateline="本报讯")
    assert [p.text for p in parts if p.person] == ["马燕", "李盼"]
    assert parts[0].text == "本报讯(" and parts[-1].text == ")"


def test_printed_photo_credit_links_its_photographer():
    person = NS(name="王恩俊")
    parts = photo_credit_parts(NS(credit="本报记者 王恩俊 摄", photographer=person))
    assert [(p.text, p.person) for p in parts] == [("本报记者 ", None), ("王恩俊", person), (" 摄", None)]


def test_photo_without_printed_credit_is_credited_from_bylines():
    parts = photo_credit_parts(NS(credit="", photographer=None), credits(("photographer", "孙志刚")))
    assert "".join(p.text for p in parts) == "本报记者 孙志刚 摄"
    assert photo_credit_parts(NS(credit="", photographer=None), credits(("reporter", "甲"))) == []
