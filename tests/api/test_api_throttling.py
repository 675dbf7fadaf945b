"""Anonymous requests and failed token logins are limited per client; a throttled client is told when to retry."""
import random

import pytest
from rest_framework.throttling import AnonRateThrottle

from archive.throttling import LoginAccountThrottle, LoginAddressThrottle

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
PASSWORD = "correct-horse-42"  # the editor fixture's (tests/conftest.py)


@pytest.fixture
def three_per_minute(monkeypatch):
    # DRF copies DEFAULT_THROTTLE_RATES onto the class when it is defined, so
    # overriding settings has no effect; patch the class attribute instead.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Each login runs the password hasher, slow on purpose; these tests log in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def login_limits(monkeypatch):
    """Three failures per account, five per address, within the hour."""
    monkeypatch.setattr(LoginAccountThrottle, "rate", "3/hour", raising=False)
    monkeypatch.setattr(LoginAddressThrottle, "rate", "5/hour", raising=False)


def _random_address() -> str:
    return ".".join(str(random.randint(1, 254)) for _ in range(4))


def test_the_fourth_anonymous_request_in_a_minute_gets_429_with_retry_after(api, sample_pages, three_per_minute):
    statuses = [api.get("/api/v1/sections/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/articles/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_editors_are_not_held_to_the_anonymous_rate(editor_api, sample_pages, three_per_minute):
    assert {editor_api.get("/api/v1/sections/").status_code for _ in range(6)} == {200}


def test_a_made_up_x_forwarded_for_does_not_start_a_fresh_count(api, sample_pages, three_per_minute):
    statuses = [api.get("/api/v1/sections/", HTTP_X_FORWARDED_FOR=_random_address()).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_each_reader_has_a_count_of_their_own(api, sample_pages, three_per_minute, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    def via_proxy(reader: str) -> int:
        # The reader may prepend anything; the proxy appends the address it saw.
        forwarded = f"{_random_address()}, {reader}"
        return api.get("/api/v1/sections/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [via_proxy("203.0.113.7") for _ in range(4)] == [200, 200, 200, 429]
    assert via_proxy("198.51.100.9") == 200


def _log_in(api, username, password, address):
    return api.post(TOKEN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_for_one_account_lock_it_from_every_address(api, editor, login_limits):
    assert [_log_in(api, "editor", "guess", _random_address()).status_code for _ in range(3)] == [400] * 3
    # Even the right password, from an address that never failed, waits out the window.
    response = _log_in(api, "editor", PASSWORD, "198.51.100.20")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "detail" in response.json()


def test_one_address_trying_many_accounts_is_stopped_but_others_log_in(api, editor, login_limits):
    statuses = [_log_in(api, f"reporter{n}", "guess", "203.0.113.66").status_code for n in range(5)]
    assert statuses == [400] * 5
    assert _log_in(api, "editor", PASSWORD, "203.0.113.66").status_code == 429
    response = _log_in(api, "editor", PASSWORD, "198.51.100.20")
    assert response.status_code == 200 and response.json()["token"]


def test_successful_logins_are_not_counted(api, editor, login_limits):
    assert {_log_in(api, "editor", PASSWORD, "198.51.100.20").status_code for _ in range(6)} == {200}

