"""Whole-issue and whole-page publishing in the admin: an action, a confirmation page, the service.

Like Django's "delete selected", each action first answers with a page
naming every article whose state will change (page, headline, from → to);
only the confirming POST calls the service, and only for the articles that
page listed. Publishing takes an optional time in 北京时间 (TIME_ZONE): a
later time schedules the articles instead of releasing them now.
"""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers, widgets
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive import selectors, services

CONFIRM_TEMPLATE = "admin/archive/status_confirmation.html"


class ScheduleForm(forms.Form):
    """When the articles go public; empty means at once. Shown and read in 北京时间."""

    publish_at = forms.SplitDateTimeField(
        label=_("发布时间（北京时间）"),
        required=False,
        widget=widgets.AdminSplitDateTime,
        help_text=_("留空则立即发布；填写以后的时间则定时发布，到时自动公开。"),
    )


class StatusAction:
    """One admin action: ``publish`` or unpublish each selected issue or page (``scope``)."""

    def __init__(self, *, scope: str, publish: bool, description):
        self.scope, self.publish, self.verb = scope, publish, description
        self.service = getattr(services, f"{scope}_{'publish' if publish else 'unpublish'}")
        self.__name__ = f"{scope}_{'publish' if publish else 'unpublish'}"
        self.short_description = description
        self.allowed_permissions = ("publish",)

    def __call__(self, modeladmin, request, queryset):
        objects = list(queryset)
        form = ScheduleForm(request.POST if "post" in request.POST else None) if self.publish else None
        if "post" in request.POST and (form is None or form.is_valid()):
            at = form.cleaned_data["publish_at"] if form else None
            return self._apply(modeladmin, request, objects, at)
        return self._confirm(modeladmin, request, objects, form or None)

    def _plan(self, objects) -> list[tuple[object, list]]:
        return [(obj, list(selectors.status_candidates(publish=self.publish, **{self.scope: obj}))) for obj in objects]

    def _confirm(self, modeladmin, request, objects, form):
        plan = self._plan(objects)
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": _("确认%(verb)s") % {"verb": self.verb},
            "verb": self.verb,
            "publish": self.publish,
            "opts": modeladmin.model._meta,
            "plan": plan,
            "total": sum(len(articles) for _obj, articles in plan),
            "objects": objects,
            "form": form or (ScheduleForm() if self.publish else None),
            "action": self.__name__,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": modeladmin.media + (form or ScheduleForm()).media,
            "time_zone": timezone.get_current_timezone_name(),
            "now": timezone.now(),
        }
        return TemplateResponse(request, CONFIRM_TEMPLATE, context)

    def _apply(self, modeladmin, request, objects, at):
        shown = {int(pk) for pk in request.POST.getlist("article") if pk.isdigit()}
        extra = {"at": at} if self.publish else {}
        total = scheduled = 0
        try:
            for obj in objects:
                change = self.service(**{self.scope: obj}, only=shown, **extra)
                total += change.count
                scheduled += change.count if change.scheduled else 0
        except services.ServiceError as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            return None
        modeladmin.message_user(request, self._message(total, scheduled, at), messages.SUCCESS)
        return None

    def _message(self, total: int, scheduled: int, at) -> str:
        if scheduled:
            when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
            return ngettext("已定时发布 %(count)d 篇文章，将于 %(when)s（北京时间）公开。",
                            "已定时发布 %(count)d 篇文章，将于 %(when)s（北京时间）公开。", scheduled) % {
                "count": scheduled, "when": when}
        return ngettext("%(verb)s：%(count)d 篇文章已改变状态。", "%(verb)s：%(count)d 篇文章已改变状态。", total) % {
            "verb": self.verb, "count": total}


class PublishingMixin:
    """ModelAdmin support for the status actions: who may use them."""

    def has_publish_permission(self, request) -> bool:
        # The actions change articles, whatever list they are started from.
        return request.user.has_perm("archive.change_article")


ISSUE_ACTIONS = (
    StatusAction(scope="issue", publish=True, description=_("发布整期")),
    StatusAction(scope="issue", publish=False, description=_("撤回整期")),
)
PAGE_ACTIONS = (
    StatusAction(scope="page", publish=True, description=_("发布整版")),
    StatusAction(scope="page", publish=False, description=_("撤回整版")),
)

