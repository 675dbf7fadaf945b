"""Public results paged inside the index (site and API): same stories, same order as the SQL path."""
import datetime as dt
from collections import Counter

import pytest

from django.db.models import Exists, OuterRef

from archive import selectors, services
from archive.models import Article, Byline
from archive.search.index import base
from archive.search.index import results as results_module
from archive.search.index import service

pytestmark = pytest.mark.django_db


def ranked(query, **kwargs):
    return service.search(query, queryset=selectors.articles(public=True), **kwargs)


def tiers_and_dates(articles, word):
    return [(word in a.title, a.page.issue.date) for a in articles]


@pytest.mark.parametrize("word", ["郑州", "新区", "区", "新年", "建设"])
def test_relevance_pages_hold_title_hits_first_then_newest_first(sample_pages, word):
    results = ranked(word)
    expected = list(service.search_articles(word, queryset=selectors.articles(public=True)))
    assert results.count() == len(expected) > 0
    walked = [a for start in range(0, results.count(), 3) for a in results[start : start + 3]]
    assert {a.pk for a in walked} == {a.pk for a in expected}
    order = tiers_and_dates(walked, word)
    assert order == sorted(order, key=lambda t: (not t[0], -t[1].toordinal()))


@pytest.mark.parametrize("words, excluded", [(["郑州", "发展"], []), (["建设"], ["郑州"]), (["郑东", "新区"], ["项目"])])
def test_several_words_and_exclusions_rank_stories_with_every_word_in_the_title_first(sample_pages, words, excluded):
    query = " ".join(words + ["-" + w for w in excluded])
    results = ranked(query)
    expected = list(service.search_articles(query, queryset=selectors.articles(public=True)))
    walked = results[0 : results.count()]
    assert {a.pk for a in walked} == {a.pk for a in expected} and len(walked) == len(expected) > 0
    assert not any(w in a.title for a in walked for w in excluded)
    order = [(all(w in a.title for w in words), a.page.issue.date) for a in walked]
    assert order == sorted(order, key=lambda t: (not t[0], -t[1].toordinal()))


def test_the_title_tier_reads_each_of_the_querys_doclists_once_on_sqlite():
    # Every term in the title lines implies the whole query: ANDing the query again
    # made FTS5 walk each doclist twice (82 ms against 56 ms at a million stories).
    from archive.search.index.sqlite import tier_expression
    from archive.search.text import parse_query

    title = tier_expression(parse_query("城市 文化 活动 -郑州"), "title")
    assert [title.count(w) for w in ("城市", "文化", "活动", "郑州")] == [1, 1, 1, 1]
    assert title.index("{title title_chars}") < title.index("NOT")


def test_date_order_pages_are_newest_first(sample_pages):
    results = ranked("郑州", order="date")
    dates = [a.page.issue.date for a in results[0 : results.count()]]
    assert len(dates) == results.count() > 3 and dates == sorted(dates, reverse=True)


def test_a_date_range_is_a_key_range(sample_pages):
    day = dt.date(2025, 1, 2)
    results = ranked("郑州", date_from=day, date_to=day)
    expected = service.search_articles("郑州", queryset=Article.objects.published().filter(page__issue__date=day))
    assert {a.pk for a in results[0:50]} == set(expected.values_list("pk", flat=True)) != set()
    assert results.count() == expected.count()


def test_unpublished_stories_never_appear_and_come_back_when_published(sample_pages):
    article = Article.objects.filter(headline__contains="防汛").first()
    before = ranked("防汛").count()
    services.article_unpublish(article=article)
    assert article.pk not in {a.pk for a in ranked("防汛")[0:50]} and ranked("防汛").count() == before - 1
    services.article_publish(article=article)
    assert article.pk in {a.pk for a in ranked("防汛")[0:50]}


def test_moving_a_story_to_another_issue_moves_its_key(sample_pages):
    article = Article.objects.filter(headline__contains="防汛").first()
    other = Article.objects.exclude(page__issue=article.page.issue).first().page
    Article.objects.filter(pk=article.pk).update(page=other, order=99)
    service.index_articles([article.pk])
    day = other.issue.date
    assert article.pk in {a.pk for a in ranked("防汛", date_from=day, date_to=day)[0:50]}


def test_an_empty_or_punctuation_query_has_no_results(sample_pages):
    for raw in ("", "，。！", "-郑州"):
        results = ranked(raw)
        assert results.count() == 0 and results[0:20] == []


def test_slices_must_run_forward_with_an_end(sample_pages):
    results = ranked("郑州")
    assert results[0].pk == results[0:1][0].pk
    with pytest.raises(ValueError):
        results[::2]
    with pytest.raises(IndexError):
        results[10_000]


def test_facets_count_every_match_or_estimate_it_from_the_counts_sample(sample_pages, monkeypatch):
    results = ranked("郑州")
    counts, complete = results.facets()
    assert complete and sum(row["count"] for row in counts["kind"]) == results.count()
    monkeypatch.setattr(results_module, "SAMPLE_MATCHES", 2)
    results = ranked("的")
    counts, complete = results.facets()
    sample = results.sample()
    assert not complete and sample.buckets < base.SAMPLE_BUCKETS and len(sample.keys) >= 2
    # Each sampled story stands for 64 ÷ b: the figures are the sample's, scaled.
    sampled = facets_from_rows(Article.objects.filter(pk__in=[key & base.ID_MASK for key in sample.keys]))
    assert counts["year"] == [{**row, "count": round(row["count"] * sample.scale)} for row in sampled["year"]]
    assert sum(row["count"] for row in counts["kind"]) == round(len(sample.keys) * sample.scale)


def test_facets_of_more_matches_than_they_look_up_count_an_even_subsample_scaled_to_all(sample_pages, monkeypatch):
    monkeypatch.setattr(results_module, "FACET_SAMPLE", 3)
    results = ranked("郑州")
    counts, complete = results.facets()
    assert results.sample().complete and results.count() > 3 and not complete
    # Three stories, each standing for count ÷ 3: the figures add up to about the count.
    kinds = [row["count"] for row in counts["kind"]]
    assert 1 <= len(kinds) <= 3 and abs(sum(kinds) - results.count()) <= len(kinds)
    assert {row["year"] for row in counts["year"]} <= {a.page.issue.date.year for a in results[0 : results.count()]}


@pytest.mark.parametrize("word", ["郑州", "区", "摄"])
def test_facets_from_index_keys_equal_the_facets_counted_from_the_rows(sample_pages, word):
    # Years come from the keys and sections, kinds and credits through the
    # covering indexes: the same figures, names and order as counting the rows.
    counts, complete = ranked(word).facets()
    matched = service.search_articles(word, queryset=selectors.articles(public=True))
    assert complete and counts == facets_from_rows(matched)
    assert counts["section"] and counts["person"] and counts["year"]
    assert service.facets_of(matched) == (counts, True)  # a queryset's facets: the same path


def facets_from_rows(articles, people=10):
    """The facets counted in Python from the articles themselves: the oracle for the index-key path."""
    stories = list(articles.order_by().select_related("section", "page__issue").prefetch_related("bylines__person"))
    sections = Counter((a.section.slug, a.section.name) for a in stories if a.section)
    credited = Counter((p.slug, p.name) for a in stories for p in {b.person for b in a.bylines.all()})
    def by_count_then_name(item):
        return -item[1], item[0][1]

    return {
        "section": [{"section__slug": slug, "section__name": name, "count": n}
                    for (slug, name), n in sorted(sections.items(), key=by_count_then_name)],
        "year": [{"year": y, "count": n} for y, n in sorted(Counter(a.page.issue.date.year for a in stories).items(), reverse=True)],
        "person": [{"person__slug": slug, "person__name": name, "count": n}
                   for (slug, name), n in sorted(credited.items(), key=by_count_then_name)][:people],
        "kind": [{"kind": k, "count": n} for k, n in sorted(Counter(a.kind for a in stories).items(), key=lambda kv: (-kv[1], kv[0]))],
    }


# --- narrowed by section, person or kind ------------------------------------------------------


def narrowings(word):
    """Article sets a reader narrows to after searching ``word``: its first hit's section, a credited person, a kind."""
    public = Article.objects.published()
    hits = list(service.search_articles(word, queryset=public))
    person = Byline.objects.filter(article__in=[a.pk for a in hits]).values_list("person_id", flat=True).first()
    return {
        "section": public.filter(section_id=next(a.section_id for a in hits if a.section_id)),
        "person": public.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), person_id=person))),
        "kind": public.filter(kind=hits[-1].kind),
        "nothing": public.filter(pk__in=[]),
    }


@pytest.mark.parametrize("plan", ["probe", "walk"])
@pytest.mark.parametrize("word", ["郑州", "区", "新区", "建设"])
def test_narrowed_results_are_the_sql_paths_stories_in_relevance_order(sample_pages, monkeypatch, plan, word):
    monkeypatch.setattr(base, "PROBE_LIMIT", 10_000 if plan == "probe" else 0)
    for name, narrow in narrowings(word).items():
        results = ranked(word, narrow=narrow)
        expected = list(service.search_articles(word, queryset=narrow))
        assert results.count() == len(expected), name
        assert results.within.probe == (plan == "probe" or results.within.size == 0)
        walked = [a for start in range(0, len(expected) + 3, 3) for a in results[start : start + 3]]
        assert [a.pk for a in walked] == [a.pk for a in sorted(expected, key=lambda a: (
            word not in a.title, -a.page.issue.date.toordinal(), -a.pk))], name


@pytest.mark.parametrize("plan", ["probe", "walk"])
def test_narrowed_date_order_and_date_range(sample_pages, monkeypatch, plan):
    monkeypatch.setattr(base, "PROBE_LIMIT", 10_000 if plan == "probe" else 0)
    narrow = narrowings("郑州")["kind"]
    dates = [a.page.issue.date for a in ranked("郑州", narrow=narrow, order="date")[0:50]]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)
    day = dates[0]
    within_day = ranked("郑州", narrow=narrow, date_from=day, date_to=day)
    assert {a.page.issue.date for a in within_day[0:50]} == {day}
    assert within_day.count() == narrow.filter(page__issue__date=day).filter(
        pk__in=service.search_articles("郑州", queryset=narrow)).count()


def test_a_narrowed_search_never_lists_drafts(sample_pages):
    article = Article.objects.filter(headline__contains="防汛").first()
    narrow = Article.objects.published().filter(section_id=article.section_id)
    services.article_unpublish(article=article)
    # even given a narrowing set that includes it, the index keeps drafts out of public results
    everything = Article.objects.filter(section_id=article.section_id)
    assert article.pk not in {a.pk for a in ranked("防汛", narrow=everything)[0:50]}
    assert article.pk not in {a.pk for a in ranked("防汛", narrow=narrow)[0:50]}
