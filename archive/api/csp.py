"""The Content-Security-Policy middleware, with the one exception the browsable API needs.

django-rest-framework's browsable API (the HTML a browser gets from
``/api/v1/...``) writes ``style=""`` attributes and a ``<style>`` block of
syntax-highlighting rules throughout its templates. On those responses only,
inline styles are allowed; scripts stay as strict as everywhere else (the
browsable API's scripts are all files). Every other page follows
``CONTENT_SECURITY_POLICY`` in newsroom/settings.py unchanged, apart from the
API docs pages (archive/api/schema_views.py).
"""
from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from rest_framework.renderers import BrowsableAPIRenderer


class ArchiveCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request=request, response=response, report_only=report_only)
        if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
            update = parts.update or {}
            parts.update = {**update, "style-src": [*update.get("style-src", []), UNSAFE_INLINE]}
        return parts
