"""Redoc served without third-party requests.

drf-spectacular's Redoc page loads Google Fonts from a CDN even with the
sidecar; the archive's docs must work offline and leak no reader to third
parties, so the page head is replaced and Redoc falls back to system fonts.
"""
from django.template import engines
from drf_spectacular.views import SpectacularRedocView
from rest_framework.renderers import TemplateHTMLRenderer

_REDOC_PAGE = engines["django"].from_string(
    '{% extends "drf_spectacular/redoc.html" %}'
    "{% block head %}<title>{{ title|default:'Redoc' }}</title>"
    '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    "<style>body { margin: 0; padding: 0; }</style>{% endblock head %}"
)


class _LocalRedocRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names):
        return _REDOC_PAGE


class LocalRedocView(SpectacularRedocView):
    """Redoc from our static files only."""

    renderer_classes = [_LocalRedocRenderer]
