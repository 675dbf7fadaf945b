"""Page import: a page's text parsed into its items, replacing what the parser made before."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.ingest import ParsedArticle, ParsedPage, Subhead, parse_page
from archive.models import Article, Byline, Correction, Issue, Page, Person, Photo, Role, Status
from archive.search.index import service as search_index

from .errors import ImportRefused, ServiceError


class PageTooLarge(ServiceError):
    """Input far larger than a printed page: refused before anything is parsed or written."""
from .people import person_get_or_create, section_get_or_create


@dataclass
class ImportResult:
    """What one page import did."""

    page: Page
    created: bool
    unchanged: bool
    articles: int = 0
    people_created: list[str] = field(default_factory=list)
    people_removed: list[str] = field(default_factory=list)
    warnings: int = 0


def _digest(payload) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_size(size: int) -> str:
    """Bytes as an editor reads them: ``512 字节``, ``48 KB``, ``5.0 MB``."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def check_page_size(*, name: str, size: int) -> None:
    """Raise :class:`PageTooLarge` when ``size`` bytes exceed ``IMPORT_MAX_PAGE_BYTES``.

    Callers that read files ask before reading, so a huge file is never loaded.
    """
    limit = settings.IMPORT_MAX_PAGE_BYTES
    if size > limit:
        raise PageTooLarge(
            _("%(name)s：文件大小 %(size)s，超过每版上限 %(limit)s（IMPORT_MAX_PAGE_BYTES），不像是一版的文本，未导入。")
            % {"name": name, "size": format_size(size), "limit": format_size(limit)}
        )


def check_page_items(*, name: str, count: int) -> None:
    """Raise :class:`PageTooLarge` when a page parsed into more than ``IMPORT_MAX_PAGE_ITEMS`` items."""
    limit = settings.IMPORT_MAX_PAGE_ITEMS
    if count > limit:
        raise PageTooLarge(
            _("%(name)s：解析出 %(count)d 篇稿件，超过每版上限 %(limit)d 篇（IMPORT_MAX_PAGE_ITEMS），不像是一版的文本，未导入。")
            % {"name": name, "count": count, "limit": limit}
        )


def _fingerprint(text: str, parsed: ParsedPage, **options) -> str:
    # Everything that shapes the stored page counts: the same text imported
    # under another page name, section or status is a change, not a no-op.
    return _digest({"text": text, "parsed": parsed.to_dict(), "options": options})


def _body_blocks(parsed: ParsedArticle) -> list[dict]:
    return [
        {"type": "subhead", "text": b.text} if isinstance(b, Subhead) else {"type": "paragraph", "text": b}
        for b in parsed.body
    ]


def _publication_time(date: dt.date) -> dt.datetime:
    # The print edition's morning, but never later than now: ticking "publish"
    # on today's pages before 05:00 means public at once, not scheduled.
    return min(timezone.make_aware(dt.datetime.combine(date, dt.time(5, 0))), timezone.now())


def _save_credits(article: Article, parsed: ParsedArticle, people_created: list[str]) -> None:
    people: dict[str, Person] = {}
    for order, credit in enumerate(parsed.bylines, start=1):
        person, created = person_get_or_create(name=credit.name)
        if created:
            people_created.append(person.name)
        people[person.name] = person
        Byline.objects.get_or_create(article=article, person=person, role=credit.role, defaults={"order": order})
    photographers = [people["".join(c.name.split())] for c in parsed.bylines if c.role == Role.PHOTOGRAPHER]
    create_photos(article, [(p.caption, p.credit) for p in parsed.photos], photographers)


def create_photos(article: Article, photos: Sequence[tuple[str | None, str | None]], photographers: Sequence[Person]) -> None:
    """Store ``(caption, credit)`` pairs in printed order, each linked to the
    credited photographer whose name its credit contains."""
    for order, (caption, credit) in enumerate(photos, start=1):
        credit = (credit or "").strip()
        Photo.objects.create(
            article=article, order=order, caption=(caption or "").strip(), credit=credit,
            photographer=credited_photographer(credit, photographers),
        )


def credited_photographer(credit: str, photographers: Sequence[Person]) -> Person | None:
    """The first of ``photographers`` whose name the printed ``credit`` holds (spaces ignored)."""
    squeezed = "".join(credit.split())
    return next((p for p in photographers if p.name in squeezed), None)


def _create_article(
    *, page: Page, order: int, parsed: ParsedArticle, publish: bool, people_created: list[str], checks: dict
) -> Article:
    now = timezone.now()
    digest = _digest(parsed.to_dict())
    checked_by_id, checked_at = checks.get(digest, (None, None))
    section = section_get_or_create(name=parsed.section) if parsed.section else page.section
    article = Article.objects.create(
        page=page,
        order=order,
        kind=parsed.kind,
        section=section,
        kicker=parsed.kicker or "",
        headline=parsed.headline or "",
        subheadline=parsed.subheadline or "",
        dateline=parsed.dateline or "",
        body=_body_blocks(parsed),
        photo_by_byline=parsed.photo_by_byline,
        status=Status.PUBLISHED if publish else Status.DRAFT,
        published_at=_publication_time(page.issue.date) if publish else None,
        warnings=[{"code": w.code, "message": w.message, "detail": w.detail} for w in parsed.warnings],
        warning_count=len(parsed.warnings),
        parse_digest=digest,
        checked_by_id=checked_by_id,
        checked_at=checked_at,
        imported_at=now,
    )
    _save_credits(article, parsed, people_created)
    return article


def _check_replaceable(page: Page, force: bool) -> None:
    # A correction is an editor's act too: replacing the article would delete its public note.
    corrected = Exists(Correction.objects.filter(article=OuterRef("pk")))
    edited = page.articles.filter(Q(edited_at__isnull=False) | corrected)
    if edited.exists() and not force:
        titles = "、".join(a.title or f"#{a.order}" for a in edited[:5])
        raise ImportRefused(
            _("第%(page)s版有编辑修改过的文章（%(titles)s），未覆盖。")
            % {"page": page.number, "titles": titles}
        )


@transaction.atomic
def page_import(
    *,
    date: dt.date,
    page_number: int,
    page_name: str,
    text: str,
    section_name: str | None = None,
    source_name: str = "",
    encoding: str = "utf-8",
    publish: bool = True,
    force: bool = False,
) -> ImportResult:
    """Parse ``text`` and store it as page ``page_number`` of the issue of ``date``.

    Idempotent: the same text parsed the same way changes nothing. Different
    text replaces what the parser made before, unless an editor has edited an
    article of the page since (then :class:`ImportRefused`, unless ``force``).
    An item parsed exactly as before keeps its editor's check of its warnings.
    Raises :class:`ServiceError` for a bad page number or empty text, and
    :class:`PageTooLarge` for text over ``IMPORT_MAX_PAGE_BYTES`` (UTF-8) or
    parsed into more than ``IMPORT_MAX_PAGE_ITEMS`` items; nothing is written then.
    """
    if page_number < 1:
        raise ServiceError(_("版次必须是正整数。"))
    if not text.strip():
        raise ServiceError(_("版面文本为空。"))
    name = source_name or _("%(date)s 第%(page)s版") % {"date": date, "page": page_number}
    check_page_size(name=name, size=len(text.encode("utf-8")))
    parsed = parse_page(text, source=source_name or None)
    check_page_items(name=name, count=len(parsed.articles))
    fingerprint = _fingerprint(text, parsed, name=page_name, section=section_name, publish=publish)
    issue, _created = Issue.objects.get_or_create(date=date)
    section = section_get_or_create(name=section_name) if section_name else None
    page = Page.objects.filter(issue=issue, number=page_number).first()
    created = page is None
    if page is not None and page.parse_fingerprint == fingerprint and not force:
        return ImportResult(page=page, created=False, unchanged=True, articles=page.articles.count())
    checks, credited = {}, set()
    if page is None:
        page = Page(issue=issue, number=page_number)
    else:
        checks, credited = _clear_page(page, force)
    page.name, page.section, page.raw_text = page_name, section, text
    page.source_name, page.source_encoding = source_name, encoding
    page.parse_fingerprint, page.imported_at = fingerprint, timezone.now()
    page.save()
    result = ImportResult(page=page, created=created, unchanged=False)
    ids = []
    for order, item in enumerate(parsed.articles, start=1):
        article = _create_article(
            page=page, order=order, parsed=item, publish=publish, people_created=result.people_created, checks=checks
        )
        ids.append(article.pk)
        result.warnings += len(item.warnings)
    result.articles = len(ids)
    if not created:
        result.people_removed = _drop_uncredited(credited)
    search_index.articles_changed(ids)
    return result


def _clear_page(page: Page, force: bool) -> tuple[dict, set[int]]:
    """Delete the page's items for a re-import; returns who checked their warnings
    and when, by parse digest (an item parsed exactly as before gets its check
    back, any other goes back into the review queue), and the people they credited."""
    _check_replaceable(page, force)
    checked = page.articles.filter(checked_at__isnull=False).exclude(parse_digest="")
    checks = {digest: (user, at) for digest, user, at in checked.values_list("parse_digest", "checked_by_id", "checked_at")}
    removed = list(page.articles.values_list("id", flat=True))
    credited = _people_credited(removed)
    page.articles.all().delete()
    search_index.articles_removed(removed)
    return checks, credited


def _people_credited(article_ids: list[int]) -> set[int]:
    bylines = Byline.objects.filter(article_id__in=article_ids).values_list("person_id", flat=True)
    photos = Photo.objects.filter(article_id__in=article_ids, photographer__isnull=False).values_list("photographer_id", flat=True)
    return set(bylines) | set(photos)


def _drop_uncredited(person_ids: set[int]) -> list[str]:
    """Delete the people a re-import left with no credit anywhere, unless an editor wrote their bio."""
    orphans = Person.objects.filter(pk__in=person_ids, bio="").exclude(
        Exists(Byline.objects.filter(person=OuterRef("pk")))
    ).exclude(Exists(Photo.objects.filter(photographer=OuterRef("pk"))))
    names = list(orphans.values_list("name", flat=True))
    orphans.delete()
    return names
