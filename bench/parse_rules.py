#!/usr/bin/env python
"""Which parser rule serves which pages, and how the tuned numbers hold on a page left out.

Usage: python bench/parse_rules.py [--markdown]

Two tables over the seed and development pages (the in-repo copies):

1. Ablation: each layout rule is switched off in turn (by replacing the
   function that makes its decision with one that always says no) and every
   page is parsed again. A rule that changes the score of one page only fits
   that page, not the phenomenon; the table names the pages each rule serves.
2. Leave one page out: the parser's tuned numbers (gap widths, caption and
   headline lengths, the share of words a title needs to match its story)
   are chosen on the other twelve pages by grid search and the page left out
   is scored with them. A page that scores worse with numbers chosen without
   it shows a number fitted to it.
3. Re-printed gaps: every page printed again with 2 to 5 blank lines (at
   random) wherever it had two or more, so that no rule rests on one page's
   exact spacing.

Prints its figures; not a test. docs/parser.md keeps the latest output.
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "ingest")]

import parse_quality as quality  # noqa: E402 - needs the path above
import score_parse  # noqa: E402
from archive.ingest import joining, parse_page, parser, photos, segment  # noqa: E402
from archive.ingest.blocks import split_lines  # noqa: E402

# rule name → (phenomenon, module, attribute, replacement when switched off)
RULES = {
    "picture in a column cut stands alone": (
        "stand-alone photo printed between the halves of a cut paragraph", photos, "in_cut", lambda *a: False),
    "picture between title and lead is the story's": (
        "article photo (caption and credit) printed above the lead", photos, "lead_follows", lambda *a: False),
    "caption set apart above the lead": (
        "article photo caption with no credit above the lead", segment.Segmenter, "lead_caption",
        staticmethod(lambda *a: False)),
    "short sentence set apart is the caption": (
        "caption inside a story that says (如图) or credits a photographer", parser, "_take_lone_captions",
        lambda body, article: body),
    "headline set apart over a caption": (
        "stand-alone photo with a title", photos, "caption_group", lambda seg, i: min(1, _group(seg, i))),
    "brief column label": (
        "简讯/快讯 over one-paragraph briefs", segment.Segmenter, "take_brief_label", lambda self, run: run),
    "series banner over a two-line title block": (
        "banner such as a 走基层-style series name", segment.Segmenter, "banner_above_block", lambda *a: False),
    "byline-under-title credit reader": (
        "文/X 图/Y, X/文 Y/图 credits", sys.modules["archive.ingest.bylines"], "_marks_after_names",
        lambda text: text),
    "number cut from its measure word": (
        "paragraph cut after a number", joining, "fits_after",
        lambda head, tail: not joining._FRAGMENT_START_RE.match(tail) or joining.spans_seam(head, tail)),
    "editor's note before the lead": (
        "编者按 then 本报讯", segment.Segmenter, "only_preface", staticmethod(lambda cur: not cur.body)),
}
_group = photos.caption_group

# tuned number → (module, attribute, values tried); the first value is today's.
KNOBS = {
    "WIDE_GAP": (photos, "WIDE_GAP", (2, 3)),
    "MAX_SHORT_CAPTION": (photos, "MAX_SHORT_CAPTION", (80, 40, 120)),
    "SHORT_HEADLINE": (parser, "SHORT_HEADLINE", (8, 6, 10)),
    "MIN_MATCH": (parser, "MIN_MATCH", (0.34, 0.25, 0.5)),
}


def load_pages() -> list[tuple[str, str, dict]]:
    """(set/page name, raw text, gold answer) for every seed and dev page."""
    import json

    out = []
    for page_set in quality.SETS:
        for page, gold in quality.page_pairs(page_set):
            out.append((f"{page_set.name}/{page.stem}", page.read_text(encoding="utf-8"),
                        json.loads(gold.read_text(encoding="utf-8"))))
    return out


def page_scores(pages) -> dict[str, tuple[float, float]]:
    """(score, exact) of each page, as the scorer computes them for one page."""
    result = {}
    for name, text, gold in pages:
        figures = score_parse.score_page(parse_page(text).to_dict(), gold)
        score = sum(figures[m] for m in score_parse.METRICS) / len(score_parse.METRICS)
        result[name] = (score, figures["exact"])
    return result


@contextlib.contextmanager
def patched(target, attribute: str, value):
    old = target.__dict__[attribute] if isinstance(target, type) else getattr(target, attribute)
    setattr(target, attribute, value)
    try:
        yield
    finally:
        setattr(target, attribute, old)


def ablation(pages, base) -> list[list[str]]:
    rows = []
    for rule, (phenomenon, target, attribute, off) in RULES.items():
        with patched(target, attribute, off):
            scores = page_scores(pages)
        changed = [n for n in scores if abs(scores[n][0] - base[n][0]) > 1e-9]
        mean = {s.name: _mean(scores, s.name) for s in quality.SETS}
        rows.append([rule, phenomenon, ", ".join(n.split("/")[1] for n in changed) or "none",
                     str(len(changed)), f"{mean['seeds']:.3f}", f"{mean['dev']:.3f}"])
    return rows


def _mean(scores, set_name: str, skip: str | None = None) -> float:
    values = [v[0] for n, v in scores.items() if n.startswith(set_name + "/") and n != skip]
    return sum(values) / len(values)


def grid_scores(pages) -> dict[tuple, dict[str, tuple[float, float]]]:
    """Each page's (score, exact) under every combination of the knobs."""
    grid = {}
    for combo in itertools.product(*(values for _, _, values in KNOBS.values())):
        with contextlib.ExitStack() as stack:
            for (module, attribute, _), value in zip(KNOBS.values(), combo):
                stack.enter_context(patched(module, attribute, value))
            grid[combo] = page_scores(pages)
    return grid


def leave_one_out(pages) -> list[list[str]]:
    grid = grid_scores(pages)
    today = next(iter(grid))  # the first value of every knob is today's
    rows = []
    for name, _, _ in pages:
        def rest(combo):
            return sum(v[0] for n, v in grid[combo].items() if n != name), combo == today
        chosen = max(grid, key=rest)
        held = grid[chosen][name]
        rows.append([name, ", ".join(f"{k}={v}" for k, v in zip(KNOBS, chosen)),
                     f"{held[0]:.3f}", f"{held[1]:.3f}", f"{grid[today][name][0]:.3f}"])
    return rows


def reprinted(text: str, rng: random.Random) -> str:
    """The page with each wide gap (two or more blank lines) redrawn from 2 to 5."""
    out = []
    for line in split_lines(text):
        if line.first_in_block:
            gap = line.gap_before
            out.extend([""] * (gap if gap < photos.WIDE_GAP else rng.randint(2, 5)))
        out.append(line.text)
    return "\n".join(out) + "\n"


def reprinted_gaps(pages, draws: int = 4) -> str:
    rng = random.Random(2026)
    scores = []
    for _ in range(draws):
        scores.extend(page_scores([(n, reprinted(t, rng), g) for n, t, g in pages]).values())
    return (f"re-printed gaps ({draws} draws x {len(pages)} pages): mean score "
            f"{sum(s for s, _ in scores) / len(scores):.3f}, mean exact {sum(e for _, e in scores) / len(scores):.3f}, "
            f"lowest page score {min(s for s, _ in scores):.3f}")


def table(head: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    return "\n".join("  ".join(x.ljust(w) for x, w in zip(r, widths)) for r in [head] + rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = ap.parse_args(argv)
    pages = load_pages()
    base = page_scores(pages)
    print(f"all rules on: seeds {_mean(base, 'seeds'):.3f}, dev {_mean(base, 'dev'):.3f} (mean page score)\n")
    print(table(["rule switched off", "phenomenon", "pages whose score changes", "n",
                 "seeds score", "dev score"], ablation(pages, base), args.markdown))
    print()
    print(table(["page left out", "numbers chosen on the other pages", "held-out score",
                 "held-out exact", "score with today's numbers"], leave_one_out(pages), args.markdown))
    print()
    print(reprinted_gaps(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
