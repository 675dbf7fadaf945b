"""Byline lines printed the way the paper prints them.

``本报讯(记者 刘伟平 景静)``: roles grouped in the order they were first
printed, each role's people after it; ``文/图`` when the writers also took
the pictures. A stand-alone picture keeps its printed credit
(``本报记者 王恩俊 摄``) and falls back to one built from its bylines.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

from archive.models import Kind, Role

register = template.Library()

ROLE_LABELS = {
    Role.REPORTER: "记者",
    Role.CORRESPONDENT: "通讯员",
    Role.PHOTOGRAPHER: "摄影",
    Role.INTERN: "实习生",
}


@dataclass(frozen=True)
class Part:
    """A piece of a byline line: plain ``text``, or a ``person`` to link."""

    text: str
    person: object = None


def byline_parts(bylines: Iterable, *, dateline: str = "", photo_by_byline: bool = False) -> list[Part]:
    """The byline line as parts, e.g. 本报讯 ( 记者 [刘伟平] [景静] 通讯员 [乔阳] 文/图 ).

    ``bylines`` are objects with ``role`` and ``person`` (with ``name``) in
    printed order. No bylines and no dateline give no parts.
    """
    groups: dict[str, list] = {}
    for byline in bylines:
        groups.setdefault(byline.role, []).append(byline.person)
    words: list[Part] = []
    for role, people in groups.items():
        words.append(Part(ROLE_LABELS.get(role, role)))
        words.extend(Part(person.name, person) for person in people)
    if photo_by_byline and words:
        words.append(Part("文/图"))
    spaced: list[Part] = []
    for i, word in enumerate(words):
        if i:
            spaced.append(Part(" "))
        spaced.append(word)
    if dateline and spaced:
        return [Part(dateline + "("), *spaced, Part(")")]
    return [Part(dateline)] if dateline else spaced


def byline_text(bylines: Iterable, *, dateline: str = "", photo_by_byline: bool = False) -> str:
    """:func:`byline_parts` as one plain string: ``本报讯(记者 刘伟平 景静)``."""
    return "".join(p.text for p in byline_parts(bylines, dateline=dateline, photo_by_byline=photo_by_byline))


def photo_credit_parts(photo, bylines: Iterable = ()) -> list[Part]:
    """A picture's credit: as printed, its photographer linked; else ``本报记者 X 摄`` from the bylines."""
    if photo.credit:
        person = photo.photographer
        if person is not None and person.name in photo.credit:
            before, _sep, after = photo.credit.partition(person.name)
            return [p for p in (Part(before), Part(person.name, person), Part(after)) if p.text]
        return [Part(photo.credit)]
    people = [b.person for b in bylines if b.role == Role.PHOTOGRAPHER]
    if not people:
        return []
    parts: list[Part] = [Part(_("本报记者") + " ")]
    for i, person in enumerate(people):
        parts.extend([Part(" ")] if i else [])
        parts.append(Part(person.name, person))
    return [*parts, Part(" " + _("摄"))]


@register.simple_tag
def article_byline(article) -> list[Part]:
    """Byline parts of a story; a stand-alone picture's credit lives with its photo."""
    if article.kind == Kind.PHOTO:
        return []
    # A photographer credited under their own picture is printed there, not
    # in the story's byline (郭晓光/图 under the photo, 记者 唐善普 above).
    pictured = {photo.photographer_id for photo in article.photos.all() if photo.credit}
    bylines = [
        b for b in article.bylines.all() if not (b.role == Role.PHOTOGRAPHER and b.person_id in pictured)
    ]
    return byline_parts(bylines, dateline=article.dateline, photo_by_byline=article.photo_by_byline)


@register.simple_tag
def photo_credit(photo, article) -> list[Part]:
    return photo_credit_parts(photo, article.bylines.all() if article.kind == Kind.PHOTO else ())
