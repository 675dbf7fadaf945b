"""People and sections: found by name, created once, merged."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from archive import indexing
from archive.models import Byline, Person, Photo, Section
from archive.slugs import unique_slug

from .errors import ServiceError


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
