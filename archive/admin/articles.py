"""Articles in the editors' admin: titles, body as text, bylines, photos, warnings.

Saving the form with its byline and photo inlines, deleting and publishing
go through the services (see :mod:`.article_save`), so an editor's correction
is validated, marked ``edited_at`` only if something really changed (re-imports
then keep it), recorded in the history and reaches the search index. The
history page lists the versions, diffs two and reverts (:mod:`.history`). The review queue for parser warnings is the
"需核对" filter, sorted by warning count if wished, emptied with the
"标记为已核对" action.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive import services
from archive.models import Article, Byline, Kind, Photo

from .article_list import ArticleListMixin
from .article_save import ArticleSaveMixin, BodyTextField
from .corrections import CorrectionInline
from .display import body_to_text, text_to_body, warnings_html
from .history import ArticleHistoryMixin
from .inline_queries import LoadedAutocompleteInlineMixin


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i") if moment else "—"


class ArticleAdminForm(forms.ModelForm):
    body_text = BodyTextField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=_("段落之间空一行；小标题单独一段，以“## ”开头。"),
    )

    class Meta:
        model = Article
        exclude = ("body", "warnings")
        widgets = {
            name: forms.TextInput(attrs={"class": "vTextField archive-title-input"})
            for name in ("kicker", "headline", "subheadline")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["body_text"].initial = body_to_text(self.instance.body)

    def clean_body_text(self):
        try:
            return services.validate_body(text_to_body(self.cleaned_data.get("body_text") or ""))
        except services.ServiceError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        data = super().clean()
        if data.get("kind") != Kind.PHOTO and not (data.get("headline") or "").strip() and not data.get("body_text"):
            raise forms.ValidationError(_("文章至少要有主标题或正文。"))
        return data

    def save(self, commit=True):
        article = super().save(commit=False)
        article.body = self.cleaned_data.get("body_text") or []
        if commit:
            article.save()
            self.save_m2m()
        return article


class BylineInline(LoadedAutocompleteInlineMixin, admin.TabularInline):
    model = Byline
    extra = 0
    fields = ("order", "person", "role")
    autocomplete_fields = ("person",)
    ordering = ("order", "id")


class PhotoInline(LoadedAutocompleteInlineMixin, admin.StackedInline):
    model = Photo
    extra = 0
    fields = ("order", "preview", "image", "caption", "credit", "photographer")
    readonly_fields = ("preview",)
    autocomplete_fields = ("photographer",)

    @admin.display(description=_("预览"))
    def preview(self, photo: Photo):
        if not photo.image:
            return _("（未上传图片）")
        return format_html('<img class="archive-photo-preview" src="{}" alt="{}">', photo.image.url, photo.caption[:40])


@admin.register(Article)
class ArticleAdmin(ArticleListMixin, ArticleSaveMixin, ArticleHistoryMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = (BylineInline, PhotoInline, CorrectionInline)
    actions = ("publish", "unpublish", "mark_checked")
    autocomplete_fields = ("page", "section")
    readonly_fields = ("page_link", "order", "status_times", "warnings_display", "review_display")
    fieldsets = (
        (_("标题"), {"fields": ("page_link", "order", "kind", "section", "kicker", "headline", "subheadline")}),
        (_("正文"), {"fields": ("dateline", "body_text", "photo_by_byline")}),
        (_("发布"), {"fields": ("status", "status_times")}),
        (_("解析提示"), {"fields": ("warnings_display", "review_display")}),
    )
    add_fieldsets = (
        (_("标题"), {"fields": ("page", "kind", "section", "kicker", "headline", "subheadline")}),
        (_("正文"), {"fields": ("dateline", "body_text", "photo_by_byline")}),
        (_("发布"), {"fields": ("status",)}),
    )

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets if obj else self.add_fieldsets

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page__issue", "section", "checked_by").prefetch_related("photos")

    @admin.display(description=_("提示数"), ordering="warning_count")
    def warning_count(self, article: Article):
        return article.warning_count

    @admin.display(description=_("版面"))
    def page_link(self, article: Article):
        return format_html('<a href="{}">{}</a>', reverse("admin:archive_page_change", args=[article.page_id]), article.page)

    @admin.display(description=_("时间"))
    def status_times(self, article: Article):
        return format_html(
            "{}：{}<br>{}：{}<br>{}：{}",
            _("发布时间"), _local(article.published_at),
            _("导入时间"), _local(article.imported_at),
            _("编辑修改时间"), _local(article.edited_at),
        )

    @admin.display(description=_("解析提示"))
    def warnings_display(self, article: Article):
        return warnings_html(article.warnings)

    @admin.display(description=_("核对"))
    def review_display(self, article: Article):
        if not article.warning_count:
            return "—"
        if not article.checked_at:
            return _("需核对")
        who = article.checked_by.get_username() if article.checked_by else _("（用户已删除）")
        return _("%(who)s 于 %(when)s 核对") % {"who": who, "when": _local(article.checked_at)}

    @admin.action(description=_("发布所选文章"), permissions=("change",))
    def publish(self, request, queryset):
        self._set_status(request, queryset, publish=True)

    @admin.action(description=_("撤回所选文章（设为草稿）"), permissions=("change",))
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, publish=False)

    @admin.action(description=_("标记为已核对"), permissions=("change",))
    def mark_checked(self, request, queryset):
        selected = queryset.count()  # before marking: under the 需核对 filter the marked ones leave the queryset
        count = services.article_mark_checked(articles=queryset, user=request.user)
        message = ngettext("已将 %d 篇文章标记为已核对。", "已将 %d 篇文章标记为已核对。", count) % count
        skipped = selected - count
        if skipped:
            message += ngettext(
                "另有 %d 篇没有待核对的解析提示。", "另有 %d 篇没有待核对的解析提示。", skipped
            ) % skipped
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)

    def _set_status(self, request, queryset, *, publish: bool):
        try:
            count = self.set_status(request, queryset, publish=publish)
        except services.ServiceError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        template = ngettext("已发布 %d 篇文章。", "已发布 %d 篇文章。", count) if publish else ngettext(
            "已撤回 %d 篇文章。", "已撤回 %d 篇文章。", count
        )
        self.message_user(request, template % count, messages.SUCCESS)
