"""Issues and pages in the editors' admin, with the page-import view and whole-issue/page publishing."""
from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.models import Article, Issue, Page

from .importing import page_import_view
from .publishing import ISSUE_ACTIONS, PAGE_ACTIONS, PublishingMixin
from .structure import StructureDeleteMixin


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ("number", "name", "section", "source_name", "imported_at")
    readonly_fields = ("source_name", "imported_at")
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(StructureDeleteMixin, PublishingMixin, admin.ModelAdmin):
    list_display = ("date", "number", "page_count")
    actions = ISSUE_ACTIONS
    date_hierarchy = "date"
    search_fields = ("date",)
    inlines = (PageInline,)

    def get_readonly_fields(self, request, obj=None):
        # An issue's date is in every URL under it and in each story's search key.
        return ("date",) if obj else ()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_pages=Count("pages"))

    @admin.display(description=_("版数"), ordering="n_pages")
    def page_count(self, issue: Issue) -> int:
        return issue.n_pages


class ArticleInline(admin.TabularInline):
    """The page's items in printed order; editing happens on the article's own page."""

    model = Article
    extra = 0
    fields = ("order", "kind", "headline_or_caption", "status", "warning_count")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ("order",)

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photos")

    @admin.display(description=_("标题"))
    def headline_or_caption(self, article: Article) -> str:
        return str(article)

    @admin.display(description=_("提示数"))
    def warning_count(self, article: Article) -> int:
        return article.warning_count


@admin.register(Page)
class PageAdmin(StructureDeleteMixin, PublishingMixin, admin.ModelAdmin):
    list_display = ("issue", "number", "name", "section", "article_count", "source_name", "imported_at")
    actions = PAGE_ACTIONS
    list_filter = ("section",)
    list_select_related = ("issue", "section")
    date_hierarchy = "issue__date"
    search_fields = ("name", "source_name")
    fields = ("issue", "number", "name", "section", "image", "source_name", "source_encoding", "imported_at", "raw_text_display")
    readonly_fields = ("source_name", "source_encoding", "imported_at", "raw_text_display")
    inlines = (ArticleInline,)

    def get_readonly_fields(self, request, obj=None):
        # Moving an imported page to another issue or number would break its URLs.
        return ("issue", "number", *self.readonly_fields) if obj else self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description=_("文章数"), ordering="n_articles")
    def article_count(self, page: Page) -> int:
        return page.n_articles

    @admin.display(description=_("原始文本"))
    def raw_text_display(self, page: Page):
        return format_html(
            '<pre class="archive-raw-text">{}</pre>',
            page.raw_text,
        )

    def get_urls(self):
        view = self.admin_site.admin_view(page_import_view(self))
        return [path("import/", view, name="archive_page_import"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"import_url": reverse("admin:archive_page_import"), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)
