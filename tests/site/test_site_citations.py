"""引用本文 on the article page, as RIS/BibTeX downloads and in the API, for the sample pages' stories."""
import bibtexparser
import pytest
import rispy

from archive.models import Article, Byline

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def story(date: str, page: int, order: int) -> Article:
    return Article.objects.get(page__issue__date=date, page__number=page, order=order)


def test_article_page_cites_two_reporters_in_gbt7714_and_apa(client, sample_pages):
    html = client.get("/2025/01/02/6/1/").content.decode()
    assert "刘伟平, 景静. 高质量谱写中国式现代化 美好二七实践新篇章[N]. 郑州日报, 2025-01-02(6)." in html
    assert ("刘伟平, &amp; 景静. (2025, January 2). 高质量谱写中国式现代化 美好二七实践新篇章. "
            f"郑州日报, 6. {HOST}/2025/01/02/6/1/") in html
    assert 'href="http://testserver/2025/01/02/6/1/cite.ris"' in html
    assert 'src="/static/js/citation.js"' in html


def test_five_credited_people_are_cited_as_three_and_deng(client, sample_pages):
    html = client.get("/2025/01/02/6/6/").content.decode()
    assert "覃岩峰, 韩向前, 赵伊晗, 等. 欢声笑语庆元旦 载歌载舞迎新年[N]. 郑州日报, 2025-01-02(6)." in html


def test_photo_item_is_cited_by_its_caption_and_photographer(client, sample_pages):
    html = client.get("/2024/12/30/5/3/").content.decode()
    assert "李新华. 蝶湖航拍[N]. 郑州日报, 2024-12-30(5)." in html


def test_uncredited_story_is_cited_from_its_title(client, sample_pages):
    Byline.objects.filter(article=story("2023-02-16", 6, 5)).delete()
    html = client.get("/2023/02/16/6/5/").content.decode()
    assert "<dd><span class=\"citation-text\" id=\"cite-gbt\">助企业解困 为发展赋能[N]. 郑州日报, 2023-02-16(6).</span>" in html
    assert f"助企业解困 为发展赋能. (2023, February 16). 郑州日报, 6. {HOST}/2023/02/16/6/5/" in html


def test_ris_download_reads_back_in_a_reference_manager(client, sample_pages):
    response = client.get("/2023/02/16/6/3/cite.ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert 'filename="20230216-6-3.ris"' in response["Content-Disposition"]
    [entry] = rispy.loads(response.content.decode())
    assert entry["authors"] == ["李晓光", "宋跃伟", "何源"]
    assert entry["title"] == "现代汽车集团来登封 洽谈氢能源产业项目"
    assert entry["secondary_title"] == "郑州日报" and entry["start_page"] == "6"
    assert entry["urls"] == [f"{HOST}/2023/02/16/6/3/"]


def test_bibtex_download_parses_with_every_author(client, sample_pages):
    response = client.get("/2021/07/23/8/2/cite.bib")
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry["author"] == "王阳 and 戚雨荷"
    assert entry["title"] == "郑东新区 召开“双改”工作推进会"
    assert entry["date"] == "2021-07-23"


def test_citation_of_a_missing_story_or_impossible_date_is_404(client, sample_pages):
    assert client.get("/2021/07/23/8/99/cite.ris").status_code == 404
    assert client.get("/2021/02/30/8/1/cite.bib").status_code == 404


def test_api_article_carries_the_same_citation(client, sample_pages):
    article = story("2025-01-02", 6, 1)
    citation = client.get(f"/api/v1/articles/{article.pk}/").json()["citation"]
    assert citation["gbt7714"] == "刘伟平, 景静. 高质量谱写中国式现代化 美好二七实践新篇章[N]. 郑州日报, 2025-01-02(6)."
    assert citation["apa"].startswith("刘伟平, & 景静. (2025, January 2).")
    assert citation["ris_url"] == f"{HOST}/2025/01/02/6/1/cite.ris"
    assert citation["bibtex_url"] == f"{HOST}/2025/01/02/6/1/cite.bib"


@pytest.mark.parametrize("url, expected", [
    ("/2021/07/23/8/4/", "马燕. 郑东新区 召开防汛会商会议[N]. 郑州日报, 2021-07-23(8)."),
    ("/2023/02/16/6/2/", "刘伟平, 张一弛. 二七区破题开局换挡转型:「双轮驱动」做好「两篇文章」[N]. 郑州日报, 2023-02-16(6)."),
    ("/2024/12/30/5/1/", "王译博, 董茜. 锚定“两区一枢纽”目标 推进“再造新经开”起势成势[N]. 郑州日报, 2024-12-30(5)."),
    ("/2025/01/02/6/3/", "史治国, 蒋士勋. 荥阳举办新年音乐会:道德模范、环卫工人、快递小哥成嘉宾[N]. 郑州日报, 2025-01-02(6)."),
    ("/2025/01/03/7/1/", "郭晓光, 唐善普. 深化“八大工程” 奋力谱写新时代中原更加出彩绚丽篇章[N]. 郑州日报, 2025-01-03(7)."),
])
def test_each_sample_page_has_a_story_cited_as_gbt7714_expects(client, sample_pages, url, expected):
    html = client.get(url).content.decode()
    assert f'<span class="citation-text" id="cite-gbt">{expected}</span>' in html.replace("&quot;", '"')
