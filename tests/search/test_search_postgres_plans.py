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


def test_a_page_of_a_character_in_a_tenth_of_the_titles_walks_them_newest_first(index):
    # A title tsvector is short and inline: walking a few hundred titles costs less
    # than collecting every title match, where a walk of documents would not.
    frequencies, _ = index._frequencies("title")
    word = next(w for w, f in sorted(frequencies.items()) if 0.1 < f < 0.3 and "\u4e00" <= w <= "\u9fff")
    query = parse_query(word)
    (plan,) = plans_while(lambda: index.ranked_keys(query, tier="title", bounds=EVERYWHERE, limit=20))
    assert "Index Scan using archive_search_document_newest" in plan and "Bitmap" not in plan
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM archive_search_document WHERE key > 0 AND title @@ %s::tsquery "
                       "ORDER BY key DESC LIMIT 20", [postgres.title_tsquery_literal(query)])
        assert index.ranked_keys(query, tier="title", bounds=EVERYWHERE, limit=20) == [row[0] for row in cursor]


def test_a_page_of_title_matches_with_an_exclusion_tests_each_title_before_its_document(index):
    # Title first: a walk de-TOASTs the document of title matches only (郑州 -新区 at a
    # million stories: 130 ms collected through the document index, 3 ms walked).
    query = parse_query("的 -郑州")
    (plan,) = plans_while(lambda: index.ranked_keys(query, tier="title", bounds=EVERYWHERE, limit=20))
    condition = next(line for line in plan.splitlines() if "Filter:" in line)
    assert "archive_search_document_newest" in plan and condition.index("title") < condition.index("document")
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM archive_search_document WHERE key > 0 AND title @@ '的' "
                       "AND NOT document @@ '郑州' ORDER BY key DESC LIMIT 20")
        expected = [row[0] for row in cursor]
    assert index.ranked_keys(query, tier="title", bounds=EVERYWHERE, limit=20) == expected and len(expected) == 20


def test_no_search_statement_is_jit_compiled_or_run_by_parallel_workers(index):
    # A walk the planner cannot cost looks like a scan of every row: at a million
    # stories JIT and parallel workers took 39 ms before a walk of 1 ms.
    eager = ("jit_above_cost", "parallel_setup_cost", "parallel_tuple_cost",
             "min_parallel_table_scan_size", "min_parallel_index_scan_size")
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET {name} = 0" for name in eager))
        cursor.execute("SELECT pg_jit_available()")
        jit = cursor.fetchone()[0]
        cursor.execute("EXPLAIN SELECT key FROM archive_search_document WHERE key > 0 "
                       "AND coalesce(title, '') @@ '的'::tsquery ORDER BY -key LIMIT 20")
        unguarded = "\n".join(row[0] for row in cursor)
    try:
        assert "Gather" in unguarded and ("JIT:" in unguarded or not jit)  # what the settings invite
        query = parse_query("的 -郑州")
        plans = plans_while(lambda: [
            *(index.ranked_keys(query, tier=tier, bounds=EVERYWHERE, limit=20) for tier in ("title", "rest")),
            index.sampled_keys(query, bounds=EVERYWHERE, buckets=4), index.count(query, bounds=EVERYWHERE),
        ])
        assert len(plans) == 4 and not any("Gather" in plan or "JIT:" in plan for plan in plans)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"RESET {name}" for name in eager))
