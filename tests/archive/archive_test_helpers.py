"""Helpers for the archive tests: gold answers and admin form round trips."""
from __future__ import annotations

import json
from pathlib import Path

# The in-repo copy of the newsroom's answers for the sample pages.
GOLD_DIR = Path(__file__).resolve().parents[1] / "ingest" / "data" / "seeds" / "gold"


def gold_pages() -> dict[str, dict]:
    """The hand-checked parse of each sample page, by file name."""
    return {p.stem + ".txt": json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}


def admin_post_data(response) -> dict:
    """The POST an editor's browser sends back for an admin change page, unchanged."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def _add_form(data: dict, form) -> None:
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = "on" if value is True else value


def changelist_rows(response) -> list:
    """The objects an admin change list page shows."""
    return list(response.context["cl"].result_list)


def admin_log_in(page, base_url: str) -> None:
    """Log the ``editor`` fixture's user in to the admin in a Playwright page."""
    from playwright.sync_api import expect

    page.goto(base_url + "/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-42")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("editor")


def admin_url(model, view: str, *args) -> str:
    """The admin URL of ``view`` (changelist, change, delete …) for an archive model."""
    from django.urls import reverse

    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)
