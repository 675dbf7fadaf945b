"""订阅: the page that lists every Atom feed a reader can follow, in words a reader understands."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from archive import selectors
from archive.cache import public_page
from archive.site.views import SHORT_CACHE


def _feed(request, name: str, route: str, page: str, **kwargs) -> dict:
    """One listed feed: its name, the page it follows and the full address to paste into a reader."""
    return {"name": name, "page": page, "url": request.build_absolute_uri(reverse(route, kwargs=kwargs or None))}


@require_safe
@public_page
def feeds_page(request):
    """Every feed: the whole paper, 更正, each public section and each person credited on a published story."""
    context = {
        "paper": _feed(request, "", "archive:feed", reverse("archive:home")),
        "corrections": _feed(request, "", "archive:corrections_feed", reverse("archive:corrections")),
        "sections": [_feed(request, s.name, "archive:section_feed", s.get_absolute_url(), slug=s.slug)
                     for s in selectors.sections()],
        "people": [_feed(request, p.name, "archive:person_feed", p.get_absolute_url(), slug=p.slug)
                   for p in selectors.people()],
    }
    response = render(request, "archive/feeds.html", context)
    patch_cache_control(response, public=True, max_age=SHORT_CACHE)
    return response
