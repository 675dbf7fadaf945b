"""Saving an unchanged article changes nothing; real changes are versions an editor can diff and revert."""
import pytest
from django.urls import reverse

from archive import services
from archive.admin.history import version_diff
from archive.models import Article
from archive.services import history
from test_admin_writes import form_data, public_hits

pytestmark = pytest.mark.django_db

HEADLINE = "荥阳举办新年音乐会"


@pytest.fixture
def concert(sample_pages) -> Article:
    return Article.objects.get(headline=HEADLINE)


def test_body_posted_with_crlf_and_padded_titles_is_no_edit(concert):
    body = [{"type": b["type"], "text": f"  {b['text']}\r\n"} for b in concert.body]
    saved = services.article_save(article=concert, fields={"body": body, "headline": f" {HEADLINE}\r\n"})
    concert.refresh_from_db()
    assert saved.changed == () and concert.edited_at is None and not history.versions_of(concert).exists()


def test_saving_the_admin_form_unchanged_changes_nothing_and_reimport_still_works(client, editor, concert, sample_manifest, sample_dir):
    client.force_login(editor)
    url = reverse("admin:archive_article_change", args=[concert.pk])
    data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in form_data(client, url).items()}
    assert "\r\n" in data["body_text"]
    assert client.post(url, data).status_code == 302
    concert.refresh_from_db()
    assert concert.edited_at is None and not history.versions_of(concert).exists()
    entry = next(e for e in sample_manifest["pages"] if e["date"] == str(concert.page.issue.date) and e["page"] == concert.page.number)
    text = (sample_dir / entry["file"]).read_text(encoding="utf-8") + "\n"
    result = services.page_import(date=concert.page.issue.date, page_number=entry["page"], page_name=entry["name"],
                                  section_name=entry.get("section"), text=text)
    assert not result.unchanged


def test_an_edit_records_the_editor_and_reason_and_diffs_field_by_field(concert, editor):
    services.article_save(article=concert, fields={"headline": "荥阳举办2025新年音乐会"}, user=editor)
    body = [*concert.body, {"type": "paragraph", "text": "音乐会在欢快的《拉德茨基进行曲》中落幕。"}]
    services.article_save(article=concert, fields={"body": body}, user=editor, comment="补上结尾一段")
    newest, middle, first = history.versions_of(concert)
    assert first.revision.comment == "首次修改前的原样" and first.field_dict["headline"] == HEADLINE
    assert middle.revision.comment == "修改了主标题" and middle.revision.user == editor
    assert newest.revision.comment == "补上结尾一段"
    rows = {row["label"]: row["lines"] for row in version_diff(first, newest)}
    assert set(rows) == {"主标题", "正文"}
    assert ("-", HEADLINE) in rows["主标题"] and ("+", "荥阳举办2025新年音乐会") in rows["主标题"]
    assert ("+", "音乐会在欢快的《拉德茨基进行曲》中落幕。") in rows["正文"]


def test_revert_brings_back_text_bylines_and_photos_and_updates_search(concert, editor):
    bylines = [(b.person.name, b.role) for b in concert.bylines.all()]
    services.article_save(article=concert, fields={"headline": "荥阳举办迎春灯会"}, bylines=[("王磊", "reporter")],
                          photos=[], user=editor)
    assert concert.pk in public_hits("迎春灯会")
    original = history.versions_of(concert).last()
    services.article_revert(article=concert, version=original, user=editor)
    concert.refresh_from_db()
    assert concert.headline == HEADLINE and [(b.person.name, b.role) for b in concert.bylines.all()] == bylines
    assert concert.pk not in public_hits("迎春灯会") and concert.pk in public_hits("新年音乐会")
    assert history.versions_of(concert).first().revision.comment.startswith("恢复到")


def test_a_version_of_another_article_cannot_be_reverted_onto_this_one(concert, editor):
    other = Article.objects.exclude(pk=concert.pk).first()
    services.article_save(article=other, fields={"headline": "另一篇"}, user=editor)
    with pytest.raises(services.ServiceError):
        services.article_revert(article=concert, version=history.versions_of(other).first(), user=editor)
