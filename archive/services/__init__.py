"""Every write to the archive goes through these functions.

The admin, the management commands and the API all call them, so the rules
(one transaction per operation, people matched by name, the search index kept
in step, editors' corrections protected from re-imports) live in one place.
Arguments are keyword-only. Failures raise :class:`ServiceError` subclasses
with a message fit to show an editor; nothing is half-written.
"""
from .corrections import clean_correction_note, correction_add, correction_update, correction_withdraw
from .editing import (
    EDITABLE_FIELDS,
    PhotoInput,
    Saved,
    article_create,
    article_revert,
    article_save,
    article_update,
    change_labels,
    normalise_text,
    validate_body,
)
from .errors import ImportRefused, ServiceError
from .imports import ImportResult, PageTooLarge, check_page_items, check_page_size, page_import
from .people import person_get_or_create, person_merge, person_save, section_get_or_create, section_save
from .review import article_mark_checked
from .status import (
    StatusChange,
    article_publish,
    article_unpublish,
    articles_set_status,
    issue_publish,
    issue_unpublish,
    page_publish,
    page_unpublish,
    scheduled_due_reindex,
)
from .structure import article_delete, articles_delete, issue_delete, page_delete

__all__ = [
    "EDITABLE_FIELDS", "ImportRefused", "ImportResult", "ServiceError",
    "PhotoInput", "Saved", "article_create", "article_delete", "article_mark_checked", "article_revert", "article_save",
    "articles_delete", "change_labels", "issue_delete", "normalise_text", "page_delete", "person_save", "section_save",
    "article_publish", "article_unpublish", "article_update", "articles_set_status",
    "StatusChange", "issue_publish", "issue_unpublish", "page_publish", "page_unpublish", "scheduled_due_reindex",
    "clean_correction_note", "correction_add", "correction_update", "correction_withdraw",
    "PageTooLarge", "check_page_items", "check_page_size",
    "page_import", "person_get_or_create", "person_merge", "section_get_or_create", "validate_body",
]
