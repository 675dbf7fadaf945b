"""The reader site's /search/ page and the API's ``q`` filter."""
import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import strip_tags

from archive import services
from archive.models import Article
from test_search_tokens import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db


def test_search_page_lists_marked_hits_with_links_carrying_the_words(client, sample_pages):
    response = client.get(reverse("archive:search"), {"q": "防汛"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>防汛</mark>" in html and "?hl=%E9%98%B2%E6%B1%9B" in html


def test_article_page_marks_the_words_carried_from_the_results(client, sample_pages):
    article = Article.objects.filter(headline__contains="防汛").first()
    html = client.get(article.get_absolute_url(), {"hl": "防汛"}).content.decode()
    assert "<mark>防汛</mark>" in html
    assert "<mark>" not in client.get(article.get_absolute_url()).content.decode()


def test_search_page_hides_drafts(client, sample_pages):
    article = Article.objects.filter(headline__contains="防汛").first()
    services.article_unpublish(article=article)
    html = client.get(reverse("archive:search"), {"q": article.headline}).content.decode()
    assert article.get_absolute_url() not in html


def test_facet_links_add_a_filter_and_keep_the_query(client, sample_pages):
    response = client.get(reverse("archive:search"), {"q": "郑州"})
    year_links = [f for f in response.context["facets"]["year"]]
    assert year_links and all("q=" in f["url"] and "year=" in f["url"] for f in year_links)
    first = year_links[0]
    narrowed = client.get(reverse("archive:search") + first["url"])
    assert narrowed.context["page_obj"].paginator.count == first["count"]
    assert all(h["article"].page.issue.date.year == first["label"] for h in narrowed.context["hits"])


def test_filters_by_section_person_and_date_range(client, sample_pages):
    article = Article.objects.filter(headline__contains="防汛").select_related("page__issue", "section").first()
    person = article.bylines.first().person
    params = {"q": "防汛", "section": article.section.slug, "person": person.slug,
              "date_from": article.page.issue.date.isoformat(), "date_to": article.page.issue.date.isoformat()}
    hits = client.get(reverse("archive:search"), params).context["hits"]
    assert [h["article"].pk for h in hits] == [article.pk]
    params["date_from"] = "2099-01-01"
    assert client.get(reverse("archive:search"), params).context["hits"] == []


def test_bad_filter_values_are_ignored_not_errors(client, sample_pages):
    response = client.get(reverse("archive:search"), {"q": "郑州", "year": "abc", "date_from": "2021-02-30", "page": "x", "kind": "?"})
    assert response.status_code == 200 and response.context["page_obj"].paginator.count > 0


def test_paging_keeps_the_query(client, sample_pages):
    response = client.get(reverse("archive:search"), {"q": "区"})
    assert response.context["page_obj"].paginator.count > 20
    assert "q=%E5%8C%BA" in response.context["next_url"] and "page=2" in response.context["next_url"]
    assert len(client.get(reverse("archive:search") + response.context["next_url"]).context["hits"]) > 0


@pytest.mark.parametrize("raw", HOSTILE_QUERIES)
def test_hostile_queries_answer_200(client, sample_pages, raw):
    assert client.get(reverse("archive:search"), {"q": raw}).status_code == 200


def test_empty_search_page_answers(client, db):
    assert client.get(reverse("archive:search")).status_code == 200


def test_highlight_filter_marks_words_and_escapes_text():
    rendered = Template("{% load search_tags %}{{ text|highlight:hl }}").render(Context({"text": "<i>郑东新区</i>", "hl": "新区"}))
    assert rendered == "&lt;i&gt;郑东<mark>新区</mark>&lt;/i&gt;"
    assert Template("{% load search_tags %}{{ text|highlight:hl }}").render(Context({"text": "<i>", "hl": ""})) == "&lt;i&gt;"
    from django.http import QueryDict

    from_get = Template("{% load search_tags %}{{ text|highlight:get }}")
    assert from_get.render(Context({"text": "郑东新区", "get": QueryDict("hl=新区")})) == "郑东<mark>新区</mark>"
    assert from_get.render(Context({"text": "<郑东新区>", "get": QueryDict("")})) == "&lt;郑东新区&gt;"


def test_active_filters_show_as_chips_whose_links_remove_just_that_filter(client, sample_pages):
    params = {"q": "区", "section": "zheng-dong-xin-qu-zhou-bao", "year": "2025", "kind": "article", "ordering": "-date"}
    chips = client.get(reverse("archive:search"), params).context["chips"]
    assert [c["label"] for c in chips] == ["栏目：郑东新区·周报", "类型：文章", "2025年"]
    for chip, removed in zip(chips, ("section", "kind", "year")):
        left = QueryDict(chip["remove_url"].removeprefix("?"))
        assert left.dict() == {k: v for k, v in params.items() if k != removed}, chip


def test_clear_link_keeps_only_the_words(client, sample_pages):
    response = client.get(reverse("archive:search"), {"q": "郑州 新区", "person": "sun-zhi-gang", "page_number": "6"})
    assert QueryDict(response.context["clear_url"].removeprefix("?")).dict() == {"q": "郑州 新区"}


def test_the_query_box_holds_the_words_and_no_filter_rides_along_as_a_hidden_input(client, sample_pages):
    html = client.get(reverse("archive:search"), {"q": "郑东新区", "section": "zheng-dong-xin-qu-zhou-bao"}).content.decode()
    assert 'name="q" value="郑东新区"' in html
    assert 'type="hidden"' not in html.split('class="search-page-form"')[1].split("</form>")[0]


def test_a_bad_filter_value_is_ignored_on_the_site_but_refused_by_the_api(client, sample_pages):
    bad = {"q": "郑州", "year": "二〇二五", "page_number": "0", "role": "editor", "ordering": "headline"}
    response = client.get(reverse("archive:search"), bad)
    unfiltered = client.get(reverse("archive:search"), {"q": "郑州"})
    assert response.status_code == 200 and response.context["chips"] == []
    assert [h["article"].pk for h in response.context["hits"]] == [h["article"].pk for h in unfiltered.context["hits"]]
    api = client.get("/api/v1/articles/", bad)
    assert api.status_code == 400 and set(api.json()) == {"year", "page_number", "role", "ordering"}


def test_sort_links_switch_between_relevance_and_newest_first(client, sample_pages):
    response = client.get(reverse("archive:search"), {"q": "郑州", "page": "2"})
    links = response.context["sort_links"]
    assert response.context["sort"] == "relevance"
    assert QueryDict(links["date"].removeprefix("?")).dict() == {"q": "郑州", "ordering": "-date"}
    by_date = client.get(reverse("archive:search") + links["date"])
    assert by_date.context["sort"] == "date"
    dates = [h["article"].page.issue.date for h in by_date.context["hits"]]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)
    assert QueryDict(by_date.context["sort_links"]["relevance"].removeprefix("?")).dict() == {"q": "郑州"}


def test_a_hit_shows_the_headline_as_its_title_and_the_kicker_apart(client, sample_pages):
    article = Article.objects.exclude(kicker="").exclude(headline="").filter(bylines__isnull=False).first()
    hits = client.get(reverse("archive:search"), {"q": article.headline}).context["hits"]
    hit = next(h for h in hits if h["article"].pk == article.pk)
    assert strip_tags(hit["title"]) == article.headline and strip_tags(hit["kicker"]) == article.kicker
    person = article.bylines.first().person
    assert person.name in hit["credits"] and article.bylines.first().get_role_display() in hit["credits"]


def test_a_photo_hit_takes_its_caption_as_title(client, sample_pages):
    photo = Article.objects.filter(kind="photo", headline="").first()
    caption = photo.first_caption
    hits = client.get(reverse("archive:search"), {"q": caption[:12]}).context["hits"]
    hit = next(h for h in hits if h["article"].pk == photo.pk)
    assert strip_tags(hit["title"]) == caption[:40]


def test_an_exact_count_has_no_link_to_count_exactly(client, sample_pages):
    context = client.get(reverse("archive:search"), {"q": "郑州"}).context
    assert context["count"] == context["page_obj"].paginator.count > 0
    assert context["count_is_estimate"] is False and context["exact_count_url"] == ""


def test_filters_without_words_list_their_stories_newest_first_with_facets(client, sample_pages):
    # A reader who removes the words keeps the chips: the section's stories, not an empty page.
    section = "zheng-dong-xin-qu-zhou-bao"
    context = client.get(reverse("archive:search"), {"section": section}).context
    expected = Article.objects.published().filter(section__slug=section)
    assert context["count"] == context["page_obj"].paginator.count == expected.count() > 0
    dates = [h["article"].page.issue.date for h in context["hits"]]
    assert dates == sorted(dates, reverse=True) and all(h["article"].section.slug == section for h in context["hits"])
    assert [(f["label"], f["count"]) for f in context["facets"]["section"]] == [("郑东新区·周报", expected.count())]
    assert sum(f["count"] for f in context["facets"]["year"]) == expected.count() and context["facets_complete"]
    assert all("?hl=" not in h["url"] and "<mark>" not in h["snippet"] for h in context["hits"])


def test_a_filter_that_selects_nothing_says_so_without_words(client, sample_pages):
    html = client.get(reverse("archive:search"), {"year": "1990"}).content.decode()
    assert "没有符合这些筛选的文章。" in html
