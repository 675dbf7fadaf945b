"""Honest counts: exact up to a limit, a sampled estimate above it, the exact figure cached; every id in order."""
import datetime as dt
import math
import random
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from rest_framework.test import APIClient

from archive import selectors, services
from archive.models import Article, Issue, Page, Section
from archive.search.index import base, postgres, service
from archive.search.index import results as results_module
from archive.search.text import parse_query

pytestmark = pytest.mark.django_db
SAMPLE_DATA = Path(__file__).resolve().parents[2] / "archive" / "sample_data"
ESTIMATED_WORDS = ["郑州", "发展", '"郑东新区"', "建设 -郑州", '"高质量发展"', "区"]


def ranked(query, **kwargs):
    return service.search(query, queryset=selectors.articles(public=True), **kwargs)


def exact(query, queryset=None):
    return service.search_articles(query, queryset=Article.objects.published() if queryset is None else queryset).count()


@pytest.fixture
def synthetic_archive(db):
    """3,000 published stories of three sentences each, drawn from the sample pages' own text, over 300 days."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DATA.glob("*.txt")))
    sentences = [s + "。" for s in re.split(r"[。\n]", text) if len(s) > 8]
    rng = random.Random(14)
    section = Section.objects.create(name="要闻", slug="yaowen")
    issues = Issue.objects.bulk_create([Issue(date=dt.date(2020, 1, 1) + dt.timedelta(days=d)) for d in range(300)])
    pages = Page.objects.bulk_create([Page(issue=issue, number=1, section=section) for issue in issues])
    Article.objects.bulk_create([
        Article(page=page, order=order, section=section, status="published", headline=rng.choice(sentences)[:40],
                body=[{"type": "paragraph", "text": "".join(rng.sample(sentences, 3))}])
        for page in pages for order in range(1, 11)
    ], batch_size=1000)
    ids = list(Article.objects.values_list("pk", flat=True))
    service.index_articles(ids)
    if connection.vendor == "postgresql":
        # Bulk-made tables have no statistics yet: without them PostgreSQL
        # nests loops over the joins (minutes for 3,000 stories), as a real
        # archive would until autovacuum's first ANALYZE.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        from archive.search.index.postgres import PostgresBackend

        PostgresBackend._stats.clear()  # kept per database name: an earlier test's archive had the same
    return ids


def test_counts_at_most_the_limit_are_exact_and_not_labelled(sample_pages):
    for word in ("郑州", "区", '"郑东新区"', "发展 -郑州"):
        results = ranked(word)
        assert results.count() == exact(word) > 0 and results.count_is_estimate is False


def test_a_count_above_the_limit_is_exact_when_no_sample_holds_enough_matches(sample_pages, monkeypatch):
    monkeypatch.setattr(results_module, "EXACT_COUNT_LIMIT", 3)
    results = ranked("区")  # a hundred-odd matches: even every bucket holds fewer than SAMPLE_MATCHES
    assert results.count() == exact("区") > 3 and results.count_is_estimate is False


def test_each_story_carries_the_token_of_every_sample_its_bucket_is_in(synthetic_archive):
    for pk in synthetic_archive[:200]:
        tokens = base.sample_tokens(pk)
        assert tokens == [base.sample_token(b) for b in base.SAMPLE_SIZES if base.bucket(pk) < b]
    with pytest.raises(ValueError):
        base.sample_token(5)


def test_no_text_or_query_reaches_a_sample_token(synthetic_archive):
    # Letters then digits are split by the tokenizer: typing a sample token finds
    # only stories holding "zs" and "1" (none here), not the sampled stories.
    assert exact("zs1") == 0 and exact("zs32") == 0
    assert service.backend().sampled_keys(parse_query("区"), bounds=base.key_bounds(None, None), buckets=32)[0]


def test_the_sample_is_the_stories_in_the_first_buckets_of_their_id_hash(synthetic_archive):
    index, bounds = service.backend(), base.key_bounds(None, None)
    for word in ("郑州", '"郑东新区"', "建设 -郑州"):
        matches = set(service.search_articles(word, queryset=Article.objects.all()).values_list("pk", flat=True))
        for buckets in (1, 4, 64):
            expected = {pk for pk in matches if base.bucket(pk) < buckets}
            keys, weight = index.sampled_keys(parse_query(word), bounds=bounds, buckets=buckets)
            assert {key & base.ID_MASK for key in keys} == expected and len(keys) == len(expected), (word, buckets)
            assert weight == 1  # fewer candidates than a backend would subsample
    shares = [sum(1 for pk in synthetic_archive if base.bucket(pk) < b) / len(synthetic_archive) for b in (1, 8, 32)]
    assert [round(s * 64, 1) for s in shares] == pytest.approx([1, 8, 32], abs=0.5)  # an even spread over the ids


def test_estimates_are_labelled_and_within_the_docstrings_bound(synthetic_archive, monkeypatch):
    """With the limit and the sample scaled down, each estimate is within 3.5 standard errors (1/√SAMPLE_MATCHES)."""
    monkeypatch.setattr(results_module, "EXACT_COUNT_LIMIT", 200)
    monkeypatch.setattr(results_module, "SAMPLE_MATCHES", 600)
    bound = 3.5 / math.sqrt(600)
    estimated = 0
    for word in ESTIMATED_WORDS:
        results, truth = ranked(word), exact(word)
        if truth <= 200:
            assert results.count() == truth and not results.count_is_estimate
            continue
        assert abs(results.count() - truth) <= bound * truth, (word, results.count(), truth)
        estimated += results.count_is_estimate
        assert results.exact_count() == truth
    # Which words reach SAMPLE_MATCHES before the sample is everything depends on
    # the ids' hash, and ids run on from earlier tests (sequences are not reset):
    # only the most frequent words are sure to be estimated.
    assert estimated >= 1


class LadderIndex:
    """A backend whose query matches ``matches`` stories spread evenly over the buckets, with a bound on them."""

    vendor = "ladder"

    def __init__(self, matches: int, bound: float | None):
        self.matches, self.bound, self.asked = matches, bound, []

    def matches_at_most(self, query, *, within=None):
        return self.bound

    def sampled_keys(self, query, *, bounds, within=None, buckets):
        self.asked.append(buckets)
        return list(range(round(self.matches * buckets / base.SAMPLE_BUCKETS))), 1.0


@pytest.mark.parametrize("matches, bound, asked", [
    (200_000, None, [1, 4]),  # no statistics: the smallest sample, then the one its matches call for
    (200_000, 250_000, [2]),  # a bound a little above the truth: one sample, the size it needs
    (200_000, 1_000_000, [1, 4]),  # a loose bound starts small, never larger than needed
    (900, 1_000, [8, 64]),  # a rare query: a small first sample, then every match
    (200_000, 1_000, [8]),  # a stale bound far too low: still an eighth of the matches at most
])
def test_the_first_sample_is_sized_from_the_backends_bound_on_the_matches(sample_pages, matches, bound, asked):
    results = ranked("郑州")
    results.index = LadderIndex(matches, bound)
    sample = results.sample()
    assert results.index.asked == asked and sample.buckets == asked[-1]
    assert sample.matches >= results_module.SAMPLE_MATCHES or sample.complete


def test_an_estimate_narrowed_by_dates_and_a_set_stays_within_them(synthetic_archive, monkeypatch):
    monkeypatch.setattr(results_module, "EXACT_COUNT_LIMIT", 100)
    # About 950 matches: a sample of a quarter of the buckets holds some 240, of half some 475.
    monkeypatch.setattr(results_module, "SAMPLE_MATCHES", 250)
    narrow = Article.objects.published().filter(order__lte=5)
    start, end = dt.date(2020, 2, 1), dt.date(2020, 9, 30)
    results = ranked("区", narrow=narrow, date_from=start, date_to=end)
    truth = exact("区", narrow.filter(page__issue__date__range=(start, end)))
    assert results.exact_count() == truth > 100
    assert results.count_is_estimate and abs(results.count() - truth) <= 3.5 / math.sqrt(250) * truth


def test_exact_count_is_cached_until_the_content_changes(sample_pages, monkeypatch):
    first = ranked("郑州").exact_count()
    assert first == exact("郑州") > 1
    calls = []
    counting = type(service.backend()).count
    monkeypatch.setattr(type(service.backend()), "count", lambda self, *a, **k: calls.append(1) or counting(self, *a, **k))
    assert ranked("郑州").exact_count() == first and calls == []  # from the cache, no index read
    services.article_unpublish(article=ranked("郑州")[0])
    assert ranked("郑州").exact_count() == first - 1 and calls  # the change made the cached figure stale


def test_exact_count_is_cached_per_query_dates_and_narrowing(sample_pages):
    day = dt.date(2025, 1, 2)
    section = Article.objects.published().filter(section__isnull=False).values_list("section", flat=True).first()
    narrow = Article.objects.published().filter(section=section)
    assert ranked("郑州", date_from=day, date_to=day).exact_count() == exact(
        "郑州", Article.objects.published().filter(page__issue__date=day))
    assert ranked("郑州", narrow=narrow).exact_count() == exact("郑州", narrow)
    assert ranked("郑州").exact_count() == exact("郑州")
    assert ranked("区").exact_count() == exact("区") != exact("郑州")


@pytest.mark.parametrize(("word", "order"), [
    ("郑州", "relevance"), ('"郑东新区"', "relevance"), ("建设 -郑州", "relevance"), ("区", "date"), ('"郑东新区"', "date"),
])
def test_iter_ids_walks_every_match_in_the_order_of_the_pages(synthetic_archive, order, word):
    results = ranked(word, order=order)
    paged = [a.pk for start in range(0, results.count(), 100) for a in results[start : start + 100]]
    assert list(results.iter_ids(batch=37)) == paged and len(paged) == exact(word) > 37


def test_iter_ids_keeps_dates_and_narrowing(synthetic_archive):
    narrow = Article.objects.published().filter(order__in=[1, 2, 3])
    results = ranked("区", narrow=narrow, date_from=dt.date(2020, 3, 1), date_to=dt.date(2020, 6, 30))
    ids = list(results.iter_ids(batch=25))
    assert ids == [a.pk for a in results[0 : results.count()]] and len(ids) > 25
    assert set(ids) <= set(narrow.values_list("pk", flat=True))


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL streams each tier from one cursor (below)")
def test_iter_ids_reads_in_keyset_batches_without_offsets(synthetic_archive, monkeypatch):
    seen = []
    ranked_keys = type(service.backend()).ranked_keys
    monkeypatch.setattr(type(service.backend()), "ranked_keys",
                        lambda self, *a, **k: seen.append((k["limit"], k["offset"])) or ranked_keys(self, *a, **k))
    ids = list(ranked("区", order="date").iter_ids(batch=500))
    assert len(seen) == len(ids) // 500 + 1 and {s for s in seen} == {(500, 0)}


def test_the_api_says_whether_its_count_is_an_estimate(sample_pages, monkeypatch):
    api = APIClient()
    plain = api.get("/api/v1/articles/").json()
    assert plain["count_is_estimate"] is False and plain["count"] == Article.objects.published().count()
    searched = api.get("/api/v1/articles/", {"q": "区"}).json()
    assert searched["count_is_estimate"] is False and searched["count"] == exact("区")
    monkeypatch.setattr(results_module, "EXACT_COUNT_LIMIT", 2)
    monkeypatch.setattr(results_module, "SAMPLE_MATCHES", 1)
    cache.clear()
    estimated = api.get("/api/v1/articles/", {"q": "区"}).json()
    assert estimated["count_is_estimate"] is True and len(estimated["results"]) > 0


def test_the_schema_documents_count_is_estimate_on_the_article_list():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    listed = schema["paths"]["/api/v1/articles/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page = schema["components"]["schemas"][listed["$ref"].rsplit("/", 1)[-1]]
    assert page["properties"]["count_is_estimate"]["type"] == "boolean"
    assert "count_is_estimate" in page["required"] and "±5%" in page["properties"]["count_is_estimate"]["description"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's server-side cursor")
def test_iter_ids_on_postgresql_collects_each_tier_once_and_streams_it(synthetic_archive, monkeypatch):
    expected = [a.pk for a in ranked("区")[0:exact("区")]]
    backend, limits = type(service.backend()), []
    paged = backend.ranked_keys
    monkeypatch.setattr(backend, "ranked_keys", lambda self, *a, **k: limits.append(k["limit"]) or paged(self, *a, **k))
    assert list(ranked("区").iter_ids(batch=100)) == expected
    # Each tier: its first keys as a page (the WITH HOLD cursor collects and sorts
    # every match before its first row), the rest from one cursor, not a read a batch.
    assert limits == [postgres.FIRST_KEYS] * 2 and len(expected) > 3 * postgres.FIRST_KEYS
    # Behind a transaction-pooling pgbouncer (no server-side cursors) the same keys come from a plain cursor.
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)
    assert list(ranked("区").iter_ids(batch=100)) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's server-side cursor")
def test_a_failing_every_id_read_raises_its_own_error_and_leaves_the_settings(synthetic_archive, monkeypatch):
    broken = ("no_such_column @@ %s::tsquery", ["区"])
    monkeypatch.setattr(type(service.backend()), "_tier_condition", lambda self, *a, **k: broken)
    with pytest.raises(DatabaseError, match="no_such_column"), transaction.atomic():
        list(ranked("区").iter_ids())
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
