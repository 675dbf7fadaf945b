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

Counts and facets are bounded the same way: both rest on the matches in a
fixed sample of the stories, which the index reads through a token its
stories carry (see :meth:`SearchResults.sample`). Counts are exact up to
:data:`EXACT_COUNT_LIMIT` matches, above that an estimate from the sample.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from archive.search.text import Query

from archive.cache import remember

from .base import ID_MASK, SAMPLE_BUCKETS, Within, even_subsample, key_bounds

FACET_SAMPLE = 2000  # facets count at most this many stories (an even subsample of a search's sample)
EXACT_COUNT_LIMIT = 10_000  # counted exactly up to here (as Elasticsearch's track_total_hits)
EXACT_MARGIN = 1.1  # an estimate below 1.1 × EXACT_COUNT_LIMIT is counted exactly: room for the sample's error
SAMPLE_MATCHES = 5_000  # sampled matches an estimate rests on: relative standard error ≤ 1/√5000 = 1.4%
EXACT_COUNT_SECONDS = 3600  # an exact count is kept this long, or until the content changes
# The first sample a bound from statistics may ask for, at most: statistics
# can be stale (a bulk load before the next ANALYZE), and a bound far too low
# must not make the first read every match of a frequent word.
FIRST_SAMPLE_MAX = 8


@dataclass(frozen=True)
class Sample:
    """The keys of the matches among the stories in the first ``buckets`` of SAMPLE_BUCKETS (all: every match)."""

    keys: list[int]
    buckets: int
    weight: float = 1.0  # the sample's matches each key stands for (see the backends' sampled_keys)

    @property
    def complete(self) -> bool:
        return self.buckets >= SAMPLE_BUCKETS

    @property
    def matches(self) -> float:
        """The sample's matches: the keys, or what an even subsample of its candidates stands for."""
        return len(self.keys) * self.weight

    @property
    def scale(self) -> float:
        """How many matches one key stands for."""
        return SAMPLE_BUCKETS / self.buckets * self.weight


def _buckets_for(per_bucket: float, *, at_least: int) -> int:
    """The power of two of buckets expected to hold 1.5 × SAMPLE_MATCHES at ``per_bucket`` matches a bucket.

    At least ``at_least``, at most every bucket.
    """
    wanted = 1.5 * SAMPLE_MATCHES / max(per_bucket, 1e-9)
    return min(SAMPLE_BUCKETS, 1 << math.ceil(math.log2(max(at_least, wanted))))


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
        self._sample: Sample | None = None

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

        The estimate is X × 64 ÷ b, X the matches in the sample of b buckets
        :meth:`sample` settled on (X ≥ SAMPLE_MATCHES). An estimate below
        EXACT_MARGIN × EXACT_COUNT_LIMIT is replaced by the exact count (then
        about that many matches to read at most); a sample of every bucket
        is every match, so its size is the count.

        Error bound: the sample depends on the id alone, so each of the C
        matches is in it with probability p = b ÷ 64, X is binomial, and the
        estimate's relative standard error is √((1 − p) ÷ (p C)) ≈ √((1 − p) ÷ X)
        ≤ 1/√5000 = 1.41 %. ±5 % is 3.5 standard errors: about 4 estimates in
        10,000 fall outside it. (The hash spreads consecutive ids evenly, a
        stratified rather than purely random sample, which errs less.) Where
        the backend rechecked only a subsample of a phrase's candidates, the
        share it found adds its own error, held to 0.7 % (PostgreSQL's
        RATIO_ERROR): together at most √(1.41² + 0.7²) = 1.6 %, and ±5 % is
        3.2 standard errors.
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
        sample = self.sample()
        if sample.complete:
            return len(sample.keys), False
        estimate = round(len(sample.keys) * sample.scale)
        if estimate < EXACT_COUNT_LIMIT * EXACT_MARGIN:
            return self.exact_count(), False
        return estimate, True

    def sample(self) -> Sample:
        """The matches in the smallest sample of b buckets holding SAMPLE_MATCHES of them, or every match.

        b starts at 1, or where the backend's statistics bound the matches
        (:meth:`.base.SearchBackend.matches_at_most`) at the power of two
        that bound puts at 1.5 × SAMPLE_MATCHES, FIRST_SAMPLE_MAX at most: an
        upper bound, so the first sample is not larger than it needs to be,
        and a frequent word is read once rather than twice. Then the power of
        two expected to give 1.5 × SAMPLE_MATCHES, until the sample holds
        SAMPLE_MATCHES or is every bucket. Each sample is one index token its
        stories carry (:func:`.base.sample_token`), so the index reads about
        the sample's matches, not every match: the
        count's estimate and the facets rest on the same few thousand keys.
        """
        if self._sample is None:
            self._sample = self._sampled() if self.searchable else Sample([], SAMPLE_BUCKETS)
        return self._sample

    def _sampled(self) -> Sample:
        most = self.index.matches_at_most(self.query, within=self.within)
        buckets = 1 if most is None else min(_buckets_for(most / SAMPLE_BUCKETS, at_least=1), FIRST_SAMPLE_MAX)
        while True:
            keys, weight = self.index.sampled_keys(self.query, bounds=self.bounds, within=self.within, buckets=buckets)
            sample = Sample(keys, buckets, weight)
            if sample.matches >= SAMPLE_MATCHES or sample.complete:
                return sample
            buckets = _buckets_for(max(sample.matches, 1) / buckets, at_least=2 * buckets)

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

        In date order, a sample of every match read already (for the count
        or the facets) is the answer, sorted.
        """
        if not self.searchable or stop <= start:
            return []
        if self.order == "date" and self._sample is not None and self._sample.complete:
            return sorted(self._sample.keys, reverse=True)[start:stop]
        return self._read_keys(start, stop)

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

        They count the count's sample (see :meth:`sample`), or an even
        FACET_SAMPLE of it, each key standing for the matches it represents:
        at most FACET_SAMPLE stories looked up whatever the count, so a query
        matching most of a million stories still answers in milliseconds,
        and the figures estimate the whole result set (not its first few
        thousand). A section of a tenth of the matches is then counted to
        about ±7 %.
        """
        from . import facets

        sample = self.sample()
        keys = even_subsample(sample.keys, FACET_SAMPLE)
        scale = sample.scale * len(sample.keys) / max(len(keys), 1)
        every = sample.complete and len(keys) == len(sample.keys)
        return facets.of_keys(self.index, keys, people=people, scale=scale), every
