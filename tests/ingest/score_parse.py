#!/usr/bin/env python3
# A copy of the newsroom's scorer (its tools/score_parse.py), kept unchanged but for
# this comment so that the parser-quality tests and bench/parse.py score the same way
# on a clone without the newsroom's shared folder. Refresh it from theirs; do not edit.
"""Score parsed newspaper pages against gold answers.

Usage:
    score_parse.py PREDICTED GOLD [--json]

PREDICTED and GOLD are both files (one page each) or both directories
(pages are paired by file name; a gold page with no prediction scores zero).
The format of both is described in ../corpus/SCHEMA.md.

Items are paired greedily by text similarity. Printed per page and overall:
  items     F1 of paired items (a pair needs similarity >= 0.5 and the same kind)
  titles    share of gold items whose title lines, joined, match exactly
  roles     share of gold items whose kicker, headline and subheadline each match
  section   share of gold items whose section matches
  bylines   F1 of (name, role) credits, over paired items
  body      mean character similarity of the body text of gold items
  paras     F1 of exact paragraph texts
  photos    F1 of (caption, credit) pairs
  repeats   runs of 20+ characters that a predicted page prints twice and the
            gold page does not (want 0)
Also printed, not part of `score` (how well warnings steer an editor's review):
  exact     share of gold items whose predicted item is right in every field
            scored above (kind, titles, section, bylines, photo flag, paragraphs,
            photos)
  flagged   share of predicted items that carry at least one warning
  caught    share of predicted items that are wrong (no exact gold match) and
            carry at least one warning, among all wrong predicted items
Full- and half-width punctuation are folded together, and runs of white
space become one space, before anything is compared.
"""
import argparse
import difflib
import json
import sys
import unicodedata
from pathlib import Path

PAIR_MIN = 0.5
REPEAT_SPAN = 20


def fold(text):
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return " ".join(text.split())


def block_text(block):
    if isinstance(block, dict):
        return "### " + fold(block.get("subhead"))
    return fold(block)


def body_texts(item):
    return [block_text(b) for b in item.get("body") or []]


def title_lines(item):
    return [fold(item.get(k)) for k in ("kicker", "headline", "subheadline")]


def item_text(item):
    parts = title_lines(item) + body_texts(item)
    parts += [fold(p.get("caption")) for p in item.get("photos") or []]
    return "\n".join(p for p in parts if p)


def similarity(a, b):
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def f1(tp, n_pred, n_gold):
    if n_pred == 0 and n_gold == 0:
        return 1.0
    if tp == 0:
        return 0.0
    precision, recall = tp / n_pred, tp / n_gold
    return 2 * precision * recall / (precision + recall)


def multiset_tp(pred, gold):
    remaining = list(gold)
    tp = 0
    for x in pred:
        if x in remaining:
            remaining.remove(x)
            tp += 1
    return tp


def pair_items(pred, gold):
    """Greedy pairing by similarity of whole item text."""
    texts_p = [item_text(x) for x in pred]
    texts_g = [item_text(x) for x in gold]
    candidates = []
    for i, tp in enumerate(texts_p):
        for j, tg in enumerate(texts_g):
            # quick filter before the expensive ratio
            if tp and tg and not (set(tp) & set(tg)):
                continue
            candidates.append((similarity(tp, tg), i, j))
    candidates.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for sim, i, j in candidates:
        if sim < PAIR_MIN or i in used_p or j in used_g:
            continue
        if pred[i].get("kind", "article") != gold[j].get("kind", "article"):
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def repeated_spans(items):
    """Count distinct 20-char spans that occur more than once across bodies."""
    seen, repeats = set(), set()
    for item in items:
        for para in body_texts(item):
            para = para.replace(" ", "")
            for k in range(0, max(0, len(para) - REPEAT_SPAN + 1)):
                span = para[k:k + REPEAT_SPAN]
                if span in seen:
                    repeats.add(span)
                seen.add(span)
    # a repeated run of length L yields L-19 overlapping spans; report runs
    return merge_runs(repeats)


def merge_runs(spans):
    runs = 0
    spans = set(spans)
    for s in spans:
        # count a span as the start of a run if no span ends just before it
        if not any(t[1:] == s[:-1] for t in spans if t != s):
            runs += 1
    return runs


def score_page(pred_page, gold_page):
    pred = pred_page.get("articles", []) if pred_page else []
    gold = gold_page.get("articles", [])
    pairs = pair_items(pred, gold)
    n = len(gold)
    s = {
        "gold_items": n,
        "pred_items": len(pred),
        "items": f1(len(pairs), len(pred), n),
    }
    titles = roles = section = photo_flag = 0
    body_sim = 0.0
    by_tp = by_p = by_g = 0
    pa_tp = pa_p = pa_g = 0
    ph_tp = ph_p = ph_g = 0
    paired = dict((j, i) for i, j in pairs)
    for j, g in enumerate(gold):
        gb = [(fold(b.get("name")), b.get("role")) for b in g.get("bylines") or []]
        gp = body_texts(g)
        gph = [(fold(p.get("caption")), fold(p.get("credit"))) for p in g.get("photos") or []]
        by_g += len(gb)
        pa_g += len(gp)
        ph_g += len(gph)
        if j not in paired:
            continue
        p = pred[paired[j]]
        tl_p, tl_g = title_lines(p), title_lines(g)
        titles += " ".join(x for x in tl_p if x) == " ".join(x for x in tl_g if x)
        roles += tl_p == tl_g
        section += fold(p.get("section")) == fold(g.get("section"))
        photo_flag += bool(p.get("photo_by_byline")) == bool(g.get("photo_by_byline"))
        body_sim += similarity("\n".join(body_texts(p)), "\n".join(gp))
        pb = [(fold(b.get("name")), b.get("role")) for b in p.get("bylines") or []]
        by_tp += multiset_tp(pb, gb)
        pp = body_texts(p)
        pa_tp += multiset_tp(pp, gp)
        pph = [(fold(x.get("caption")), fold(x.get("credit"))) for x in p.get("photos") or []]
        ph_tp += multiset_tp(pph, gph)
    exact = 0
    wrong = caught = 0
    by_pred = dict(pairs)
    for i, p in enumerate(pred):
        ok = i in by_pred and item_exact(p, gold[by_pred[i]])
        exact += ok
        if not ok:
            wrong += 1
            caught += bool(p.get("warnings"))
    for i, p in enumerate(pred):
        by_p += len(p.get("bylines") or [])
        pa_p += len(body_texts(p))
        ph_p += len(p.get("photos") or [])
    d = n or 1
    s.update(
        titles=titles / d,
        roles=roles / d,
        section=section / d,
        byline_flag=photo_flag / d,
        bylines=f1(by_tp, by_p, by_g),
        body=body_sim / d,
        paras=f1(pa_tp, pa_p, pa_g),
        photos=f1(ph_tp, ph_p, ph_g),
        repeats=max(0, repeated_spans(pred) - repeated_spans(gold)),
        exact=exact / d,
        flagged=sum(1 for p in pred if p.get("warnings")) / (len(pred) or 1),
        wrong=wrong,
        caught=caught,
    )
    return s


def item_exact(p, g):
    """True when a predicted item matches its gold item in every scored field."""
    def credits(x):
        return sorted((fold(b.get("name")), b.get("role")) for b in x.get("bylines") or [])

    def photos(x):
        return sorted((fold(y.get("caption")), fold(y.get("credit"))) for y in x.get("photos") or [])
    return (p.get("kind", "article") == g.get("kind", "article")
            and title_lines(p) == title_lines(g)
            and fold(p.get("section")) == fold(g.get("section"))
            and bool(p.get("photo_by_byline")) == bool(g.get("photo_by_byline"))
            and credits(p) == credits(g)
            and body_texts(p) == body_texts(g)
            and photos(p) == photos(g))


METRICS = ["items", "titles", "roles", "section", "bylines", "byline_flag",
           "body", "paras", "photos"]


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("predicted")
    ap.add_argument("gold")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args(argv)
    pred_path, gold_path = Path(args.predicted), Path(args.gold)
    if gold_path.is_dir():
        pages = sorted(p.name for p in gold_path.glob("*.json"))
        pairs = [(pred_path / name, gold_path / name) for name in pages]
    else:
        pairs = [(pred_path, gold_path)]
    results = {}
    for pp, gp in pairs:
        pred = load(pp) if pp.exists() else None
        results[gp.name] = score_page(pred, load(gp))
    overall = {m: sum(r[m] for r in results.values()) / len(results) for m in METRICS}
    overall["repeats"] = sum(r["repeats"] for r in results.values())
    overall["score"] = sum(overall[m] for m in METRICS) / len(METRICS)
    gold_n = sum(r["gold_items"] for r in results.values()) or 1
    pred_n = sum(r["pred_items"] for r in results.values()) or 1
    wrong = sum(r["wrong"] for r in results.values())
    overall["exact"] = sum(r["exact"] * r["gold_items"] for r in results.values()) / gold_n
    overall["flagged"] = sum(r["flagged"] * r["pred_items"] for r in results.values()) / pred_n
    overall["caught"] = sum(r["caught"] for r in results.values()) / wrong if wrong else 1.0
    if args.json:
        print(json.dumps({"pages": results, "overall": overall}, ensure_ascii=False, indent=2))
        return 0
    head = f"{'page':28} {'gold':>4} {'pred':>4} " + " ".join(f"{m[:7]:>7}" for m in METRICS) + " repeats"
    print(head)
    for name, r in results.items():
        print(f"{name:28} {r['gold_items']:4d} {r['pred_items']:4d} "
              + " ".join(f"{r[m]:7.3f}" for m in METRICS) + f" {r['repeats']:7d}")
    print(f"{'overall':38}" + " " + " ".join(f"{overall[m]:7.3f}" for m in METRICS)
          + f" {overall['repeats']:7d}")
    print(f"review: exact {overall['exact']:.3f}  flagged {overall['flagged']:.3f}  caught {overall['caught']:.3f}")
    print(f"score {overall['score']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
