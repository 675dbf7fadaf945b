"""The admin article list: newest issue first, titles kept as printed lines,
the filters an editor needs, and search through the archive's Chinese index."""
import re

import pytest
from django.urls import reverse

from archive import services
from archive.models import Article, Section, Status
from archive_test_helpers import changelist_rows

pytestmark = pytest.mark.django_db

LIST = "admin:archive_article_changelist"


def test_the_newest_issue_comes_first_in_printed_order(staff):
    keys = [(a.page.issue.date, a.page.number, a.order) for a in changelist_rows(staff.get(reverse(LIST)))]
    assert keys[0][0].isoformat() == "2025-01-03"
    assert keys == sorted(keys, key=lambda k: (-k[0].toordinal(), k[1], k[2]))


def test_kicker_and_subheadline_are_shown_apart_from_the_headline(staff):
    article = Article.objects.exclude(kicker="").exclude(subheadline="").first()
    html = staff.get(reverse(LIST), {"page__issue__date__year": article.page.issue.date.year}).content.decode()
    cell = re.search(rf'<th class="field-titles"><a [^>]*>(<span class="al-kicker">{re.escape(article.kicker)}.*?)</a></th>', html)
    assert cell.group(1) == (
        f'<span class="al-kicker">{article.kicker}</span><span class="al-headline">{article.headline}</span>'
        f'<span class="al-sub">{article.subheadline}</span>'
    )


def test_the_credits_column_names_the_bylines(staff):
    html = staff.get(reverse(LIST), {"q": "党贺喜"}).content.decode()
    assert '<span class="al-credit">记者 党贺喜</span>' in html


def test_search_uses_the_archive_index_and_finds_words_in_the_body(staff):
    # "破题开局" is in the body of the story; an icontains over titles and names would miss it.
    hit = Article.objects.filter(headline__contains="二七区破题开局换挡转型").get()
    response = staff.get(reverse(LIST), {"q": "换挡转型"})
    assert hit in changelist_rows(response)
    body_only = staff.get(reverse(LIST), {"q": "经济社会"})
    assert body_only.context["cl"].result_count > 0
    assert staff.get(reverse(LIST), {"q": "，。"}).context["cl"].result_count == 0


def test_search_finds_drafts_too(staff):
    article = Article.objects.get(headline__contains="二七区破题开局换挡转型")
    services.articles_set_status(articles=[article], publish=False)
    response = staff.get(reverse(LIST), {"q": "换挡转型"})
    assert article in changelist_rows(response)


def test_status_section_and_date_filters(staff):
    article = Article.objects.filter(page__issue__date="2023-02-16").first()
    services.articles_set_status(articles=[article], publish=False)
    assert changelist_rows(staff.get(reverse(LIST), {"status__exact": Status.DRAFT})) == [article]
    zhengdong = Section.objects.get(name="郑东新区·周报")
    in_section = staff.get(reverse(LIST), {"section__id__exact": zhengdong.pk})
    assert {a.section for a in changelist_rows(in_section)} == {zhengdong}
    on_day = staff.get(reverse(LIST), {"page__issue__date__year": 2023, "page__issue__date__month": 2,
                                       "page__issue__date__day": 16})
    assert {a.page.issue.date.isoformat() for a in changelist_rows(on_day)} == {"2023-02-16"}


def test_edited_since_import_filter(staff):
    article = Article.objects.get(headline="精准养护 守护安全")
    services.article_update(article=article, fields={"headline": "精准养护 守护道路安全"})
    assert changelist_rows(staff.get(reverse(LIST), {"edited": "yes"})) == [article]
    untouched = staff.get(reverse(LIST), {"edited": "no"})
    assert untouched.context["cl"].result_count == Article.objects.count() - 1


def test_the_review_filter_is_still_there(staff):
    html = staff.get(reverse(LIST)).content.decode()
    assert "需核对" in html and "编辑修改" in html and "导入后修改过" in html
