"""People and sections: found by name, created once, merged."""
from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from archive.models import Byline, Person, Photo, Section
from archive.search.index import service as search_index
from archive.slugs import unique_slug

from . import history
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


def _credited_articles(person: Person) -> set[int]:
    bylines = Byline.objects.filter(person=person).values_list("article_id", flat=True)
    return set(bylines) | set(Photo.objects.filter(photographer=person).values_list("article_id", flat=True))


def _save_named(obj: Model, fields: dict, allowed: tuple[str, ...]) -> None:
    """Set ``fields`` on a person or section; an empty slug is made from the name's pinyin."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ServiceError(_("不能修改这些字段：%s") % "、".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(obj, name, (value or "").strip())
    if not obj.name:
        raise ServiceError(_("名称不能为空。"))
    obj.slug = obj.slug or unique_slug(type(obj), obj.name)
    obj.save()
    history.record([obj])


def person_save(*, person: Person | None = None, fields: dict, user: AbstractBaseUser | None = None) -> Person:
    """Create or edit a person (``name``, ``slug``, ``bio``) in one transaction and revision.

    A rename re-indexes every article crediting the person: credited names are searchable.
    """
    person = person or Person()
    if "name" in fields:
        fields = {**fields, "name": "".join((fields["name"] or "").split())}
    with history.revision(user=user, comment=_("修改人物") if person.pk else _("新建人物")):
        renamed = person.pk is not None and fields.get("name", person.name) != person.name
        _save_named(person, fields, ("name", "slug", "bio"))
        if renamed:
            search_index.articles_changed(_credited_articles(person))
    return person


def section_save(*, section: Section | None = None, fields: dict, user: AbstractBaseUser | None = None) -> Section:
    """Create or edit a section (``name``, ``slug``, ``description``) in one transaction and revision."""
    section = section or Section()
    with history.revision(user=user, comment=_("修改栏目") if section.pk else _("新建栏目")):
        _save_named(section, fields, ("name", "slug", "description"))
    return section


@transaction.atomic
def person_merge(*, source: Person, target: Person, user: AbstractBaseUser | None = None) -> Person:
    """Move every credit of ``source`` to ``target`` and delete ``source``.

    ``source`` is kept in the history as it was before the merge.
    """
    if source.pk == target.pk:
        raise ServiceError(_("不能把人物合并到自己。"))
    reason = _("把“%(source)s”合并到“%(target)s”") % {"source": source.name, "target": target.name}
    history.snapshot(objects=[source], user=user, comment=reason)
    with history.revision(user=user, comment=reason):
        for byline in Byline.objects.filter(person=source):
            if Byline.objects.filter(article=byline.article_id, person=target, role=byline.role).exists():
                byline.delete()
            else:
                byline.person = target
                byline.save(update_fields=["person"])
        Photo.objects.filter(photographer=source).update(photographer=target)
        source.delete()
        history.record([target])
        search_index.articles_changed(_credited_articles(target))
    return target
