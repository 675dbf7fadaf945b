"""Corrections in the admin: listed on the article's change page, added and withdrawn through the services."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from archive import services
from archive.models import Article, Correction
from archive_test_helpers import admin_post_data

pytestmark = pytest.mark.django_db

HEADLINE = "金水区吹响奋进「冲锋号」"
NOTE = "本文原将记者“党贺喜”误作“党贺禧”，已更正。"


@pytest.fixture
def article():
    return Article.objects.get(headline=HEADLINE)


def test_article_change_page_links_to_adding_a_correction_for_it(staff, article):
    html = staff.get(reverse("admin:archive_article_change", args=[article.pk])).content.decode()
    assert f'{reverse("admin:archive_correction_add")}?article={article.pk}' in html
    assert "添加更正" in html


def test_the_add_form_starts_with_the_article_filled_in(staff, article):
    response = staff.get(reverse("admin:archive_correction_add"), {"article": article.pk})
    assert response.context["adminform"].form.initial["article"] == str(article.pk)


def test_adding_a_correction_goes_through_the_service_and_returns_to_the_article(staff, editor, article, monkeypatch):
    calls = []
    real = services.correction_add
    monkeypatch.setattr(services, "correction_add", lambda **kw: calls.append(kw) or real(**kw))
    response = staff.post(reverse("admin:archive_correction_add") + f"?article={article.pk}",
                          {"article": article.pk, "note": NOTE + "\r\n"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:archive_article_change", args=[article.pk])
    assert [c["user"] for c in calls] == [editor]
    correction = Correction.objects.get()
    assert (correction.article, correction.note, correction.created_by) == (article, NOTE, editor)
    page = staff.get(response["Location"]).content.decode()
    assert NOTE in page and "已添加更正" in page


def test_an_empty_note_is_refused_on_the_form(staff, article):
    response = staff.post(reverse("admin:archive_correction_add"), {"article": article.pk, "note": "  \r\n "})
    assert response.status_code == 200
    assert not Correction.objects.exists()


def test_saving_the_article_unchanged_leaves_its_corrections_and_edit_time_alone(staff, editor, article):
    services.correction_add(article=article, note=NOTE, user=editor)
    url = reverse("admin:archive_article_change", args=[article.pk])
    response = staff.post(url, admin_post_data(staff.get(url)))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.edited_at is None
    assert Correction.objects.filter(article=article).count() == 1


def test_rewording_a_correction_goes_through_the_service(staff, editor, article):
    correction = services.correction_add(article=article, note=NOTE, user=editor)
    url = reverse("admin:archive_correction_change", args=[correction.pk])
    staff.post(url, {"note": "本文原将“党贺喜”误作“党贺禧”，特此更正。"})
    correction.refresh_from_db()
    assert correction.note == "本文原将“党贺喜”误作“党贺禧”，特此更正。"
    assert correction.article == article


def test_withdrawing_from_the_list_and_the_delete_page_go_through_the_service(staff, editor, article, monkeypatch):
    first = services.correction_add(article=article, note=NOTE, user=editor)
    second = services.correction_add(article=article, note="本文原将“王磊”误作“王雷”，已更正。", user=editor)
    calls = []
    real = services.correction_withdraw
    monkeypatch.setattr(services, "correction_withdraw", lambda **kw: calls.append(kw["correction"].pk) or real(**kw))
    staff.post(reverse("admin:archive_correction_changelist"), {"action": "withdraw", ACTION_CHECKBOX_NAME: [first.pk]})
    staff.post(reverse("admin:archive_correction_delete", args=[second.pk]), {"post": "yes"})
    assert calls == [first.pk, second.pk]
    assert not Correction.objects.exists()


def test_the_list_offers_no_bulk_delete_that_skips_the_service(staff):
    actions = staff.get(reverse("admin:archive_correction_changelist")).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in actions]


def test_the_add_article_page_has_no_corrections_inline(staff):
    html = staff.get(reverse("admin:archive_article_add")).content.decode()
    assert "corrections-TOTAL_FORMS" not in html
