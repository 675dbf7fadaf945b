#!/usr/bin/env python
"""Benchmark the page parser: pages per second on the five sample pages.

Usage: python bench/parse.py [--repeat N] [--corpus DIR]

Prints the one-time costs (importing ``archive.ingest``, loading the word
segmenter) separately from the steady parsing rate. Not a test.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "seeds"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="passes over the pages (default 200)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt pages")
    args = ap.parse_args(argv)
    pages = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    if not pages:
        print(f"no pages in {args.corpus}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(REPO))
    start = time.perf_counter()
    from archive.ingest import parse_page
    from archive.ingest.matching import load_tokenizer

    imported = time.perf_counter()
    load_tokenizer()
    loaded = time.perf_counter()
    for text in pages:  # warm-up: first parse fills the word caches
        parse_page(text)
    begin = time.perf_counter()
    for _ in range(args.repeat):
        for text in pages:
            parse_page(text)
    elapsed = time.perf_counter() - begin
    count = args.repeat * len(pages)
    chars = args.repeat * sum(len(t) for t in pages)
    print(f"import archive.ingest: {1000 * (imported - start):.1f} ms")
    print(f"word segmenter load:   {1000 * (loaded - imported):.1f} ms (one-time)")
    print(f"parsed {count} pages ({chars / 1e6:.1f} M chars) in {elapsed:.2f} s: "
          f"{count / elapsed:.0f} pages/s, {1000 * elapsed / count:.2f} ms/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
