"""History of the archive's content: every service write is one revision (django-reversion).

A service opens :func:`revision` (its transaction) with the editor and a short
reason; :mod:`archive.indexing` adds each article it re-indexes or removes to
the open revision, so history and search index are fed from the same hook and
cannot disagree. A write that changes nothing adds nothing, and an empty
revision is not saved. Nothing is recorded outside a revision (imports).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model
from django.utils.translation import gettext as _
from reversion.models import Version

from archive.models import Article, Byline, Issue, Page, Person, Photo, Section

reversion.register(Article, follow=("bylines", "photos"), exclude=("updated_at",))
reversion.register(Byline)
reversion.register(Photo)
reversion.register(Person)
reversion.register(Section)
reversion.register(Issue, exclude=("updated_at",))
reversion.register(Page, exclude=("updated_at",))


@contextmanager
def revision(*, user: AbstractBaseUser | None = None, comment: str = "") -> Iterator[None]:
    """One transaction that is saved as one revision by ``user`` with ``comment``.

    Nested inside another revision it joins it; the outer author and reason
    are kept unless this one names its own.
    """
    # Only what the services add explicitly: a bare save inside (e.g. an
    # import) would otherwise leave a half-written snapshot.
    with reversion.create_revision(manage_manually=True):
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        set_reason(comment)
        yield


def set_reason(comment: str) -> None:
    """Give the open revision its short reason, unless a caller already gave one."""
    if comment and reversion.is_active() and not reversion.get_comment():
        reversion.set_comment(comment)


def record(objects: Iterable[Model]) -> None:
    """Add ``objects`` as they are now (an article with its bylines and photos) to the open revision."""
    if not reversion.is_active():
        return
    for obj in objects:
        reversion.add_to_revision(obj)


def record_articles(article_ids: Iterable[int]) -> None:
    """Add these articles, read fresh, to the open revision (the indexing hooks call it)."""
    if reversion.is_active():
        record(Article.objects.filter(pk__in=list(article_ids)).prefetch_related("bylines", "photos"))


def snapshot(*, objects: Iterable[Model], user: AbstractBaseUser | None, comment: str) -> None:
    """Save ``objects`` as they are now in a revision of their own, before a delete removes them.

    reversion keeps only versions of rows that still exist when the revision
    is saved, so a delete's last version must be saved before the delete,
    and cannot join a revision still open around it.
    """
    if reversion.is_active():
        raise RuntimeError("snapshot() saves its own revision; call it outside revision()")
    with revision(user=user, comment=comment):
        record(objects)


def keep_original(article: Article) -> None:
    """Before an article's first recorded change, save it as stored (e.g. imported), so a revert can bring that back."""
    if reversion.is_active() or versions_of(article).exists():
        return
    stored = Article.objects.filter(pk=article.pk).prefetch_related("bylines", "photos")
    snapshot(objects=stored, user=None, comment=_("首次修改前的原样"))


def versions_of(obj: Model):
    """``obj``'s versions, newest first, with their revision (author, time, reason)."""
    return Version.objects.get_for_object(obj).select_related("revision__user")


def related_versions(version: Version, model: type[Model]) -> list[Version]:
    """The versions of ``model`` saved in the same revision as ``version`` (an article's bylines or photos)."""
    return list(version.revision.version_set.get_for_model(model))
