"""The database refuses a second issue for a date, a page number twice, an order twice."""
import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from archive.models import Article, Byline, Issue, Page, Person, Role

pytestmark = pytest.mark.django_db

DATE = dt.date(2025, 1, 2)


def _page(number=6, name="区县新闻"):
    issue, _ = Issue.objects.get_or_create(date=DATE)
    return Page.objects.create(issue=issue, number=number, name=name)


def test_one_issue_per_date():
    Issue.objects.create(date=DATE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(date=DATE)
    assert Issue.objects.count() == 1


def test_one_page_number_per_issue_but_other_issues_may_reuse_it():
    _page(6)
    with pytest.raises(IntegrityError), transaction.atomic():
        _page(6, name="要闻")
    other = Issue.objects.create(date=DATE + dt.timedelta(days=1))
    Page.objects.create(issue=other, number=6, name="区县新闻")
    assert Page.objects.filter(number=6).count() == 2


def test_page_number_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        _page(0)


def test_article_order_is_unique_within_a_page():
    page = _page()
    Article.objects.create(page=page, order=1, headline="荥阳举办新年音乐会")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(page=page, order=1, headline="新年登高展风采")
    Article.objects.create(page=_page(7, "逐新2025"), order=1, headline="新年登高展风采")
    assert Article.objects.count() == 2


def test_a_person_is_credited_once_per_role_on_an_article():
    article = Article.objects.create(page=_page(), order=1, headline="邻里共融迎新年")
    person = Person.objects.create(name="孙志刚", slug="sun-zhi-gang")
    Byline.objects.create(article=article, person=person, role=Role.REPORTER, order=1)
    Byline.objects.create(article=article, person=person, role=Role.PHOTOGRAPHER, order=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=article, person=person, role=Role.REPORTER, order=3)
