"""Fixtures for the API tests: clients and a draft article (tests/conftest.py empties the caches before each test)."""
import pytest
from rest_framework.test import APIClient

from archive import services
from archive.models import Article, Page


@pytest.fixture
def api():
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def editor_api(editor):
    """An API client logged in (session) as an editor holding every archive permission."""
    client = APIClient()
    client.force_login(editor)
    return client


@pytest.fixture
def draft(sample_pages) -> Article:
    """An unpublished story typed in by an editor on the 2025-01-02 page, credited to a new reporter."""
    page = Page.objects.get(issue__date="2025-01-02", number=6)
    return services.article_create(
        page=page,
        fields={
            "headline": "未发布：中原区启动老旧小区改造",
            "body": [{"type": "paragraph", "text": "本报讯 中原区今年将改造老旧小区32个。"}],
        },
        bylines=[("草稿记者", "reporter")],
        publish=False,
    )
