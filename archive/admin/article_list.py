"""The admin's article list: readable titles at 1280 px, newest issue first, the archive's search.

Titles are the widest column and keep their printed lines apart (引题 small
above the 主标题, 副题 small below) instead of one joined string: joined,
they wrapped every one or two characters in a 60 px column. Search goes
through ``search.index.service.search_articles`` — the word-segmented index
the public site uses — so an editor finds what a reader finds (titles,
body, captions, credited names), not what a substring ``icontains`` finds.
Every column reads from the rows, their ``select_related`` joins or two
prefetches, so the page costs the same number of queries for 5 rows or 100.
"""
from __future__ import annotations

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from archive.models import Article, Byline, Kind, Status
from archive.search.index.service import search_articles


# A story with five 通讯员 would make its row five lines tall; the change page lists them all.
MAX_CREDITS = 3


class ReviewFilter(admin.SimpleListFilter):
    """Articles whose parser warnings are still to be checked, or were checked."""

    title = _("解析提示核对")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (("open", _("需核对")), ("checked", _("已核对")))

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.needs_review()
        if self.value() == "checked":
            return queryset.reviewed()
        return queryset


class EditedFilter(admin.SimpleListFilter):
    """Articles an editor changed after the import: a re-import of their page is refused."""

    title = _("编辑修改")
    parameter_name = "edited"

    def lookups(self, request, model_admin):
        return (("yes", _("导入后修改过")), ("no", _("未修改")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(edited_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(edited_at__isnull=True)
        return queryset


class ArticleListMixin:
    """The change list half of ``ArticleAdmin``; the change form lives in ``articles.py``."""

    list_display = ("titles", "printed", "section", "credits", "status_label", "review", "edited")
    list_display_links = ("titles",)
    list_filter = ("status", EditedFilter, ReviewFilter, "section", "kind")
    list_select_related = ("page__issue", "section", "checked_by")
    list_per_page = 50
    date_hierarchy = "page__issue__date"
    # Newest issue first; within an issue, in printed order (page, then position).
    ordering = ("-page__issue__date", "page__number", "order")
    search_fields = ("headline",)  # only so the admin draws the search box; get_search_results decides
    search_help_text = _("按全文检索：标题、正文、图片说明和署名人物（与读者网站的检索相同）")

    class Media:
        css = {"all": ("admin/archive/article_list.css",)}

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search_articles(search_term, queryset=queryset, order="date"), False

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Bylines for the credits column, photos for untitled pictures: one query each per page of rows.
        changelist.result_list = changelist.result_list.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("person").order_by("order", "id")),
            "photos",
        )
        return changelist

    @admin.display(description=_("标题"), ordering="headline")
    def titles(self, article: Article):
        kicker = format_html('<span class="al-kicker">{}</span>', article.kicker) if article.kicker else ""
        sub = format_html('<span class="al-sub">{}</span>', article.subheadline) if article.subheadline else ""
        kind = format_html('<span class="al-kind">{}</span>', _("图片新闻")) if article.kind == Kind.PHOTO else ""
        main = article.headline or (article.first_caption or "")[:40] or f"#{article.pk}"
        return format_html('{}<span class="al-headline">{}{}</span>{}', kicker, kind, main, sub)

    @admin.display(description=_("期次·版次"), ordering="page__issue__date")
    def printed(self, article: Article):
        return format_html(
            '<span class="al-date">{}</span><span class="al-page">{}</span>',
            article.page.issue.date.isoformat(),
            _("第%(page)s版 · %(order)s") % {"page": article.page.number, "order": article.order},
        )

    @admin.display(description=_("署名"))
    def credits(self, article: Article):
        bylines = list(article.bylines.all())
        if not bylines:
            return "—"
        shown = format_html_join("", '<span class="al-credit">{} {}</span>',
                                 ((b.get_role_display(), b.person.name) for b in bylines[:MAX_CREDITS]))
        more = len(bylines) - MAX_CREDITS
        return format_html('{}<span class="al-more">{}</span>', shown, _("等 %d 人") % more) if more > 0 else shown

    @admin.display(description=_("解析提示"), ordering="warning_count")
    def review(self, article: Article):
        if not article.warning_count:
            return "—"
        return format_html('<span class="al-warnings">{}</span> {}', article.warning_count, self.review_display(article))

    @admin.display(description=_("状态"), ordering="status")
    def status_label(self, article: Article):
        css = "al-published" if article.status == Status.PUBLISHED else "al-draft"
        return format_html('<span class="al-status {}">{}</span>', css, article.get_status_display())

    @admin.display(description=_("编辑修改"), ordering="edited_at")
    def edited(self, article: Article):
        return article.edited_at.date().isoformat() if article.edited_at else "—"
