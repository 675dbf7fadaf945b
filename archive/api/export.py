"""``/api/v1/articles/export/``: a whole article result set as one CSV or NDJSON download.

The same filters as the article list, answered by :func:`archive.filters.search`
exactly as the list answers them (editors' drafts included), streamed by
:mod:`archive.exporting` without paging. ``format`` picks the file, not a
renderer: anything else the view answers (a 400, a 429) is JSON.
"""
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings

from archive import exporting, selectors
from archive.api import docs
from archive.api.permissions import can_see_drafts
from archive.filters import ArticleFilter, search
from archive.throttling import ExportThrottle


DEFAULT_FORMAT = "ndjson"  # what a program reading the API most likely wants (see docs.EXPORT)


class ExportNegotiation(DefaultContentNegotiation):
    """JSON for whatever is not the file: ``format`` names the file type here, not a DRF renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportOptions(serializers.Serializer):
    """``format`` and ``body``; an empty value means the default, as for the filters."""

    format = serializers.ChoiceField(choices=sorted(exporting.FORMATS), required=False, allow_blank=True)
    body = serializers.ChoiceField(choices=["0", "1"], required=False, allow_blank=True)


class ArticleExportView(GenericAPIView):
    filterset_class = ArticleFilter
    filter_backends = [DjangoFilterBackend]  # documents the filters; :func:`search` applies them
    pagination_class = None
    renderer_classes = [JSONRenderer]
    content_negotiation_class = ExportNegotiation
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, ExportThrottle]
    schema = docs.ExportSchema()

    def public(self) -> bool:
        return not can_see_drafts(self.request.user)

    def get_queryset(self):
        return selectors.articles(public=self.public())

    @extend_schema(**docs.EXPORT)
    def get(self, request):
        options = ExportOptions(data=request.query_params)
        options.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        filterset, results = search(request.query_params, queryset=queryset, public=self.public(), request=request)
        if results is None:
            raise translate_validation(filterset.errors)
        return exporting.export_response(
            results, fmt=options.validated_data.get("format") or DEFAULT_FORMAT, queryset=queryset,
            request=request, body=options.validated_data.get("body") == "1", stem="archive-articles",
        )
