#!/usr/bin/env python
"""One 版 of 5,000 stories: is every public URL still answered in at most 1 s?

Usage: python bench/large_page.py [--stories N] [--import] [--repeat R]

Builds, in a temporary SQLite database (or ``BENCH_DATABASE_URL``), an issue
whose 版 1 holds N stories (default 5,000) and whose 版 2 is a normal one,
then requests every public URL the reader site, the feeds, the sitemaps and
the API lists serve, with the page cache empty, and prints for each the
median wall-clock and CPU time of R runs (default 3) after one warm-up
request, the query count and the response size against the issue's bar
(≤ 1 s; CPU time is the fairer figure on a busy machine, as SQLite runs
in this process). ``--import`` builds 版 1 the way an editor
would, through ``services.page_import`` with IMPORT_MAX_PAGE_BYTES/ITEMS
raised (slow: every story is parsed, stored and indexed one by one);
without it the stories are bulk-inserted (tests/site/large_page.py). It
first shows that a 5 MB page is refused under the default limits. Not a test.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BAR_SECONDS = 1.0


def setup_django(database_url: str) -> None:
    import django

    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings_test"  # LocMem cache, plain HTTP, a test key
    django.setup()
    from django.conf import settings

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def show_default_refusal(folder: Path) -> None:
    from archive import services
    from archive.importing import load_page_file
    from tests.site.synthetic_pages import page_text

    path = folder / "zzrb_5mb.txt"
    chunk = page_text(1, 40).encode("utf-8")
    path.write_bytes(chunk * (5_000_000 // len(chunk) + 1))
    try:
        load_page_file(path)
        print("5 MB page: NOT refused")
    except services.PageTooLarge as exc:
        print(f"5 MB page under the default limits: refused — {exc}")


def build(stories: int, through_service: bool) -> None:
    from django.conf import settings

    from archive import services
    from tests.site.large_page import DATE, SECTION, add_page
    from tests.site.synthetic_pages import page_text

    started = time.perf_counter()
    if through_service:
        text = page_text(7, stories)
        settings.IMPORT_MAX_PAGE_BYTES, settings.IMPORT_MAX_PAGE_ITEMS = len(text.encode()) + 1, stories
        result = services.page_import(date=DATE, page_number=1, page_name=SECTION, section_name=SECTION,
                                      text=text, source_name="huge.txt", publish=True)
        print(f"imported 版 1 through page_import: {result.articles} stories, {len(text.encode()) / 1e6:.1f} MB", end="")
    else:
        add_page(number=1, stories=stories)
        print(f"bulk-inserted 版 1: {stories} stories", end="")
    add_page(number=2, stories=8)
    print(f" (+ a normal 版 2) in {time.perf_counter() - started:.1f} s")


def public_urls() -> list[str]:
    from django.urls import reverse

    from archive.models import Article, Person, Section

    first = Article.objects.select_related("page__issue").get(page__number=1, order=1)
    middle = Article.objects.select_related("page__issue").filter(page__number=1).order_by("-order")[1:2].get()
    section, person = Section.objects.first(), Person.objects.order_by("-id").first()
    page_url = first.page.get_absolute_url()
    sitemaps = [reverse("archive:sitemap_part", args=[part]) for part in ("issues", "pages", "articles", "sections", "people")]
    return [
        "/", "/issues/", first.page.issue.get_absolute_url(), page_url, page_url + "?page=50",
        first.get_absolute_url(), middle.get_absolute_url(), section.get_absolute_url(), person.get_absolute_url(),
        "/search/?q=惠民活动", reverse("archive:sitemap"), *sitemaps, sitemaps[2] + "?p=2",
        reverse("archive:feed"), reverse("archive:section_feed", args=[section.slug]),
        *(f"/api/v1/{name}/" for name in ("articles", "articles/harvest", "issues", "pages", "sections", "people")),
        f"/api/v1/pages/{first.page.pk}/", f"/api/v1/issues/{first.page.issue.date}/", f"/api/v1/articles/{middle.pk}/",
    ]


def measure(url: str, repeat: int) -> tuple[int, float, float, int, int]:
    """Status, median wall and CPU seconds, queries and bytes of ``url`` with the page cache empty."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    walls, cpus = [], []
    for run in range(repeat + 1):
        cache.clear()  # cold: the view renders, nothing answers from the page cache
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            response = Client().get(url)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if run:  # the first run warms the process (templates, the word segmenter), as a server would be
            walls.append(wall)
            cpus.append(cpu)
    return response.status_code, statistics.median(walls), statistics.median(cpus), len(captured), len(response.content)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=5000)
    ap.add_argument("--import", dest="through_service", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/large_page.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        show_default_refusal(Path(folder))
        build(args.stories, args.through_service)
        print(f"\n{'URL':52} {'status':>6} {'wall':>8} {'CPU':>8} {'queries':>7} {'KB':>5}  bar {BAR_SECONDS:.0f} s")
        over = 0
        for url in public_urls():
            status, wall, cpu, queries, size = measure(url, args.repeat)
            verdict = "ok" if status == 200 and wall <= BAR_SECONDS else "OVER"
            over += verdict == "OVER"
            print(f"{url:52} {status:>6} {wall * 1000:>6.0f}ms {cpu * 1000:>6.0f}ms {queries:>7} {size / 1024:>5.0f}  {verdict}")
        print(f"\n{over} URL(s) over the bar of {BAR_SECONDS:.0f} s wall-clock (or not 200).")


if __name__ == "__main__":
    main()
