"""Deleting issues and pages from the admin through the services.

Django's delete page, its bulk delete action and an inline's delete box each
delete rows directly; these hooks send them to ``services.issue_delete`` and
``services.page_delete``, which keep the history and the search index in step.
"""
from __future__ import annotations

from archive import services
from archive.models import Issue, Page


def delete_through_service(obj, user) -> None:
    """Delete an issue or a page with everything on it, by the service for its kind."""
    if isinstance(obj, Issue):
        services.issue_delete(issue=obj, user=user)
    elif isinstance(obj, Page):
        services.page_delete(page=obj, user=user)
    else:
        raise TypeError(f"no delete service for {type(obj).__name__}")


class StructureDeleteMixin:
    """delete_model, delete_queryset and inline page deletes of the issue and page admins."""

    def delete_model(self, request, obj):
        delete_through_service(obj, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_through_service(obj, request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Page:
            return super().save_formset(request, form, formset, change)
        for obj in formset.save(commit=False):  # without commit the formset only lists what to delete
            obj.save()
        for page in formset.deleted_objects:
            delete_through_service(page, request.user)
        return None
