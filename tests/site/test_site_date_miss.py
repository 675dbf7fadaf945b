"""A date without a public issue is the site's Chinese 404 naming the nearest issues; 往期回顾 jumps to a date."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from archive import services
from tests.site.test_drafts_private import NIGHT_MARKET

pytestmark = pytest.mark.django_db


def _issue(date: str) -> str:
    y, m, d = date.split("-")
    return reverse("archive:issue", kwargs={"year": int(y), "month": int(m), "day": int(d)})


def test_a_date_before_the_archive_is_a_chinese_404_linking_the_first_issue(client, sample_pages):
    response = client.get("/1999/01/01/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "没有找到这个页面" in body and "1999年1月1日没有出版报纸" in body
    assert f'href="{_issue("2021-07-23")}"' in body and "此前最近一期" not in body


def test_a_date_between_issues_links_the_nearest_earlier_and_later_issue(client, sample_pages):
    body = client.get("/2024/06/01/").content.decode()
    assert f'rel="prev" href="{_issue("2023-02-16")}"' in body
    assert f'rel="next" href="{_issue("2024-12-30")}"' in body


def test_an_impossible_date_is_a_404_with_the_same_links(client, sample_pages):
    response = client.get("/2021/02/30/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "日历上没有 2021-02-30 这一天" in body
    assert f'rel="next" href="{_issue("2021-07-23")}"' in body


def test_a_draft_only_date_names_only_public_neighbours(client, sample_pages):
    services.page_import(date=dt.date(2022, 5, 20), page_number=1, page_name="要闻",
                         section_name="要闻", text=NIGHT_MARKET, source_name="draft.txt", publish=False)
    response = client.get("/2022/05/20/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "樱桃沟" not in body
    assert f'rel="prev" href="{_issue("2021-07-23")}"' in body
    assert f'rel="next" href="{_issue("2023-02-16")}"' in body


def test_the_miss_page_costs_at_most_two_queries_beyond_the_validators(client, sample_pages,
                                                                        django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the conditional check, the issue's pages, the neighbours
        assert client.get("/2024/06/01/").status_code == 404


def test_the_date_jump_redirects_to_that_days_issue_and_its_404(client, sample_pages):
    jump = reverse("archive:issues_go")
    found = client.get(jump, {"date": "2023-02-16"})
    assert (found.status_code, found["Location"]) == (302, _issue("2023-02-16"))
    missed = client.get(jump, {"date": "2023-02-17"}, follow=True)
    assert missed.status_code == 404 and f'href="{_issue("2023-02-16")}"' in missed.content.decode()


@pytest.mark.parametrize("value", ["", "明天", "2023-2-16", "2023-02-16x", "<script>"])
def test_the_date_jump_answers_garbage_with_a_chinese_400(client, value):
    response = client.get(reverse("archive:issues_go"), {"date": value})
    assert response.status_code == 400
    assert "请按“年-月-日”格式输入日期" in response.content.decode()


def test_the_archive_page_has_the_date_jump_and_every_year(client, sample_pages):
    body = client.get(reverse("archive:issues")).content.decode()
    assert f'action="{reverse("archive:issues_go")}"' in body and 'type="date"' in body
    for year in (2021, 2023, 2024, 2025):
        assert f'href="{reverse("archive:issues_year", kwargs={"year": year})}"' in body
