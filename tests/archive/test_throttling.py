"""archive/throttling.py: which address a limit counts against, where the counts live, which rates apply."""
import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from archive.throttling import (AnonThrottle, LoginAccountThrottle, LoginAddressThrottle, SearchThrottle,
                                client_address)
from newsroom.settings import DATABASE_CACHES

PROXIES = ["10.0.0.0/8", "192.0.2.1", "2001:db8:cafe::/48"]


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        # No trusted proxy: the header is whatever the client wants it to be.
        ([], "203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # A client that is not a proxy cannot borrow someone else's address.
        (PROXIES, "203.0.113.7", "10.0.0.9, 198.51.100.1", "203.0.113.7"),
        # Through one proxy: the entry the proxy appended, not the client's own.
        (PROXIES, "10.1.2.3", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # Through two proxies (a CIDR and a single address): both skipped.
        (PROXIES, "192.0.2.1", "6.6.6.6, 198.51.100.1, 10.8.8.8", "198.51.100.1"),
        (PROXIES, "2001:db8:cafe::2", "2001:db8:beef::5", "2001:db8:beef::5"),
        # A request from inside the proxy network counts against its origin.
        (PROXIES, "10.1.2.3", "10.4.4.4", "10.4.4.4"),
        (PROXIES, "10.1.2.3", "", "10.1.2.3"),
        # Garbage where the proxy wrote: count against the proxy, not the garbage.
        (PROXIES, "10.1.2.3", "198.51.100.1, 不是地址", "10.1.2.3"),
        (PROXIES, "10.1.2.3", "不是地址, 10.5.5.5", "10.5.5.5"),
    ],
)
def test_client_address_believes_forwarded_for_only_from_trusted_proxies(rf, settings, trusted, remote, forwarded,
                                                                         client):
    settings.TRUSTED_PROXIES = trusted
    request = rf.get("/search/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_a_trusted_proxy_that_is_not_an_address_is_named_in_the_error(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "负载均衡器"]
    with pytest.raises(ImproperlyConfigured, match="负载均衡器"):
        client_address(rf.get("/search/", REMOTE_ADDR="10.1.2.3"))


@pytest.mark.parametrize("throttle", [AnonThrottle, SearchThrottle, LoginAccountThrottle, LoginAddressThrottle])
def test_each_rate_comes_from_the_settings(settings, throttle):
    assert throttle().rate == settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][throttle.scope]


@pytest.fixture
def database_cache(settings):
    """The production caches (migrations 0008 and 0011), the pages' kept small so it culls; the pages' returned."""
    settings.CACHES = {**DATABASE_CACHES, "default": {**DATABASE_CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 5}}}
    return caches["default"]


def _reader(rf, address):
    request = rf.get("/api/v1/sections/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def _row_expiries(table: str = "archive_throttle"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, expires FROM {table}")
        return dict(cursor.fetchall())


@pytest.mark.django_db
def test_in_the_database_cache_a_count_is_one_row_that_any_worker_reads_and_that_expires_with_its_window(
    rf, monkeypatch, database_cache
):
    monkeypatch.setattr(AnonThrottle, "rate", "3/minute", raising=False)
    reader = _reader(rf, "198.51.100.7")
    assert [AnonThrottle().allow_request(reader, None) for _ in range(4)] == [True, True, True, False]
    ((key, expires),) = _row_expiries().items()
    assert key.endswith("throttle_anon_198.51.100.7")
    if timezone.is_naive(expires):
        expires = timezone.make_aware(expires, dt.timezone.utc)
    assert dt.timedelta(0) < expires - timezone.now() <= dt.timedelta(seconds=61)
    # Another process has its own cache object over the same table.
    other_worker = caches.create_connection("throttle")
    assert len(other_worker.get(key.split(":", 2)[2])) == 3


@pytest.mark.django_db
def test_culling_or_clearing_the_page_cache_never_drops_a_live_count(rf, monkeypatch, database_cache):
    # Counts live in their own table: a flood of distinct URLs fills the pages'
    # cache and culls it, and must not free the flood from its limit.
    monkeypatch.setattr(AnonThrottle, "rate", "3/minute", raising=False)
    reader = _reader(rf, "198.51.100.8")
    for _ in range(3):
        AnonThrottle().allow_request(reader, None)
    for n in range(12):
        database_cache.set(f"archive:page:{n}", "页面")
    assert len(_row_expiries("archive_cache")) <= 6  # culled at MAX_ENTRIES
    database_cache.clear()
    assert AnonThrottle().allow_request(reader, None) is False
    assert list(_row_expiries()) == [":1:throttle_anon_198.51.100.8"]
