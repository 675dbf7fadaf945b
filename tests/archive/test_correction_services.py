"""Corrections (更正): adding, rewording and withdrawing a public note through the services."""
import datetime as dt

import pytest

from archive import services
from archive.models import Article, Correction
from archive.search.index.service import search_articles

pytestmark = pytest.mark.django_db

HEADLINE = "金水区吹响奋进「冲锋号」"
NOTE = "本文原将记者“党贺喜”误作“党贺禧”，已更正。"


@pytest.fixture
def article(sample_pages):
    return Article.objects.get(headline=HEADLINE)


def test_adding_a_correction_records_note_time_and_editor(article, editor):
    correction = services.correction_add(article=article, note=NOTE, user=editor)
    stored = Correction.objects.get(pk=correction.pk)
    assert (stored.article, stored.note, stored.created_by) == (article, NOTE, editor)
    assert stored.published_at is not None and stored.created_at is not None


def test_a_correction_counts_as_a_change_of_the_article_but_not_as_an_edit(article, editor):
    before = article.updated_at
    services.correction_add(article=article, note=NOTE, user=editor)
    article.refresh_from_db()
    assert article.updated_at > before
    assert article.edited_at is None


def test_the_note_is_trimmed_and_line_ends_normalised(article, editor):
    correction = services.correction_add(article=article, note="  本文原将“王磊”误作“王雷”。\r\n已更正。  ", user=editor)
    assert correction.note == "本文原将“王磊”误作“王雷”。\n已更正。"


@pytest.mark.parametrize("note", ["", "   \r\n  ", "更" * 1001])
def test_an_empty_or_overlong_note_is_refused_and_nothing_is_written(article, editor, note):
    before = article.updated_at
    with pytest.raises(services.ServiceError):
        services.correction_add(article=article, note=note, user=editor)
    article.refresh_from_db()
    assert not Correction.objects.exists()
    assert article.updated_at == before


def test_rewording_keeps_the_published_time_and_touches_the_article(article, editor):
    at = dt.datetime(2023, 2, 17, 9, 30, tzinfo=dt.timezone.utc)
    correction = services.correction_add(article=article, note=NOTE, user=editor, at=at)
    before = Article.objects.get(pk=article.pk).updated_at
    services.correction_update(correction=correction, note="本文原将“党贺喜”误作“党贺禧”，特此更正。")
    correction.refresh_from_db()
    assert correction.note == "本文原将“党贺喜”误作“党贺禧”，特此更正。"
    assert correction.published_at == at
    assert Article.objects.get(pk=article.pk).updated_at > before


def test_withdrawing_removes_the_note_and_touches_the_article(article, editor):
    correction = services.correction_add(article=article, note=NOTE, user=editor)
    before = Article.objects.get(pk=article.pk).updated_at
    services.correction_withdraw(correction=correction)
    assert not Correction.objects.exists()
    assert Article.objects.get(pk=article.pk).updated_at > before


def test_search_still_finds_the_article_after_a_correction(article, editor):
    services.correction_add(article=article, note=NOTE, user=editor)
    found = search_articles("冲锋号", queryset=Article.objects.published())
    assert article in found
    assert not search_articles("党贺禧", queryset=Article.objects.all()).exists()  # the note is not indexed


def test_public_corrections_leave_out_drafts(article, editor):
    services.correction_add(article=article, note=NOTE, user=editor)
    assert Correction.objects.public().count() == 1
    services.article_unpublish(article=article)
    assert not Correction.objects.public().exists()


def test_a_corrected_page_is_not_replaced_by_a_re_import(article, editor, sample_dir):
    services.correction_add(article=article, note=NOTE, user=editor)
    text = (sample_dir / "001_e2ee4c39575207b8.txt").read_text(encoding="utf-8")
    with pytest.raises(services.ImportRefused, match=HEADLINE):
        services.page_import(date=dt.date(2023, 2, 16), page_number=6, page_name="区县新闻",
                             section_name="区县新闻", text=text + "\n", source_name="001_e2ee4c39575207b8.txt")
    assert Correction.objects.filter(article=article).exists()
