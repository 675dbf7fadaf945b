"""Anonymous API lists: cacheable by clients and proxies, and kept in the shared cache.

A JSON list answered to an anonymous client says ``Cache-Control: public,
max-age=LIST_MAX_AGE`` and carries an ETag of its content, so a client
that sends it back gets a 304. The response is kept in the shared cache
the way :mod:`archive.cache` keeps public pages (same key, generation and
invalidation), so the next anonymous client with the same URL, language
and media type gets it without a query of the archive. Throttling,
authentication and content negotiation run first, as for every request;
editors and token clients, details, writes and the browsable HTML are never
cached.
"""
from __future__ import annotations

from django.utils.cache import patch_cache_control

from archive import cache as page_cache

LIST_MAX_AGE = 60  # a scheduled story shows up in anonymous lists at most this late


class AnonymousListCache:
    """Viewset mixin: anonymous JSON ``list`` responses from and into the shared cache."""

    _cache_slot = None

    def _cacheable(self, request) -> bool:
        renderer = getattr(request, "accepted_renderer", None)
        return (self.action == "list" and getattr(renderer, "format", None) == "json"
                and page_cache.anonymous(request._request))

    def list(self, request, *args, **kwargs):
        if not self._cacheable(request):
            return super().list(request, *args, **kwargs)
        slot = page_cache.find(request._request, variant=request.accepted_media_type)
        if slot.entry is not None:
            return page_cache.answer(request._request, slot.entry)
        self._cache_slot = slot
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._cache_slot is not None and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=LIST_MAX_AGE)
            response = page_cache.keep(request._request, self._cache_slot, response)
        return response
