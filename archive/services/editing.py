"""Editors' corrections: article fields, bylines and photos changed by hand."""
from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import indexing
from archive.models import Article, Byline, Kind, Page, Role, Status

from .errors import ServiceError
from .imports import create_photos
from .people import person_get_or_create

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



@transaction.atomic
def article_photos_replace(*, article: Article, photos: Sequence[tuple[str, str]]) -> Article:
    """Replace ``article``'s photos with ``(caption, credit)`` pairs in printed order.

    Each credit is linked to the article's photographer credited in it, as on
    import. Marks the article edited so re-imports keep the change.
    """
    people = [b.person for b in article.bylines.select_related("person").filter(role=Role.PHOTOGRAPHER)]
    article.photos.all().delete()
    create_photos(article, photos, people)
    article.edited_at = timezone.now()
    article.save(update_fields=["edited_at", "updated_at"])
    indexing.articles_changed([article.pk])
    return article
