"""The review queue for parser warnings: import fills it, marking checked empties it,
and a re-import brings back only the items whose parse changed."""
import copy
import datetime as dt

import pytest

from archive import services
from archive.ingest import ParsedArticle, ParsedPage
from archive.ingest.schema import ParseWarning
from archive.models import Article

pytestmark = pytest.mark.django_db

FILE = "001_e2ee4c39575207b8.txt"
DENGFENG = "现代汽车集团来登封 洽谈氢能源产业项目"


@pytest.fixture
def page_text(sample_dir):
    return (sample_dir / FILE).read_text(encoding="utf-8")


def _import(text, *, force=False):
    return services.page_import(
        date=dt.date(2023, 2, 16), page_number=6, page_name="区县新闻", section_name="区县新闻",
        text=text, source_name=FILE, force=force,
    )


@pytest.fixture
def page(page_text):
    page = _import(page_text).page
    assert page.articles.needs_review().count() >= 1, "the sample page should give the parser something to check"
    return page


def _queue(page) -> set[str]:
    return set(page.articles.needs_review().values_list("headline", flat=True))


def _checked(page) -> set[str]:
    return set(page.articles.reviewed().values_list("headline", flat=True))


def _check_all(page, editor) -> set[str]:
    titles = _queue(page)
    assert services.article_mark_checked(articles=page.articles.all(), user=editor) == len(titles)
    return titles


def test_import_stores_the_warning_count_and_queues_every_item_with_warnings(sample_pages):
    for article in Article.objects.all():
        assert article.warning_count == len(article.warnings)
    assert set(Article.objects.needs_review()) == set(Article.objects.exclude(warnings=[]))


def test_marking_checked_records_the_editor_and_time_and_leaves_the_queue(page, editor):
    article = page.articles.needs_review().first()
    updated = article.updated_at
    assert services.article_mark_checked(articles=[article], user=editor) == 1
    article.refresh_from_db()
    assert article.checked_by == editor and article.checked_at is not None
    # Feeds, sitemaps and the site's caches read updated_at as "the printed text changed".
    assert article.updated_at == updated
    assert article.headline not in _queue(page) and _checked(page) == {article.headline}


def test_marking_checked_passes_over_items_without_open_warnings(page, editor, django_user_model):
    quiet = page.articles.filter(warnings=[]).first()
    flagged = page.articles.needs_review().first()
    services.article_mark_checked(articles=[flagged], user=editor)
    first = Article.objects.get(pk=flagged.pk).checked_at
    chief = django_user_model.objects.create_user("chief", is_staff=True)
    assert services.article_mark_checked(articles=[quiet, flagged], user=chief) == 0
    assert Article.objects.get(pk=quiet.pk).checked_at is None
    again = Article.objects.get(pk=flagged.pk)
    assert (again.checked_by, again.checked_at) == (editor, first)


def test_a_deleted_editor_leaves_the_item_checked(page, editor):
    titles = _check_all(page, editor)
    editor.delete()
    assert _queue(page) == set() and _checked(page) == titles
    assert not page.articles.filter(checked_by__isnull=False).exists()


def test_reimporting_the_same_page_keeps_the_checks(page, page_text, editor):
    titles = _check_all(page, editor)
    assert _import(page_text).unchanged
    assert _queue(page) == set() and _checked(page) == titles


def test_forced_reimport_recreates_the_items_and_carries_their_checks(page, page_text, editor):
    titles = _check_all(page, editor)
    before = {a.headline: (a.pk, a.checked_at) for a in page.articles.reviewed()}
    _import(page_text, force=True)
    after = {a.headline: (a.pk, a.checked_at) for a in page.articles.reviewed()}
    assert set(after) == titles
    for title, (pk, checked_at) in after.items():
        assert pk != before[title][0] and checked_at == before[title][1]
    assert set(page.articles.reviewed().values_list("checked_by", flat=True)) == {editor.pk}


def test_changed_text_in_one_story_keeps_the_checks_of_the_others(page, page_text, editor):
    titles = _check_all(page, editor)
    assert not _import(page_text.replace("拥有24年的研发", "拥有25年的研发")).unchanged
    changed = page.articles.get(headline=DENGFENG)
    assert any("拥有25年的研发" in block["text"] for block in changed.body)
    assert _checked(page) == titles - {DENGFENG}


# With a fixed parse of the page (real text from the same page), so the rule
# is tested apart from the parser's current guesses.

ERQI = ParsedArticle(
    headline="二七区破题开局换挡转型",
    subheadline="「双轮驱动」做好「两篇文章」",
    body=["本报讯(记者 刘伟平 通讯员 张一弛)记者从2月14日召开的二七区产业发展大会上获悉,为奋力推进现代化美好二七建设……"],
    warnings=[ParseWarning("title_matched_by_content", "title matched by shared words",
                           "二七区破题开局换挡转型 / 「双轮驱动」做好「两篇文章」")],
)
XINMI = ParsedArticle(
    headline="新密市全力冲刺工业经济“开门红”",
    body=["“今年订单充足,交货时间紧,我们正月初六就开工生产了。……今年,公司计划投资2亿元建设年产47000吨智能化新材料生产线……”"],
    warnings=[ParseWarning("joined_cut_paragraph", "joined a paragraph cut by a column break",
                           "季开门红。今年,公司计划|投资2亿元建设年产470")],
)
DENGFENG_ITEM = ParsedArticle(
    headline=DENGFENG,
    body=["本报讯(记者 李晓光 通讯员 宋跃伟 何源)2月13日,现代汽车集团(中国)总裁李赫俊一行……到登封考察……"],
)


@pytest.fixture
def parses(monkeypatch):
    """Page text → the parse ``page_import`` gets for it."""
    known = {}
    monkeypatch.setattr(services.imports, "parse_page", lambda text, source=None: copy.deepcopy(known[text]))
    return known


def _fixed_page(parses, page_text, editor, *items):
    parses[page_text] = ParsedPage(articles=[ERQI, XINMI, DENGFENG_ITEM])
    page = _import(page_text).page
    _check_all(page, editor)
    parses[page_text + "\n"] = ParsedPage(articles=list(items))
    _import(page_text + "\n")
    return page


def test_an_item_whose_warnings_changed_goes_back_into_the_queue(parses, page_text, editor):
    more = copy.deepcopy(XINMI)
    more.warnings.append(ParseWarning("paragraph_ends_mid_sentence", "paragraph ends mid-sentence", "智能化新材料生产线"))
    page = _fixed_page(parses, page_text, editor, ERQI, more, DENGFENG_ITEM)
    assert _queue(page) == {XINMI.headline} and _checked(page) == {ERQI.headline}
    back = page.articles.get(headline=XINMI.headline)
    assert back.warning_count == 2 and back.checked_by is None


def test_an_item_whose_text_changed_goes_back_into_the_queue(parses, page_text, editor):
    corrected = copy.deepcopy(XINMI)
    corrected.body = [corrected.body[0].replace("投资2亿元", "投资3亿元")]
    page = _fixed_page(parses, page_text, editor, ERQI, corrected, DENGFENG_ITEM)
    assert _queue(page) == {XINMI.headline} and _checked(page) == {ERQI.headline}


def test_checks_follow_the_items_when_the_page_order_changes(parses, page_text, editor):
    page = _fixed_page(parses, page_text, editor, DENGFENG_ITEM, XINMI, ERQI)
    assert _queue(page) == set() and _checked(page) == {ERQI.headline, XINMI.headline}
    assert page.articles.get(headline=ERQI.headline).order == 3
