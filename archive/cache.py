"""Whole responses of the public site and of the API's anonymous lists, kept in the shared cache.

What is cached: GET responses to anonymous readers (no ``Authorization``
header, no logged-in session) of the views wrapped in :func:`public_page`
and of API lists (:class:`archive.api.caching.AnonymousListCache`), when
they are a 200 to a reader without a session cookie that stores nothing in
the session, sets no cookie, issued no CSRF token and is not marked private
or no-store. Logged-in staff and token
clients always get a fresh response; staff previews and the search page are
never wrapped. A cached answer keeps its ETag and Last-Modified (an ETag is
added from the content if the view set none), so If-None-Match and
If-Modified-Since still get a 304 from the cache, without a database query
beyond the one cache read.

Key: the absolute URL (scheme, host, path and query string), the active
language and a variant (the API's media type). The entry also records the
content generation it was rendered under.

Invalidation: the content generation is a random token kept in the cache;
an entry from another generation is a miss. Every ``save()`` of Issue,
Page, Article, Byline, Photo, Person, Section or Correction and every
``delete()`` of Issue, Page, Article, Person, Section or Correction sends a
Django signal, whichever service, admin action or command made it (publish,
edit, correction, import, delete, merge). The receiver
(:func:`content_changed`) draws a new token at once and again when the
transaction commits (``transaction.on_commit``), so a page rendered from
the old rows while the transaction was open is never served after it.
Bylines and photos have no delete receiver (it would stop Django deleting
them in bulk); they are only deleted together with a save or delete of
their article or person. A write that bypasses the signals
(``QuerySet.update``, raw SQL) must call :func:`content_changed` itself.

Time: an entry is kept for the response's max-age (the views shorten it to
the next scheduled publication, which no row records), else
:data:`DEFAULT_SECONDS`, measured with ``timezone.now()``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, get_max_age, has_vary_header, set_response_etag
from django.utils.http import parse_http_date_safe

GENERATION_KEY = "archive:content-generation"
DEFAULT_SECONDS = 300
CONTENT_MODELS = ("Issue", "Page", "Article", "Byline", "Photo", "Person", "Section", "Correction")
DELETE_SIGNALLED = ("Issue", "Page", "Article", "Person", "Section", "Correction")
_UNCACHEABLE = ("private", "no-store", "no-cache")


# --- invalidation ------------------------------------------------------------


class _Process:
    # Whether this process stored a response since it last drew a token: only
    # then can a write inside a transaction meet a cached page that predates
    # it (other processes see the write only at commit, when the token moves).
    stored_since_token = True


def _new_generation() -> None:
    _Process.stored_since_token = False
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def current_generation() -> str:
    """The content generation; a lost token (evicted, cache cleared) is replaced by a new one."""
    return cache.get(GENERATION_KEY) or _first_generation()


def remember(key: str, compute, seconds: int):
    """``compute()``, kept ``seconds`` in the shared cache under ``key`` and the content generation.

    For a piece of a page (历史上的今天) that many pages share: any content
    write makes it a miss, as it does a cached page.
    """
    slot = f"{key}:{current_generation()}"
    value = cache.get(slot)
    if value is None:
        value = compute()
        cache.set(slot, value, seconds)
        _Process.stored_since_token = True  # a write in an open transaction must now draw a token at once
    return value


def _first_generation() -> str:
    token = secrets.token_hex(8)
    cache.add(GENERATION_KEY, token, None)
    return cache.get(GENERATION_KEY) or token


def content_changed(using: str = DEFAULT_DB_ALIAS, **_signal) -> None:
    """Make every cached response stale now and again when the current transaction commits.

    "Now" only when this process stored a response since its last token, and
    "at commit" once per enclosing block: an import saving thousands of rows
    (each person in its own savepoint) draws a few tokens, not thousands. A
    callback queued by this block or one around it runs whenever this write
    is committed, and is dropped only when this write is rolled back too.
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block or _Process.stored_since_token:
        _new_generation()
    if connection.in_atomic_block and not _queued_around(connection):
        transaction.on_commit(_new_generation, using=using)


def _queued_around(connection) -> bool:
    open_blocks = set(connection.savepoint_ids)
    return any(func is _new_generation and set(sids) <= open_blocks for sids, func, *_rest in connection.run_on_commit)


def connect_signals() -> None:
    """Called once from ``ArchiveConfig.ready``: content writes invalidate the cache (module doc)."""
    from archive import models

    for name in CONTENT_MODELS:
        model = getattr(models, name)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"archive.cache.save.{name}")
        if name in DELETE_SIGNALLED:
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"archive.cache.delete.{name}")


# --- lookup and store --------------------------------------------------------


def anonymous(request) -> bool:
    """A GET or HEAD without credentials: the only requests answered from the cache."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


@dataclass
class Slot:
    """Where a response is cached, the generation it would be stored under, and what is there now."""

    key: str
    generation: str
    entry: dict | None


def find(request, variant: str = "") -> Slot:
    """The slot of ``request``: one cache read for the generation and the entry together."""
    raw = "|".join((request.build_absolute_uri(), getattr(request, "LANGUAGE_CODE", ""), variant))
    key = "archive:page:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _first_generation()
    entry = found.get(key)
    if entry and (entry["generation"] != generation or timezone.now() >= entry["fresh_until"]):
        entry = None
    return Slot(key=key, generation=generation, entry=entry)


def answer(request, entry: dict) -> HttpResponse:
    """The cached response, or a 304 when the request's validators still match it."""
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Age"] = str(max(int((timezone.now() - entry["stored_at"]).total_seconds()), 0))
    return _conditional(request, response)


def _conditional(request, response):
    last_modified = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    # Only a reader without a session fills the cache (what it is shown, every
    # anonymous reader may be shown), and only if nothing was stored for them:
    # no session data, no CSRF token in the page.
    session = getattr(request, "session", None)
    if settings.SESSION_COOKIE_NAME in request.COOKIES or (session is not None and session.modified):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not has_vary_header(response, "Cookie") and not any(word in control for word in _UNCACHEABLE)


def _store(request, slot: Slot, response):
    if not _storable(request, response):
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    seconds = get_max_age(response)
    seconds = DEFAULT_SECONDS if seconds is None else seconds
    if seconds > 0:
        now = timezone.now()
        entry = {"generation": slot.generation, "status": response.status_code, "content": response.content,
                 "headers": [(k, v) for k, v in response.items() if k.lower() != "age"],
                 "stored_at": now, "fresh_until": now + dt.timedelta(seconds=seconds)}
        cache.set(slot.key, entry, seconds)
        _Process.stored_since_token = True
    return _conditional(request, response)


def keep(request, slot: Slot, response):
    """Store ``response`` in ``slot`` if it may be shared; a template response once it is rendered."""
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.add_post_render_callback(lambda rendered: _store(request, slot, rendered))
        return response
    return _store(request, slot, response)


def public_page(view):
    """Answer anonymous GETs of ``view`` from the shared cache (see the module doc)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not anonymous(request):
            return view(request, *args, **kwargs)
        slot = find(request)
        if slot.entry is not None:
            return answer(request, slot.entry)
        return keep(request, slot, view(request, *args, **kwargs))

    return cached_view
