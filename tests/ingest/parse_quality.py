"""The parser's quality bars and the pages they are measured on.

Shared by ``test_parser_quality.py`` (one test a bar) and ``bench/parse.py``
(which prints every figure next to its bar), so the bars are declared once.

Pages are parsed in-process and scored by the in-repo copy of the newsroom's
scorer through its own ``main --json``: the figures are exactly those of its
``overall``, ``review`` and ``score`` lines, aggregation included.
"""
from __future__ import annotations

import contextlib
import io
import json
import operator
import tempfile
from dataclasses import dataclass
from pathlib import Path

import score_parse

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DATA = HERE / "data"


@dataclass(frozen=True)
class PageSet:
    """Raw pages and their hand-checked answers, paired by file stem."""

    name: str
    pages: Path
    gold: Path


# The seed texts already ship as sample data; only their answers live here.
SEEDS = PageSet("seeds", REPO / "archive" / "sample_data", DATA / "seeds" / "gold")
DEV = PageSet("dev", DATA / "dev" / "pages", DATA / "dev" / "gold")
SETS = (SEEDS, DEV)

# The scorer's per-item figures, in the order its table prints them.
METRICS = tuple(score_parse.METRICS)
REVIEW = ("score", "exact", "flagged", "caught")
FIGURES = REVIEW + METRICS + ("repeats",)

_OPS = {">=": operator.ge, "<=": operator.le, "==": operator.eq}


@dataclass(frozen=True)
class Bar:
    """A figure the parser must reach on one set of pages."""

    pages: str
    figure: str
    op: str
    target: float

    def met(self, value: float) -> bool:
        return _OPS[self.op](value, self.target)

    def __str__(self) -> str:
        return f"{self.pages}-{self.figure}"

    def verdict(self, value: float) -> str:
        mark = "pass" if self.met(value) else "FAIL"
        return f"{self.pages} {self.figure} {fmt(value)} (bar {self.op} {fmt(self.target)}): {mark}"


# Dev pages are ones the parser was not written against, so their bars say
# how it holds on unseen pages; the seeds must stay perfect.
BARS = tuple(Bar(*row) for row in (
    ("dev", "score", ">=", 0.95),
    ("dev", "exact", ">=", 0.85),
    ("dev", "titles", ">=", 0.90),
    ("dev", "section", ">=", 0.90),
    ("dev", "bylines", ">=", 0.90),
    ("dev", "photos", ">=", 0.90),
    ("dev", "caught", ">=", 0.90),
    ("dev", "flagged", "<=", 0.35),
    ("seeds", "items", "==", 1.0),
    ("seeds", "titles", "==", 1.0),
    ("seeds", "bylines", "==", 1.0),
    ("seeds", "section", "==", 1.0),
    ("seeds", "repeats", "==", 0),
))


def fmt(value: float) -> str:
    """A figure as the scorer prints it: counts whole, shares to three places."""
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def bar_for(pages: str, figure: str) -> Bar | None:
    return next((b for b in BARS if b.pages == pages and b.figure == figure), None)


def page_pairs(page_set: PageSet) -> list[tuple[Path, Path]]:
    """(raw page, gold answer) for every gold answer; the page may be missing."""
    return [(page_set.pages / f"{g.stem}.txt", g) for g in sorted(page_set.gold.glob("*.json"))]


def write_parses(page_set: PageSet, out: Path) -> None:
    """Parse each page of the set into ``out/<stem>.json``, as ``manage.py parse_page`` does."""
    # Imported here, not above, so that bench/parse.py can time the first import.
    from archive.ingest import parse_page

    for page, gold in page_pairs(page_set):
        if not page.exists():
            continue  # the scorer counts an answer without a parse as zero
        parsed = parse_page(page.read_text(encoding="utf-8"), source=page.name).to_dict()
        (out / gold.name).write_text(json.dumps(parsed, ensure_ascii=False, indent=2), encoding="utf-8")


def run_scorer(predicted: Path, gold: Path) -> dict:
    """The scorer's JSON report: ``{"pages": {...}, "overall": {...}}``."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score_parse.main([str(predicted), str(gold), "--json"])
    return json.loads(buf.getvalue())


def score_set(page_set: PageSet) -> dict:
    """Parse and score one set; returns the scorer's JSON report."""
    with tempfile.TemporaryDirectory() as out:
        write_parses(page_set, Path(out))
        return run_scorer(Path(out), page_set.gold)
