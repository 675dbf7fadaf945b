"""Thin API viewsets: pick a selector queryset for the user, filter, paginate, serialize.

Anonymous users (and accounts without article permissions) get ``public``
querysets, so drafts never leak through lists, details, nested summaries or
counts. Writes go through :class:`~archive.api.serializers.ArticleWriteSerializer`,
which calls the services.
"""
from django.db.models import F
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from archive import selectors, services
from archive.api import docs, serializers
from archive.api.caching import AnonymousListCache
from archive.api.filters import ArticleHarvestFilter, IssueFilter, PageFilter
from archive.api.pagination import HarvestPagination
from archive.api.permissions import can_see_drafts
from archive.filters import ArticleFilter, search


class PublicMixin:
    """``public()``: whether this request gets published content only.

    A viewset with ``detail_serializer_class`` uses it for ``retrieve``.
    """

    detail_serializer_class = None

    def public(self) -> bool:
        return not can_see_drafts(self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return super().get_serializer_class()


@extend_schema_view(**docs.ARTICLES)
class ArticleViewSet(AnonymousListCache, PublicMixin, viewsets.ModelViewSet):
    filterset_class = ArticleFilter
    parser_classes = [JSONParser]  # nested bylines, photos and body blocks: JSON only, typed as the schema says
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.articles(public=self.public(), with_corrections=self.action != "list")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return serializers.ArticleWriteSerializer
        return serializers.ArticleListSerializer if self.action == "list" else serializers.ArticleDetailSerializer

    def filter_queryset(self, queryset):
        if self.action != "list":  # a detail URL still honours the filters, as a plain FilterSet
            return super().filter_queryset(queryset)
        filterset, results = search(self.request.query_params, queryset=queryset, public=self.public(),
                                    request=self.request, filterset_class=self.filterset_class)
        if results is None:
            raise translate_validation(filterset.errors)
        return results

    def _detail(self, article, status):
        fresh = selectors.articles(public=False, with_corrections=True).get(pk=article.pk)
        data = serializers.ArticleDetailSerializer(fresh, context=self.get_serializer_context()).data
        return Response(data, status=status)

    def create(self, request, *args, **kwargs):
        write = self.get_serializer(data=request.data)
        write.is_valid(raise_exception=True)
        return self._detail(write.save(), 201)

    def update(self, request, *args, **kwargs):
        write = self.get_serializer(self.get_object(), data=request.data, partial=kwargs.get("partial", False))
        write.is_valid(raise_exception=True)
        return self._detail(write.save(), 200)

    def perform_destroy(self, instance):
        services.article_delete(article=instance)


@extend_schema_view(**docs.HARVEST)
class ArticleHarvestViewSet(AnonymousListCache, PublicMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    filterset_class = ArticleHarvestFilter
    pagination_class = HarvestPagination
    serializer_class = serializers.ArticleDetailSerializer

    def get_queryset(self):
        return selectors.articles(public=self.public(), with_corrections=True).annotate(issue_date=F("page__issue__date"))


@extend_schema_view(**docs.ISSUES)
class IssueViewSet(AnonymousListCache, PublicMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = IssueFilter
    lookup_field = "date"
    lookup_value_regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    serializer_class = serializers.IssueSerializer
    detail_serializer_class = serializers.IssueDetailSerializer

    def get_queryset(self):
        return selectors.issues_with_counts(public=self.public(), with_pages=self.action == "retrieve")


@extend_schema_view(**docs.PAGES)
class PageViewSet(AnonymousListCache, PublicMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = PageFilter
    lookup_value_regex = r"[0-9]+"

    serializer_class = serializers.PageSerializer
    detail_serializer_class = serializers.PageDetailSerializer

    def get_queryset(self):
        return selectors.pages_with_counts(public=self.public(), with_articles=self.action == "retrieve")


@extend_schema_view(**docs.SECTIONS)
class SectionViewSet(AnonymousListCache, PublicMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SectionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.sections_with_counts(public=self.public())


@extend_schema_view(**docs.PEOPLE)
class PersonViewSet(AnonymousListCache, PublicMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PersonSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.people_with_counts(public=self.public())
