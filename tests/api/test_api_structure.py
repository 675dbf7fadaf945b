"""The archive's structure as data: issues with pages, pages with articles, sections, people with counts by role."""
import pytest

from archive.models import Article, Byline, Page

pytestmark = pytest.mark.django_db


def test_issues_list_newest_first_with_counts(api, sample_pages):
    results = api.get("/api/v1/issues/").json()["results"]
    assert [i["date"] for i in results] == ["2025-01-03", "2025-01-02", "2024-12-30", "2023-02-16", "2021-07-23"]
    for issue in results:
        assert issue["article_count"] == Article.objects.filter(page__issue__date=issue["date"]).count()
        assert issue["page_count"] == 1


def test_issue_dates_filter_the_issue_list(api, sample_pages):
    results = api.get("/api/v1/issues/", {"date_from": "2024-01-01", "date_to": "2025-01-02"}).json()["results"]
    assert [i["date"] for i in results] == ["2025-01-02", "2024-12-30"]


def test_issue_detail_by_date_lists_pages_with_article_summaries_in_print_order(api, sample_pages):
    issue = api.get("/api/v1/issues/2025-01-02/").json()
    assert issue["site_url"] == "http://testserver/2025/01/02/"
    [page] = issue["pages"]
    assert (page["number"], page["name"]) == (6, "区县新闻")
    orders = [a["order"] for a in page["articles"]]
    assert orders == sorted(orders) and orders[0] == 1
    assert page["articles"][0]["headline"] == "高质量谱写中国式现代化 美好二七实践新篇章"


@pytest.mark.parametrize("date", ["2025-01-01", "2025-02-30", "0000-00-00"])
def test_an_issue_that_does_not_exist_or_cannot_is_404(api, sample_pages, date):
    assert api.get(f"/api/v1/issues/{date}/").status_code == 404


def test_pages_filter_by_date_and_number(api, sample_pages):
    results = api.get("/api/v1/pages/", {"date": "2024-12-30"}).json()["results"]
    assert [(p["date"], p["number"], p["name"]) for p in results] == [("2024-12-30", 5, "区县新闻")]
    assert {p["date"] for p in api.get("/api/v1/pages/", {"number": 6}).json()["results"]} == {"2023-02-16", "2025-01-02"}
    assert api.get("/api/v1/pages/", {"date": "2024-13-01"}).status_code == 400


def test_page_detail_lists_its_articles(api, sample_pages):
    page = Page.objects.get(issue__date="2021-07-23")
    data = api.get(f"/api/v1/pages/{page.id}/").json()
    assert data["site_url"] == "http://testserver/2021/07/23/8/"
    assert len(data["articles"]) == data["article_count"] == page.articles.count()


def test_sections_by_slug_with_article_counts(api, sample_pages):
    data = api.get("/api/v1/sections/zheng-dong-xin-qu-zhou-bao/").json()
    assert data["name"] == "郑东新区·周报"
    assert data["article_count"] == Article.objects.filter(section__slug="zheng-dong-xin-qu-zhou-bao").count()
    assert api.get("/api/v1/sections/no-such-section/").status_code == 404


def test_person_counts_by_role_match_their_bylines(api, sample_pages):
    data = api.get("/api/v1/people/sun-zhi-gang/").json()
    assert data["name"] == "孙志刚"
    assert data["counts_by_role"] == {"reporter": 1, "correspondent": 0, "photographer": 1, "intern": 0}
    assert data["article_count"] == 2
    tan = api.get("/api/v1/people/tan-yan-feng/").json()
    assert tan["counts_by_role"]["reporter"] == Byline.objects.filter(person__slug="tan-yan-feng", role="reporter").count()


def test_people_list_counts_each_article_once(api, sample_pages):
    for person in api.get("/api/v1/people/", {"page_size": 100}).json()["results"]:
        assert person["article_count"] == Article.objects.filter(bylines__person__slug=person["slug"]).distinct().count()
        assert sum(person["counts_by_role"].values()) >= person["article_count"] >= 1


def test_article_detail_carries_structured_body_bylines_photos_and_site_url(api, sample_pages):
    article = Article.objects.get(page__issue__date="2025-01-03", order=1)
    data = api.get(f"/api/v1/articles/{article.id}/").json()
    assert data["site_url"] == "http://testserver/2025/01/03/7/1/"
    assert data["page_name"] == "逐新2025" and data["page_number"] == 7
    assert {b["type"] for b in data["body"]} == {"paragraph", "subhead"}
    assert {"name": "唐善普", "slug": "tang-shan-pu", "role": "reporter"} in data["bylines"]
    assert data["photos"][0]["photographer"] == "guo-xiao-guang"
    assert data["published_at"].startswith("2025-01-03T05:00:00")
