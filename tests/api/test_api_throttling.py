"""Anonymous requests are rate limited; a throttled client is told when to come back."""
import pytest
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_per_minute(monkeypatch):
    # DRF copies DEFAULT_THROTTLE_RATES onto the class when it is defined, so
    # overriding settings has no effect; patch the class attribute instead.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


def test_the_fourth_anonymous_request_in_a_minute_gets_429_with_retry_after(api, sample_pages, three_per_minute):
    statuses = [api.get("/api/v1/sections/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/articles/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_editors_are_not_held_to_the_anonymous_rate(editor_api, sample_pages, three_per_minute):
    assert {editor_api.get("/api/v1/sections/").status_code for _ in range(6)} == {200}


def test_the_default_rate_comes_from_settings(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == AnonRateThrottle.THROTTLE_RATES["anon"]
