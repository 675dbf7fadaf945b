"""Search for the site and the API: keep the index in step, filter and rank article querysets.

``search_articles`` filters a given Article queryset by the index match and
orders it: by relevance (every query word in the title first, then the
newest issue) or by date. Status is not in the index: the caller's queryset
decides what is visible (the public one holds published stories only).
"""
from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor

from django.db import connection, transaction
from django.db.models import BooleanField, Case, ExpressionWrapper, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from archive.models import Article, Byline, Photo, published_q
from archive.search.text import Query, parse_query
from archive.search.text import fingerprint as tokenizer_fingerprint
from archive.search.text.highlight import highlight as mark_hits
from archive.search.text.highlight import snippet as snippet_text

from . import facets as facet_counts
from .base import Document, Prepared, SearchBackend, article_key, prepare, prepare_all
from .postgres import PostgresBackend
from .sqlite import SQLiteBackend

BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}
ORDERS = ("relevance", "date")
DATE_ORDER = ("-page__issue__date", "page__number", "order", "-pk")


def backend() -> SearchBackend:
    """The backend for the default database's vendor."""
    try:
        return BACKENDS[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"no search backend for {connection.vendor}") from None


# --- documents --------------------------------------------------------------------------


def searchable_text(title_lines: Iterable[str], body: list | None, extra: Iterable[str]) -> tuple[str, str]:
    """(title, body) as searched: the title lines; the body blocks, then captions and credited names."""
    parts = [block.get("text", "") for block in body or [] if isinstance(block, dict)] + list(extra)
    return "\n".join(t for t in title_lines if t), "\n".join(p for p in parts if p)


def article_text(article: Article) -> tuple[str, str]:
    """(title, body) of a loaded article, as :func:`searchable_text`."""
    extra = [photo.caption for photo in article.photos.all()] + [b.person.name for b in article.bylines.all()]
    return searchable_text((article.kicker, article.headline, article.subheadline), article.body, extra)


def documents(ids: Iterable[int]) -> Iterator[Document]:
    """The searchable text of these articles, read as plain values (three queries, no model objects).

    The same text as :func:`article_text`; a bulk rebuild spends its time
    tokenizing and writing, not building Article instances.
    """
    ids = list(ids)
    extra: dict[int, list[str]] = defaultdict(list)
    for article_id, caption in Photo.objects.filter(article_id__in=ids).order_by("article_id", "order", "id").values_list("article_id", "caption"):
        extra[article_id].append(caption)
    for article_id, name in Byline.objects.filter(article_id__in=ids).order_by("article_id", "order", "id").values_list("article_id", "person__name"):
        extra[article_id].append(name)
    # Public now by the archive's one rule: a story scheduled for later is
    # indexed as hidden, and `publish_scheduled` re-indexes it when its time comes.
    public = ExpressionWrapper(published_q(), output_field=BooleanField())
    rows = Article.objects.filter(pk__in=ids).annotate(public=public).order_by()
    fields = ("pk", "public", "page__issue__date", "kicker", "headline", "subheadline", "body")
    for pk, visible, date, kicker, headline, subheadline, body in rows.values_list(*fields):
        key = article_key(pk, date, bool(visible))
        yield Document(pk, key, *searchable_text((kicker, headline, subheadline), body, extra[pk]))


def index_articles(ids: Iterable[int]) -> None:
    """(Re)index these articles; ids that no longer exist are dropped from the index."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    rows = [prepare(d) for d in documents(ids)]
    _write(backend(), ids, rows)


def _write(index: SearchBackend, ids: list[int], rows: list[Prepared]) -> None:
    found = {r.id for r in rows}
    index.remove([pk for pk in ids if pk not in found])
    index.upsert(rows)


def tokenizing_workers() -> int:
    """Processes to tokenize with during a rebuild: every core but the one writing the index."""
    return max(1, (os.cpu_count() or 2) - 1)


def index_in_batches(batches: Iterable[list[int]], *, done: Callable[[int], None] = lambda n: None,
                     workers: int = 0) -> int:
    """Index batch after batch, each in its own transaction; returns how many articles were indexed.

    With ``workers`` > 0, batches are tokenized in that many separate
    processes while this one writes. Not threads: a tokenizing thread holds
    the GIL, and the writer, which must take it back after every row's
    insert, then waits out the switch interval each time (measured: FTS5
    inserts 8× slower).
    """
    index, total, pending = backend(), 0, deque()
    with _tokenizer(workers) as pool:
        for ids in batches:
            pending.append((ids, pool.submit(prepare_all, list(documents(ids)))))
            if len(pending) > workers:
                total += _flush(index, *pending.popleft(), done)
        while pending:
            total += _flush(index, *pending.popleft(), done)
    return total


def _tokenizer(workers: int) -> Executor:
    if workers <= 0:
        return _InlineExecutor()
    # spawn, not fork: a forked child would inherit (and on exit could close) the open database connection.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


class _InlineExecutor(Executor):
    """Runs each job at once in this process: no pool to start for a small index."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # raised where a pool's would be: at result()
            future.set_exception(error)
        return future


def _flush(index: SearchBackend, ids: list[int], future: Future, done: Callable[[int], None]) -> int:
    rows = future.result()
    with transaction.atomic():
        _write(index, ids, rows)
    done(len(ids))
    return len(ids)


def remove_articles(ids: Iterable[int]) -> None:
    ids = list(ids)
    if ids:
        backend().remove(ids)


# --- hooks: every write keeps the index (and the open revision) in step ----------------
# Services call these inside their transaction, so the index never disagrees
# with the content it describes. The index holds every article whatever its
# status; public search filters by status when it queries.


def articles_changed(article_ids: Iterable[int]) -> None:
    """Re-index these articles (created, edited, published or unpublished) and add them to the open revision."""
    from archive.services import history  # services import this module

    article_ids = list(article_ids)
    index_articles(article_ids)
    history.record_articles(article_ids)


def articles_removed(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index (deleted)."""
    remove_articles(article_ids)


def forget_flushed_archive(sender=None, using: str = "default", **kwargs) -> None:
    """``post_migrate`` hook: an index left with rows when no article exists is emptied.

    ``manage.py flush`` (and the test runner between transactional tests)
    empties every model table but not the index's own tables, and emits
    ``post_migrate``. Left behind, those rows would be counted in "共 N 篇"
    and, were ids ever reused, answer for other stories. One ``exists()``
    and one indexed-id probe: cheap enough to run after every migrate.
    """
    if using != "default" or connection.vendor not in BACKENDS or Article.objects.exists():
        return
    index = backend()
    if index.indexed_ids_after(0, 1):
        index.clear()


def index_is_current() -> bool:
    """Whether the index was built with the tokenizer and dictionary in use now."""
    return backend().stored_fingerprint() == tokenizer_fingerprint()


# --- querying ---------------------------------------------------------------------------


def as_query(query: Query | str | None) -> Query:
    return query if isinstance(query, Query) else parse_query(query)


def search_articles(query: Query | str | None, *, queryset: QuerySet, order: str = "relevance") -> QuerySet:
    """``queryset`` narrowed to the stories containing every query word, ordered by ``order``.

    A query with no word to search (empty, only punctuation or only exclusions) matches nothing.
    """
    query = as_query(query)
    if not query:
        return queryset.none()
    sql, params = backend().match_sql(query, public=False)
    matched = queryset.filter(pk__in=RawSQL(sql, params))
    if order == "date":
        return matched.order_by(*DATE_ORDER)
    in_title = Case(When(_title_has_every_word(query), then=Value(1)), default=Value(0), output_field=IntegerField())
    return matched.annotate(search_in_title=in_title).order_by("-search_in_title", *DATE_ORDER)


def _title_has_every_word(query: Query) -> Q:
    """The title lines contain every query unit (checked only on matched rows, so cheap).

    A LIKE on the short title columns rather than a weight-restricted index
    query: PostgreSQL rechecks weights on every candidate's whole tsvector.
    """
    condition = Q()
    for unit in (u for term in query.terms for u in term.units):
        condition &= Q(kicker__icontains=unit.text) | Q(headline__icontains=unit.text) | Q(subheadline__icontains=unit.text)
    return condition


def facets_of(results, *, people: int = 10) -> tuple[dict[str, list[dict]], bool]:
    """Facet counts of a result set of :func:`find` or of the filters, and whether they count all of it.

    Both are bounded alike: a search counts at most FACET_SAMPLE of its
    count's sample (see ``SearchResults.facets``); a queryset (filters
    without words) its first FACET_SAMPLE stories in its order, through the
    same narrow indexes.
    """
    from .results import FACET_SAMPLE, SearchResults

    if isinstance(results, SearchResults):
        return results.facets(people=people)
    rows = list(results.prefetch_related(None).values_list("pk", "page__issue__date")[: FACET_SAMPLE + 1])
    keys = [article_key(pk, date, True) for pk, date in rows[:FACET_SAMPLE]]
    return facet_counts.of_keys(backend(), keys, people=people), len(rows) <= FACET_SAMPLE


def highlight(text: str, query: Query | str | None) -> str:
    """``text`` as HTML with the query's hits in ``<mark>`` (the caller marks it safe)."""
    return mark_hits(text or "", as_query(query).highlight_texts)


def snippet(article: Article, query: Query | str | None, width: int = 120) -> str:
    """HTML of about ``width`` characters of the article around the first hit in its body."""
    title, body = article_text(article)
    return snippet_text(body or title, as_query(query).highlight_texts, width)


def search(query: Query | str | None, *, queryset: QuerySet, order: str = "relevance",
           date_from=None, date_to=None, narrow: QuerySet | None = None):
    """Published stories matching ``query`` in ``order``, optionally within issue dates, paged in the index.

    ``queryset`` must hold every published article (it supplies the objects of
    a page, with its select/prefetch); ``narrow`` (articles filtered by
    section, person, kind …) restricts the results to its stories.
    """
    from .results import SearchResults

    return SearchResults(
        as_query(query), queryset=queryset, order=order, date_from=date_from, date_to=date_to, narrow=narrow
    )


def find(query: Query | str | None, *, queryset: QuerySet, public: bool, order: str = "relevance",
         date_from=None, date_to=None, narrow: QuerySet | None = None):
    """The one search entry point: the stories of ``queryset`` matching ``query``, within issue dates.

    Public searches in relevance or date order are paged in the index
    (a :class:`.results.SearchResults`; its keys mark published stories, so
    ``queryset`` only supplies the objects and ``narrow`` restricts them).
    Otherwise (an editor who sees drafts, or any other ``order``, e.g. an
    API ``ordering`` applied afterwards) the answer is a QuerySet: ``queryset``
    narrowed by the match, the dates and ``narrow``, in ``order`` when it is
    relevance or date, else by relevance for the caller to reorder.
    """
    if public and order in ORDERS:
        return search(query, queryset=queryset, order=order, date_from=date_from, date_to=date_to, narrow=narrow)
    dates = {"page__issue__date__gte": date_from, "page__issue__date__lte": date_to}
    queryset = queryset.filter(**{lookup: day for lookup, day in dates.items() if day is not None})
    if narrow is not None:
        queryset = queryset.filter(pk__in=narrow.order_by().values("pk"))
    return search_articles(query, queryset=queryset, order=order if order in ORDERS else "relevance")
