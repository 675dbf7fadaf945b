#!/usr/bin/env python
"""Benchmark Chinese full-text search on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Usage: python bench/search.py [--sizes 10000 100000] [--backends sqlite postgresql]
                              [--pg-url postgres://…/postgres] [--out docs/benchmarks.md]

For each database and N it builds a synthetic archive of N stories (words
sampled from jieba's dictionary by frequency, mixed with the sample pages'
sentences, dates spread over decades), indexes it through the same path as
``rebuild_search_index``, and prints: indexing throughput beside bare
tokenizing (and jieba segmentation) of the same text, index size, p50/p95
latency of all matching ids and of the ranked top 20 over a fixed query set,
and a LIKE scan on the same data. Without ``--pg-url`` (or DATABASE_URL) it
starts its own PostgreSQL with scripts/pg.sh. Not a test.
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
    """Deterministic story generator: Zipf-like dictionary words mixed with real sentences."""

    def __init__(self, seed: int = 2025):
        self.rng = random.Random(seed)
        words, weights = dictionary_words()
        self.words = words
        total, cum = 0, []
        for w in weights:
            total += w
            cum.append(total)
        self.cum = cum
        self.sentences = sample_sentences()

    def _words(self, n: int) -> str:
        return "".join(self.rng.choices(self.words, cum_weights=self.cum, k=n))

    def story(self) -> tuple[str, list[dict]]:
        rng = self.rng
        headline = self._words(rng.randint(5, 9)) if rng.random() < 0.7 else rng.choice(self.sentences)[:30]
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            part = self._words(rng.randint(*STORY_WORDS) // 5) + "，" + rng.choice(self.sentences)
            paragraphs.append({"type": "paragraph", "text": part})
        return headline[:300], paragraphs


def build_archive(n: int, per_page: int = 8) -> None:
    from django.db import transaction

    from archive.models import Article, Issue, Page, Section

    corpus = Corpus()
    sections = [Section.objects.create(name=name, slug=f"s{i}") for i, name in enumerate(["要闻", "区县新闻", "文化", "经济"])]
    pages_needed = -(-n // per_page)
    span_days = 35 * 365
    pages_per_issue = max(1, -(-pages_needed // span_days))
    issues = -(-pages_needed // pages_per_issue)
    step = max(1, span_days // issues)
    start, made = dt.date(1990, 1, 1), 0
    for i in range(issues):
        with transaction.atomic():
            issue = Issue.objects.create(date=start + dt.timedelta(days=i * step))
            for p in range(1, pages_per_issue + 1):
                if made >= n:
                    break
                page = Page.objects.create(issue=issue, number=p, section=sections[(i + p) % 4])
                batch = []
                for order in range(1, min(per_page, n - made) + 1):
                    headline, body = corpus.story()
                    status = "draft" if corpus.rng.random() < 0.05 else "published"
                    batch.append(Article(page=page, order=order, section=page.section, headline=headline, body=body, status=status))
                Article.objects.bulk_create(batch)
                made += len(batch)


# --- measurements ------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def index_all(batch_size: int = 1000) -> tuple[float, int]:
    """Index every article the way rebuild_search_index does; returns (seconds, text bytes)."""
    from django.db import transaction

    from archive.models import Article
    from archive.searchindex import service

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    service.backend().clear()
    started = time.perf_counter()
    for at in range(0, len(ids), batch_size):
        with transaction.atomic():
            service.index_articles(ids[at : at + batch_size])
    service.backend().optimize()
    return time.perf_counter() - started


def segmentation_rates(limit: int = 20000) -> dict:
    """Bare tokenizing (index_text) and jieba cutting of the same stories' text, chars/s and MB/s."""
    from archive.models import Article
    from archive.search import cut, index_text
    from archive.searchindex.service import article_text

    texts = [article_text(a) for a in Article.objects.order_by("pk").prefetch_related("photos", "bylines__person")[:limit]]
    chars = sum(len(t) + len(b) for t, b in texts)
    mb = sum(len(t.encode()) + len(b.encode()) for t, b in texts) / 1e6
    started = time.perf_counter()
    for title, body in texts:
        index_text(title), index_text(body)
    tokens = time.perf_counter() - started
    cut("预热")
    started = time.perf_counter()
    for title, body in texts:
        cut(title), cut(body)
    jieba = time.perf_counter() - started
    return {"chars": chars, "mb": mb, "stories": len(texts), "tokenize_s": tokens, "jieba_s": jieba}


def time_queries(repeat: int = 3) -> dict:
    from archive.models import Article
    from archive.searchindex.service import search_articles

    public = Article.objects.filter(status="published")
    all_ids, top20, per_query = [], [], {}
    for q in QUERIES:
        list(search_articles(q, queryset=public).order_by().values_list("pk", flat=True))  # warm
        runs_all, runs_top = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            hits = list(search_articles(q, queryset=public).order_by().values_list("pk", flat=True))
            runs_all.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            list(search_articles(q, queryset=public).values_list("pk", flat=True)[:20])
            runs_top.append((time.perf_counter() - t) * 1000)
        all_ids += runs_all
        top20 += runs_top
        per_query[q] = {"hits": len(hits), "all_ms": statistics.median(runs_all), "top20_ms": statistics.median(runs_top)}
    return {
        "all_p50": percentile(all_ids, 0.5), "all_p95": percentile(all_ids, 0.95),
        "top_p50": percentile(top20, 0.5), "top_p95": percentile(top20, 0.95), "per_query": per_query,
    }


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
    from django.db import connection

    times, hits = [], {}
    for q in QUERIES:
        if q.startswith("-") or " -" in q:
            continue
        sql, params = like_scan([w.strip('"') for w in q.split()])
        with connection.cursor() as cursor:
            t = time.perf_counter()
            cursor.execute(sql, params)
            hits[q] = len(cursor.fetchall())
            times.append((time.perf_counter() - t) * 1000)
    return {"like_p50": percentile(times, 0.5), "like_p95": percentile(times, 0.95), "like_hits": hits}


def setup_django() -> None:
    import django

    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()


def remeasure() -> dict:
    """Query latency on an archive an earlier run built (after a change to querying only)."""
    setup_django()
    from django.db import connection

    from archive.models import Article

    return {"vendor": connection.vendor, "n": Article.objects.count(), **time_queries()}


def worker(n: int) -> dict:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from archive.searchindex import service

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build_archive(n)
    built = time.perf_counter() - started
    seg = segmentation_rates()
    index_s = index_all()
    rate_chars = seg["chars"] / seg["stories"] * n / index_s
    result = {
        "vendor": connection.vendor, "n": n, "build_s": built, "index_s": index_s,
        "index_stories_s": n / index_s, "index_mb_s": seg["mb"] / seg["stories"] * n / index_s,
        "tokenize_mb_s": seg["mb"] / seg["tokenize_s"], "jieba_mb_s": seg["mb"] / seg["jieba_s"],
        "index_vs_tokenize": rate_chars / (seg["chars"] / seg["tokenize_s"]),
        "index_vs_jieba": rate_chars / (seg["chars"] / seg["jieba_s"]),
        "index_mb": service.backend().size_bytes() / 1e6,
    }
    result.update(time_queries())
    result.update(time_like())
    return result


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
    out = subprocess.run([sys.executable, __file__, "--worker", str(n)], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    ap.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL"), help="maintenance database URL of a PostgreSQL to use")
    ap.add_argument("--pg-port", type=int, default=54419)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--remeasure", action="store_true", help="only time the queries on the database in DATABASE_URL")
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    if args.remeasure:
        print(json.dumps(remeasure()))
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
    write_report(results, args.out)
    print(f"written {args.out}")
    return 0


def summary_line(r: dict) -> str:
    return (
        f"{r['vendor']:10} N={r['n']:>8,}  index {r['index_stories_s']:,.0f} stories/s {r['index_mb_s']:.2f} MB/s "
        f"({r['index_vs_tokenize']:.0%} of tokenizing {r['tokenize_mb_s']:.1f} MB/s; jieba {r['jieba_mb_s']:.1f} MB/s)  "
        f"size {r['index_mb']:.0f} MB  all ids p50/p95 {r['all_p50']:.1f}/{r['all_p95']:.1f} ms  "
        f"top20 {r['top_p50']:.1f}/{r['top_p95']:.1f} ms  LIKE {r['like_p50']:.0f}/{r['like_p95']:.0f} ms"
    )


def write_report(results: list[dict], out: Path) -> None:
    """docs/benchmarks.md with the table and a PNG plot of latency against N."""
    import platform

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.parent.mkdir(parents=True, exist_ok=True)
    plot = out.with_name("search-latency.png")
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for vendor in sorted({r["vendor"] for r in results}):
        rows = sorted((r for r in results if r["vendor"] == vendor), key=lambda r: r["n"])
        ns = [r["n"] for r in rows]
        for key, style in (("top_p95", "-o"), ("all_p95", "--o"), ("like_p50", ":x")):
            ax.plot(ns, [r[key] for r in rows], style, label=f"{vendor} {key}")
    ax.set(xscale="log", yscale="log", xlabel="stories (N)", ylabel="ms", title="Search latency against archive size")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(plot, dpi=110)
    lines = [
        "# Search benchmark", "",
        f"Produced by `python bench/search.py` on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. Synthetic stories: headline + 3–6 paragraphs of "
        "jieba-dictionary words drawn by frequency mixed with the sample pages' sentences; issue dates spread "
        f"over 1990–2025; 5% drafts. {len(QUERIES)} queries (below), each run 3 times after a warm-up; "
        "p50/p95 over all runs. \"all ids\" = every matching published id; \"top 20\" = relevance order "
        "(title hit, then newest issue), first 20. LIKE = `LIKE '%w%'` on headline and body for every word.", "",
        "| DB | N | index stories/s | index MB/s | bare tokenizing MB/s | index ÷ tokenizing | jieba cut MB/s | index size MB "
        "| all ids p50 / p95 ms | top 20 p50 / p95 ms | LIKE p50 / p95 ms | LIKE p50 ÷ all-ids p50 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['vendor']} | {r['n']:,} | {r['index_stories_s']:,.0f} | {r['index_mb_s']:.2f} | {r['tokenize_mb_s']:.1f} "
            f"| {r['index_vs_tokenize']:.0%} | {r['jieba_mb_s']:.1f} | {r['index_mb']:.0f} | {r['all_p50']:.1f} / {r['all_p95']:.1f} "
            f"| {r['top_p50']:.1f} / {r['top_p95']:.1f} | {r['like_p50']:.0f} / {r['like_p95']:.0f} "
            f"| {r['like_p50'] / max(r['all_p50'], 0.001):.0f}× |"
        )
    lines += ["", f"![latency against N]({plot.name})", "", "## Per query (largest N per database: hits, median ms all ids / top 20)", ""]
    for vendor in sorted({r["vendor"] for r in results}):
        biggest = max((r for r in results if r["vendor"] == vendor), key=lambda r: r["n"])
        lines.append(f"**{vendor}, N = {biggest['n']:,}**: " + "; ".join(
            f"`{q}` {v['hits']:,} hits {v['all_ms']:.1f}/{v['top20_ms']:.1f}" for q, v in biggest["per_query"].items()
        ))
        lines.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out.with_name("benchmarks.json")).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
