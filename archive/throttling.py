"""Rate limits that count once: one client address, one shared cache, one set of throttles.

Every limit here is a DRF ``SimpleRateThrottle`` whose history lives in the
``throttle`` cache (``settings.CACHES``: a database table shared by every
worker, or Redis with ``REDIS_URL``), so N workers enforce the rate once, not
N times. It is not the pages' cache: culling that one (a flood of distinct
URLs fills it) never drops a count.
Counts are read-modify-write, not atomic: two workers answering the same
client in the same instant may each let one request through; the limit
still holds to within the number of workers.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``:

- ``anon``: anonymous API requests per client address (``API_ANON_RATE``);
- ``search``: the reader site's ``/search/`` per client address (``SEARCH_RATE``);
- ``export``: downloads of a whole result set, on the site and through the
  API, per client address (``EXPORT_RATE``): each can be the whole archive;
- ``login_account`` / ``login_address``: *failed* token logins per username
  tried and per client address (``LOGIN_ACCOUNT_RATE``, ``LOGIN_ADDRESS_RATE``).
  While an account is over its rate, even the right password is refused
  with 429 until the window has moved on: otherwise the limit would not stop
  guessing. Someone else's failures can therefore hold an account up for at
  most one window; failures from other addresses never count against yours.
"""
from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
from collections.abc import Mapping

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES 中的 {entry!r} 不是 IP 地址或网段。"
                f" {entry!r} in TRUSTED_PROXIES is not an address or CIDR."
            ) from error
    return tuple(networks)


def _ip(value: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(ip: IPAddress | None, networks: tuple[Network, ...]) -> bool:
    return ip is not None and any(ip in network for network in networks)


def client_address(request) -> str:
    """The address a limit counts against: ``REMOTE_ADDR``, unless that is a trusted proxy.

    When ``REMOTE_ADDR`` is in ``settings.TRUSTED_PROXIES`` (addresses or
    CIDRs), ``X-Forwarded-For`` is read from the right, skipping trusted
    proxies; the first other entry is the client. Entries further left were
    written by the client itself and are never believed, so a made-up
    header cannot start a fresh count. An entry that is not an IP address
    leaves the count on the proxy that passed it on.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not _trusted(_ip(remote), networks):
        return remote
    nearest = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        ip = _ip(hop.strip())
        if ip is None:
            return nearest
        if not _trusted(ip, networks):
            return str(ip)
        nearest = str(ip)
    return nearest


THROTTLE_CACHE = "throttle"


class SharedCountMixin:
    """Count in the shared throttle cache, per :func:`client_address`."""

    @property
    def cache(self):
        # Looked up on each use, so every throttle follows settings.CACHES (and a test's override of it).
        return caches[THROTTLE_CACHE]

    def get_ident(self, request) -> str:
        return client_address(request)


class AnonThrottle(SharedCountMixin, AnonRateThrottle):
    """Anonymous API requests per client address (scope ``anon``)."""


class SearchThrottle(SharedCountMixin, SimpleRateThrottle):
    """The reader site's search page per client address (scope ``search``); staff are not counted."""

    scope = "search"

    def get_cache_key(self, request, view) -> str | None:
        # Only a request with a session can be staff; not touching the session
        # otherwise keeps anonymous search pages free of ``Vary: Cookie``.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ExportThrottle(SearchThrottle):
    """Result-set downloads (site and API) per client address (scope ``export``); site staff are not counted."""

    scope = "export"


class FailureThrottle(SharedCountMixin, SimpleRateThrottle):
    """Refuses once ``rate`` failures are on record; only :meth:`record_failure` counts."""

    def allow_request(self, request, view) -> bool:
        self.key = self.get_cache_key(request, view)
        if self.rate is None or self.key is None:
            return True
        self.now = self.timer()
        self.history = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        return len(self.history) < self.num_requests

    def record_failure(self, request, view) -> None:
        self.allow_request(request, view)  # loads the live history
        if self.rate is not None and self.key is not None:
            self.throttle_success()  # DRF's "store this request's time" step


class LoginAccountThrottle(FailureThrottle):
    """Failed token logins per username tried (scope ``login_account``)."""

    scope = "login_account"

    def get_cache_key(self, request, view) -> str | None:
        # A JSON body may be a list or a string: no username then (the view answers 400).
        username = request.data.get("username") if isinstance(request.data, Mapping) else None
        if not username:
            return None
        # Hashed: a username is arbitrary client text, a cache key is not.
        digest = hashlib.sha256(str(username).casefold().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


class LoginAddressThrottle(FailureThrottle):
    """Failed token logins per client address (scope ``login_address``)."""

    scope = "login_address"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def rate_limited(throttle_class: type[SimpleRateThrottle]):
    """Decorate a site view: over the throttle's rate it answers the Chinese 429 page with Retry-After."""

    def decorator(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            throttle = throttle_class()
            if throttle.allow_request(request, None):
                return view(request, *args, **kwargs)
            return too_many_requests(request, throttle.wait())

        return limited

    return decorator


def too_many_requests(request, wait: float | None):
    seconds = max(1, math.ceil(wait or 1))
    response = render(request, "429.html", {"retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
