"""Facet counts of a result set: stories by year, section, person (the most credited) and kind.

The stories come as index keys (:func:`of_keys`; a queryset's are made from
its ids and issue dates, see ``service.facets_of``): the issue date is in
the key, so years cost no query, and sections, kinds and credits are read
for those ids through narrow indexes. Reading them from the article rows
instead meant one page per story, since a row holds its whole body: 180 of
a results page's 300 ms at 100,000 stories. Rows come in the shape the
site's facet links read. Keys that are a sample come with the number of
stories each stands for (``scale``), and the figures are scaled to match.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from archive.models import Article, Byline, Person, Section

from .base import ID_BITS, ID_MASK, SearchBackend

ARTICLE_FACETS_INDEX = "article_facets_idx"  # (id, section, kind) on the article table: see the model's Meta


def of_keys(index: SearchBackend, keys: list[int], *, people: int = 10, scale: float = 1) -> dict[str, list[dict]]:
    """Facets of the stories with these (public) index keys, each standing for ``scale`` stories: two grouped queries."""
    years: Counter = Counter()
    for ordinal, count in Counter(key >> ID_BITS for key in keys).items():  # a few hundred issue dates
        years[dt.date.fromordinal(ordinal).year] += count
    if not keys:
        return _shaped(years, [], [], people, scale)
    id_sql, params = index.id_list_sql([key & ID_MASK for key in keys])
    article, byline = Article._meta.db_table, Byline._meta.db_table
    with index.connection.cursor() as cursor:
        cursor.execute(
            f"SELECT section_id, kind, COUNT(*) FROM {article} {index.covering_hint(ARTICLE_FACETS_INDEX)} "
            f"WHERE id IN ({id_sql}) GROUP BY section_id, kind", params,
        )
        sections_kinds = cursor.fetchall()
        cursor.execute(
            f"SELECT person_id, COUNT(DISTINCT article_id) FROM {byline} "
            f"WHERE article_id IN ({id_sql}) GROUP BY person_id", params,
        )
        credits = cursor.fetchall()
    return _shaped(years, sections_kinds, credits, people, scale)


def _shaped(years: Counter, sections_kinds: Iterable[tuple], credits: list[tuple], people: int, scale: float) -> dict:
    sections: Counter = Counter()
    kinds: Counter = Counter()
    for section_id, kind, count in sections_kinds:
        kinds[kind] += count
        if section_id is not None:
            sections[section_id] += count
    if scale != 1:  # ranked on the sampled figures, shown as estimates of the whole
        years, sections, kinds = (Counter({k: round(v * scale) for k, v in c.items()}) for c in (years, sections, kinds))
        credits = [(pk, round(count * scale)) for pk, count in credits]
    return {
        "section": _sections(sections),
        "year": [{"year": year, "count": count} for year, count in sorted(years.items(), reverse=True)],
        "person": _people(credits, people),
        "kind": [{"kind": kind, "count": count} for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def _sections(counts: Counter) -> list[dict]:
    rows = [
        {"section__slug": slug, "section__name": name, "count": counts[pk]}
        for pk, slug, name in Section.objects.filter(pk__in=list(counts)).values_list("pk", "slug", "name")
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["section__name"]))


def _people(credits: list[tuple], limit: int) -> list[dict]:
    """The ``limit`` most credited people, ties by name: names are read only for those that can make the cut."""
    if not credits or limit <= 0:
        return []
    counts = dict(credits)
    cut = sorted(counts.values(), reverse=True)[: limit][-1]
    candidates = Person.objects.filter(pk__in=[pk for pk, count in counts.items() if count >= cut])
    rows = [
        {"person__slug": slug, "person__name": name, "count": counts[pk]}
        for pk, slug, name in candidates.values_list("pk", "slug", "name")
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["person__name"]))[:limit]
