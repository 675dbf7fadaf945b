"""The API docs pages, Swagger UI and Redoc, from the archive's own static files under its CSP.

Both pages load only the drf-spectacular sidecar's files (no CDN, no Google
Fonts: the docs work offline and leak no reader to third parties) and keep
no inline script or ``<style>`` of their own: Swagger UI's start-up script is
served as a second request to the same URL (``?script``). Each page relaxes
the site-wide Content-Security-Policy (newsroom/settings.py) only as far as
its UI needs, on that page alone:

- Swagger UI draws its icons from ``data:`` images.
- Redoc injects its generated CSS as ``<style>`` elements (styled-components;
  its standalone bundle has no way to take a nonce), renders from a
  ``blob:`` web worker and draws icons from ``data:`` images.
"""
from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class LocalSwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a separate, same-origin request."""

    template_name = "api/swagger_ui.html"


@method_decorator(
    csp_update({"style-src": [UNSAFE_INLINE], "img-src": ["data:"], "worker-src": [SELF, "blob:"]}),
    name="dispatch",
)
class LocalRedocView(SpectacularRedocView):
    """Redoc from our static files only."""

    template_name = "api/redoc.html"
