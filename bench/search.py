#!/usr/bin/env python
"""Benchmark Chinese full-text search on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Usage: python bench/search.py [--sizes 10000 100000] [--backends sqlite postgresql]
                              [--pg-url postgres://…/postgres] [--out docs/benchmarks.md]

For each database and N it builds a synthetic archive of N stories (words
sampled from jieba's dictionary by frequency, mixed with the sample pages'
sentences, dates spread over decades), indexes it through the same path as
``rebuild_search_index``, and prints: indexing throughput beside bare
tokenizing (and jieba segmentation) of the same text, index size, and over a
fixed set of 25 queries the p50/p95 latency of the count, of the ranked top
20, and of the whole search response through the site's /search/ and the
API's article list (django.test.Client, cold cache, throttles raised); per
query the count shown, whether it is an estimate and its error against the
exact count; and a LIKE scan of the same data against the index's every id
(recall and precision). Without ``--pg-url`` (or DATABASE_URL) it starts its
own PostgreSQL with scripts/pg.sh. ``--remeasure`` re-times the queries on
an archive an earlier run left (DATABASE_URL). Not a test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = [
    "郑州", "发展", "建设", "项目", "群众",  # frequent 2-character words
    "郑东新区", "二七广场", "紫荆山公园", "中原科技城",  # names
    "新区", "科技", "服务",  # fragments inside words
    "郑州 发展", "项目 建设 投资", "城市 文化 活动",  # several words
    '"高质量发展"', '"防汛会商"', '"民生实事"',  # phrases
    "区", "塔", "的",  # one character (的 matches nearly everything)
    "饕餮", "龙子湖", "鸬鹚",  # rare
    "郑州 -新区",  # exclusion
]
# One of each kind of query; the LIKE scan reads every row whatever the word.
LIKE_QUERIES = ["郑州", "郑东新区", "新区", "城市 文化 活动", '"防汛会商"', "区", "饕餮", "龙子湖"]
STORY_WORDS = (250, 450)  # about 600–1,100 characters of body per story


# --- corpus ------------------------------------------------------------------


def dictionary_words():
    import jieba

    words, weights = [], []
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split()
            words.append(word)
            weights.append(int(freq))
    return words, weights


def sample_sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "archive" / "sample_data").glob("*.txt")))
    return [s + "。" for s in re.split(r"[。\n]", text) if len(s) > 8]


class Corpus:
    """Deterministic story generator: Zipf-like dictionary words mixed with real sentences.

    Words are drawn by their dictionary frequency, in blocks with NumPy (a
    million stories need some 300 million draws).
    """

    def __init__(self, seed: int = 2025):
        import numpy as np

        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        words, weights = dictionary_words()
        self.words = np.array(words, dtype=object)
        probabilities = np.array(weights, dtype=float)
        self.p = probabilities / probabilities.sum()
        self.sentences = sample_sentences()
        self._drawn, self._at = self.words[:0], 0

    def _words(self, n: int) -> str:
        if self._at + n > len(self._drawn):
            self._drawn = self.words[self.np_rng.choice(len(self.words), size=2_000_000, p=self.p)]
            self._at = 0
        self._at += n
        return "".join(self._drawn[self._at - n : self._at])

    def story(self) -> tuple[str, list[dict]]:
        rng = self.rng
        headline = self._words(rng.randint(5, 9)) if rng.random() < 0.7 else rng.choice(self.sentences)[:30]
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            part = self._words(rng.randint(*STORY_WORDS) // 5) + "，" + rng.choice(self.sentences)
            paragraphs.append({"type": "paragraph", "text": part})
        return headline[:300], paragraphs


def build_archive(n: int, per_page: int = 8) -> None:
    """N stories, 8 a page, on issues spread evenly over 1990–2025; 5% left as drafts."""
    from django.db import transaction

    from archive.models import Article, Issue, Page, Section

    corpus = Corpus()
    sections = [Section.objects.create(name=name, slug=f"s{i}") for i, name in enumerate(["要闻", "区县新闻", "文化", "经济"])]
    pages_needed = -(-n // per_page)
    span_days = 35 * 365
    pages_per_issue = max(1, -(-pages_needed // span_days))
    step = max(1, span_days // -(-pages_needed // pages_per_issue))
    start, made, day = dt.date(1990, 1, 1), 0, 0
    while made < n:
        with transaction.atomic():
            issues = Issue.objects.bulk_create(
                [Issue(date=start + dt.timedelta(days=(day + i) * step)) for i in range(100)]
            )
            day += 100
            pages = Page.objects.bulk_create(
                [Page(issue=issue, number=p, section=sections[(issue.date.toordinal() + p) % 4])
                 for issue in issues for p in range(1, pages_per_issue + 1)]
            )
            batch = []
            for page in pages:
                for order in range(1, min(per_page, n - made) + 1):
                    headline, body = corpus.story()
                    status = "draft" if corpus.rng.random() < 0.05 else "published"
                    batch.append(Article(page=page, order=order, section=page.section, headline=headline, body=body, status=status))
                    made += 1
                if made >= n:
                    break
            save_articles(batch)


def save_articles(batch: list) -> None:
    """Insert unsaved Article instances: COPY on PostgreSQL (bulk_create spent ~2.4 ms a story there), else bulk_create."""
    from django.db import connection

    from archive.models import Article

    if connection.vendor != "postgresql":
        Article.objects.bulk_create(batch, batch_size=2000)
        return
    now = dt.datetime.now(dt.timezone.utc)
    fields = [f for f in Article._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    copy_sql = f"COPY {Article._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.connection.cursor() as raw, raw.copy(copy_sql) as copy:
        for article in batch:
            article.created_at = article.updated_at = now
            copy.write_row([_copy_value(f, article) for f in fields])


def _copy_value(field, article):
    value = getattr(article, field.attname)
    return json.dumps(value, ensure_ascii=False) if field.get_internal_type() == "JSONField" else value


# --- measurements ------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def index_all(batch_size: int = 1000) -> float:
    """Index every article the way ``rebuild_search_index`` does; returns seconds (load and final build)."""
    from archive.models import Article
    from archive.search.index import service

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    index = service.backend()
    index.clear()
    started = time.perf_counter()
    index.begin_bulk()
    service.index_in_batches(
        (ids[at : at + batch_size] for at in range(0, len(ids), batch_size)), workers=service.tokenizing_workers()
    )
    index.end_bulk()
    return time.perf_counter() - started


def segmentation_rates(limit: int = 20000) -> dict:
    """Bare tokenizing (the index's own text → fields step) and jieba cutting of the same stories' text."""
    from archive.models import Article
    from archive.search.index.base import prepare
    from archive.search.index.service import documents
    from archive.search.text import cut

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:limit])
    docs = [d for at in range(0, len(ids), 1000) for d in documents(ids[at : at + 1000])]
    chars = sum(len(d.title) + len(d.body) for d in docs)
    mb = sum(len(d.title.encode()) + len(d.body.encode()) for d in docs) / 1e6
    started = time.perf_counter()
    for d in docs:
        prepare(d)
    tokens = time.perf_counter() - started
    cut("预热")
    started = time.perf_counter()
    for d in docs:
        cut(d.title), cut(d.body)
    jieba = time.perf_counter() - started
    return {"chars": chars, "mb": mb, "stories": len(docs), "tokenize_s": tokens, "jieba_s": jieba,
            "jieba_python_mb_s": pure_python_jieba_rate(docs[:2000])}


def pure_python_jieba_rate(docs) -> float:
    """MB/s of jieba 0.42's own pure-Python precise mode (the segmenter rjieba replaces), on a sample."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    mb = sum(len(d.title.encode()) + len(d.body.encode()) for d in docs) / 1e6
    started = time.perf_counter()
    for d in docs:
        list(jieba.cut(d.title, HMM=False)), list(jieba.cut(d.body, HMM=False))
    return mb / (time.perf_counter() - started)


def _timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return (time.perf_counter() - started) * 1000, value


def _get(client, url: str, q: str):
    """One request, timed, from a cold cache (the API's anonymous lists and exact counts are cached)."""
    from django.core.cache import cache

    cache.clear()
    ms, response = _timed(lambda: client.get(url, {"q": q}))
    if response.status_code != 200:
        raise RuntimeError(f"{url}?q={q}: HTTP {response.status_code}")
    return ms, response


def time_queries(repeat: int = 3) -> dict:
    """Per query: the count, the first 20, and the whole response of the site's /search/ and of the API list.

    "count" is what the site and the API show (exact up to 10,000, else
    possibly an estimate); "top 20" parses the query, reads 20 ranked keys
    and loads those articles; "site" and "API" are whole responses through
    django.test.Client (count or estimate, first 20, facets, highlighting,
    template or JSON), each from a cold cache. Each query's count is then
    compared with the exact count.
    """
    from django.core.cache import cache
    from django.test import Client

    from archive import selectors
    from archive.search.index import service

    public, client = selectors.articles(public=True), Client()
    kinds = ("count", "top", "site", "api")
    samples = {k: [] for k in kinds}
    per_query = {}
    for q in QUERIES:
        _get(client, "/search/", q), _get(client, "/api/v1/articles/", q)  # warm
        runs = {k: [] for k in kinds}
        for _ in range(repeat):
            cache.clear()
            runs["count"].append(_timed(lambda: service.search(q, queryset=public).count())[0])
            runs["top"].append(_timed(lambda: list(service.search(q, queryset=public)[0:20]))[0])
            runs["site"].append(_get(client, "/search/", q)[0])
            ms, response = _get(client, "/api/v1/articles/", q)
            runs["api"].append(ms)
        for key in kinds:
            samples[key] += runs[key]
        shown = response.json()
        cache.clear()
        exact = service.search(q, queryset=public).exact_count()
        per_query[q] = {
            "hits": exact, "count": shown["count"], "estimated": bool(shown.get("count_is_estimate")),
            "error": (shown["count"] - exact) / exact if exact else 0.0,
            **{f"{k}_ms": statistics.median(v) for k, v in runs.items()},
        }
    result = {"per_query": per_query}
    for key, values in samples.items():
        result[f"{key}_p50"], result[f"{key}_p95"] = percentile(values, 0.5), percentile(values, 0.95)
    estimated = [v for v in per_query.values() if v["estimated"]]
    result["estimates"] = len(estimated)
    result["max_error"] = max((abs(v["error"]) for v in per_query.values()), default=0.0)
    result["estimates_within_5"] = all(abs(v["error"]) <= 0.05 for v in estimated)
    return result


def like_scan(words: list[str]) -> tuple[str, list]:
    """A LIKE "contains every word" scan over the title and body columns (no index can serve it)."""
    from django.db import connection

    clauses, params = [], []
    for word in words:
        if connection.vendor == "sqlite":  # JSONField text on SQLite is ASCII-escaped JSON
            body_pattern = json.dumps(word)[1:-1]
            clauses.append("(headline LIKE %s OR body LIKE %s)")
        else:
            body_pattern = word
            clauses.append("(headline LIKE %s OR body::text LIKE %s)")
        params += [f"%{word}%", f"%{body_pattern}%"]
    sql = "SELECT id FROM archive_article WHERE status = 'published' AND " + " AND ".join(clauses)
    return sql, params


def time_like() -> dict:
    """The LIKE scan for LIKE_QUERIES, and the index's every id (``iter_ids``, the export's path) against it.

    Recall and precision: of the stories the LIKE scan finds, the share the
    index finds, and of those the index finds, the share the scan finds,
    summed over the queries. A scan costs the same whatever the word, so a
    subset of the queries tells its time.
    """
    from django.db import connection

    from archive import selectors
    from archive.search.index import service

    times, hits, id_times = [], {}, []
    both = like_only = index_only = 0
    for q in LIKE_QUERIES:
        sql, params = like_scan([w.strip('"') for w in q.split()])
        with connection.cursor() as cursor:
            t = time.perf_counter()
            cursor.execute(sql, params)
            scanned = {row[0] for row in cursor.fetchall()}
            times.append((time.perf_counter() - t) * 1000)
        ms, found = _timed(lambda: list(service.search(q, queryset=selectors.articles(public=True)).iter_ids()))
        id_times.append(ms)
        hits[q] = len(scanned)
        found = set(found)
        both, like_only, index_only = both + len(found & scanned), like_only + len(scanned - found), index_only + len(found - scanned)
    return {
        "like_p50": percentile(times, 0.5), "like_p95": percentile(times, 0.95), "like_hits": hits,
        "ids_p50": percentile(id_times, 0.5), "ids_p95": percentile(id_times, 0.95),
        "recall": both / max(both + like_only, 1), "precision": both / max(both + index_only, 1),
    }


def setup_django() -> None:
    import django

    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # A benchmark serves no one, so a fixed key is harmless (settings require one).
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-server")
    # One client sends every request: the throttles would answer 429.
    os.environ["SEARCH_RATE"] = os.environ["API_ANON_RATE"] = "1000000/second"
    os.environ["HTTPS"] = "0"  # django.test.Client speaks plain HTTP
    django.setup()
    from django.conf import settings

    # Pages link static files by name, without the collected manifest DEBUG-off storage would need.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def remeasure() -> dict:
    """Query latency on an archive an earlier run built (after a change to querying only)."""
    setup_django()
    from django.db import connection

    from archive.models import Article

    n = Article.objects.count()
    progress(f"{connection.vendor} N={n:,}: timing the queries")
    return {"vendor": connection.vendor, "n": n, **time_queries(), **time_like(), "run": f"{dt.date.today()} {code_version()}"}


def worker(n: int) -> dict:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from archive.search.index import service

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build_archive(n)
    built = time.perf_counter() - started
    progress(f"{connection.vendor} N={n:,}: archive built in {built:.0f} s")
    seg = segmentation_rates()
    index_s = index_all()
    progress(f"{connection.vendor} N={n:,}: indexed in {index_s:.0f} s")
    rate_chars = seg["chars"] / seg["stories"] * n / index_s
    result = {
        "vendor": connection.vendor, "n": n, "build_s": built, "index_s": index_s,
        "index_stories_s": n / index_s, "index_mb_s": seg["mb"] / seg["stories"] * n / index_s,
        "tokenize_mb_s": seg["mb"] / seg["tokenize_s"], "jieba_mb_s": seg["mb"] / seg["jieba_s"],
        "jieba_python_mb_s": seg["jieba_python_mb_s"],
        "index_vs_tokenize": rate_chars / (seg["chars"] / seg["tokenize_s"]),
        "index_vs_jieba": rate_chars / (seg["chars"] / seg["jieba_s"]),
        "index_mb": service.backend().size_bytes() / 1e6,
    }
    result.update(time_queries())
    progress(f"{connection.vendor} N={n:,}: queries timed")
    result.update(time_like())
    result["run"] = f"{dt.date.today()} {code_version()}"
    return result


def code_version() -> str:
    """The commit measured (``+`` when the working tree had changes)."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()

    return (git("rev-parse", "--short", "HEAD") or "?") + ("+" if git("status", "--porcelain", "--untracked-files=no") else "")


def progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- orchestration -------------------------------------------------------------


def start_postgres(port: int) -> tuple[str, str, str]:
    script = f"source {REPO}/scripts/pg.sh; PGPORT={port} pg_start >/dev/null; echo $PGPID $PGTMP"
    pid, tmp = subprocess.run(["bash", "-c", script], check=True, capture_output=True, text=True).stdout.split()
    return f"postgres://postgres@127.0.0.1:{port}/postgres", pid, tmp


def stop_postgres(pid: str, tmp: str) -> None:
    subprocess.run(["bash", "-c", f"source {REPO}/scripts/pg.sh; PGPID={pid} PGTMP={tmp} pg_stop"], check=False)


def run_one(vendor: str, n: int, pg_url: str | None) -> dict:
    env = dict(os.environ)
    if vendor == "sqlite":
        path = Path(tempfile.gettempdir()) / f"bench-search-{n}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        name = f"bench_search_{n}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = pg_url.rsplit("/", 1)[0] + "/" + name
    out = subprocess.run([sys.executable, __file__, "--worker", str(n)], env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    from search_report import summary_line, write_report

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    ap.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL"), help="maintenance database URL of a PostgreSQL to use")
    ap.add_argument("--pg-port", type=int, default=54419)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--report-only", action="store_true", help="rewrite the report from benchmarks.json beside --out")
    ap.add_argument("--remeasure", action="store_true",
                    help="only time the queries on the archive in DATABASE_URL (built by an earlier run); "
                    "its row in the report keeps that run's indexing figures")
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    if args.remeasure:
        result = remeasure()
        print(json.dumps(result, ensure_ascii=False))
        print(summary_line(result), file=sys.stderr)
        write_report([result], args.out, queries=len(QUERIES), like_queries=len(LIKE_QUERIES))
        return 0
    if args.report_only:
        write_report([], args.out, queries=len(QUERIES), like_queries=len(LIKE_QUERIES))
        return 0
    started_pg = None
    if "postgresql" in args.backends and not args.pg_url:
        args.pg_url, *started_pg = start_postgres(args.pg_port)
    results = []
    try:
        for vendor in args.backends:
            for n in args.sizes:
                result = run_one(vendor, n, args.pg_url)
                results.append(result)
                print(summary_line(result), flush=True)
    finally:
        if started_pg:
            stop_postgres(*started_pg)
    write_report(results, args.out, queries=len(QUERIES), like_queries=len(LIKE_QUERIES))
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
