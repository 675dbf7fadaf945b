"""A result set as a file: every matching article as a row of CSV or NDJSON, streamed batch by batch.

The site's ``/search/export.<fmt>`` and the API's ``/api/v1/articles/export/``
both answer with :func:`export_response`. Memory stays flat whatever the
size: the ids come from the search index in keyset batches
(``SearchResults.iter_ids``) or from a database cursor (a QuerySet), and
each batch of :data:`BATCH` ids (the first: :data:`FIRST_BATCH`) is read
in three queries as plain values (articles with their issue dates, pages
and sections; bylines; captions where needed), written out and dropped.

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
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from archive.models import Byline, Photo, Role
from archive.models.article import article_url

BATCH = 500
FIRST_BATCH = 50
# Read per article, in this order (see :func:`row`).
COLUMNS = ("pk", "page__issue__date", "page__number", "order", "section__name", "kicker", "headline", "subheadline")
HEADLINE = COLUMNS.index("headline")
FORMATS = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson; charset=utf-8"}
FIELDS = ("id", "date", "page", "section", "kicker", "headline", "subheadline", "credits", "url")
ROLE_LABELS = {role.value: str(role.label) for role in Role}
CAPTION_START = 40  # characters of a caption standing in for a missing headline


def result_ids(results, batch: int | None = None) -> Iterator[int]:
    """Every id of ``results`` in its order: a QuerySet or the index's ``SearchResults``; ``batch`` ids a read."""
    batch = batch or BATCH
    if not isinstance(results, QuerySet):
        yield from results.iter_ids(batch=batch)
        return
    ids = results.values_list("pk", flat=True)
    # The first ids by a plain LIMIT (the planner walks the date index and stops):
    # PostgreSQL's server-side cursor, outside a transaction, is WITH HOLD and runs
    # the whole query before its first row (300,000 stories of a million: 400 ms).
    first = list(ids[:FIRST_BATCH])
    yield from first
    if len(first) == FIRST_BATCH:
        # The rest through the cursor, less those sent: a story published meanwhile is not lost or sent twice.
        yield from ids.exclude(pk__in=first).iterator(chunk_size=batch)


def batched(items: Iterable, size: int, *, first: int | None = None) -> Iterator[list]:
    """Lists of ``size`` items (the first one of ``first``, if given)."""
    items = iter(items)
    chunk = list(islice(items, first or size))
    while chunk:
        yield chunk
        chunk = list(islice(items, size))


def row_batches(ids: Iterable[int], *, queryset: QuerySet, request, body: bool = False,
                size: int | None = None) -> Iterator[list[dict]]:
    """Export rows of the articles of ``ids`` that ``queryset`` holds, in the order of ``ids``, a batch at a time.

    Batches hold ``size`` ids (default :data:`BATCH`); the first holds at
    most :data:`FIRST_BATCH`, so the first rows leave at once.
    """
    size = size or BATCH
    for chunk in batched(ids, size, first=min(FIRST_BATCH, size)):
        yield batch_rows(chunk, queryset=queryset, request=request, body=body)


def batch_rows(chunk: list[int], *, queryset: QuerySet, request, body: bool) -> list[dict]:
    """The rows of one batch: three queries (articles, bylines, captions where needed) read as plain values.

    Model instances, their prefetch querysets and datetime conversions took
    four fifths of an export's time; ``queryset`` only decides visibility.
    """
    columns = COLUMNS + ("body",) if body else COLUMNS
    articles = queryset.filter(pk__in=chunk).prefetch_related(None).order_by().values_list(*columns)
    found = {values[0]: values for values in articles}
    credits, captions = defaultdict(list), defaultdict(list)
    bylines = Byline.objects.filter(article_id__in=found).order_by("article_id", "order", "id")
    for pk, role, name, slug in bylines.values_list("article_id", "role", "person__name", "person__slug"):
        credits[pk].append({"role": role, "name": name, "slug": slug})
    untitled = [pk for pk, values in found.items() if body or not values[HEADLINE]]
    if untitled:
        photos = Photo.objects.filter(article_id__in=untitled).order_by("article_id", "order", "id")
        for pk, caption in photos.values_list("article_id", "caption"):
            captions[pk].append(caption)
    return [row(found[pk], credits[pk], captions[pk], request=request) for pk in chunk if pk in found]


def row(values: tuple, credits: list[dict], captions: list[str], *, request) -> dict:
    """One export row (see the module docstring) from ``COLUMNS`` (+ body) values; ``request`` makes the URL absolute."""
    pk, date, page, order, section, kicker, headline, subheadline, *body = values
    url = article_url(date, page, order)
    fields = {
        "id": pk, "date": date.isoformat(), "page": page, "section": section or "", "kicker": kicker,
        "headline": headline_or_caption(headline, captions[0] if captions else ""),
        "subheadline": subheadline, "credits": credits, "url": request.build_absolute_uri(url),
    }
    if body:
        fields["body"] = body_text(body[0], captions)
    return fields


def headline_or_caption(headline: str, first_caption: str) -> str:
    """The 主标题, or for a story printed without one (a stand-alone photo) the start of its first caption."""
    return headline or (first_caption or "")[:CAPTION_START]


def headline(article) -> str:
    """:func:`headline_or_caption` of a loaded article (photos prefetched): so no list row is blank."""
    return headline_or_caption(article.headline, article.first_caption)


def body_text(blocks, captions: list[str]) -> str:
    """The body's text blocks one a line; for a photo item without text, its captions."""
    texts = [block.get("text", "") for block in blocks or [] if isinstance(block, dict)]
    return "\n".join(t for t in texts if t) or "\n".join(c for c in captions if c)


def csv_credits(credits: list[dict]) -> str:
    return ";".join(f"{ROLE_LABELS.get(c['role'], c['role'])}:{c['name']}" for c in credits)


# A cell a spreadsheet would read as a formula (CSV injection): printed text
# may well start with "-" or "+", and a quote mark in front keeps it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """``value`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


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
        writer.writerows([csv_cell(r[f] if f != "credits" else csv_credits(r[f])) for f in fields] for r in rows)
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
    rows = row_batches(result_ids(results), queryset=queryset, request=request, body=body)
    chunks = csv_chunks(rows, body=body) if fmt == "csv" else ndjson_chunks(rows)
    response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(stem, fmt)}"'
    add_never_cache_headers(response)
    return response
