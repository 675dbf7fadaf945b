"""Public search results paged inside the index: what the reader site and the API list.

The index key orders stories newest-issue first and marks them published
(see :mod:`.schema`), so a page of results in relevance order is two short
index reads: stories with every term in their title lines, newest first,
then the other matches, newest first. Only that page's articles are then
loaded. A date range narrows the key range. Filters the index does not hold
(section, person, kind …) come as a ``narrow`` queryset the index query
embeds; each backend tests it while walking the matches newest first, or
(PostgreSQL, a small set) looks its stories up one by one (see
:class:`.base.Within`).

Counts are bounded the same way: exact up to :data:`EXACT_COUNT_LIMIT`
matches, above that an estimate from a fixed sample of the stories, which
the index reads through a token its stories carry (see :meth:`SearchResults.count`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterator

from django.db.models import QuerySet

from archive.search.text import Query

from archive.cache import remember

from .base import ID_MASK, SAMPLE_BUCKETS, Within, key_bounds

FACET_SAMPLE = 5000
EXACT_COUNT_LIMIT = 10_000  # counted exactly up to here (as Elasticsearch's track_total_hits)
EXACT_MARGIN = 1.1  # an estimate below 1.1 × EXACT_COUNT_LIMIT is counted exactly: room for the sample's error
SAMPLE_MATCHES = 5_000  # sampled matches an estimate rests on: relative standard error ≤ 1/√5000 = 1.4%
EXACT_COUNT_SECONDS = 3600  # an exact count is kept this long, or until the content changes


class SearchResults:
    """The published stories matching ``query``: ``count()`` and slicing, as Django's Paginator expects.

    ``queryset`` supplies the article objects of a page (its select/prefetch
    apply) and must hold every published article: it is not used to filter.
    ``narrow``, if given, is the articles to search among.
    """

    ordered = True  # the index orders the results (Paginator warns otherwise)

    def __init__(self, query: Query, *, queryset: QuerySet, order: str = "relevance",
                 date_from: dt.date | None = None, date_to: dt.date | None = None, narrow: QuerySet | None = None):
        from .service import backend

        self.query, self.queryset, self.order = query, queryset, order
        self.bounds = key_bounds(date_from, date_to)
        self.index = backend()
        self.narrow = narrow
        self._count: int | None = None
        self._estimated = False
        self._within: Within | None = None
        self._prefix: list[int] = []  # the first keys read so far (a facet sample, a page)
        self._prefix_is_all = False

    @property
    def within(self) -> Within | None:
        """The narrowing set as the index embeds it (built once: its size costs a query)."""
        if self.narrow is not None and self._within is None:
            ids = self.narrow.order_by().values("pk")
            size = ids.count()
            # An empty set may have no SQL at all (Django raises for pk__in=[]); it is never queried.
            sql, params = ids.query.sql_with_params() if size else ("", ())
            self._within = Within(sql, tuple(params), size)
        return self._within

    @property
    def searchable(self) -> bool:
        return bool(self.query) and (self.within is None or self.within.size > 0)

    def count(self) -> int:
        """How many stories match: exact up to EXACT_COUNT_LIMIT, above it an estimate.

        The estimate counts the matches X among the stories in the first b of
        64 id-hash buckets (:func:`.base.bucket`), b = 1, then the power of
        two expected to give 1.5 × SAMPLE_MATCHES, until X ≥ SAMPLE_MATCHES;
        the figure is X × 64 ÷ b. Each sample is one index token its stories
        carry (:func:`.base.sample_token`), so the index reads about the
        sample's matches, not every match. An estimate below EXACT_MARGIN ×
        EXACT_COUNT_LIMIT is replaced by the exact count (then about that
        many matches to read at most), as is any count whose sample would
        have to be every story.

        Error bound: the sample depends on the id alone, so each of the C
        matches is in it with probability p = b ÷ 64, X is binomial, and the
        estimate's relative standard error is √((1 − p) ÷ (p C)) ≈ √((1 − p) ÷ X)
        ≤ 1/√5000 = 1.41 %. ±5 % is 3.5 standard errors: about 4 estimates in
        10,000 fall outside it. (The hash spreads consecutive ids evenly, a
        stratified rather than purely random sample, which errs less.)
        """
        if self._count is None:
            self._count, self._estimated = self._counted() if self.searchable else (0, False)
        return self._count

    @property
    def count_is_estimate(self) -> bool:
        """Whether :meth:`count` is an estimate (it is counted first if need be)."""
        self.count()
        return self._estimated

    def _counted(self) -> tuple[int, bool]:
        if self._prefix_is_all:  # the facets read every match already
            return len(self._prefix), False
        estimate = self._estimate()
        if estimate is None or estimate < EXACT_COUNT_LIMIT * EXACT_MARGIN:
            return self.exact_count(), False
        return estimate, True

    def _estimate(self) -> int | None:
        """X × 64 ÷ b over the smallest sample of b buckets holding SAMPLE_MATCHES matches; None if that is all."""
        buckets = 1
        while buckets < SAMPLE_BUCKETS:
            found = self.index.sampled_count(self.query, bounds=self.bounds, within=self.within, buckets=buckets)
            if found >= SAMPLE_MATCHES:
                return round(found * SAMPLE_BUCKETS / buckets)
            wanted = buckets * 1.5 * SAMPLE_MATCHES / max(found, 1)
            buckets = min(SAMPLE_BUCKETS, 1 << math.ceil(math.log2(max(2 * buckets, wanted))))
        return None

    def exact_count(self) -> int:
        """The exact number of matches, kept in the shared cache until the content changes (see archive.cache)."""
        if self._count is not None and not self._estimated:
            return self._count
        return remember(self._cache_key(), self._count_all, EXACT_COUNT_SECONDS)

    def _count_all(self) -> int:
        return self.index.count(self.query, bounds=self.bounds, within=self.within) if self.searchable else 0

    def _cache_key(self) -> str:
        within = (self.within.sql, self.within.params) if self.within is not None else None
        what = repr((self.index.vendor, self.index.connection.settings_dict.get("NAME"), self.query, self.bounds, within))
        return "archive:search-count:" + hashlib.sha256(what.encode()).hexdigest()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, int):
            found = self[item : item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop = item.start or 0, item.stop
        if item.step not in (None, 1) or start < 0 or stop is None or stop < 0:
            raise ValueError("search results support forward slices with an end only")
        ids = [key & ID_MASK for key in self.keys(start, stop)]
        articles = {a.pk: a for a in self.queryset.filter(pk__in=ids)}
        return [articles[pk] for pk in ids if pk in articles]

    def keys(self, start: int, stop: int) -> list[int]:
        """Index keys of results ``start``..``stop`` in this order.

        Keys from the start are kept: the facets' sample read first serves
        the first page, and its length is the count when it holds every match.
        """
        if not self.searchable or stop <= start:
            return []
        if stop <= len(self._prefix) or self._prefix_is_all:
            return self._prefix[start:stop]
        found = self._read_keys(start, stop)
        if start == 0:
            self._prefix, self._prefix_is_all = found, len(found) < stop
        return found

    def _read_keys(self, start: int, stop: int) -> list[int]:
        if self.order == "date":
            return self._ranked("all", stop - start, start)
        title = self._ranked("title", stop, 0)
        if len(title) >= stop:
            return title[start:stop]
        # Fewer title hits than the page needs: they are all of them.
        rest_start = max(start - len(title), 0)
        return title[start:] + self._ranked("rest", stop - max(start, len(title)), rest_start)

    def _ranked(self, tier: str, limit: int, offset: int) -> list[int]:
        return self.index.ranked_keys(
            self.query, tier=tier, bounds=self.bounds, limit=limit, offset=offset, within=self.within
        )

    def iter_ids(self, batch: int = 1000) -> Iterator[int]:
        """Every matching article id in this order (relevance: the title tier, then the rest), ``batch`` keys a read.

        Memory stays at one batch whatever the count (see the backends' ``iter_keys``).
        """
        if not self.searchable:
            return
        for tier in ("all",) if self.order == "date" else ("title", "rest"):
            keys = self.index.iter_keys(self.query, tier=tier, bounds=self.bounds, within=self.within, batch=batch)
            yield from (key & ID_MASK for key in keys)

    def facets(self, *, people: int = 10) -> tuple[dict[str, list[dict]], bool]:
        """Facet counts (see :mod:`.facets`) of the matches, and whether they count every match.

        Beyond FACET_SAMPLE matches, facets count the first FACET_SAMPLE in
        this order (as search engines bound their aggregations), which keeps a
        query matching most of a million stories answering in milliseconds:
        at most FACET_SAMPLE + 1 keys are read, whatever the count.
        """
        from . import facets

        keys = self.keys(0, FACET_SAMPLE + 1)
        return facets.of_keys(self.index, keys[:FACET_SAMPLE], people=people), len(keys) <= FACET_SAMPLE
