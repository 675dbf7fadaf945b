"""PostgreSQL's plans: every match of a frequent word comes from the GIN index; a page is planned from the terms' joint share."""
import datetime as dt
import random
import re
from pathlib import Path

import pytest
from django.db import connection

from archive.search.index import postgres, service
from archive.search.index.base import ID_MASK, Document, article_key, bucket, key_bounds, prepare
from archive.search.index.postgres import PostgresBackend
from archive.search.text import parse_query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "archive" / "sample_data"
STORIES = 3000
EVERYWHERE = key_bounds(None, None)


def sample_sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DIR.glob("*.txt")))
    return [s for s in re.split(r"[。\n]", text) if len(s) > 8]


@pytest.fixture
def index():
    """3,000 stories of the sample pages' sentences, analyzed: 的 is in nearly every one."""
    sentences, rng = sample_sentences(), random.Random(7)
    rows = []
    for pk in range(1, STORIES + 1):
        date = dt.date(1990, 1, 1) + dt.timedelta(days=pk)
        title, body = rng.choice(sentences)[:20], "。".join(rng.sample(sentences, 6))
        rows.append(prepare(Document(pk, article_key(pk, date, True), title, body)))
    backend = service.backend()
    backend.upsert(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_search_document")
    PostgresBackend._stats.clear()
    yield backend
    PostgresBackend._stats.clear()


def plans_while(call) -> list[str]:
    """The plan of every read of the index table that ``call`` runs, explained with its own parameters and settings."""
    plans = []

    def explain(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("SELECT", "WITH")) and "FROM archive_search_document" in sql:
            context["cursor"].execute("EXPLAIN " + sql, params)
            plans.append("\n".join(row[0] for row in context["cursor"].fetchall()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        call()
    return plans


def test_counting_a_word_in_nearly_every_story_reads_the_gin_index(index):
    query = parse_query("的")
    assert index.estimated_share(query, "document") > 0.9
    (plan,) = plans_while(lambda: index.count(query, bounds=EVERYWHERE))
    assert "Bitmap Index Scan on archive_search_document_public" in plan
    assert "archive_search_document_newest" not in plan


def test_every_id_of_a_word_in_nearly_every_story_comes_from_the_gin_index(index):
    query = parse_query("的")
    plans = plans_while(lambda: index.matching_ids(query, bounds=EVERYWHERE))
    assert len(plans) == 1 and "Bitmap Index Scan on archive_search_document_public" in plans[0]
    assert len(index.matching_ids(query, bounds=EVERYWHERE)) == index.count(query, bounds=EVERYWHERE) > 0.9 * STORIES


def test_a_page_of_a_word_in_nearly_every_story_walks_the_newest_first_index(index):
    query = parse_query("的")
    (plan,) = plans_while(lambda: index.ranked_keys(query, tier="all", bounds=EVERYWHERE, limit=20))
    assert "Index Scan using archive_search_document_newest" in plan
    keys = index.ranked_keys(query, tier="all", bounds=EVERYWHERE, limit=20)
    assert len(keys) == 20 and keys == sorted(keys, reverse=True)


def test_words_searched_together_are_expected_as_often_as_their_shares_multiplied(index):
    first, second = "郑州", "发展"
    alone = [index.estimated_share(parse_query(w), "document") for w in (first, second)]
    together = index.estimated_share(parse_query(f"{first} {second}"), "document")
    assert 0 < alone[0] < 1 and 0 < alone[1] < 1
    assert together == pytest.approx(alone[0] * alone[1])


def test_a_phrase_is_expected_no_more_often_than_its_rarest_bigram(index):
    bigrams = [index.estimated_share(parse_query(b), "document") for b in ("郑东", "东新", "新区")]
    assert index.estimated_share(parse_query('"郑东新区"'), "document") == min(bigrams) > 0


def test_a_sample_intersects_the_sample_token_in_the_gin_index(index):
    query = parse_query("的")
    (plan,) = plans_while(lambda: index.sampled_keys(query, bounds=EVERYWHERE, buckets=4))
    assert "Bitmap Index Scan on archive_search_document_public" in plan and "'zs4'" in plan


def test_a_sampled_phrase_rechecks_only_an_even_subsample_of_its_candidates(index, monkeypatch):
    """GIN alone gives the candidates (the phrase's lexemes ANDed, with the sample's token); a few are rechecked by id."""
    monkeypatch.setattr(postgres, "RATIO_CHECKED", 10)
    query = parse_query('"郑东新区"')
    candidates, recheck = plans_while(lambda: index.sampled_keys(query, bounds=EVERYWHERE, buckets=4))
    assert "Bitmap Index Scan on archive_search_document_public" in candidates and "'zs4'" in candidates
    assert "<->" not in candidates and "<->" in recheck and "archive_search_document_pkey" in recheck
    keys, weight = index.sampled_keys(query, bounds=EVERYWHERE, buckets=4)
    every, _ = index.sampled_keys(query, bounds=EVERYWHERE, buckets=64)
    sampled = {key for key in every if bucket(key & ID_MASK) < 4}
    assert len(keys) == 10 and set(keys) <= sampled and weight == pytest.approx(len(sampled) / 10, rel=0.2)
    assert len(every) == index.count(query, bounds=EVERYWHERE) > 0


def test_a_phrase_share_of_candidates_far_from_all_is_rechecked_further(index, monkeypatch):
    # The fewer of the checked candidates match, the wider the share's error: more are
    # rechecked, every one when none of the first matched.
    monkeypatch.setattr(postgres, "RATIO_CHECKED", 10)
    checked = []
    recheck = postgres.PostgresBackend._recheck
    monkeypatch.setattr(postgres.PostgresBackend, "_recheck", lambda self, keys, q: checked.append(len(keys)) or recheck(self, keys, q))
    matches = index._confirmed(list(range(1, 1001)), "'饕餮' <-> '餮饕'")
    assert matches == ([], 1.0) and checked == [10, 1000]  # none of 10 matched: every candidate checked


def test_a_facet_sample_of_a_plain_word_is_collected_from_the_gin_index(index):
    # Walking newest first de-TOASTs each row's tsvector; collecting a plain word's
    # matches reads only their keys, so thousands of keys are collected.
    query = parse_query("的")
    (plan,) = plans_while(lambda: index.ranked_keys(query, tier="all", bounds=EVERYWHERE, limit=1000))
    assert "Bitmap Index Scan on archive_search_document_public" in plan and "newest" not in plan
    walked = index.ranked_keys(query, tier="all", bounds=EVERYWHERE, limit=20)
    assert index.ranked_keys(query, tier="all", bounds=EVERYWHERE, limit=1000)[:20] == walked
