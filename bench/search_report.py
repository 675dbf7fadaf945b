"""The report of bench/search.py: the one-line summary, docs/benchmarks.md with its table and plot, benchmarks.json."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path


def summary_line(r: dict) -> str:
    return (
        f"{r['vendor']:10} N={r['n']:>9,}  index {r['index_stories_s']:,.0f} stories/s {r['index_mb_s']:.2f} MB/s "
        f"({r['index_vs_tokenize']:.0%} of tokenizing {r['tokenize_mb_s']:.1f} MB/s; jieba {r['jieba_mb_s']:.1f} MB/s)  "
        f"size {r['index_mb']:,.0f} MB  all ids p50/p95 {r['all_p50']:.1f}/{r['all_p95']:.1f} ms  "
        f"count {r['count_p50']:.1f}/{r['count_p95']:.1f} ms  top20 {r['top_p50']:.1f}/{r['top_p95']:.1f} ms  "
        f"LIKE {r['like_p50']:,.0f}/{r['like_p95']:,.0f} ms"
    )


def _rate(value: float | None) -> str:
    return f"{value:.2f}" if value else "—"


def merged_results(results: list[dict], path: Path) -> list[dict]:
    """Earlier runs' results (docs/benchmarks.json) with this run's replacing the same database and N."""
    earlier = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    fresh = {(r["vendor"], r["n"]) for r in results}
    kept = [r for r in earlier if (r["vendor"], r["n"]) not in fresh and "count_p50" in r]
    return sorted(kept + results, key=lambda r: (r["vendor"], r["n"]))


OTHER_REPORTS = "<!-- Other benchmarks below this line: bench/search.py keeps them when it rewrites the report. -->"


def write_report(results: list[dict], out: Path, *, queries: int, like_queries: int) -> None:
    """docs/benchmarks.md with the table and a PNG plot of latency against N (``queries``: how many were timed)."""
    import platform

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.parent.mkdir(parents=True, exist_ok=True)
    results = merged_results(results, out.with_name("benchmarks.json"))
    plot = out.with_name("search-latency.png")
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for vendor in sorted({r["vendor"] for r in results}):
        rows = sorted((r for r in results if r["vendor"] == vendor), key=lambda r: r["n"])
        ns = [r["n"] for r in rows]
        for key, style in (("top_p95", "-o"), ("all_p95", "--o"), ("count_p95", "-.s"), ("like_p50", ":x")):
            ax.plot(ns, [r[key] for r in rows], style, label=f"{vendor} {key}")
    ax.axhline(100, color="grey", linewidth=0.6)
    ax.axhline(50, color="grey", linewidth=0.6, linestyle="--")
    ax.set(xscale="log", yscale="log", xlabel="stories (N)", ylabel="ms", title="Search latency against archive size")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(plot, dpi=110)
    lines = [
        "# Search benchmark", "",
        f"Produced by `python bench/search.py` on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"report written {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. Synthetic stories: headline + 3–6 paragraphs of "
        "jieba-dictionary words drawn by frequency mixed with the sample pages' sentences; issue dates spread "
        f"over 1990–2025; 5% drafts. {queries} queries (below), each run 3 times after a warm-up; "
        "p50/p95 over all runs. **all ids** = every matching published id, read from the index into Python; "
        "**count** = the number of matches the site and API show; **top 20** = the first page in relevance "
        "order (title hits, then newest issue) as the site and API build it: parse, 20 ranked keys from the index, "
        f"the 20 articles loaded with page, issue, section, bylines and photos. LIKE = `LIKE '%w%'` on headline and "
        f"body for every word, over {like_queries} of the queries. Index throughput = the whole rebuild "
        "(read, tokenize, write, final merge or GIN build) against bare tokenizing (text → index fields) of the same "
        "stories on one core. **run** = the date and commit measured: rows from different runs share the table.", "",
        "| DB | N | index stories/s | index MB/s | bare tokenizing MB/s | index ÷ tokenizing | rjieba cut MB/s "
        "| jieba 0.42 (pure Python) MB/s | index size MB "
        "| all ids p50 / p95 ms | count p50 / p95 ms | top 20 p50 / p95 ms | LIKE p50 / p95 ms | LIKE p50 ÷ all-ids p50 | run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['vendor']} | {r['n']:,} | {r['index_stories_s']:,.0f} | {r['index_mb_s']:.2f} | {r['tokenize_mb_s']:.1f} "
            f"| {r['index_vs_tokenize']:.0%} | {r['jieba_mb_s']:.1f} | {_rate(r.get('jieba_python_mb_s'))} "
            f"| {r['index_mb']:,.0f} | {r['all_p50']:.1f} / {r['all_p95']:.1f} "
            f"| {r['count_p50']:.1f} / {r['count_p95']:.1f} | {r['top_p50']:.1f} / {r['top_p95']:.1f} "
            f"| {r['like_p50']:,.0f} / {r['like_p95']:,.0f} | {r['like_p50'] / max(r['all_p50'], 0.001):,.0f}× "
            f"| {r.get('run', '—')} |"
        )
    lines += ["", f"![latency against N]({plot.name})", "", "## Per query (largest N per database: hits; median ms all ids / count / top 20)", ""]
    for vendor in sorted({r["vendor"] for r in results}):
        biggest = max((r for r in results if r["vendor"] == vendor), key=lambda r: r["n"])
        lines.append(f"**{vendor}, N = {biggest['n']:,}**: " + "; ".join(
            f"`{q}` {v['hits']:,} hits {v['all_ms']:.1f}/{v['count_ms']:.1f}/{v['top_ms']:.1f}" for q, v in biggest["per_query"].items()
        ))
        lines.append("")
    # Other benchmarks' sections (bench/load.py) follow the marker and stay.
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = previous[previous.index(OTHER_REPORTS):] if OTHER_REPORTS in previous else ""
    out.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    out.with_name("benchmarks.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
