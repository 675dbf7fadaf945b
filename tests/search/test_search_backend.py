"""Search on whichever database the suite runs on (SQLite FTS5 or PostgreSQL tsvector)."""
import random

import pytest
from django.core.management import call_command
from django.db import connection

from archive import services
from archive.models import Article
from archive.search.index import service
from archive.search.text import cut, fingerprint
from search_helpers import texts_by_id, truth
from test_search_tokens import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db


def found(query, queryset=None, **kwargs):
    queryset = Article.objects.all() if queryset is None else queryset
    return set(service.search_articles(query, queryset=queryset, **kwargs).values_list("pk", flat=True))


def sample_queries(texts, count=400, seed=6):
    """Single words, word pairs and one-character queries drawn from the sample pages' own words."""
    words = sorted({w for text in texts.values() for w in cut(text) if len(w) >= 2 and w.strip() and w.isalnum()})
    rng = random.Random(seed)
    singles = [[w] for w in rng.sample(words, min(count, len(words)))]
    pairs = [rng.sample(words, 2) for _ in range(count // 2)]
    chars = [[c] for c in rng.sample(sorted({c for w in words for c in w}), 40)]
    return singles + pairs + chars


def test_recall_and_precision_against_a_contains_every_word_scan(sample_pages, capsys):
    texts = texts_by_id()
    true_positive = false_negative = false_positive = 0
    for words in sample_queries(texts):
        expected, got = truth(texts, words), found(" ".join(words))
        true_positive += len(expected & got)
        false_negative += len(expected - got)
        false_positive += len(got - expected)
    recall = true_positive / (true_positive + false_negative)
    precision = true_positive / (true_positive + false_positive)
    with capsys.disabled():
        print(f"\n[{connection.vendor}] recall {recall:.4f} precision {precision:.4f} ({true_positive} hits)")
    assert recall >= 0.99 and precision >= 0.99


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text-search parser")
def test_postgres_simple_parser_keeps_every_prepared_token_whole():
    from archive.search.text.tokens import index_fields

    for field in index_fields("郑东新区2035年，ABC大道ー〇〇가나の々𠀀丼 x1 ⅻ ＧＤＰ"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT unnest(tsvector_to_array(to_tsvector('simple', %s)))", [field])
            assert {row[0] for row in cursor.fetchall()} == set(field.split())


def test_a_fragment_of_a_name_jieba_splits_is_found(sample_pages):
    texts = texts_by_id()
    assert found("新区") == truth(texts, ["新区"]) and len(found("新区")) > 3


def test_one_character_query_finds_every_story_containing_it(sample_pages):
    texts = texts_by_id()
    for char in ("区", "塔", "湖"):
        assert found(char) == truth(texts, [char])


def test_excluded_words_remove_stories(sample_pages):
    texts = texts_by_id()
    assert found("郑州 -新区") == truth(texts, ["郑州"]) - truth(texts, ["新区"])


def test_digits_are_found_inside_longer_numbers(sample_pages):
    texts = texts_by_id()
    for digits in ("35", "70", "2", "202"):
        assert found(digits) == truth(texts, [digits]) != set()


def test_a_quoted_phrase_must_appear_as_written(sample_pages):
    texts = texts_by_id()
    assert found('"防汛会商"') == truth(texts, ["防汛会商"]) != set()


def test_title_hits_rank_above_body_hits_then_newest_first(sample_pages):
    ranked = list(service.search_articles("郑东新区", queryset=Article.objects.select_related("page__issue")))
    in_title = ["郑东新区" in a.title for a in ranked]
    assert in_title == sorted(in_title, reverse=True) and in_title[0] and not in_title[-1]
    title_dates = [a.page.issue.date for a in ranked if "郑东新区" in a.title]
    assert title_dates == sorted(title_dates, reverse=True)


def test_date_order_is_newest_first(sample_pages):
    dates = [a.page.issue.date for a in service.search_articles("郑州", queryset=Article.objects.all(), order="date")]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1


@pytest.mark.parametrize("raw", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(sample_pages, raw):
    results = list(service.search_articles(raw, queryset=Article.objects.all())[:20])
    assert all(isinstance(a, Article) for a in results)


def test_operator_words_are_text_not_syntax(sample_pages):
    assert found("郑州 OR 上街") == set()  # no story contains the word "or"
    assert found("NEAR(郑州 新区)") == found("near 郑州 新区")


def test_index_follows_publish_unpublish_edit_and_delete(sample_pages):
    article = Article.objects.filter(headline__contains="防汛").first()
    public = Article.objects.published()
    assert article.pk in found("防汛", public)
    services.article_unpublish(article=article)
    assert article.pk not in found("防汛", public) and article.pk in found("防汛")
    services.article_publish(article=article)
    services.article_update(article=article, fields={"headline": "龙子湖智慧岛举行迎春灯会"})
    assert article.pk in found("灯会", public)
    services.article_delete(article=article)
    assert found("灯会") == set()
    sql, params = service.backend().match_sql(service.as_query("灯会"), public=False)
    with connection.cursor() as cursor:  # the index row itself is gone, not merely hidden
        cursor.execute(sql, params)
        assert cursor.fetchall() == []


def test_reimporting_a_page_reindexes_its_articles(sample_pages, sample_manifest, sample_dir):
    before = found("郑州")
    import datetime as dt

    entry = sample_manifest["pages"][0]
    services.page_import(
        date=dt.date.fromisoformat(entry["date"]), page_number=entry["page"], page_name=entry["name"],
        section_name=entry.get("section"), text=(sample_dir / entry["file"]).read_text(encoding="utf-8"), force=True,
    )
    assert len(found("郑州")) == len(before)
    assert found("郑州") <= set(Article.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("workers", [None, 0, 2], ids=["default-processes", "in-process", "two-processes"])
def test_rebuild_command_rebuilds_and_resumes(sample_pages, workers):
    index = service.backend()
    expected = found("郑州")
    index.clear()
    assert found("郑州") == set()
    call_command("rebuild_search_index", batch_size=4, workers=workers, verbosity=0)
    assert found("郑州") == expected and service.index_is_current()
    first, last = min(expected), max(Article.objects.values_list("pk", flat=True))
    index.remove([first, last])
    call_command("rebuild_search_index", resume=True, verbosity=0)
    # resume continues after the last indexed id: the last comes back, an earlier gap stays
    assert found("郑州") == expected - {first}
    assert index.indexed_ids_after(last - 1, 1) == [last]


def test_a_changed_tokenizer_fingerprint_makes_the_index_stale(sample_pages):
    service.backend().store_fingerprint("bigram-0:old")
    assert not service.index_is_current()
    call_command("rebuild_search_index", if_stale=True, verbosity=0)
    assert service.backend().stored_fingerprint() == fingerprint()


def test_facets_count_sections_years_people_and_kinds(sample_pages):
    matched = service.search_articles("郑州", queryset=Article.objects.published())
    counts, complete = service.facets_of(matched)
    total = matched.count()
    assert complete
    assert sum(f["count"] for f in counts["year"]) == total
    assert sum(f["count"] for f in counts["kind"]) == total
    assert counts["person"] and all(f["count"] >= 1 for f in counts["person"])


def test_snippet_marks_the_hit_in_the_article(sample_pages):
    article = service.search_articles("防汛", queryset=Article.objects.all()).first()
    assert "<mark>防汛</mark>" in service.snippet(article, "防汛")
