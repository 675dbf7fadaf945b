"""The reader site's result-set download: /search/export.csv and /search/export.ndjson.

Takes the query string of /search/ (the article filters of
:mod:`archive.filters`, plus ``body=1`` for the text) and answers every
published story it selects as a file (see :mod:`archive.exporting`).
Invalid filter values are ignored, as on the search page.
"""
from django.views.decorators.http import require_safe

from archive import exporting, selectors
from archive.filters import search
from archive.throttling import ExportThrottle, rate_limited


@require_safe
@rate_limited(ExportThrottle)
def search_export(request, fmt: str):
    params = request.GET.copy()
    params["q"] = params.get("q", "").replace("\x00", " ")  # a form refuses NUL; the query ignores it
    public = selectors.articles(public=True)
    _, results = search(params, queryset=public, public=True, request=request, lenient=True)
    return exporting.export_response(
        results, fmt=fmt, queryset=public, request=request, body=request.GET.get("body") == "1"
    )
