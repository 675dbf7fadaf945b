"""The article change form's writes, each through one service call.

Django's admin saves the form, then each inline, then deletes, each by
itself; here the fields, bylines and photos of one submit become one
``services.article_save`` (one transaction, one revision, one re-index), and
deletes and status actions go through their services too. Nothing the form
offers writes rows directly.
"""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import construct_change_message
from django.db.models.fields.files import FieldFile
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from archive import services
from archive.models import Article, Byline, Photo
from archive.services import history

from .display import text_to_body


class BodyTextField(forms.CharField):
    """The body as text; changed only if its paragraphs changed (browsers post CRLF line ends)."""

    def has_changed(self, initial, data):
        return text_to_body(initial or "") != text_to_body(data or "")


def _kept(formset) -> list[dict]:
    """The rows an inline formset keeps, in the order the editor numbered them."""
    rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    return sorted(rows, key=lambda row: row.get("order") or float("inf"))


def _image(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    return value or ""


def _photo(row: dict) -> services.PhotoInput:
    return services.PhotoInput(
        caption=row.get("caption", ""), credit=row.get("credit", ""), image=_image(row.get("image")),
        photographer=row.get("photographer") or services.editing.FROM_CREDIT,
    )


class _NoFieldChanges:
    changed_data: list[str] = []


class ArticleSaveMixin:
    """save_model/save_related/delete hooks of the article admin, routed through the services."""

    def save_model(self, request, obj, form, change):
        """Nothing yet: the fields are saved with the inlines in :meth:`save_related`, as one change."""

    def save_related(self, request, form, formsets, change):
        inlines = {formset.model: formset for formset in formsets}
        data = form.cleaned_data
        saved = services.article_save(
            # The form already copied the posted values onto form.instance; compare with the stored row.
            article=Article.objects.get(pk=form.instance.pk) if change else None,
            page=None if change else data["page"],
            fields={name: data["body_text" if name == "body" else name] for name in services.EDITABLE_FIELDS
                    if name in data or name == "body"},
            bylines=[(row["person"], row["role"]) for row in _kept(inlines[Byline])] if Byline in inlines else None,
            photos=[_photo(row) for row in _kept(inlines[Photo])] if Photo in inlines else None,
            status=data.get("status"), user=request.user,
        )
        form.instance.pk, form.instance.order = saved.article.pk, saved.article.order
        form.instance._state.adding, form.instance._state.db = False, saved.article._state.db
        form.saved_changes = saved.changed
        for formset in formsets:
            if formset.model not in (Byline, Photo):
                formset.instance = saved.article
                self.save_formset(request, form, formset, change)

    def construct_change_message(self, request, form, formsets, add):
        others = [formset for formset in formsets if formset.model not in (Byline, Photo)]
        message = construct_change_message(_NoFieldChanges(), others, add)
        if add:
            return [{"added": {}}, *message]
        changed = services.change_labels(getattr(form, "saved_changes", ()))
        return [{"changed": {"fields": changed}}, *message] if changed else message

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ServiceError as exc:
            # The admin's transaction is rolled back: nothing of this submit was saved.
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request, obj):
        services.article_delete(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        services.articles_delete(articles=queryset, user=request.user)

    def set_status(self, request, queryset, *, publish: bool) -> int:
        """Publish or unpublish the selected articles as one revision by the editor."""
        with history.revision(user=request.user, comment=str(_("发布") if publish else _("撤回"))):
            return services.articles_set_status(articles=queryset.order_by("pk"), publish=publish)
