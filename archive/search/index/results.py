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
"""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from archive.search.text import Query

from .base import ID_MASK, Within, key_bounds

FACET_SAMPLE = 5000


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
        self._within: Within | None = None

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
        if self._count is None:
            found = self.searchable and self.index.count(self.query, bounds=self.bounds, within=self.within)
            self._count = int(found)
        return self._count

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
        """Index keys of results ``start``..``stop`` in this order."""
        if not self.searchable or stop <= start:
            return []
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

    def facet_queryset(self) -> tuple[QuerySet, bool]:
        """Articles to count facets over, and whether that is every match.

        Beyond FACET_SAMPLE matches, facets count the first FACET_SAMPLE in
        this order (as search engines bound their aggregations), which keeps a
        query matching most of a million stories answering in milliseconds.
        """
        total = self.count()
        ids = [key & ID_MASK for key in self.keys(0, min(total, FACET_SAMPLE))]
        # The keys are published stories already; a status condition here makes
        # SQLite scan the status index (0.3 s at a million) instead of the ids.
        # The ids go as one parameter: binding 5,000 placeholders four times
        # doubled the facets' time.
        chosen = RawSQL(*self.index.id_list_sql(ids))
        return self.queryset.model._default_manager.filter(pk__in=chosen), total <= FACET_SAMPLE
