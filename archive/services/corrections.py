"""Corrections (更正): the public notes editors add when they fix a published story."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import Article, Correction

from .errors import ServiceError

NOTE_MAX = 1000


def clean_correction_note(note: str) -> str:
    # Browsers post CRLF; stored notes use plain line ends so unchanged forms compare equal.
    text = "\n".join(line.strip() for line in (note or "").replace("\r\n", "\n").split("\n")).strip()
    if not text:
        raise ServiceError(_("更正说明不能为空。"))
    if len(text) > NOTE_MAX:
        raise ServiceError(_("更正说明最多 %d 个字。") % NOTE_MAX)
    return text


def _touch(article: Article) -> None:
    """Count the change as a change of the article.

    Feeds, sitemaps, JSON-LD ``dateModified`` and the site's ETags read
    ``updated_at``, so a new note reaches readers behind caches. ``edited_at``
    stays: the text did not change (a re-import is refused anyway while the
    article has corrections, see ``imports``). The search index holds neither
    notes nor times, so it needs no update.
    """
    article.save(update_fields=["updated_at"])


@transaction.atomic
def correction_add(
    *, article: Article, note: str, user: AbstractBaseUser | None, at: dt.datetime | None = None
) -> Correction:
    """Publish a correction note under ``article`` (shown with its time, ``at`` or now)."""
    correction = Correction.objects.create(
        article=article, note=clean_correction_note(note), published_at=at or timezone.now(), created_by=user
    )
    _touch(article)
    return correction


@transaction.atomic
def correction_update(*, correction: Correction, note: str) -> Correction:
    """Reword a correction's note; its time stays, as readers were told it then."""
    cleaned = clean_correction_note(note)
    if cleaned != correction.note:
        correction.note = cleaned
        correction.save(update_fields=["note"])
        _touch(correction.article)
    return correction


@transaction.atomic
def correction_withdraw(*, correction: Correction) -> None:
    """Remove a correction added by mistake (a wrong note is reworded instead)."""
    article = correction.article
    correction.delete()
    _touch(article)
