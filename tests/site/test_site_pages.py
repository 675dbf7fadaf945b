"""Every reader page on the five sample pages: what a reader sees, and what stays hidden."""
import datetime as dt

import pytest

from archive import services
from archive.models import Article, Page, Person, Photo, Section
from synthetic_pages import add_issues

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_home_shows_latest_issue_with_pages_sections_and_past_issues_link(client, sample_pages):
    html = text_of(client.get("/"))
    assert "2025年1月3日" in html
    assert "第7版：逐新2025" in html
    assert "深化“八大工程” 奋力谱写新时代中原更加出彩绚丽篇章" in html
    assert 'href="/sections/zheng-dong-xin-qu-zhou-bao/"' in html
    assert 'href="/issues/"' in html
    assert '<html lang="zh-CN">' in html
    assert 'action="/search/"' in html and 'name="q"' in html


def test_home_without_published_issues_says_so(client, db):
    assert "还没有已发布的报纸" in text_of(client.get("/"))


def test_past_issues_show_the_latest_years_as_calendars_and_every_year_with_its_count(client, sample_pages):
    html = text_of(client.get("/issues/"))
    for url in ("/2023/02/16/", "/2024/12/30/", "/2025/01/02/", "/2025/01/03/"):
        assert f'href="{url}"' in html
    assert "2023年2月" in html and "2024年12月" in html
    # 2021 is older than the three latest years: a link with its count, its calendar on its own page
    assert 'href="/2021/07/23/"' not in html and "2021年7月" not in html
    assert 'href="/issues/2021/">2021年</a> <span class="count">1期' in html
    assert "共收录 5 期" in html and "更早的报纸" in html
    assert 'href="/2021/07/23/"' in text_of(client.get("/issues/2021/"))


def test_past_issues_of_one_year_show_only_that_year(client, sample_pages):
    html = text_of(client.get("/issues/2025/"))
    assert 'href="/2025/01/02/"' in html
    assert 'href="/2023/02/16/"' not in html
    assert 'href="/issues/2023/"' in html  # the year navigation still lists every year
    assert client.get("/issues/1999/").status_code == 404


def test_issue_lists_pages_with_titles_and_neighbour_issues(client, sample_pages):
    html = text_of(client.get("/2025/01/02/"))
    assert "2025年1月2日 星期四" in html
    assert "第6版：区县新闻" in html
    assert "荥阳举办新年音乐会" in html and "邻里共融迎新年" in html
    assert "上一期：2024年12月30日" in html and 'href="/2024/12/30/"' in html
    assert "下一期：2025年1月3日" in html


def test_oldest_issue_has_no_previous(client, sample_pages):
    html = text_of(client.get("/2021/07/23/"))
    assert "已是最早一期" in html and "下一期：2023年2月16日" in html


def test_page_shows_articles_in_printed_order_with_titles_and_photos(client, sample_pages):
    html = text_of(client.get("/2023/02/16/6/"))
    assert "<h1>第6版：区县新闻</h1>" in html
    order = [html.index(t) for t in ("金水区吹响奋进「冲锋号」", "二七区破题开局换挡转型", "新密市全力冲刺工业经济“开门红”")]
    assert order == sorted(order)
    assert "稳经济 促发展 强信心" in html  # kicker
    assert "当好高质量发展「火车头」" in html  # subheadline
    assert "本报记者 " in html and ">王恩俊</a> 摄" in html  # stand-alone photo credit, linked
    assert "版面导航" in html


def test_page_has_previous_and_next_page_when_the_issue_has_them(client, sample_pages):
    services.page_import(
        date=dt.date(2025, 1, 2), page_number=7, page_name="综合新闻", text=_one_story(), section_name="综合新闻"
    )
    html = text_of(client.get("/2025/01/02/6/"))
    assert "已是第一版" in html
    assert "下一版：第7版 综合新闻" in html and 'href="/2025/01/02/7/"' in html
    assert "上一版：第6版 区县新闻" in text_of(client.get("/2025/01/02/7/"))


def _one_story() -> str:
    from synthetic_pages import page_text

    return page_text(99, 1)


def test_article_shows_titles_byline_body_context_citation(client, sample_pages):
    html = text_of(client.get("/2025/01/02/6/1/"))
    assert "贯彻落实市委十二届七次全会暨市委经济工作会议精神" in html
    assert '<h1 class="headline">高质量谱写中国式现代化 美好二七实践新篇章</h1>' in html
    assert '本报讯(记者 <a href="/people/liu-wei-ping/">刘伟平</a> <a href="/people/jing-jing/">景静</a>)' in html
    assert "2025年是“十四五”规划的收官之年" in html
    assert "第6版：区县新闻" in html and "2025年1月2日" in html
    assert "刘伟平, 景静. 高质量谱写中国式现代化 美好二七实践新篇章[N]. 郑州日报, 2025-01-02(6)." in html
    assert 'href="/sections/qu-xian-xin-wen/"' in html
    assert "已是本版第一篇" in html and "下一篇：上街区举行迎新年 优秀文化成果展演" in html
    assert html.count("<h1") == 1


def test_article_body_subheads_are_h2_and_photos_have_caption_alt_and_credit(client, sample_pages):
    html = text_of(client.get("/2025/01/03/7/1/"))
    article = Article.objects.get(page__issue__date="2025-01-03", order=1)
    subheads = [b["text"] for b in article.body if b["type"] == "subhead"]
    assert subheads and f'<h2 class="subhead">{subheads[0]}</h2>' in html
    assert "来一场西湖公园Citywalk" in html
    assert '<a href="/people/guo-xiao-guang/">郭晓光</a>/图(中原区文化馆提供)' in html
    # The photographer is credited under the picture, as printed, not again in the byline.
    assert '<p class="byline">记者 <a href="/people/tang-shan-pu/">唐善普</a> 文/图</p>' in html


def test_photo_with_an_image_file_takes_its_alt_text_from_the_caption(client, sample_pages):
    photo = Photo.objects.get(article__page__issue__date="2025-01-03", caption__startswith="来一场")
    photo.image = "photos/2025/01/xihu.jpg"
    photo.save()
    html = text_of(client.get("/2025/01/03/7/1/"))
    assert '<img src="/media/photos/2025/01/xihu.jpg" alt="来一场西湖公园Citywalk' in html


def test_photo_article_shows_its_caption_and_credit(client, sample_pages):
    html = text_of(client.get("/2023/02/16/6/4/"))
    assert "管城区文化旅游体育局组织东关小学" in html
    assert '本报记者 <a href="/people/wang-en-jun/">王恩俊</a> 摄' in html


def test_short_link_redirects_to_the_dated_url(client, sample_pages):
    article = Article.objects.get(page__issue__date="2025-01-02", order=3)
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/2025/01/02/6/3/"


def test_section_lists_its_issues_newest_first_with_stories(client, sample_pages):
    html = text_of(client.get("/sections/zheng-dong-xin-qu-zhou-bao/"))
    assert "<h1>郑东新区·周报</h1>" in html
    assert html.index("2025年1月2日") < html.index("2021年7月23日")
    assert "加快中原科技城核心板块建设 全力推动郑东新区高质量发展" in html
    assert "开展品牌阅读活动 让书香与花香交织" in html


def test_section_is_paginated_by_issue(client, db):
    add_issues(12, pages_per_issue=1, stories=1, section="文化周刊")
    slug = Section.objects.get(name="文化周刊").slug
    first = text_of(client.get(f"/sections/{slug}/"))
    assert "第 1 / 2 页" in first and "2019年3月12日" in first and "2019年3月1日" not in first
    second = text_of(client.get(f"/sections/{slug}/?page=2"))
    assert "2019年3月1日" in second and "2019年3月12日" not in second


def test_person_page_groups_stories_by_role_and_lists_colleagues(client, sample_pages):
    html = text_of(client.get("/people/tan-yan-feng/"))
    assert "<h1>覃岩峰</h1>" in html
    assert "记者" in html and "欢声笑语庆元旦 载歌载舞迎新年" in html and "精准养护 守护安全" in html
    assert html.index("欢声笑语庆元旦") < html.index("精准养护 守护安全")  # newest first
    assert "常合作的同事" in html and "王菁" in html and "合作 1 篇" in html


def test_person_credited_as_reporter_and_photographer_gets_both_groups(client, sample_pages):
    html = text_of(client.get("/people/sun-zhi-gang/"))
    assert '<h2 id="role-1">记者</h2>' in html and '<h2 id="role-2">摄影</h2>' in html
    assert html.index("邻里共融迎新年") < html.index("摄影")


@pytest.mark.parametrize(
    "url",
    [
        "/2025/02/30/",
        "/2020/01/01/",
        "/2020/01/01/1/",
        "/2025/01/02/9/",
        "/2025/01/02/6/99/",
        "/people/nobody-here/",
        "/sections/no-such-section/",
        "/articles/999999/",
        "/feeds/sections/no-such-section/atom/",
    ],
)
def test_unknown_things_are_a_chinese_404(client, sample_pages, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "没有找到这个页面" in html and 'href="/issues/"' in html and 'href="/search/"' in html


def test_a_draft_article_is_hidden_everywhere(client, sample_pages):
    draft = Article.objects.get(page__issue__date="2025-01-02", order=5)
    assert client.get("/people/wei-yi-xuan/").status_code == 200
    services.article_unpublish(article=draft)
    assert client.get("/2025/01/02/6/5/").status_code == 404
    assert client.get(f"/articles/{draft.pk}/").status_code == 404
    assert "邻里共融迎新年" not in text_of(client.get("/2025/01/02/6/"))
    assert "邻里共融迎新年" not in text_of(client.get("/2025/01/02/"))
    assert client.get("/people/wei-yi-xuan/").status_code == 404  # credited only on the draft
    assert "邻里共融迎新年" not in text_of(client.get("/people/sun-zhi-gang/"))
    assert "下一篇：欢声笑语庆元旦" in text_of(client.get("/2025/01/02/6/4/"))


def test_an_issue_of_drafts_only_is_a_404_and_not_listed(client, sample_pages):
    add_issues(1, start=dt.date(2025, 2, 1), pages_per_issue=1, stories=2, publish=False)
    assert client.get("/2025/02/01/").status_code == 404
    assert client.get("/2025/02/01/1/").status_code == 404
    assert client.get("/2025/02/01/1/1/").status_code == 404
    assert 'href="/2025/02/01/"' not in text_of(client.get("/issues/"))
    assert "2025年1月3日" in text_of(client.get("/"))
    assert "已是最新一期" in text_of(client.get("/2025/01/03/"))


def test_every_sample_article_and_person_page_renders(client, sample_pages):
    for article in Article.objects.published().select_related("page__issue"):
        assert client.get(article.get_absolute_url()).status_code == 200
    for person in Person.objects.all():
        assert client.get(person.get_absolute_url()).status_code == 200, person.name


def test_post_is_not_allowed_on_reader_pages(client, sample_pages):
    assert client.post("/2025/01/02/").status_code == 405


def test_page_shows_its_page_image_when_one_is_attached(client, sample_pages):
    page = Page.objects.get(issue__date="2025-01-02", number=6)
    assert "版面图" not in text_of(client.get("/2025/01/02/6/"))
    page.image = "pages/2025/01/02/6.jpg"
    page.save()
    assert '<img src="/media/pages/2025/01/02/6.jpg" alt="第6版区县新闻版面图"' in text_of(client.get("/2025/01/02/6/"))
