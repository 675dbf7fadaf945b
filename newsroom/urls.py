"""Root URLs: the editors' admin, the REST API and the public reader site."""
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "报纸档案 · 编辑后台"
admin.site.site_title = "报纸档案"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("archive.api.urls")),
    path("", include("archive.site.urls")),
]

handler400 = "archive.errors.bad_request"
handler403 = "archive.errors.permission_denied"
handler404 = "archive.errors.page_not_found"
handler500 = "archive.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
