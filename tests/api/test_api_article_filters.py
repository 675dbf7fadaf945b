"""Each article filter of /api/v1/articles/ on the five sample pages, checked against the database."""
import datetime as dt

import pytest

from archive.models import Article, Kind

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def all_ids(api, **params) -> set[int]:
    return ids(api.get(URL, {"page_size": 100, **params}))


def test_date_from_and_to_bound_the_issue_dates_inclusively(api, sample_pages):
    got = all_ids(api, date_from="2024-12-30", date_to="2025-01-02")
    expected = set(
        Article.objects.filter(page__issue__date__range=("2024-12-30", "2025-01-02")).values_list("id", flat=True)
    )
    assert got == expected
    dates = {item["date"] for item in api.get(URL, {"date_from": "2024-12-30", "date_to": "2025-01-02"}).json()["results"]}
    assert dates == {"2024-12-30", "2025-01-02"}


def test_date_keeps_one_issue(api, sample_pages):
    items = api.get(URL, {"date": "2023-02-16", "page_size": 100}).json()["results"]
    assert items and {i["date"] for i in items} == {"2023-02-16"}
    assert len(items) == Article.objects.filter(page__issue__date=dt.date(2023, 2, 16)).count()


def test_year_keeps_the_issues_of_that_year_and_meets_a_date_range(api, sample_pages):
    got = all_ids(api, year=2025)
    assert got and got == set(Article.objects.filter(page__issue__date__year=2025).values_list("id", flat=True))
    assert all_ids(api, year=2024, date_from="2025-01-01") == set()


def test_section_filters_by_the_article_section_slug(api, sample_pages):
    items = api.get(URL, {"section": "zheng-dong-xin-qu-zhou-bao", "page_size": 100}).json()["results"]
    assert items and {i["section"]["slug"] for i in items} == {"zheng-dong-xin-qu-zhou-bao"}
    # The 郑东新区·周报 stories also appear inside the 2025-01-02 区县新闻 page.
    assert "2025-01-02" in {i["date"] for i in items}
    assert all_ids(api, section="no-such-section") == set()


def test_page_number_is_the_printed_page(api, sample_pages):
    items = api.get(URL, {"page_number": 6, "page_size": 100}).json()["results"]
    assert {i["page_number"] for i in items} == {6}
    assert {i["date"] for i in items} == {"2023-02-16", "2025-01-02"}


def test_person_lists_every_article_crediting_that_person(api, sample_pages):
    got = all_ids(api, person="tan-yan-feng")
    expected = set(Article.objects.filter(bylines__person__slug="tan-yan-feng").values_list("id", flat=True))
    assert len(got) >= 2 and got == expected


def test_role_alone_keeps_articles_with_a_byline_in_that_role(api, sample_pages):
    items = api.get(URL, {"role": "photographer", "page_size": 100}).json()["results"]
    assert items
    assert all(any(b["role"] == "photographer" for b in i["bylines"]) for i in items)


def test_person_and_role_apply_to_the_same_byline(api, sample_pages):
    # 孙志刚 took the 2023 photo and reported a 2025 story: his role picks one.
    as_photographer = api.get(URL, {"person": "sun-zhi-gang", "role": "photographer"}).json()["results"]
    as_reporter = api.get(URL, {"person": "sun-zhi-gang", "role": "reporter"}).json()["results"]
    assert [i["date"] for i in as_photographer] == ["2023-02-16"]
    assert [i["date"] for i in as_reporter] == ["2025-01-02"]


def test_kind_photo_keeps_the_stand_alone_pictures(api, sample_pages):
    items = api.get(URL, {"kind": "photo"}).json()["results"]
    assert len(items) == Article.objects.filter(kind=Kind.PHOTO).count() >= 1
    assert {i["kind"] for i in items} == {"photo"}


def test_filters_combine(api, sample_pages):
    got = all_ids(api, date="2025-01-02", section="qu-xian-xin-wen", role="correspondent")
    expected = set(
        Article.objects.filter(
            page__issue__date="2025-01-02", section__slug="qu-xian-xin-wen", bylines__role="correspondent"
        ).values_list("id", flat=True)
    )
    assert got and got == expected


def test_default_order_is_newest_issue_first_then_page_and_position(api, sample_pages):
    items = api.get(URL, {"page_size": 100}).json()["results"]
    keys = [(i["date"], -i["page_number"], -i["order"]) for i in items]
    assert keys == sorted(keys, reverse=True)


def test_ordering_by_date_ascending_and_descending(api, sample_pages):
    up = [i["date"] for i in api.get(URL, {"ordering": "date", "page_size": 100}).json()["results"]]
    down = [i["date"] for i in api.get(URL, {"ordering": "-date,order", "page_size": 100}).json()["results"]]
    assert up == sorted(up) and up[0] == "2021-07-23"
    assert down == sorted(down, reverse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"date": "2025-02-30"},
        {"date_from": "昨天"},
        {"date_to": "2025-01-32"},
        {"page_number": "六"},
        {"page_number": "0"},
        {"year": "二〇二五"},
        {"year": "2025.5"},
        {"role": "editor"},
        {"kind": "video"},
        {"ordering": "headline"},
        {"person": "sun-zhi-gang\x00"},
    ],
)
def test_bad_filter_values_get_a_400_naming_the_parameter(api, sample_pages, params):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)
