"""The report of bench/search.py: the one-line summary, docs/benchmarks.md with its table and plot, benchmarks.json."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path


def _pair(r: dict, key: str) -> str:
    """``p50 / p95`` of ``key`` in ms, or — for a row measured before that figure existed."""
    return f"{r[key + '_p50']:.1f} / {r[key + '_p95']:.1f}" if f"{key}_p50" in r else "—"


def summary_line(r: dict) -> str:
    indexing = (
        f"index {r['index_stories_s']:,.0f} stories/s ({r['index_vs_tokenize']:.0%} of tokenizing)  size {r['index_mb']:,.0f} MB  "
        if "index_stories_s" in r else ""
    )
    return (
        f"{r['vendor']:10} N={r['n']:>9,}  {indexing}count {_pair(r, 'count')} ms  top20 {_pair(r, 'top')} ms  "
        f"site {_pair(r, 'site')} ms  API {_pair(r, 'api')} ms  estimates {r.get('estimates', 0)} "
        f"(max error {r.get('max_error', 0):.2%})  recall/precision {r.get('recall', 0):.3f}/{r.get('precision', 0):.3f}  "
        f"LIKE {r['like_p50']:,.0f}/{r['like_p95']:,.0f} ms"
    )


def _rate(value: float | None) -> str:
    return f"{value:.2f}" if value else "—"


def merged_results(results: list[dict], path: Path) -> list[dict]:
    """Earlier runs' results (docs/benchmarks.json) with this run's replacing the same database and N."""
    earlier = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    fresh = {(r["vendor"], r["n"]) for r in results}
    kept = [r for r in earlier if (r["vendor"], r["n"]) not in fresh and "count_p50" in r]
    # A re-measured row keeps its run's indexing figures (--remeasure times queries only).
    before = {(r["vendor"], r["n"]): r for r in earlier}
    updated = [
        {**r, "index_run": r["run"]} if "index_stories_s" in r else {**_indexing_of(before.get((r["vendor"], r["n"]), {})), **r}
        for r in results
    ]
    return sorted(kept + updated, key=lambda r: (r["vendor"], r["n"]))


def _indexing_of(row: dict) -> dict:
    """An earlier row, its indexing figures labelled with the run that measured them."""
    return {**row, "index_run": row.get("index_run", row.get("run", "—"))} if row else {}


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
        for key, style in (("site_p95", "-o"), ("api_p95", "--o"), ("count_p95", "-.s"), ("like_p50", ":x")):
            points = [(r["n"], r[key]) for r in rows if key in r]
            if points:
                ax.plot(*zip(*points), style, label=f"{vendor} {key}")
    ax.axhline(150, color="grey", linewidth=0.6)
    ax.set(xscale="log", yscale="log", xlabel="stories (N)", ylabel="ms", title="Search latency against archive size")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(plot, dpi=110)
    lines = [
        "# Search benchmark", "",
        f"Produced by `python bench/search.py` on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"report written {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. Synthetic stories: headline + 3–6 paragraphs of "
        "jieba-dictionary words drawn by frequency mixed with the sample pages' sentences; issue dates spread "
        f"over 1990–2025; 5% drafts. **run** = the date and commit measured: rows from different runs share the tables.", "",
        "## Search responses", "",
        f"{queries} queries (below), each run 3 times after a warm-up, from a cold cache; p50/p95 over all runs. "
        "**count** = the number the site and API show (exact up to 10,000 matches, above that an estimate from "
        "the stories carrying a sample token: archive/search/index/results.py); **top 20** = parse, 20 ranked keys, the 20 articles "
        "loaded; **site** and **API** = the whole response (count or estimate, first 20 ranked, facets, "
        "highlighting, template or JSON) of `GET /search/?q=` and `GET /api/v1/articles/?q=` through "
        "django.test.Client, throttles raised. **estimates** = queries whose count was an estimate, and the largest "
        "error of any count against the exact count. **recall / precision** = the index's every id (`iter_ids`) "
        f"against `LIKE '%w%'` on headline and body for every word, over {like_queries} of the queries; "
        "**every id** = the time of `iter_ids` for those.", "",
        "| DB | N | count p50 / p95 ms | top 20 p50 / p95 ms | site p50 / p95 ms | API p50 / p95 ms "
        "| estimates (max error) | every estimate within ±5% | recall / precision | every id p50 / p95 ms "
        "| LIKE p50 / p95 ms | run |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    lines += [_response_row(r) for r in results]
    lines += [
        "", "## Indexing", "",
        "Index throughput = the whole rebuild (read, tokenize, write, final merge or GIN build) against bare "
        "tokenizing (text → index fields) of the same stories on one core.", "",
        "| DB | N | index stories/s | index MB/s | bare tokenizing MB/s | index ÷ tokenizing | rjieba cut MB/s "
        "| jieba 0.42 (pure Python) MB/s | index size MB | run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in (r for r in results if "index_stories_s" in r):
        lines.append(
            f"| {r['vendor']} | {r['n']:,} | {r['index_stories_s']:,.0f} | {r['index_mb_s']:.2f} | {r['tokenize_mb_s']:.1f} "
            f"| {r['index_vs_tokenize']:.0%} | {r['jieba_mb_s']:.1f} | {_rate(r.get('jieba_python_mb_s'))} | {r['index_mb']:,.0f} "
            f"| {r.get('index_run', r.get('run', '—'))} |"
        )
    lines += ["", f"![latency against N]({plot.name})", "",
              "## Per query (per database the largest N measured with whole responses: exact hits; count shown, † = estimate, error; median ms count / top 20 / site / API)", ""]
    for vendor in sorted({r["vendor"] for r in results}):
        rows = [r for r in results if r["vendor"] == vendor]
        # The largest archive measured with whole responses, else the largest.
        biggest = max(rows, key=lambda r: ("site_p50" in r, r["n"]))
        lines.append(f"**{vendor}, N = {biggest['n']:,}**: " + "; ".join(_per_query(q, v) for q, v in biggest["per_query"].items()))
        lines.append("")
    # Other benchmarks' sections (bench/load.py) follow the marker and stay.
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = previous[previous.index(OTHER_REPORTS):] if OTHER_REPORTS in previous else ""
    out.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    out.with_name("benchmarks.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


def _response_row(r: dict) -> str:
    if "max_error" in r:
        within = "yes" if r["estimates_within_5"] else "**no**"
        counts = f"{r['estimates']} ({r['max_error']:.2%}) | {within}"
    else:
        counts = "— | —"
    accuracy = f"{r['recall']:.3f} / {r['precision']:.3f}" if "recall" in r else "—"
    return (
        f"| {r['vendor']} | {r['n']:,} | {_pair(r, 'count')} | {_pair(r, 'top')} | {_pair(r, 'site')} | {_pair(r, 'api')} "
        f"| {counts} | {accuracy} | {_pair(r, 'ids')} | {r['like_p50']:,.0f} / {r['like_p95']:,.0f} | {r.get('run', '—')} |"
    )


def _per_query(q: str, v: dict) -> str:
    if "site_ms" not in v:  # measured before the whole responses were
        return f"`{q}` {v['hits']:,} hits {v.get('count_ms', 0):.1f}/{v.get('top_ms', 0):.1f}"
    shown = f"{v['count']:,}{'†' if v['estimated'] else ''} ({v['error']:+.2%})" if v["count"] != v["hits"] else "exact"
    return f"`{q}` {v['hits']:,} hits, {shown} {v['count_ms']:.1f}/{v['top_ms']:.1f}/{v['site_ms']:.1f}/{v['api_ms']:.1f}"
