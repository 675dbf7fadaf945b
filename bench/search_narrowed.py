#!/usr/bin/env python
"""Searches narrowed to a section: the index path (``/search/`` and the API) against the SQL path.

Usage: DATABASE_URL=sqlite:///<temp folder>/bench-search-100000.sqlite3 python bench/search_narrowed.py

Runs on an archive that ``bench/search.py`` built (it leaves its SQLite file
in the temp folder; sections are s0…s3, a quarter of the stories each). For a
few frequent and rare queries, narrowed to section s1 and to s1 in one year,
prints the median of 3 runs after a warm-up: the count, the first page of 20
(articles loaded) and, for the index path, the facets the search page shows.
Not a test.
"""
from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

QUERIES = ["发展", "郑东新区", "的", "城市 文化 活动", "饕餮"]
YEAR = 2001


def median_ms(fn, repeat: int = 3) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # A benchmark serves no one, so a fixed key is harmless (settings require one).
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-server")
    import django

    django.setup()
    from archive import selectors
    from archive.search.index import service
    from archive.filters import ArticleFilter

    public = selectors.articles(public=True)

    def filtered_articles(data):
        return ArticleFilter(data, queryset=public).qs
    print("query        | narrowed to  | SQL count | SQL top 20 | index count | index top 20 | index facets | hits")
    for q in QUERIES:
        for label, dates in (("s1", (None, None)), (f"s1, {YEAR}", (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)))):
            sql_set = filtered_articles({"section": "s1", **({"year": YEAR} if dates[0] else {})})

            def index_results():
                return service.search(q, queryset=public, narrow=filtered_articles({"section": "s1"}),
                                      date_from=dates[0], date_to=dates[1])

            def facets():
                return index_results().facets()

            row = [
                median_ms(lambda: service.search_articles(q, queryset=sql_set).count()),
                median_ms(lambda: list(service.search_articles(q, queryset=sql_set)[0:20])),
                median_ms(lambda: index_results().count()),
                median_ms(lambda: list(index_results()[0:20])),
                median_ms(facets),
            ]
            print(f"{q:12s} | {label:12s} | " + " | ".join(f"{ms:8.1f} ms" for ms in row) + f" | {index_results().count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
