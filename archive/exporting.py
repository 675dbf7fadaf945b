"""A result set as a file: every matching article as a row of CSV or NDJSON, streamed batch by batch.

The site's ``/search/export.<fmt>`` and the API's ``/api/v1/articles/export/``
both answer with :func:`export_response`. Memory stays flat whatever the
size: the ids come from the search index in keyset batches
(``SearchResults.iter_ids``) or from a database cursor (a QuerySet), and
each batch of :data:`BATCH` ids is loaded in one query (with its pages,
issues, sections, bylines and photos), written out and dropped.

Row fields, in this order (CSV header row = these names):

- ``id``: the article's stable number (as in the API);
- ``date``: issue date, YYYY-MM-DD; ``page``: printed page number (版次);
- ``section``: section name (栏目);
- ``kicker`` (引题), ``headline`` (主标题), ``subheadline`` (副题): as printed;
  a story without a 主标题 (a stand-alone photo) has the start of its first
  caption as ``headline``, so no row is blank;
- ``credits``: the bylines in printed order. NDJSON: a list of
  ``{"role": "reporter", "name": "张三", "slug": "zhang-san"}`` (role codes as
  the API's ``role`` filter takes them). CSV: ``角色:姓名`` pairs joined by
  ``;``, e.g. ``记者:张三;通讯员:李四`` (role in Chinese, as printed);
- ``url``: the article's page on the public site, absolute;
- ``body`` (only when asked for): the text blocks one per line; for a photo
  item without text, its captions.

CSV is UTF-8 with a byte order mark (so Excel reads the Chinese right) and
CRLF line ends; NDJSON is one JSON object per line, UTF-8, not escaped.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from archive.models import Article, Role

BATCH = 500
FORMATS = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson; charset=utf-8"}
FIELDS = ("id", "date", "page", "section", "kicker", "headline", "subheadline", "credits", "url")
ROLE_LABELS = {role.value: str(role.label) for role in Role}
CAPTION_START = 40  # characters of a caption standing in for a missing headline


def result_ids(results, batch: int | None = None) -> Iterator[int]:
    """Every id of ``results`` in its order: a QuerySet or the index's ``SearchResults``; ``batch`` ids a read."""
    batch = batch or BATCH
    if isinstance(results, QuerySet):
        # A database cursor read ``batch`` rows at a time (server-side on PostgreSQL).
        yield from results.values_list("pk", flat=True).iterator(chunk_size=batch)
    elif hasattr(results, "iter_ids"):
        yield from results.iter_ids(batch=batch)
    else:
        yield from _keys_in_pages(results, batch)


def _keys_in_pages(results, batch: int) -> Iterator[int]:
    """Ids of ``SearchResults`` read page after page from the index (until it offers ``iter_ids``)."""
    from archive.search.index.base import ID_MASK

    start = 0
    while keys := results.keys(start, start + batch):
        yield from (key & ID_MASK for key in keys)
        start += batch


def batched(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def article_batches(ids: Iterable[int], *, queryset: QuerySet, size: int | None = None) -> Iterator[list[Article]]:
    """The articles of ``ids`` that ``queryset`` holds, ``size`` (default :data:`BATCH`) at a time, in the order of ``ids``.

    ``queryset`` decides visibility and what is loaded with each article: one
    query per batch, plus one per prefetch.
    """
    for chunk in batched(ids, size or BATCH):
        found = {article.pk: article for article in queryset.filter(pk__in=chunk).order_by()}
        yield [found[pk] for pk in chunk if pk in found]


def headline(article: Article) -> str:
    """The 主标题, or for a story printed without one (a stand-alone photo) the start of its first caption."""
    return article.headline or article.first_caption[:CAPTION_START]


def body_text(article: Article) -> str:
    texts = [block.get("text", "") for block in article.body or [] if isinstance(block, dict)]
    return "\n".join(t for t in texts if t) or "\n".join(p.caption for p in article.photos.all() if p.caption)


def row(article: Article, *, request, body: bool = False) -> dict:
    """One article as an export row (see the module docstring); ``request`` makes the URL absolute."""
    values = {
        "id": article.pk,
        "date": article.page.issue.date.isoformat(),
        "page": article.page.number,
        "section": article.section.name if article.section else "",
        "kicker": article.kicker,
        "headline": headline(article),
        "subheadline": article.subheadline,
        "credits": [{"role": b.role, "name": b.person.name, "slug": b.person.slug} for b in article.bylines.all()],
        "url": request.build_absolute_uri(article.get_absolute_url()),
    }
    if body:
        values["body"] = body_text(article)
    return values


def csv_credits(credits: list[dict]) -> str:
    return ";".join(f"{ROLE_LABELS.get(c['role'], c['role'])}:{c['name']}" for c in credits)


def csv_chunks(batches: Iterable[list[dict]], *, body: bool = False) -> Iterator[str]:
    """The BOM and header row, then one string per batch of rows."""
    fields = FIELDS + ("body",) if body else FIELDS
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(fields)
    yield "\ufeff" + buffer.getvalue()
    for rows in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([r[f] if f != "credits" else csv_credits(r[f]) for f in fields] for r in rows)
        yield buffer.getvalue()


def ndjson_chunks(batches: Iterable[list[dict]]) -> Iterator[str]:
    """One string per batch of rows, one JSON object a line."""
    for rows in batches:
        yield "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def filename(stem: str, fmt: str) -> str:
    """An ASCII file name with today's date, e.g. ``archive-search-2026-12-01.csv`` (never the query)."""
    return f"{stem}-{timezone.localdate().isoformat()}.{fmt}"


def export_response(results, *, fmt: str, queryset: QuerySet, request, body: bool = False,
                    stem: str = "archive-search") -> StreamingHttpResponse:
    """A streamed download of every article in ``results`` as ``fmt`` ("csv" or "ndjson").

    ``queryset`` loads each batch (and must hold only what this client may
    see); ``results`` is what :func:`archive.filters.search` answered. The
    first chunk (the CSV header) is sent before any article is read.
    """
    rows = ([row(a, request=request, body=body) for a in articles]
            for articles in article_batches(result_ids(results), queryset=queryset))
    chunks = csv_chunks(rows, body=body) if fmt == "csv" else ndjson_chunks(rows)
    response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(stem, fmt)}"'
    add_never_cache_headers(response)
    return response
