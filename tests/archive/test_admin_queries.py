"""The admin's article list and change form cost the same number of SQL queries
however many articles, bylines and photos there are: no query per row or inline."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive import services
from archive.models import Article, Byline, Person, Photo, Role

pytestmark = pytest.mark.django_db

NAMES = ["党贺喜", "王恩俊", "张立", "李晓光", "刘静", "陈凯", "赵文娟", "孙宁"]
CAPTIONS = ["金水区召开高质量发展推进会", "二七区重点项目现场", "郑东新区龙湖金融岛夜景", "市民在如意湖畔健身"]


def _credit(article: Article, bylines: int, photos: int) -> None:
    """Give ``article`` several bylines and photos, as a busy page has (the sample pages' people)."""
    people = [Person.objects.get_or_create(name=name, defaults={"slug": f"p{n}"})[0] for n, name in enumerate(NAMES)]
    article.bylines.all().delete()
    article.photos.all().delete()
    for n in range(bylines):
        Byline.objects.create(article=article, person=people[n % len(people)], role=[Role.REPORTER, Role.CORRESPONDENT][n // len(people)], order=n + 1)
    for n in range(photos):
        Photo.objects.create(article=article, order=n + 1, caption=CAPTIONS[n % len(CAPTIONS)],
                             credit=f"{people[n].name} 摄", photographer=people[n])


def _list_queries(client, articles: int) -> int:
    ids = list(Article.objects.order_by("-page__issue__date", "page__number", "order").values_list("pk", flat=True)[:articles])
    assert len(ids) == articles
    for article in Article.objects.filter(pk__in=ids):
        _credit(article, bylines=3, photos=2)
    Article.objects.exclude(pk__in=ids).delete()
    client.get(reverse("admin:archive_article_changelist"))  # warms the per-process content type cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:archive_article_changelist"))
    assert response.status_code == 200 and response.context["cl"].result_count == articles
    return len(queries)


def test_the_list_costs_the_same_for_5_and_25_articles(staff):
    assert Article.objects.count() >= 25
    many = _list_queries(staff, 25)
    few = _list_queries(staff, 5)
    assert few == many


@pytest.fixture
def three_years(sample_pages, sample_dir, sample_manifest):
    """The sample pages printed again one and two years later: 90 articles, 30 of them about 郑州."""
    for years in (1, 2):
        for entry in sample_manifest["pages"]:
            date = dt.date.fromisoformat(entry["date"])
            services.page_import(
                date=date.replace(year=date.year + years), page_number=entry["page"], page_name=entry["name"],
                section_name=entry["section"], text=(sample_dir / entry["file"]).read_text(encoding="utf-8"),
            )


@pytest.mark.parametrize("search", [{"q": "郑州"}, {"q": "发展 区"}, {"edited": "no", "status__exact": "published"}])
def test_searching_and_filtering_the_list_costs_the_same_for_5_and_25(staff, three_years, search):
    url = reverse("admin:archive_article_changelist")
    matched = list(staff.get(url, {**search, "all": ""}).context["cl"].result_list)
    assert len(matched) >= 25
    counts = []
    for keep in (25, 5):
        Article.objects.exclude(pk__in=[a.pk for a in matched[:keep]]).delete()
        for article in Article.objects.all():
            _credit(article, bylines=3, photos=2)
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(url, search)
        assert response.context["cl"].result_count == keep
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _change_form_queries(client, article: Article, bylines: int, photos: int) -> int:
    _credit(article, bylines=bylines, photos=photos)
    client.get(reverse("admin:archive_article_change", args=[article.pk]))  # warms the per-process content type cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:archive_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == bylines
    return len(queries)


def test_the_change_form_costs_the_same_for_few_and_many_bylines_and_photos(staff):
    article = Article.objects.get(headline="精准养护 守护安全")
    few = _change_form_queries(staff, article, bylines=2, photos=1)
    many = _change_form_queries(staff, article, bylines=12, photos=8)
    assert few == many
