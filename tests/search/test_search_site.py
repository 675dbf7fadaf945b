"""The reader site's /search/ page and the API's ``q`` filter."""
import pytest
from django.template import Context, Template
from django.urls import reverse

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
