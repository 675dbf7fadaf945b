"""The parser holds its quality bars on the seed pages and the development pages.

The bars live in ``parse_quality.BARS`` (bench/parse.py prints the same ones).
Each bar is its own test, so a miss names the bar and prints its figure. These
tests fail, never skip: a bar the parser misses is a bar it misses.
"""
import pytest

from parse_quality import BARS, SETS, page_pairs, score_set


@pytest.fixture(scope="module")
def overall() -> dict[str, dict]:
    """The scorer's overall figures for each set, parsed and scored once."""
    return {page_set.name: score_set(page_set)["overall"] for page_set in SETS}


@pytest.mark.parametrize("page_set", SETS, ids=lambda s: s.name)
def test_every_gold_answer_has_its_page_in_the_repository(page_set):
    pairs = page_pairs(page_set)
    assert pairs, f"no gold answers in {page_set.gold}"
    missing = [page.name for page, _ in pairs if not page.exists()]
    assert not missing, f"{page_set.name}: gold answers without a page: {missing}"


@pytest.mark.parametrize("bar", BARS, ids=str)
def test_parser_meets_quality_bar(bar, overall):
    value = overall[bar.pages][bar.figure]
    if not bar.met(value):
        # The verdict alone says which bar and by how much; a traceback adds nothing.
        pytest.fail(bar.verdict(value), pytrace=False)
