"""An article's versions in the admin: the list, a field-by-field diff of two, and revert.

The versions are django-reversion's, recorded by the services; reverting goes
through ``services.article_revert`` so it is itself a recorded, indexed change.
"""
from __future__ import annotations

import difflib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive import services
from archive.models import Article, Byline, Kind, Person, Photo, Role, Section
from archive.services import history

from .display import body_to_text

TEXT_FIELDS = ("kicker", "headline", "subheadline", "dateline")


def _names(model, ids) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def version_content(version) -> dict[str, str]:
    """What an editor compares in a version, by Chinese label: title lines, section, body, bylines, photos."""
    data, label = version.field_dict, lambda name: str(Article._meta.get_field(name).verbose_name)
    bylines = sorted((v.field_dict for v in history.related_versions(version, Byline)), key=lambda d: d["order"])
    photos = sorted((v.field_dict for v in history.related_versions(version, Photo)), key=lambda d: d["order"])
    people = _names(Person, [b["person_id"] for b in bylines])
    content = {label(name): data[name] for name in TEXT_FIELDS}
    content[label("kind")] = str(Kind(data["kind"]).label)
    content[label("section")] = _names(Section, [data["section_id"]]).get(data["section_id"], "—")
    content[label("body")] = body_to_text(data["body"])
    content[str(Byline._meta.verbose_name)] = "\n".join(
        f"{Role(b['role']).label} {people.get(b['person_id'], '?')}" for b in bylines
    )
    content[str(Photo._meta.verbose_name)] = "\n\n".join(f"{p['caption']}\n{p['credit']}".strip() for p in photos)
    return content


def version_diff(old, new) -> list[dict]:
    """The fields that differ between two versions, each with its lines marked removed (-), added (+) or kept."""
    before, after = version_content(old), version_content(new)
    rows = []
    for label, text in after.items():
        if before[label] != text:
            lines = difflib.ndiff(before[label].splitlines(), text.splitlines())
            rows.append({"label": label, "lines": [(line[0], line[2:]) for line in lines if line[0] in "-+ "]})
    return rows


class ArticleHistoryMixin:
    """Replaces the admin's history page with the article's versions, a diff and revert."""

    object_history_template = "admin/archive/article/versions.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/diff/", wrap(self.version_diff_view), name="archive_article_version_diff"),
            path("<path:object_id>/history/<int:version_id>/revert/", wrap(require_POST(self.version_revert_view)),
                 name="archive_article_version_revert"),
            *super().get_urls(),
        ]

    def _article(self, request, object_id, *, change=False) -> Article:
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        allowed = self.has_change_permission(request, article) if change else self.has_view_or_change_permission(request, article)
        if not allowed:
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._article(request, object_id)
        extra = {"versions": list(history.versions_of(article)), "can_revert": self.has_change_permission(request, article)}
        return super().history_view(request, object_id, {**extra, **(extra_context or {})})

    def version_diff_view(self, request, object_id):
        article = self._article(request, object_id)
        versions = history.versions_of(article)
        try:
            old = get_object_or_404(versions, pk=int(request.GET.get("old", "")))
            new = get_object_or_404(versions, pk=int(request.GET.get("new", "")))
        except ValueError:
            raise Http404 from None
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "object": article,
            "title": _("版本比较"), "old": old, "new": new, "rows": version_diff(old, new),
        }
        return TemplateResponse(request, "admin/archive/article/version_diff.html", context)

    def version_revert_view(self, request, object_id, version_id):
        article = self._article(request, object_id, change=True)
        version = get_object_or_404(history.versions_of(article), pk=version_id)
        try:
            services.article_revert(article=article, version=version, user=request.user)
        except services.ServiceError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, _("已恢复到所选版本。"), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:archive_article_history", args=[article.pk]))
