"""Write services: the sample import matches the gold answers, re-imports are
idempotent, editors' corrections are protected, people merge, status changes."""
import datetime as dt

import pytest
from django.utils import timezone

from archive import services
from archive.models import Article, Byline, Issue, Kind, Page, Person, Photo, Role, Status
from archive_test_helpers import gold_pages

pytestmark = pytest.mark.django_db


def _counts():
    return {m.__name__: m.objects.count() for m in (Issue, Page, Article, Byline, Person, Photo)}


def _reimport(sample_dir, entry, *, text=None, force=False):
    return services.page_import(
        date=dt.date.fromisoformat(entry["date"]),
        page_number=entry["page"],
        page_name=entry["name"],
        section_name=entry.get("section"),
        text=text if text is not None else (sample_dir / entry["file"]).read_text(encoding="utf-8"),
        source_name=entry["file"],
        force=force,
    )


def test_sample_import_creates_exactly_the_gold_structure(sample_pages, sample_manifest):
    gold = gold_pages()
    assert Issue.objects.count() == 5 and Page.objects.count() == 5
    assert Article.objects.count() == sum(len(g["articles"]) for g in gold.values()) == 30
    assert Article.objects.filter(kind=Kind.PHOTO).count() == 3
    expected_people = {b["name"] for g in gold.values() for a in g["articles"] for b in a["bylines"]}
    assert set(Person.objects.values_list("name", flat=True)) == expected_people
    assert Person.objects.count() == len(expected_people)
    for entry in sample_manifest["pages"]:
        page = Page.objects.get(issue__date=entry["date"], number=entry["page"])
        assert page.name == entry["name"] and page.section.name == entry["section"]
        for article, want in zip(page.articles.order_by("order"), gold[entry["file"]]["articles"], strict=True):
            assert (article.kind, article.headline or None) == (want["kind"], want["headline"])
            credits = [(b.person.name, b.role) for b in article.bylines.order_by("order")]
            assert credits == [(b["name"], b["role"]) for b in want["bylines"]]
            assert article.photos.count() == len(want["photos"])
            assert article.status == Status.PUBLISHED


def test_photographer_credit_links_the_photo_to_the_person(sample_pages):
    photo = Photo.objects.get(article__kind=Kind.PHOTO, credit__contains="王恩俊")
    assert photo.photographer.name == "王恩俊"


def test_reimporting_the_same_pages_changes_nothing(sample_pages, sample_dir, sample_manifest):
    before = _counts()
    ids = list(Article.objects.order_by("pk").values_list("pk", "updated_at"))
    people = list(Person.objects.order_by("pk").values_list("pk", "name"))
    results = [_reimport(sample_dir, e) for e in sample_manifest["pages"]]
    assert all(r.unchanged and not r.created for r in results)
    assert _counts() == before
    assert list(Article.objects.order_by("pk").values_list("pk", "updated_at")) == ids
    assert list(Person.objects.order_by("pk").values_list("pk", "name")) == people


def test_changed_text_replaces_an_unedited_page(sample_pages, sample_dir, sample_manifest):
    entry = sample_manifest["pages"][0]
    text = (sample_dir / entry["file"]).read_text(encoding="utf-8")
    result = _reimport(sample_dir, entry, text=text + "\n")
    assert not result.unchanged and result.articles == 4
    assert Article.objects.filter(page=result.page).count() == 4


def test_same_text_under_a_new_page_name_is_applied_not_skipped(sample_pages, sample_dir, sample_manifest):
    entry = {**sample_manifest["pages"][1], "name": "县域经济"}
    result = _reimport(sample_dir, entry)
    assert not result.unchanged
    assert Page.objects.get(pk=result.page.pk).name == "县域经济"


def test_edited_article_makes_reimport_refuse_and_force_replace(sample_pages, sample_dir, sample_manifest):
    entry = sample_manifest["pages"][2]
    page = Page.objects.get(issue__date=entry["date"], number=entry["page"])
    article = page.articles.get(order=1)
    services.article_update(article=article, fields={"headline": "锚定“两区一枢纽”目标（更正）"})
    before = _counts()
    text = (sample_dir / entry["file"]).read_text(encoding="utf-8") + "\n"
    with pytest.raises(services.ImportRefused, match="锚定"):
        _reimport(sample_dir, entry, text=text)
    assert _counts() == before
    article.refresh_from_db()
    assert article.headline == "锚定“两区一枢纽”目标（更正）"
    _reimport(sample_dir, entry, text=text, force=True)
    fresh = page.articles.get(order=1)
    assert fresh.headline == "锚定“两区一枢纽”目标 推进“再造新经开”起势成势" and fresh.edited_at is None
    assert not Article.objects.filter(pk=article.pk).exists()


@pytest.mark.parametrize(("number", "text"), [(0, "本报讯 …"), (-3, "本报讯 …"), (5, "   \n ")])
def test_page_import_rejects_bad_page_number_and_empty_text(number, text):
    with pytest.raises(services.ServiceError):
        services.page_import(date=dt.date(2025, 1, 3), page_number=number, page_name="逐新2025", text=text)
    assert Issue.objects.count() == 0


def test_person_merge_moves_credits_and_deletes_the_duplicate(sample_pages):
    target = Person.objects.get(name="覃岩峰")
    article = target.bylines.first().article
    duplicate = Person.objects.create(name="覃岩峰", slug="qin-yan-feng-2")
    Byline.objects.create(article=article, person=duplicate, role=Role.REPORTER, order=9)
    other = Article.objects.exclude(bylines__person=target).first()
    Byline.objects.create(article=other, person=duplicate, role=Role.CORRESPONDENT, order=9)
    credits = target.bylines.count()
    services.person_merge(source=duplicate, target=target)
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert target.bylines.count() == credits + 1
    assert article.bylines.filter(person=target, role=Role.REPORTER).count() == 1


def test_person_cannot_be_merged_into_itself(sample_pages):
    person = Person.objects.get(name="马燕")
    with pytest.raises(services.ServiceError):
        services.person_merge(source=person, target=person)


def test_unpublish_then_publish_keeps_the_print_date(sample_pages):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    printed = article.published_at
    assert printed.astimezone(timezone.get_current_timezone()).date() == dt.date(2025, 1, 2)
    services.article_unpublish(article=article)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    services.article_publish(article=article)
    article.refresh_from_db()
    assert article.is_published and article.published_at == printed


def test_articles_set_status_changes_each_article(sample_pages):
    articles = Article.objects.filter(page__issue__date=dt.date(2021, 7, 23))
    assert services.articles_set_status(articles=articles, publish=False) == 4
    assert Article.objects.published().count() == 26


def test_article_update_marks_the_article_edited_and_replaces_bylines(sample_pages):
    article = Article.objects.get(headline="新年登高展风采")
    services.article_update(
        article=article,
        fields={"body": [{"type": "subhead", "text": "登高望远"}, {"type": "paragraph", "text": " 新年第一天，市民登山祈福。 "}]},
        bylines=[("刘超峰", Role.REPORTER), ("乔阳", Role.PHOTOGRAPHER)],
    )
    article.refresh_from_db()
    assert article.edited_at is not None
    assert article.body[1] == {"type": "paragraph", "text": "新年第一天，市民登山祈福。"}
    assert [(b.person.name, b.role) for b in article.bylines.order_by("order")] == [
        ("刘超峰", "reporter"), ("乔阳", "photographer")
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"body": "荥阳举办新年音乐会"},
        {"body": [{"type": "quote", "text": "新年快乐"}]},
        {"body": [{"type": "paragraph", "text": "  "}]},
        {"status": "published"},
        {"headline": "", "body": []},
        {"kind": "video"},
        {"headline": "荥阳" * 151},
        {"dateline": "本报讯" * 17},
    ],
)
def test_article_update_rejects_bad_fields_and_changes_nothing(sample_pages, fields):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    body = article.body
    with pytest.raises(services.ServiceError):
        services.article_update(article=article, fields=fields)
    article.refresh_from_db()
    assert article.body == body and article.edited_at is None and article.headline == "荥阳举办新年音乐会"


def test_article_update_rejects_an_unknown_role_without_losing_credits(sample_pages):
    article = Article.objects.get(headline="荥阳举办新年音乐会")
    with pytest.raises(services.ServiceError):
        services.article_update(article=article, fields={}, bylines=[("史治国", "editor")])
    assert article.bylines.count() == 2


def _page_entry(manifest, date):
    return next(e for e in manifest["pages"] if e["date"] == date)


@pytest.mark.parametrize(("bio", "kept"), [("", False), ("摄影记者，长期关注城市夜景。", True)])
def test_reimport_drops_people_left_without_any_credit_unless_an_editor_wrote_about_them(
    sample_pages, sample_dir, sample_manifest, bio, kept
):
    entry = _page_entry(sample_manifest, "2025-01-03")
    Person.objects.filter(name="唐善普").update(bio=bio)
    text = (sample_dir / entry["file"]).read_text(encoding="utf-8").replace("唐善普", "唐善新")
    result = _reimport(sample_dir, entry, text=text, force=True)
    assert Person.objects.filter(name="唐善普").exists() is kept
    assert result.people_removed == ([] if kept else ["唐善普"])
    assert Person.objects.filter(name="唐善新").exists() and Person.objects.filter(name="郭晓光").exists()
