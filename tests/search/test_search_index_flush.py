"""The search index follows ``manage.py flush``: no rows of deleted stories survive it."""
import io

import pytest
from django.core.management import call_command

from archive.models import Article
from archive.search.index import service

pytestmark = pytest.mark.django_db(transaction=True)


def test_flush_empties_the_search_index_with_the_articles(sample_pages):
    assert Article.objects.exists() and service.backend().indexed_ids_after(0, 1)
    call_command("flush", interactive=False, verbosity=0, stdout=io.StringIO())
    assert not Article.objects.exists()
    assert service.backend().indexed_ids_after(0, 1) == []


def test_migrate_keeps_the_index_of_an_archive_that_has_stories(sample_pages):
    before = service.backend().indexed_ids_after(0, 10_000)
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    assert before and service.backend().indexed_ids_after(0, 10_000) == before
