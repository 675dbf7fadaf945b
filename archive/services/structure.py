"""Removing content: articles, whole pages and whole issues.

Each delete first saves what it removes as a revision of its own (author,
reason), so the history keeps the last version of every deleted row and an
editor can still see or recover it; then it deletes and drops the articles
from the search index, all in one transaction.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from archive.models import Article, Issue, Page
from archive.search.index import service as search_index

from . import history


def _delete(*, objects: list[Model], articles: list[Article], user: AbstractBaseUser | None, comment: str) -> None:
    history.snapshot(objects=[*objects, *articles], user=user, comment=comment)
    ids = [article.pk for article in articles]
    Article.objects.filter(pk__in=ids).delete()
    for obj in objects:
        obj.delete()
    search_index.articles_removed(ids)


@transaction.atomic
def articles_delete(*, articles: Iterable[Article], user: AbstractBaseUser | None = None) -> int:
    """Remove articles with their bylines and photos; returns how many were removed."""
    articles = list(articles)
    _delete(objects=[], articles=articles, user=user, comment=_("删除文章"))
    return len(articles)


def article_delete(*, article: Article, user: AbstractBaseUser | None = None) -> None:
    """Remove one article with its bylines and photos."""
    articles_delete(articles=[article], user=user)


@transaction.atomic
def page_delete(*, page: Page, user: AbstractBaseUser | None = None) -> None:
    """Remove a page (版) with every article on it."""
    articles = list(page.articles.all())
    _delete(objects=[page], articles=articles, user=user, comment=_("删除版面 %s") % page)


@transaction.atomic
def issue_delete(*, issue: Issue, user: AbstractBaseUser | None = None) -> None:
    """Remove a day's issue with all its pages and their articles."""
    pages = list(issue.pages.all())
    articles = list(Article.objects.filter(page__issue=issue))
    _delete(objects=[*pages, issue], articles=articles, user=user, comment=_("删除期次 %s") % issue)
