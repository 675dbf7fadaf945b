"""Fixtures shared by every test package.

``sample_pages`` imports the five real pages that ship as sample data, the
way the importer does, so site, API and search tests see the true archive.
``chromium`` is the browser the ``browser`` tests drive.
"""
import datetime as dt
import json
from pathlib import Path

import pytest

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "archive" / "sample_data"
CHROMIUM = Path("/usr/bin/chromium")
# Chromium may not reach the network here (refused) nor use a sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic first; tests render templates
    # without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The test caches live in the process (newsroom/settings_test.py); a page
    # or throttle count cached by one test must not answer the next. Every
    # alias, not only those this thread has used: a live server's threads
    # count in the same LocMem stores.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture
def sample_manifest() -> dict:
    return json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))


def import_samples(publish: bool = True):
    from archive import services

    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    results = []
    for entry in manifest["pages"]:
        results.append(
            services.page_import(
                date=dt.date.fromisoformat(entry["date"]),
                page_number=entry["page"],
                page_name=entry["name"],
                section_name=entry.get("section"),
                text=(SAMPLE_DIR / entry["file"]).read_text(encoding="utf-8"),
                source_name=entry["file"],
                publish=publish,
            )
        )
    return results


@pytest.fixture
def sample_pages(db):
    """The five sample pages imported and published; returns the ImportResults."""
    return import_samples()


@pytest.fixture
def editor(db, django_user_model):
    """A staff user with every archive permission, as a newsroom editor has."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="correct-horse-42", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="archive"))
    return user


class Clock:
    """A fixed ``timezone.now()`` for the test, moved by hand (time-machine style, no sleeping)."""

    def __init__(self, monkeypatch, moment):
        from django.utils import timezone

        self.moment = moment
        # Patched on the module, so every caller of timezone.now() sees it
        # (the public queryset, auto_now fields, cache headers).
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def move_to(self, moment) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch):
    """Freezes ``timezone.now()`` at 2025-01-04 09:00 Asia/Shanghai; ``clock.move_to(...)`` moves it."""
    from django.utils import timezone

    return Clock(monkeypatch, timezone.make_aware(dt.datetime(2025, 1, 4, 9, 0)))


@pytest.fixture
def chromium(monkeypatch):
    """Debian's Chromium through Playwright (Playwright's own browser download is not reachable)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's
    # async-unsafe guard would refuse the database calls the fixtures make
    # while it runs. Set for these tests only, restored afterwards.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
