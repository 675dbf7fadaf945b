"""The review queue in the admin: the 需核对 filter, the 标记为已核对 action,
the sortable warning count, and the import preview listing flagged items first."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from archive.admin.display import warning_label
from archive.ingest import parse_page
from archive.models import Article

pytestmark = pytest.mark.django_db

LIST = "admin:archive_article_changelist"
FILE = "001_e2ee4c39575207b8.txt"


def _listed(response) -> list[Article]:
    return list(response.context["cl"].result_list)


def _mark(client, articles, **params):
    data = {"action": "mark_checked", ACTION_CHECKBOX_NAME: [a.pk for a in articles]}
    url = reverse(LIST) + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    return client.post(url, data, follow=True)


def test_the_queue_filter_lists_the_items_with_unchecked_warnings(staff):
    response = staff.get(reverse(LIST), {"review": "open"})
    queue = Article.objects.exclude(warnings=[])
    assert response.context["cl"].result_count == queue.count() > 0
    assert "需核对" in response.content.decode()
    assert staff.get(reverse(LIST), {"review": "checked"}).context["cl"].result_count == 0


def test_the_action_marks_the_selection_and_it_leaves_the_queue(staff, editor):
    first = Article.objects.needs_review().first()
    response = _mark(staff, [first], review="open")
    assert "已将 1 篇文章标记为已核对。" in response.content.decode()
    assert first not in _listed(response)
    assert response.context["cl"].result_count == Article.objects.exclude(warnings=[]).count() - 1
    checked = staff.get(reverse(LIST), {"review": "checked"})
    assert _listed(checked) == [first]
    assert "editor 于" in checked.content.decode()
    first.refresh_from_db()
    assert first.checked_by == editor


def test_the_action_says_when_the_selection_had_nothing_to_check(staff):
    quiet = Article.objects.filter(warnings=[]).first()
    response = _mark(staff, [quiet, Article.objects.needs_review().first()])
    html = response.content.decode()
    assert "已将 1 篇文章标记为已核对。另有 1 篇没有待核对的解析提示。" in html
    quiet.refresh_from_db()
    assert quiet.checked_at is None


def test_the_warning_count_column_sorts_the_list(staff):
    columns = staff.get(reverse(LIST)).context["cl"].list_display
    column = columns.index("review")  # 解析提示: the warning count and who checked it
    most_first = [a.warning_count for a in _listed(staff.get(reverse(LIST), {"o": f"-{column}"}))]
    assert most_first == sorted(most_first, reverse=True) and most_first[0] > most_first[-1] == 0
    fewest_first = [a.warning_count for a in _listed(staff.get(reverse(LIST), {"o": str(column)}))]
    assert fewest_first == sorted(fewest_first)


def test_the_list_reads_the_checking_editor_without_a_query_per_row(staff, editor, django_assert_max_num_queries):
    _mark(staff, Article.objects.needs_review())
    with django_assert_max_num_queries(12):
        response = staff.get(reverse(LIST), {"review": "checked"})
    assert response.context["cl"].result_count == Article.objects.exclude(warnings=[]).count() > 0


def test_the_change_page_says_who_checked_the_warnings(staff):
    article = Article.objects.needs_review().first()
    url = reverse("admin:archive_article_change", args=[article.pk])
    assert "需核对" in staff.get(url).content.decode()
    _mark(staff, [article])
    assert "editor 于" in staff.get(url).content.decode()


def test_the_import_preview_lists_flagged_items_first_with_their_warnings(client, editor, sample_dir):
    client.force_login(editor)
    text = (sample_dir / FILE).read_text(encoding="utf-8")
    fields = {"date": "2023-02-16", "page_number": "6", "page_name": "区县新闻", "text": text, "preview": "预览"}
    response = client.post(reverse("admin:archive_page_import"), fields)
    items = parse_page(text).articles
    flagged = [n for n, item in enumerate(items, start=1) if item.warnings]
    shown = [item["order"] for item in response.context["flagged"] + response.context["unflagged"]]
    assert flagged and shown == flagged + [n for n in range(1, len(items) + 1) if n not in flagged]
    html = response.content.decode()
    first_flagged = next(item for item in items if item.warnings and item.headline)
    first_quiet = next(item for item in items if not item.warnings and item.headline)
    assert html.index(first_flagged.headline) < html.index(first_quiet.headline)
    assert html.index(warning_label(first_flagged.warnings[0].code)) < html.index(first_quiet.headline)
    assert f"需核对：{len(flagged)} 条稿件有解析提示" in html and "其余稿件" in html
