"""REST API routes: ``v1/`` resources, token login, the OpenAPI schema and its docs."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from archive.api import views
from archive.api.export import ArticleExportView
from archive.api.schema_views import LocalRedocView, LocalSwaggerView
from archive.api.token import TokenView

app_name = "api"

router = DefaultRouter()
router.register("articles/harvest", views.ArticleHarvestViewSet, basename="article-harvest")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("issues", views.IssueViewSet, basename="issue")
router.register("pages", views.PageViewSet, basename="page")
router.register("sections", views.SectionViewSet, basename="section")
router.register("people", views.PersonViewSet, basename="person")


urlpatterns = [
    path("v1/articles/export/", ArticleExportView.as_view(), name="article-export"),
    path("v1/", include(router.urls)),
    path("v1/auth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", LocalSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", LocalRedocView.as_view(url_name="api:schema"), name="redoc"),
]
