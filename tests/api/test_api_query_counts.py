"""List requests cost a fixed number of SQL queries, whatever the page size."""
import pytest
from api_helpers import import_synthetic_pages
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/articles/",
    "/api/v1/articles/harvest/",
    "/api/v1/issues/",
    "/api/v1/pages/",
    "/api/v1/sections/",
    "/api/v1/people/",
]


@pytest.fixture
def larger_archive(sample_pages):
    import_synthetic_pages(pages=60, stories=4)


def queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_does_not_grow_with_page_size(api, larger_archive, url):
    small, large = queries(api, url, page_size=2), queries(api, url, page_size=50)
    assert small == large <= 4


def test_article_list_with_every_filter_stays_flat(api, larger_archive):
    params = {"date_from": "2020-01-01", "section": "qu-xian-xin-wen", "role": "reporter", "ordering": "-date"}
    params_with_search = {**params, "q": "民生"}
    # A first search reads PostgreSQL's planner statistics, then kept per process (postgres.STATS_SECONDS).
    queries(api, "/api/v1/articles/", page_size=3, **params_with_search)
    assert queries(api, "/api/v1/articles/", page_size=2, **params_with_search) == queries(
        api, "/api/v1/articles/", page_size=50, **params_with_search
    )
    assert queries(api, "/api/v1/articles/", page_size=2, **params) == queries(api, "/api/v1/articles/", page_size=50, **params)


def test_editor_lists_cost_the_same_at_any_page_size(editor_api, larger_archive):
    assert queries(editor_api, "/api/v1/articles/", page_size=2) == queries(editor_api, "/api/v1/articles/", page_size=50)


@pytest.mark.parametrize("url", ["/api/v1/issues/2025-01-02/", "/api/v1/pages/4/"])
def test_details_with_nested_summaries_cost_a_fixed_number_of_queries(api, sample_pages, url):
    from archive.models import Page

    page = Page.objects.get(issue__date="2025-01-02")
    url = url.replace("/4/", f"/{page.id}/")
    assert queries(api, url) <= 3
