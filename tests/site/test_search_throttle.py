"""The reader site's /search/ is limited per reader: over the rate, a Chinese 429 page says when to come back."""
import random

import pytest
from django.urls import reverse

from archive.throttling import SearchThrottle

pytestmark = pytest.mark.django_db

RATE = 3


@pytest.fixture(autouse=True)
def three_searches_a_minute(monkeypatch):
    monkeypatch.setattr(SearchThrottle, "rate", f"{RATE}/minute", raising=False)


def _search(client, words="防汛", **extra):
    return client.get(reverse("archive:search"), {"q": words}, **extra)


def test_a_reader_over_the_rate_gets_a_chinese_429_page_that_says_when_to_return(client, sample_pages):
    assert [_search(client).status_code for _ in range(RATE)] == [200] * RATE
    response = _search(client, "郑东新区")
    html = response.content.decode()
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 0 < seconds <= 60
    assert "请求过于频繁" in html and f"请在 {seconds} 秒后再试" in html
    assert 'class="site-header"' in html  # the site's own frame, with its search box
    assert "no-store" in response["Cache-Control"]


def test_a_made_up_x_forwarded_for_does_not_start_a_fresh_count(client, sample_pages):
    statuses = [_search(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{random.randint(1, 254)}").status_code
                for _ in range(RATE + 1)]
    assert statuses == [200] * RATE + [429]


def test_one_reader_over_the_rate_does_not_hold_up_another(client, sample_pages):
    for _ in range(RATE + 1):
        _search(client, REMOTE_ADDR="198.51.100.1")
    assert _search(client, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert _search(client, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_staff_are_not_counted(client, editor, sample_pages):
    client.force_login(editor)
    assert {_search(client).status_code for _ in range(RATE + 2)} == {200}


def test_reading_articles_is_not_counted_against_searching(client, sample_pages):
    for _ in range(RATE):
        assert client.get(reverse("archive:home")).status_code == 200
    assert _search(client).status_code == 200
