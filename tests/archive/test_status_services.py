"""Whole-issue and whole-page publishing, scheduling and the search index kept in step."""
import datetime as dt

import pytest
from django.utils import timezone

from archive import selectors, services
from archive.cache import current_generation
from archive.models import Article, Issue, Page, Status
from archive.search.index import service as search

pytestmark = pytest.mark.django_db

NEW_YEAR = dt.date(2025, 1, 2)  # 区县新闻, 第6版: several stories
HEADLINE = "荥阳举办新年音乐会"


def _found(words: str) -> set[int]:
    """Ids the public search finds for ``words`` (read through the index's public keys)."""
    results = search.search(words, queryset=selectors.articles())
    return {a.pk for a in results[0:100]}


def test_issue_unpublish_turns_every_story_into_a_draft_and_says_which(sample_pages):
    issue = Issue.objects.get(date=NEW_YEAR)
    before = list(Article.objects.filter(page__issue=issue).order_by("page__number", "order"))
    story = Article.objects.get(headline=HEADLINE)
    assert story.pk in _found(HEADLINE)

    change = services.issue_unpublish(issue=issue)

    assert [a.pk for a in change.articles] == [a.pk for a in before] and change.count == len(before)
    assert not Article.objects.filter(page__issue=issue, status=Status.PUBLISHED).exists()
    assert story.pk not in _found(HEADLINE)
    assert Article.objects.filter(page__issue__date=dt.date(2025, 1, 3), status=Status.PUBLISHED).exists()


def test_issue_publish_releases_the_drafts_only_and_a_second_run_changes_nothing(sample_pages):
    issue = Issue.objects.get(date=NEW_YEAR)
    story = Article.objects.get(headline=HEADLINE)
    services.article_unpublish(article=story)

    change = services.issue_publish(issue=issue)

    assert [a.pk for a in change.articles] == [story.pk]
    assert story.pk in _found(HEADLINE)
    story.refresh_from_db()
    assert story.published_at <= timezone.now()  # it keeps the time it first went public
    assert services.issue_publish(issue=issue).count == 0


def test_page_publish_changes_only_the_articles_the_editor_was_shown(sample_pages):
    page = Page.objects.get(issue__date=NEW_YEAR, number=6)
    services.page_unpublish(page=page)
    shown, *later = list(page.articles.order_by("order"))

    change = services.page_publish(page=page, only=[shown.pk])

    assert [a.pk for a in change.articles] == [shown.pk]
    assert set(Article.objects.published().filter(page=page)) == {shown}
    assert all(a.status == Status.DRAFT for a in Article.objects.filter(pk__in=[a.pk for a in later]))


def test_scheduled_issue_stays_hidden_until_its_time_then_the_command_indexes_it(sample_pages, clock, django_capture_on_commit_callbacks):
    issue = Issue.objects.get(date=NEW_YEAR)
    services.issue_unpublish(issue=issue)
    at = clock.moment + dt.timedelta(hours=2)

    change = services.issue_publish(issue=issue, at=at)

    assert change.scheduled and change.count == Article.objects.filter(page__issue=issue).count()
    story = Article.objects.get(headline=HEADLINE)
    assert story.status == Status.PUBLISHED and story.published_at == at
    assert not Article.objects.published().filter(page__issue=issue).exists()
    assert Article.objects.published(now=at).filter(page__issue=issue).count() == change.count
    assert story.pk not in _found(HEADLINE)
    clock.move_to(at - dt.timedelta(minutes=1))
    assert services.scheduled_due_reindex() == []

    clock.move_to(at + dt.timedelta(minutes=1))
    generation = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        due = services.scheduled_due_reindex()

    assert current_generation() != generation  # cached pages re-render with the stories now due
    assert sorted(due) == sorted(a.pk for a in change.articles)
    assert story.pk in _found(HEADLINE)
    assert services.scheduled_due_reindex() == []  # each only once


def test_publishing_a_scheduled_story_without_a_time_makes_it_public_now(sample_pages):
    story = Article.objects.get(headline=HEADLINE)
    services.article_publish(article=story, at=timezone.now() + dt.timedelta(days=1))
    assert not Article.objects.published().filter(pk=story.pk).exists()

    services.issue_publish(issue=story.page.issue)

    assert Article.objects.published().filter(pk=story.pk).exists()
    assert story.pk in _found(HEADLINE)


def test_unpublish_also_cancels_a_schedule(sample_pages):
    page = Page.objects.get(issue__date=NEW_YEAR, number=6)
    services.page_unpublish(page=page)
    services.page_publish(page=page, at=timezone.now() + dt.timedelta(hours=1))

    change = services.page_unpublish(page=page)

    assert change.count == page.articles.count()
    assert not Article.objects.published(now=timezone.now() + dt.timedelta(days=1)).filter(page=page).exists()


def test_a_time_without_time_zone_is_refused_and_nothing_changes(sample_pages):
    page = Page.objects.get(issue__date=NEW_YEAR, number=6)
    services.page_unpublish(page=page)
    with pytest.raises(services.ServiceError):
        services.page_publish(page=page, at=dt.datetime(2030, 1, 1, 8, 0))
    assert not Article.objects.filter(page=page, status=Status.PUBLISHED).exists()
