#!/usr/bin/env python
"""Benchmark the page parser: its figures against the answers, and pages per second.

Usage: python bench/parse.py [--repeat N] [--seeds PAGES GOLD] [--dev PAGES GOLD]

Parses the seed pages and the development pages (by default the copies in the
repository, see tests/ingest/parse_quality.py) and prints, for each set, the
newsroom scorer's table; then every figure next to its bar with a pass/fail
mark; then the one-time costs (importing ``archive.ingest``, loading the word
segmenter) apart from the steady parsing rate, per set and overall. Not a test:
tests/ingest/test_parser_quality.py holds the same bars.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The bars, the page sets and the scorer copy live with the tests that check them.
sys.path[:0] = [str(REPO), str(REPO / "tests" / "ingest")]

import parse_quality as quality  # noqa: E402 - needs the path above; does not import archive.ingest
import score_parse  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup = time_setup()  # first, so that the import of archive.ingest is what is timed
    sets = [quality.PageSet("seeds", *(args.seeds or (quality.SEEDS.pages, quality.SEEDS.gold))),
            quality.PageSet("dev", *(args.dev or (quality.DEV.pages, quality.DEV.gold)))]
    texts = {s.name: [p.read_text(encoding="utf-8") for p, _ in quality.page_pairs(s) if p.exists()]
             for s in sets}
    for s in sets:
        if not texts[s.name]:
            print(f"no pages with answers in {s.pages} and {s.gold}", file=sys.stderr)
            return 1
    rates = {name: time_parsing(pages, args.repeat) for name, pages in texts.items()}
    figures = {s.name: print_scores(s) for s in sets}
    print_bars(figures)
    print_rates(setup, rates)
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="timed passes over each set (default 200)")
    for name in ("seeds", "dev"):
        ap.add_argument(f"--{name}", nargs=2, type=Path, metavar=("PAGES", "GOLD"),
                        help=f"folders of *.txt pages and *.json answers for the {name} set "
                             "(default: the in-repo copies)")
    return ap.parse_args(argv)


def time_setup() -> tuple[float, float]:
    """Seconds to import ``archive.ingest`` and to load its word segmenter."""
    start = time.perf_counter()
    from archive.ingest import parse_page  # noqa: F401 - imported to be timed
    from archive.ingest.matching import load_tokenizer

    imported = time.perf_counter()
    load_tokenizer()
    return imported - start, time.perf_counter() - imported


def time_parsing(pages: list[str], repeat: int) -> tuple[int, int, float]:
    """(pages parsed, characters parsed, seconds) for ``repeat`` passes over ``pages``."""
    from archive.ingest import parse_page

    for text in pages:  # warm-up: first parse fills the word caches
        parse_page(text)
    begin = time.perf_counter()
    for _ in range(repeat):
        for text in pages:
            parse_page(text)
    return repeat * len(pages), repeat * sum(len(t) for t in pages), time.perf_counter() - begin


def print_scores(page_set: quality.PageSet) -> dict:
    """Print the scorer's table for one set; return its overall figures."""
    with tempfile.TemporaryDirectory() as out:
        quality.write_parses(page_set, Path(out))
        print(f"== {page_set.name}: pages {shown(page_set.pages)}, answers {shown(page_set.gold)}")
        # The scorer prints its table only without --json: run once to print, once for figures.
        score_parse.main([out, str(page_set.gold)])
        print()
        return quality.run_scorer(Path(out), page_set.gold)["overall"]


def print_bars(figures: dict[str, dict]) -> None:
    """Each figure of each set side by side, with its bar and a pass/fail mark where it has one."""
    names = list(figures)
    print(f"{'figure':12}" + "".join(f"{name:26}" for name in names))
    for figure in quality.FIGURES:
        print(f"{figure:12}" + "".join(f"{bar_cell(name, figure, figures[name][figure]):26}" for name in names))
    verdicts = [b.met(figures[b.pages][b.figure]) for b in quality.BARS if b.pages in figures]
    print(f"bars met: {sum(verdicts)} of {len(verdicts)}\n")


def bar_cell(pages: str, figure: str, value: float) -> str:
    bar = quality.bar_for(pages, figure)
    if bar is None:
        return quality.fmt(value)
    return f"{quality.fmt(value)} {bar.op} {quality.fmt(bar.target)} {'pass' if bar.met(value) else 'FAIL'}"


def print_rates(setup: tuple[float, float], rates: dict[str, tuple[int, int, float]]) -> None:
    print(f"import archive.ingest: {1000 * setup[0]:.1f} ms")
    print(f"word segmenter load:   {1000 * setup[1]:.1f} ms (one-time)")
    total = tuple(sum(r[k] for r in rates.values()) for k in range(3))
    for name, (count, chars, elapsed) in [*rates.items(), ("all", total)]:
        print(f"{name + ':':6} parsed {count} pages ({chars / 1e6:.1f} M chars) in {elapsed:.2f} s: "
              f"{count / elapsed:.0f} pages/s, {1000 * elapsed / count:.2f} ms/page")


def shown(path: Path) -> str:
    """A folder relative to the repository when it is inside it."""
    path = path.resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


if __name__ == "__main__":
    sys.exit(main())
