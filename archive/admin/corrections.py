"""Corrections (更正) in the editors' admin.

Editors add a correction from the article's change page: its 更正 inline
lists the notes and links to the add form with the article filled in. Every
save and delete goes through ``services.correction_*``, so the article counts
as changed for feeds and caches. The inline is read-only on purpose: the
article form's own save path (fields, bylines, photos) stays separate, and an
added note never marks the article's text as edited.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive import services
from archive.models import Correction


class CorrectionInline(admin.TabularInline):
    """The article's corrections, shown on its change page with a link to add one."""

    model = Correction
    extra = 0
    fields = ("published_at", "note", "created_by")
    readonly_fields = fields
    ordering = ("published_at", "id")
    show_change_link = True
    template = "admin/archive/correction/inline.html"

    def has_view_permission(self, request, obj=None):
        # Not on the add page: a new article has no corrections, and the form stays as before.
        return obj is not None and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Django builds this inline only after has_view_permission(request, article) allowed it;
        # InlineModelAdmin.get_queryset asks again without the article, which would hide every row.
        return Correction.objects.select_related("created_by").order_by("published_at", "id")


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ("article", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def clean_note(self):
        try:
            return services.clean_correction_note(self.cleaned_data.get("note") or "")
        except services.ServiceError as exc:
            raise forms.ValidationError(str(exc)) from None


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    form = CorrectionForm
    list_display = ("published_at", "article_link", "short_note", "created_by")
    list_select_related = ("article__page__issue", "created_by")
    date_hierarchy = "published_at"
    search_fields = ("note", "article__headline")
    search_help_text = _("按更正说明或文章主标题搜索")
    autocomplete_fields = ("article",)
    actions = ("withdraw",)

    def get_queryset(self, request):
        # The list joins each story's page: not the page's raw text, which can be megabytes.
        return super().get_queryset(request).defer("article__page__raw_text")

    def get_readonly_fields(self, request, obj=None):
        # A correction stays with the story it was published under.
        return ("article", "published_at", "created_by") if obj else ()

    def get_fields(self, request, obj=None):
        return ("article", "note", "published_at", "created_by") if obj else ("article", "note")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # withdrawing goes through the service
        return actions

    @admin.display(description=_("文章"), ordering="article__page__issue__date")
    def article_link(self, correction: Correction):
        article = correction.article
        url = reverse("admin:archive_article_change", args=[article.pk])
        return format_html('<a href="{}">{} {}</a>', url, article.page.issue.date, article.headline or article.pk)

    @admin.display(description=_("更正说明"))
    def short_note(self, correction: Correction):
        return correction.note[:60]

    def save_model(self, request, obj, form, change):
        if change:
            # ``obj`` already holds the new note; the service compares with the stored one.
            stored = Correction.objects.select_related("article").get(pk=obj.pk)
            services.correction_update(correction=stored, note=form.cleaned_data["note"])
            return
        added = services.correction_add(article=obj.article, note=obj.note, user=request.user)
        obj.pk, obj.published_at, obj.created_by, obj.created_at = added.pk, added.published_at, added.created_by, added.created_at
        obj._state.adding, obj._state.db = False, added._state.db

    def delete_model(self, request, obj):
        services.correction_withdraw(correction=obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST or "_continue" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        # Added from the article's page: back there, where the note now shows.
        self.message_user(request, _("已添加更正，文章页面已显示。"), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:archive_article_change", args=[obj.article_id]))

    @admin.action(description=_("撤销所选更正"), permissions=("delete",))
    def withdraw(self, request, queryset):
        count = 0
        for correction in queryset.select_related("article"):
            services.correction_withdraw(correction=correction)
            count += 1
        self.message_user(request, ngettext("已撤销 %d 条更正。", "已撤销 %d 条更正。", count) % count, messages.SUCCESS)
