"""Every write to the archive goes through these functions.

The admin, the management commands and the API all call them, so the rules
(one transaction per operation, people matched by name, the search index kept
in step, editors' corrections protected from re-imports) live in one place.
Arguments are keyword-only. Failures raise :class:`ServiceError` subclasses
with a message fit to show an editor; nothing is half-written.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import indexing
from archive.ingest import ParsedArticle, ParsedPage, Subhead, parse_page
from archive.models import Article, Byline, Issue, Kind, Page, Person, Photo, Role, Section, Status
from archive.slugs import unique_slug


class ServiceError(Exception):
    """A write the archive refuses, with a message for the editor."""


class ImportRefused(ServiceError):
    """Re-importing would overwrite articles an editor has corrected."""


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


# --- people and sections -------------------------------------------------


def person_get_or_create(*, name: str) -> tuple[Person, bool]:
    """The person printed as ``name`` (white space removed); created if new.

    Two people who share a name share a record until an editor tells them
    apart; the oldest record wins when several exist.
    """
    name = "".join(name.split())
    if not name:
        raise ServiceError(_("人名不能为空。"))
    person = Person.objects.filter(name=name).order_by("id").first()
    if person:
        return person, False
    return Person.objects.create(name=name, slug=unique_slug(Person, name)), True


def section_get_or_create(*, name: str) -> Section:
    name = name.strip()
    section = Section.objects.filter(name=name).first()
    return section or Section.objects.create(name=name, slug=unique_slug(Section, name))


@transaction.atomic
def person_merge(*, source: Person, target: Person) -> Person:
    """Move every credit of ``source`` to ``target`` and delete ``source``."""
    if source.pk == target.pk:
        raise ServiceError(_("不能把人物合并到自己。"))
    for byline in Byline.objects.filter(person=source):
        if Byline.objects.filter(article=byline.article_id, person=target, role=byline.role).exists():
            byline.delete()
        else:
            byline.person = target
            byline.save(update_fields=["person"])
    Photo.objects.filter(photographer=source).update(photographer=target)
    article_ids = list(Byline.objects.filter(person=target).values_list("article_id", flat=True))
    source.delete()
    indexing.articles_changed(article_ids)
    return target


# --- page import ---------------------------------------------------------


def _digest(payload) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    return timezone.make_aware(dt.datetime.combine(date, dt.time(5, 0)))


def _save_credits(article: Article, parsed: ParsedArticle, people_created: list[str]) -> None:
    people: dict[str, Person] = {}
    for order, credit in enumerate(parsed.bylines, start=1):
        person, created = person_get_or_create(name=credit.name)
        if created:
            people_created.append(person.name)
        people[person.name] = person
        Byline.objects.get_or_create(article=article, person=person, role=credit.role, defaults={"order": order})
    photographers = [people["".join(c.name.split())] for c in parsed.bylines if c.role == Role.PHOTOGRAPHER]
    _create_photos(article, [(p.caption, p.credit) for p in parsed.photos], photographers)


def _create_photos(article: Article, photos: Sequence[tuple[str | None, str | None]], photographers: Sequence[Person]) -> None:
    """Store ``(caption, credit)`` pairs in printed order, each linked to the
    credited photographer whose name its credit contains."""
    for order, (caption, credit) in enumerate(photos, start=1):
        credit = (credit or "").strip()
        squeezed = "".join(credit.split())
        photographer = next((p for p in photographers if p.name in squeezed), None)
        Photo.objects.create(
            article=article, order=order, caption=(caption or "").strip(), credit=credit, photographer=photographer
        )


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
    edited = page.articles.filter(edited_at__isnull=False)
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
    Raises :class:`ServiceError` for a bad page number or empty text.
    """
    if page_number < 1:
        raise ServiceError(_("版次必须是正整数。"))
    if not text.strip():
        raise ServiceError(_("版面文本为空。"))
    parsed = parse_page(text, source=source_name or None)
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
    indexing.articles_changed(ids)
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
    indexing.articles_removed(removed)
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


# --- editorial status ------------------------------------------------------


@transaction.atomic
def article_publish(*, article: Article, at: dt.datetime | None = None) -> Article:
    """Make ``article`` visible to the public (keeps an earlier publish time)."""
    article.status = Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    indexing.articles_changed([article.pk])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Hide ``article`` from the public again; it stays in the archive as a draft."""
    article.status = Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    indexing.articles_changed([article.pk])
    return article


# --- review of parser warnings ----------------------------------------------


@transaction.atomic
def article_mark_checked(*, articles: Iterable[Article], user: AbstractBaseUser | None) -> int:
    """Record that ``user`` checked the parser warnings of ``articles``; returns how many were marked.

    Only articles in the review queue (warnings nobody checked yet) are marked,
    so an earlier check keeps its editor and time. ``updated_at`` is left alone
    (feeds, sitemaps and the site's caches read it as "the printed text
    changed") and the search index holds no review state, so it is not touched.
    """
    ids = articles.values("pk") if isinstance(articles, QuerySet) else [article.pk for article in articles]
    queue = Article.objects.needs_review().filter(pk__in=ids)
    return queue.update(checked_by=user, checked_at=timezone.now())


# --- editing ---------------------------------------------------------------

EDITABLE_FIELDS = (
    "kind", "section", "kicker", "headline", "subheadline", "dateline", "body", "photo_by_byline",
)


def validate_body(body) -> list[dict]:
    """Check that ``body`` is a list of ``{"type": "paragraph"|"subhead", "text": str}``."""
    if not isinstance(body, list):
        raise ServiceError(_("正文必须是段落列表。"))
    clean = []
    for block in body:
        if not (isinstance(block, dict) and block.get("type") in ("paragraph", "subhead")
                and isinstance(block.get("text"), str) and block["text"].strip()):
            raise ServiceError(_("正文的每一段都要有类型（paragraph 或 subhead）和非空文字。"))
        clean.append({"type": block["type"], "text": block["text"].strip()})
    return clean


def _clean_field(name: str, value):
    if name == "body":
        return validate_body(value)
    if name == "kind" and value not in Kind.values:
        raise ServiceError(_("未知的稿件类型：%s") % value)
    if name in ("kicker", "headline", "subheadline", "dateline"):
        value = (value or "").strip()
        limit = Article._meta.get_field(name).max_length
        if len(value) > limit:
            label = Article._meta.get_field(name).verbose_name
            raise ServiceError(_("%(field)s最多 %(limit)d 个字。") % {"field": label, "limit": limit})
    return value


def _apply_fields(article: Article, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(_("不能修改这些字段：%s") % "、".join(sorted(unknown)))
    cleaned = {name: _clean_field(name, value) for name, value in fields.items()}
    for name, value in cleaned.items():
        setattr(article, name, value)


def _replace_bylines(article: Article, bylines: Sequence[tuple[str, str]]) -> None:
    roles = set(Role.values)
    Byline.objects.filter(article=article).delete()
    for order, (name, role) in enumerate(bylines, start=1):
        if role not in roles:
            raise ServiceError(_("未知的署名角色：%s") % role)
        person, _new = person_get_or_create(name=name)
        Byline.objects.get_or_create(article=article, person=person, role=role, defaults={"order": order})


@transaction.atomic
def article_update(*, article: Article, fields: dict, bylines: Sequence[tuple[str, str]] | None = None) -> Article:
    """Apply an editor's correction; marks the article edited so re-imports keep it.

    ``fields`` holds any of :data:`EDITABLE_FIELDS`; ``bylines``, when given,
    replaces the credits with ``(name, role)`` pairs in printed order.
    """
    _apply_fields(article, fields)
    if article.kind != Kind.PHOTO and not (article.headline or article.body):
        raise ServiceError(_("文章至少要有主标题或正文。"))
    article.edited_at = timezone.now()
    article.save()
    if bylines is not None:
        _replace_bylines(article, bylines)
    indexing.articles_changed([article.pk])
    return article


@transaction.atomic
def article_create(
    *, page: Page, fields: dict, bylines: Sequence[tuple[str, str]] = (), publish: bool = False
) -> Article:
    """Add an article an editor typed in, after the page's last item."""
    last = page.articles.order_by("-order").values_list("order", flat=True).first() or 0
    article = Article(page=page, order=last + 1, section=page.section, edited_at=timezone.now())
    _apply_fields(article, fields)
    if article.kind != Kind.PHOTO and not (article.headline or article.body):
        raise ServiceError(_("文章至少要有主标题或正文。"))
    if publish:
        article.status, article.published_at = Status.PUBLISHED, timezone.now()
    article.save()
    _replace_bylines(article, bylines)
    indexing.articles_changed([article.pk])
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Remove an article with its bylines and photos."""
    pk = article.pk
    article.delete()
    indexing.articles_removed([pk])


def articles_set_status(*, articles: Iterable[Article], publish: bool) -> int:
    """Publish or unpublish several articles, each in its own transaction.

    One failing article leaves the others changed; the count says how many were.
    """
    change = article_publish if publish else article_unpublish
    count = 0
    for article in articles:
        change(article=article)
        count += 1
    return count


@transaction.atomic
def article_photos_replace(*, article: Article, photos: Sequence[tuple[str, str]]) -> Article:
    """Replace ``article``'s photos with ``(caption, credit)`` pairs in printed order.

    Each credit is linked to the article's photographer credited in it, as on
    import. Marks the article edited so re-imports keep the change.
    """
    people = [b.person for b in article.bylines.select_related("person").filter(role=Role.PHOTOGRAPHER)]
    article.photos.all().delete()
    _create_photos(article, photos, people)
    article.edited_at = timezone.now()
    article.save(update_fields=["edited_at", "updated_at"])
    indexing.articles_changed([article.pk])
    return article
