"""The five real sample pages parse to their hand-checked answers."""
import json
import unicodedata

import pytest

from archive.ingest import parse_page
from parse_quality import SEEDS, page_pairs

# The pages ship as sample data; their answers are the in-repo copy.
PAIRS = page_pairs(SEEDS)


def fold(value):
    """The scorer's folding: NFKC and single spaces."""
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFKC", value).split())


def body(item):
    return [("### " + fold(b["subhead"])) if isinstance(b, dict) else fold(b) for b in item["body"]]


@pytest.fixture(params=PAIRS, ids=lambda pair: pair[0].stem[:3])
def pair(request):
    path, gold_path = request.param
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    got = parse_page(path.read_text(encoding="utf-8"), source=path.name).to_dict()
    return got, gold


def test_seed_page_has_gold_items_in_order(pair):
    got, gold = pair
    assert got["source"] == gold["source"]
    assert [(a["kind"], fold(a["headline"])) for a in got["articles"]] == \
        [(a["kind"], fold(a["headline"])) for a in gold["articles"]]


def test_seed_page_titles_sections_and_bylines_match_gold(pair):
    got, gold = pair
    for mine, want in zip(got["articles"], gold["articles"]):
        for key in ("kicker", "headline", "subheadline", "section", "dateline"):
            assert fold(mine[key]) == fold(want[key]), (key, want["headline"])
        assert mine["bylines"] == want["bylines"], want["headline"]
        assert mine["photo_by_byline"] == want["photo_by_byline"]


def test_seed_page_bodies_and_photos_match_gold(pair):
    got, gold = pair
    for mine, want in zip(got["articles"], gold["articles"]):
        assert body(mine) == body(want), want["headline"]
        assert [(fold(p["caption"]), fold(p["credit"])) for p in mine["photos"]] == \
            [(fold(p["caption"]), fold(p["credit"])) for p in want["photos"]]


def test_seed_page_output_carries_only_schema_keys_plus_warnings(pair):
    got, gold = pair
    for mine, want in zip(got["articles"], gold["articles"]):
        assert set(mine) == set(want) | {"warnings"}
        assert all(set(w) == {"code", "message", "detail"} for w in mine["warnings"])
