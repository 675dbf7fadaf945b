"""The search results page's template, rendered from the view's context contract with real sample stories.

The browser tests (test_search_browser.py) drive the real view; these pin
what the template makes of each part of the context, including the states
the five sample pages cannot reach (an estimated count of 31 万).
"""
import pytest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from pytest_django.asserts import assertInHTML

from archive.models import Article
from archive.templatetags.search_tags import approx_count

pytestmark = pytest.mark.django_db


def hit(article, *, kicker="", title="", snippet="", credits=""):
    return {"article": article, "url": article.get_absolute_url() + "?hl=x", "kicker": mark_safe(kicker),
            "title": mark_safe(title), "snippet": mark_safe(snippet), "credits": credits}


@pytest.fixture
def context(sample_pages):
    """A searched page for 金水区 narrowed to 2023: one story with all three title lines and a photo item."""
    story = Article.objects.exclude(kicker="").exclude(subheadline="").get(headline__contains="金水区")
    photo = Article.objects.filter(kind="photo").order_by("pk").first()
    return {
        "q": "金水区", "searched": True, "count": 2, "count_is_estimate": False, "exact_count_url": "",
        "chips": [{"label": "2023年", "remove_url": "?q=金水区&section=qxxw"},
                  {"label": "区县新闻", "remove_url": "?q=金水区&year=2023"}],
        "clear_url": "?q=金水区",
        "facets": {"year": [{"label": 2023, "count": 2, "url": "?q=金水区&section=qxxw", "active": True},
                            {"label": 2025, "count": 7, "url": "?q=金水区&year=2025&section=qxxw", "active": False}],
                   "section": [{"label": "区县新闻", "count": 2, "url": "?q=金水区&year=2023", "active": True}],
                   "person": [], "kind": [{"label": "图片新闻", "count": 1, "url": "?kind=photo", "active": False}]},
        "facets_complete": True, "facet_sample": 1000,
        "hits": [hit(story, kicker=story.kicker, title=story.headline.replace("金水区", "<mark>金水区</mark>"),
                     snippet="…<mark>金水区</mark>吹响…", credits="记者 张三 通讯员 李四"),
                 hit(photo, title=photo.first_caption[:20], snippet=photo.first_caption[:40])],
        "sort": "relevance", "sort_links": {"relevance": "?q=金水区", "date": "?q=金水区&ordering=-date"},
        "page_obj": None, "prev_url": "", "next_url": "",
        "export_links": {"csv": "/search/export.csv?q=金水区", "ndjson": "/search/export.ndjson?q=金水区"},
        "story": story, "photo": photo,
    }


def render(rf, context, **changes):
    from django.core.paginator import Paginator

    context = {**context, **changes}
    if context["page_obj"] is None:
        context["page_obj"] = Paginator([h["article"] for h in context["hits"]], 20).get_page(1)
    return render_to_string("archive/search.html", context, request=rf.get("/search/", {"q": context["q"]}))


def search_form(html: str) -> str:
    return html.split('<form class="search-page-form"')[1].split("</form>")[0]


def test_the_query_box_holds_only_the_typed_words_and_no_hidden_filters(rf, context):
    form = search_form(render(rf, context))
    assert 'name="q" value="金水区"' in form
    assert 'type="hidden"' not in form and "2023" not in form and "qxxw" not in form


def test_chips_remove_one_filter_each_and_clear_all_keeps_the_query(rf, context):
    html = render(rf, context)
    assertInHTML('<a href="?q=金水区&amp;section=qxxw" aria-label="移除筛选：2023年"><span aria-hidden="true">×</span></a>',
                 html)
    assertInHTML('<a href="?q=金水区&amp;year=2023" aria-label="移除筛选：区县新闻"><span aria-hidden="true">×</span></a>',
                 html)
    assertInHTML('<a href="?q=金水区">清除全部</a>', html)
    unfiltered = render(rf, context, chips=[])
    assert "清除全部" not in unfiltered and "移除筛选" not in unfiltered


def test_active_facet_entries_are_marked_and_link_to_their_removal(rf, context):
    html = render(rf, context)
    assert '<a href="?q=金水区&amp;section=qxxw" aria-current="true"><span class="facet-label">2023年</span>' in html
    assert '<a href="?q=金水区&amp;year=2025&amp;section=qxxw"><span class="facet-label">2025年</span>' in html
    assert html.count('aria-current="true"><span class="facet-label">') == 2
    assert "按最相关的前" not in html
    assert "各项为抽样估算的约数" in render(rf, context, facets_complete=False)


def test_count_is_exact_or_an_estimate_in_wan_with_a_link_to_the_exact_figure(rf, context):
    exact = render(rf, context)
    assert "共 2 篇" in exact and "精确计数" not in exact
    estimate = render(rf, context, count=312_345, count_is_estimate=True, exact_count_url="?q=金水区&exact=1")
    assert "约 31.2 万篇" in estimate and "共 " not in estimate
    assertInHTML('<a href="?q=金水区&amp;exact=1" rel="nofollow">精确计数</a>', estimate)


def test_current_sort_is_marked_not_linked_and_exports_are_offered(rf, context):
    by_relevance = render(rf, context)
    assertInHTML('<span aria-current="true">相关度</span>', by_relevance)
    assertInHTML('<a href="?q=金水区&amp;ordering=-date">日期</a>', by_relevance)
    by_date = render(rf, context, sort="date")
    assertInHTML('<span aria-current="true">日期</span>', by_date)
    assertInHTML('<a href="?q=金水区">相关度</a>', by_date)
    assertInHTML('<a href="/search/export.csv?q=金水区" rel="nofollow">导出 CSV</a>', by_relevance)
    assertInHTML('<a href="/search/export.ndjson?q=金水区" rel="nofollow">导出 NDJSON</a>', by_relevance)
    assert "导出" not in render(rf, context, export_links={})


def test_a_hit_shows_kicker_above_the_linked_headline_then_subheadline_meta_and_snippet(rf, context):
    html = render(rf, context)
    story = context["story"]
    first = html.split('<li class="hit">')[1].split("</li>")[0]
    order = [first.index(part) for part in (story.kicker, '<h2 class="headline">', story.subheadline, "2023年2月16日", "吹响…")]
    assert order == sorted(order)
    assertInHTML(f'<a href="{story.get_absolute_url()}?hl=x"><mark>金水区</mark>吹响奋进「冲锋号」</a>', first)
    assert "第6版" in first and "区县新闻" in first and "记者 张三 通讯员 李四" in first
    assert "图片" not in first


def test_a_photo_item_is_titled_by_its_caption_and_marked_as_a_picture(rf, context):
    html = render(rf, context)
    photo = html.split('<li class="hit">')[2].split("</li>")[0]
    assertInHTML('<span class="hit-kind">图片</span>', photo)
    assert context["photo"].first_caption[:20] in photo.split("</h2>")[0]


def test_no_hits_offer_to_drop_the_filters(rf, context):
    html = render(rf, context, hits=[], count=0)
    assert "没有找到包含这些词的文章。" in html
    assertInHTML('<a href="?q=金水区">去掉筛选再找</a>', html)


@pytest.mark.parametrize(("count", "words"), [
    (312_345, "31.2 万篇"), (310_000, "31 万篇"), (10_000, "1 万篇"), (99_960, "10 万篇"),
    (1_000_000, "100 万篇"), (9_999, "9999 篇"),
])
def test_estimated_counts_read_in_wan_with_one_decimal_at_most(count, words):
    assert approx_count(count) == words
