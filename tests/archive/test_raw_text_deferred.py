"""Page.raw_text is loaded only where it is shown: never by lists, still on the page's own admin form."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import selectors
from archive.models import Article, Correction, Page
from tests.archive.archive_test_helpers import admin_url

pytestmark = pytest.mark.django_db


def _raw_text_queries(action) -> list[str]:
    """The queries ``action`` makes that read raw_text into Python (in their SELECT list)."""
    with CaptureQueriesContext(connection) as queries:
        action()
    return [q["sql"] for q in queries if "raw_text" in q["sql"].split(" FROM ")[0]]


@pytest.mark.parametrize("model", [Page, Article, Correction])
def test_admin_lists_never_load_raw_text(staff, model):
    assert _raw_text_queries(lambda: staff.get(admin_url(model, "changelist"))) == []


def test_article_and_page_reads_defer_it_but_still_answer_when_asked(sample_pages):
    article = selectors.articles().filter(page__number=8).first()
    assert _raw_text_queries(lambda: (article.page.name, article.page.issue.date, list(selectors.pages()))) == []
    assert "中原科技城" in article.page.raw_text  # one query for the page that asks
    assert all(p.raw_text for p in Page.objects.with_raw_text())


def test_the_page_form_shows_the_raw_text(staff):
    page = Page.objects.get(number=8)
    html = staff.get(admin_url(Page, "change", page.pk)).content.decode()
    assert "archive-raw-text" in html or "monospace" in html
    assert "中原科技城核心板块" in html


def test_saving_a_page_loaded_without_its_text_keeps_the_text(sample_pages):
    page = Page.objects.get(number=8)
    text = Page.objects.with_raw_text().get(pk=page.pk).raw_text
    page.name = "郑东新区·周刊"
    page.save()
    assert Page.objects.with_raw_text().get(pk=page.pk).raw_text == text
