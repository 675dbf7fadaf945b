"""The admin's page-import view: upload or paste a page, preview it, then save.

The preview parses without writing anything and lists the items with parser
warnings first, as those are what the editor has to check; it also says
what saving would do beyond the items: the sections it would create and the
editor-edited articles that would make the import refuse. "保存" stores the
page through ``services.page_import``. The section is picked from the
existing ones; a new one needs the "新建栏目" box ticked, so a typo cannot
quietly add a second section to the public home page. Input is checked by
``archive.importing``, the same code the ``import_pages`` command uses, and
every problem comes back as a form error rather than a server error.
"""
from __future__ import annotations

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import selectors, services
from archive.importing import ImportInputError, decode_upload, encoding_note, parse_date, parse_page_number
from archive.ingest import ParseError, parse_page
from archive.models import Role

from .display import warning_line


class PageImportForm(forms.Form):
    upload = forms.FileField(label=gettext_lazy("版面文本文件"), required=False)
    text = forms.CharField(
        label=gettext_lazy("或粘贴版面文本"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
    )
    date = forms.CharField(
        label=gettext_lazy("出版日期"), max_length=20, widget=forms.DateInput(attrs={"type": "date"})
    )
    page_number = forms.CharField(label=gettext_lazy("版次"), max_length=10)
    page_name = forms.CharField(label=gettext_lazy("版名"), max_length=100)
    section_name = forms.CharField(
        label=gettext_lazy("默认栏目"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("从已有栏目中选择；留空则不设默认栏目。"),
        widget=forms.TextInput(attrs={"list": "section-choices", "autocomplete": "off"}),
    )
    new_section = forms.BooleanField(
        label=gettext_lazy("新建栏目"),
        required=False,
        help_text=gettext_lazy("填写的栏目不在列表中、确需新建时才勾选。"),
    )
    # Off by default: an imported page is checked before readers see it.
    publish = forms.BooleanField(label=gettext_lazy("导入后直接发布"), required=False)
    force = forms.BooleanField(label=gettext_lazy("覆盖编辑修改过的文章"), required=False)
    # The previewed text travels to the 保存 step base64-encoded: browsers
    # rewrite line breaks in submitted fields, which would change the text.
    carried_text = forms.CharField(required=False, widget=forms.HiddenInput)
    source_name = forms.CharField(required=False, widget=forms.HiddenInput)
    encoding = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_date(self):
        return _checked(parse_date, self.cleaned_data["date"])

    def clean_page_number(self):
        return _checked(parse_page_number, self.cleaned_data["page_number"])

    def clean(self):
        data = super().clean()
        self._clean_section(data)
        self._clean_text(data)
        return data

    def _clean_text(self, data) -> None:
        upload = data.get("upload")
        if upload:
            # The size limit (IMPORT_MAX_PAGE_BYTES) is the service's, asked before the file is read.
            _checked(services.check_page_size, name=upload.name, size=upload.size)
            text, encoding = _checked(decode_upload, upload.read(), name=upload.name)
            data.update(text=text, encoding=encoding, source_name=upload.name)
        elif (data.get("text") or "").strip():
            text = data["text"].replace("\r\n", "\n")
            _checked(services.check_page_size, name=_("粘贴的文本"), size=len(text.encode("utf-8")))
            if data.get("carried_text") and text == _unpack(data["carried_text"]):
                # The carried text shown again after a failed save: still the same file, name and encoding.
                data.update(text=text, encoding=data.get("encoding") or "utf-8")
            else:
                # Newly pasted text wins over text carried from an earlier preview.
                data.update(text=text, encoding="utf-8", source_name="")
        elif data.get("carried_text"):
            data["text"] = _unpack(data["carried_text"])
            data["encoding"] = data.get("encoding") or "utf-8"
            self._show_text(data["text"])
        else:
            raise forms.ValidationError(_("请上传版面文本文件或粘贴版面文本。"))

    def _show_text(self, text: str) -> None:
        # The 保存 step posts the text hidden; if it fails, the paste box shows it again.
        self.data = self.data.copy()
        self.data["text"] = text

    def _clean_section(self, data) -> None:
        name = " ".join((data.get("section_name") or "").split())
        data["section_name"], data["section_is_new"] = name, False
        if not name:
            return
        known = list(selectors.sections(public=False).values_list("name", flat=True))
        if name in known:
            return
        twin = next((k for k in known if _squeezed(k) == _squeezed(name)), None)
        if twin:
            self.add_error("section_name", _("已有栏目“%(twin)s”，与“%(name)s”只差标点或空格，请选用它。")
                           % {"twin": twin, "name": name})
        elif not data.get("new_section"):
            self.add_error("section_name", _("没有名为“%(name)s”的栏目。请从列表中选择已有栏目；确需新建请勾选“新建栏目”。")
                           % {"name": name})
        else:
            data["section_is_new"] = True


def _squeezed(name: str) -> str:
    """A section name without spaces and punctuation: 郑东新区·周报 and 郑东新区周报 are one name."""
    return "".join(ch for ch in name if ch.isalnum())


def pack_text(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _unpack(value: str) -> str:
    try:
        return base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8")
    except (ValueError, UnicodeError):
        raise forms.ValidationError(_("预览数据已损坏，请重新上传或粘贴版面文本。")) from None


def _checked(check, *args, **kwargs):
    try:
        return check(*args, **kwargs)
    except (ImportInputError, services.ServiceError) as exc:
        raise forms.ValidationError(str(exc)) from None


def preview_items(text: str, *, source: str | None = None) -> list[dict]:
    """What the parser makes of ``text``, summarised for the preview table.

    Raises ``services.PageTooLarge`` for more items than a page may have."""
    roles = dict(Role.choices)
    parsed = parse_page(text, source=source).articles
    services.check_page_items(name=source or _("粘贴的文本"), count=len(parsed))
    items = []
    for order, item in enumerate(parsed, start=1):
        items.append({
            "order": order,
            "kind": item.kind,
            "titles": [t for t in (item.kicker, item.headline, item.subheadline) if t],
            "bylines": [f"{roles.get(c.role, c.role)} {c.name}" for c in item.bylines],
            "paragraphs": sum(1 for b in item.body if isinstance(b, str)),
            "photos": [p.caption or p.credit or _("（无说明）") for p in item.photos],
            "warnings": [warning_line(w.code, w.message, w.detail) for w in item.warnings],
            "section": item.section,
        })
    return items


def page_import_view(model_admin):
    """The view PageAdmin mounts at ``import/``; staff need ``archive.add_page``."""

    def view(request):
        if not request.user.has_perm("archive.add_page"):
            raise PermissionDenied
        form = PageImportForm(request.POST or None, request.FILES or None)
        items = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            if "save" in request.POST:
                result = _save(request, form, data)
                if result is not None:
                    return redirect(reverse("admin:archive_page_change", args=[result.page.pk]))
            else:
                items = _preview(form, data)
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("导入版面"),
            "opts": model_admin.model._meta,
            "form": form,
            "section_names": list(selectors.sections(public=False).values_list("name", flat=True)),
            **(_preview_context(form, items) if items is not None else {"items": None}),
        }
        return TemplateResponse(request, "admin/archive/page/import.html", context)

    return view


def _preview(form, data) -> list[dict] | None:
    try:
        return preview_items(data["text"], source=data.get("source_name") or None)
    except ParseError as exc:
        form.add_error(None, _("无法解析版面文本：%s") % exc)
        return None
    except services.PageTooLarge as exc:
        form.add_error(None, str(exc))
        return None


def _preview_context(form, items: list[dict]) -> dict:
    """The preview: the items (flagged first) and what saving would do besides storing them."""
    data = form.cleaned_data
    known = set(selectors.sections(public=False).values_list("name", flat=True))
    labels = sorted({item["section"] for item in items if item["section"] and item["section"] not in known})
    edited = selectors.page_edited_articles(date=data["date"], page_number=data["page_number"])
    return {
        "items": items,
        "flagged": [item for item in items if item["warnings"]],
        "unflagged": [item for item in items if not item["warnings"]],
        "carried": _carried(form),
        "new_section": data["section_name"] if data["section_is_new"] else "",
        "new_label_sections": [name for name in labels if name != data["section_name"]],
        "edited": edited,
        "blocked": bool(edited) and not data.get("force"),
    }


def _carried(form) -> dict:
    """The checked values the "保存" step posts again, so a file need not be re-uploaded."""
    data = form.cleaned_data
    return {
        "carried_text": pack_text(data["text"]),
        "date": data["date"].isoformat(),
        "page_number": data["page_number"],
        "page_name": data["page_name"],
        "section_name": data["section_name"],
        "new_section": data["section_is_new"],
        "source_name": data.get("source_name") or "",
        "encoding": data.get("encoding") or "utf-8",
        "publish": data.get("publish"),
        "force": data.get("force"),
        "encoding_note": encoding_note(data.get("encoding") or "utf-8"),
    }


def _save(request, form, data):
    try:
        result = services.page_import(
            date=data["date"],
            page_number=data["page_number"],
            page_name=data["page_name"].strip(),
            section_name=data["section_name"] or None,
            text=data["text"],
            source_name=data.get("source_name") or "",
            encoding=data.get("encoding") or "utf-8",
            publish=bool(data.get("publish")),
            force=bool(data.get("force")),
        )
    except services.ImportRefused as exc:
        form.add_error(None, str(exc) + _("确认覆盖请勾选“覆盖编辑修改过的文章”后重新预览并保存。"))
        return None
    except (services.ServiceError, ParseError) as exc:
        form.add_error(None, str(exc))
        return None
    if result.unchanged:
        messages.info(request, _("%(page)s 与上次导入相同，未作改动。") % {"page": result.page})
    else:
        messages.success(
            request,
            _("已导入 %(page)s：%(n)d 篇文章，新增人物 %(people)d 位。")
            % {"page": result.page, "n": result.articles, "people": len(result.people_created)},
        )
    return result
