"""Editors' corrections: an article's fields, bylines and photos saved as one change.

:func:`article_save` is the one way an editor's article reaches the database
(admin change form with its inlines, API writes, reverts): one transaction,
one revision, one re-index. Values are compared after normalising line ends
and surrounding white space, so a form posted back unchanged (browsers send
CRLF) changes nothing: no edit time, no history entry, re-imports still allowed.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import Article, Byline, Kind, Page, Person, Photo, Role, Section, Status
from archive.search.index import service as search_index

from . import history
from .errors import ServiceError
from .imports import credited_photographer
from .people import person_get_or_create
from .status import article_publish, article_unpublish

EDITABLE_FIELDS = (
    "kind", "section", "kicker", "headline", "subheadline", "dateline", "body", "photo_by_byline",
)
# Not a person: the photographer is the credited one whose name the credit holds, as on import.
FROM_CREDIT = object()


@dataclass(frozen=True)
class PhotoInput:
    """A photo as an editor gives it; ``image`` is a stored file's name or a new upload."""

    caption: str = ""
    credit: str = ""
    image: Any = ""
    photographer: Any = FROM_CREDIT


@dataclass(frozen=True)
class Saved:
    """What :func:`article_save` did: the article and the names of what changed."""

    article: Article
    changed: tuple[str, ...]
    created: bool = False


def normalise_text(value: str | None) -> str:
    """Line ends as ``\\n`` and no surrounding white space: the form of text that is compared and stored."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def validate_body(body) -> list[dict]:
    """Check that ``body`` is a list of ``{"type": "paragraph"|"subhead", "text": str}``."""
    if not isinstance(body, list):
        raise ServiceError(_("正文必须是段落列表。"))
    clean = []
    for block in body:
        if not (isinstance(block, dict) and block.get("type") in ("paragraph", "subhead")
                and isinstance(block.get("text"), str) and block["text"].strip()):
            raise ServiceError(_("正文的每一段都要有类型（paragraph 或 subhead）和非空文字。"))
        clean.append({"type": block["type"], "text": normalise_text(block["text"])})
    return clean


def _clean_field(name: str, value):
    if name == "body":
        return validate_body(value)
    if name == "kind" and value not in Kind.values:
        raise ServiceError(_("未知的稿件类型：%s") % value)
    if name in ("kicker", "headline", "subheadline", "dateline"):
        value = normalise_text(value)
        limit = Article._meta.get_field(name).max_length
        if len(value) > limit:
            label = Article._meta.get_field(name).verbose_name
            raise ServiceError(_("%(field)s最多 %(limit)d 个字。") % {"field": label, "limit": limit})
    return value


def _apply_fields(article: Article, fields: dict) -> list[str]:
    """Set the cleaned ``fields`` on ``article``; returns the names whose value changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(_("不能修改这些字段：%s") % "、".join(sorted(unknown)))
    cleaned = {name: _clean_field(name, value) for name, value in fields.items()}
    changed = [name for name, value in cleaned.items() if getattr(article, name) != value]
    for name in changed:
        setattr(article, name, cleaned[name])
    return changed


def _resolve_bylines(bylines: Sequence[tuple[Person | str, str]]) -> list[tuple[Person, str]]:
    """``(person or printed name, role)`` pairs → people and roles, duplicates dropped, printed order kept."""
    rows: list[tuple[Person, str]] = []
    for who, role in bylines:
        if role not in Role.values:
            raise ServiceError(_("未知的署名角色：%s") % role)
        person = who if isinstance(who, Person) else person_get_or_create(name=who)[0]
        if (person.pk, role) not in [(p.pk, r) for p, r in rows]:
            rows.append((person, role))
    return rows


def _byline_key(rows) -> list[tuple[int, str]]:
    return [(person.pk, role) for person, role in rows]


def _photo_rows(photos: Sequence[PhotoInput], photographers: list[Person]) -> list[dict]:
    rows = []
    for photo in photos:
        credit = normalise_text(photo.credit)
        who = photo.photographer
        rows.append({
            "caption": normalise_text(photo.caption), "credit": credit, "image": photo.image or "",
            "photographer": credited_photographer(credit, photographers) if who is FROM_CREDIT else who,
        })
    return rows


def _photo_key(rows: list[dict]) -> list[tuple]:
    # An upload (not yet a stored name) never equals what is stored.
    return [(r["caption"], r["credit"], r["image"] if isinstance(r["image"], str) else object(),
             getattr(r["photographer"], "pk", None)) for r in rows]


def _stored_photo_key(article: Article) -> list[tuple]:
    return [(p.caption, p.credit, p.image.name or "", p.photographer_id) for p in article.photos.all()]


def _write_bylines(article: Article, rows: list[tuple[Person, str]]) -> None:
    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(article=article, person=person, role=role, order=order) for order, (person, role) in enumerate(rows, 1)
    )


def _write_photos(article: Article, rows: list[dict]) -> None:
    article.photos.all().delete()
    for order, row in enumerate(rows, start=1):
        Photo.objects.create(article=article, order=order, **row)


def _new_article(page: Page | None) -> Article:
    if page is None:
        raise ServiceError(_("新建文章必须指定版面。"))
    last = page.articles.order_by("-order").values_list("order", flat=True).first() or 0
    return Article(page=page, order=last + 1, section=page.section)


def change_labels(changed: Sequence[str]) -> list[str]:
    """The Chinese names of changed parts (``bylines``, ``photos`` or an Article field)."""
    extra = {"bylines": Byline._meta.verbose_name, "photos": Photo._meta.verbose_name}
    return [str(extra.get(name) or Article._meta.get_field(name).verbose_name) for name in changed]


def _reason(created: bool, changed: list[str]) -> str:
    if created:
        return _("新建文章")
    return _("修改了%s") % "、".join(change_labels(changed))


def _content_changes(article: Article, fields: dict, bylines, photos) -> tuple[list[str], list | None, list | None]:
    """What ``fields``, ``bylines`` and ``photos`` would change, with the rows to write."""
    changed = _apply_fields(article, fields)
    byline_rows = None if bylines is None else _resolve_bylines(bylines)
    current = [] if article.pk is None else list(article.bylines.order_by("order", "id").select_related("person"))
    if byline_rows is not None and _byline_key(byline_rows) != [(b.person_id, b.role) for b in current]:
        changed.append("bylines")
    photo_rows = None
    if photos is not None:
        credited = byline_rows if byline_rows is not None else [(b.person, b.role) for b in current]
        photo_rows = _photo_rows(photos, [p for p, role in credited if role == Role.PHOTOGRAPHER])
        stored = [] if article.pk is None else _stored_photo_key(article)
        if _photo_key(photo_rows) != stored:
            changed.append("photos")
    return changed, byline_rows, photo_rows


def _set_status(article: Article, status: str | None) -> bool:
    if status is None or status == article.status:
        return False
    if status not in Status.values:
        raise ServiceError(_("未知的状态：%s") % status)
    if status == Status.PUBLISHED:
        article_publish(article=article)
    else:
        article_unpublish(article=article)
    return True


def article_save(
    *, article: Article | None = None, page: Page | None = None, fields: dict,
    bylines: Sequence[tuple[Person | str, str]] | None = None, photos: Sequence[PhotoInput] | None = None,
    status: str | None = None, user: AbstractBaseUser | None = None, comment: str = "",
) -> Saved:
    """Create (``page`` given, no ``article``) or correct an article in one transaction and one revision.

    ``fields`` holds any of :data:`EDITABLE_FIELDS`; ``bylines`` and
    ``photos``, when given, replace the credits (``(person or name, role)``
    in printed order) and the photos. A content change marks the article
    edited so re-imports keep it; ``status`` publishes or unpublishes it.
    Nothing that compares equal after normalising is a change.
    """
    created = article is None
    with transaction.atomic():
        article = _new_article(page) if created else article
        changed, byline_rows, photo_rows = _content_changes(article, fields, bylines, photos)
        if changed and not created:
            history.keep_original(article)
        with history.revision(user=user):
            _write(article, created, changed, byline_rows, photo_rows, status)
            history.set_reason(comment or _reason(created, changed))
    return Saved(article=article, changed=tuple(changed), created=created)


def _write(article: Article, created: bool, changed: list[str], byline_rows, photo_rows, status) -> None:
    """Store what :func:`_content_changes` found; ``changed`` gains "status" if the status changes."""
    if article.kind != Kind.PHOTO and not (article.headline or article.body):
        raise ServiceError(_("文章至少要有主标题或正文。"))
    if created and status == Status.PUBLISHED:
        article.status, article.published_at = Status.PUBLISHED, timezone.now()
    if created or changed:
        article.edited_at = timezone.now()
        article.save()
        if byline_rows is not None and (created or "bylines" in changed):
            _write_bylines(article, byline_rows)
        if photo_rows is not None and (created or "photos" in changed):
            _write_photos(article, photo_rows)
        search_index.articles_changed([article.pk])
    if not created and _set_status(article, status):
        changed.append("status")


def article_update(
    *, article: Article, fields: dict, bylines: Sequence[tuple[str, str]] | None = None,
    user: AbstractBaseUser | None = None,
) -> Article:
    """Apply an editor's correction to ``fields`` (and ``bylines``): :func:`article_save` on an existing article."""
    return article_save(article=article, fields=fields, bylines=bylines, user=user).article


def article_create(
    *, page: Page, fields: dict, bylines: Sequence[tuple[str, str]] = (), publish: bool = False,
    user: AbstractBaseUser | None = None,
) -> Article:
    """Add an article an editor typed in, after the page's last item."""
    status = Status.PUBLISHED if publish else Status.DRAFT
    return article_save(page=page, fields=fields, bylines=bylines, status=status, user=user).article


def article_revert(*, article: Article, version, user: AbstractBaseUser | None = None) -> Saved:
    """Bring back ``article``'s fields, bylines and photos as ``version`` (a reversion Version) recorded them.

    Saved like any correction: a new revision, the search index updated, the
    article marked edited. Publication status is left as it is now.
    """
    if version.content_type.model_class() is not Article or version.object_id != str(article.pk):
        raise ServiceError(_("这个版本不属于这篇文章。"))
    data = version.field_dict
    fields = {name: data[name] for name in EDITABLE_FIELDS if name != "section"}
    fields["section"] = article.section if data["section_id"] == article.section_id else _existing(
        Section, data["section_id"]
    )
    bylines = sorted(history.related_versions(version, Byline), key=lambda v: (v.field_dict["order"], int(v.object_id)))
    photos = sorted(history.related_versions(version, Photo), key=lambda v: (v.field_dict["order"], int(v.object_id)))
    when = timezone.localtime(version.revision.date_created).strftime("%Y-%m-%d %H:%M")
    return article_save(
        article=article, fields=fields,
        bylines=[(_existing(Person, v.field_dict["person_id"]), v.field_dict["role"]) for v in bylines],
        photos=[_photo_input(v.field_dict) for v in photos],
        user=user, comment=_("恢复到 %s 的版本") % when,
    )


def _photo_input(data: dict) -> PhotoInput:
    who = data["photographer_id"] and Person.objects.filter(pk=data["photographer_id"]).first()
    return PhotoInput(caption=data["caption"], credit=data["credit"], image=str(data["image"] or ""), photographer=who or None)


def _existing(model, pk):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ServiceError(_("这个版本引用的%s已被删除或合并，无法恢复。") % model._meta.verbose_name)
    return found
