"""发布整期/撤回整期 and 发布整版/撤回整版 in the admin: the confirmation names what changes; cancel writes nothing."""
import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from archive.models import Article, Issue, Page, Status

pytestmark = pytest.mark.django_db

NEW_YEAR = dt.date(2025, 1, 2)


def _action(client, model, action, objects, **extra):
    url = reverse(f"admin:archive_{model._meta.model_name}_changelist")
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [o.pk for o in objects], "index": 0, **extra}
    return client.post(url, data)


def _states() -> dict[int, tuple]:
    return dict((pk, (status, at)) for pk, status, at in Article.objects.values_list("pk", "status", "published_at"))


def test_unpublish_issue_asks_first_listing_each_article_with_page_and_headline(staff):
    issue = Issue.objects.get(date=NEW_YEAR)
    before = _states()

    response = _action(staff, Issue, "issue_unpublish", [issue])

    assert response.status_code == 200
    html = response.content.decode()
    articles = list(Article.objects.filter(page__issue=issue).prefetch_related("photos"))
    assert "确认撤回整期" in html
    assert f"以下 {len(articles)} 篇文章的状态将改变" in html
    assert html.count('class="status-change"') == len(articles)
    assert "荥阳举办新年音乐会" in html and "第6版" in html
    assert all(str(a) in html for a in articles)
    assert "2025-01-03" not in html.split('id="status-confirmation"')[1]  # other issues are not listed
    assert _states() == before  # asking wrote nothing


def test_cancel_link_returns_to_the_list_and_writes_nothing(staff):
    issue = Issue.objects.get(date=NEW_YEAR)
    before = _states()
    html = _action(staff, Issue, "issue_unpublish", [issue]).content.decode()
    cancel = reverse("admin:archive_issue_changelist")
    assert f'href="{cancel}" class="button cancel-link">取消，返回' in html

    assert staff.get(cancel).status_code == 200
    assert _states() == before


def test_confirmed_unpublish_then_publish_of_an_issue(staff):
    issue = Issue.objects.get(date=NEW_YEAR)
    ids = [str(pk) for pk in Article.objects.filter(page__issue=issue).values_list("pk", flat=True)]

    response = _action(staff, Issue, "issue_unpublish", [issue], post="yes", article=ids)

    assert response.status_code == 302
    assert not Article.objects.filter(page__issue=issue, status=Status.PUBLISHED).exists()
    assert staff.get(issue.get_absolute_url()).status_code == 404
    messages = [str(m) for m in staff.get(response.url).context["messages"]]
    assert f"撤回整期：{len(ids)} 篇文章已改变状态。" in messages

    html = _action(staff, Issue, "issue_publish", [issue]).content.decode()
    assert "发布时间（北京时间）" in html and "Asia/Shanghai" in html
    _action(staff, Issue, "issue_publish", [issue], post="yes", article=ids)
    assert Article.objects.published().filter(page__issue=issue).count() == len(ids)


def test_publish_changes_only_the_articles_the_confirmation_listed(staff):
    page = Page.objects.get(issue__date=NEW_YEAR, number=6)
    Article.objects.filter(page=page).update(status=Status.DRAFT)
    shown = list(page.articles.order_by("order").values_list("pk", flat=True))

    _action(staff, Page, "page_publish", [page], post="yes", article=[str(shown[0])])

    assert list(Article.objects.published().filter(page=page).values_list("pk", flat=True)) == [shown[0]]


def test_page_publish_at_a_later_beijing_time_schedules_it(staff):
    page = Page.objects.get(issue__date=NEW_YEAR, number=6)
    Article.objects.filter(page=page).update(status=Status.DRAFT)
    ids = [str(pk) for pk in page.articles.values_list("pk", flat=True)]
    later = timezone.localtime() + dt.timedelta(days=2)
    when = {"publish_at_0": later.strftime("%Y-%m-%d"), "publish_at_1": "08:30:00"}

    response = _action(staff, Page, "page_publish", [page], post="yes", article=ids, **when)

    messages = [str(m) for m in staff.get(response.url).context["messages"]]
    assert any("已定时发布" in m and f"{later:%Y-%m-%d} 08:30（北京时间）" in m for m in messages)
    expected = timezone.make_aware(dt.datetime.combine(later.date(), dt.time(8, 30)))
    assert set(page.articles.values_list("published_at", flat=True)) == {expected}
    assert expected.utcoffset() == dt.timedelta(hours=8)
    assert not Article.objects.published().filter(page=page).exists()


def test_page_unpublish_lists_only_that_page(staff):
    page = Page.objects.get(issue__date=NEW_YEAR, number=6)
    html = _action(staff, Page, "page_unpublish", [page]).content.decode()
    assert html.count('class="status-change"') == page.articles.count()
    assert "确认撤回整版" in html


def test_editor_without_article_permission_has_no_status_actions(client, django_user_model, sample_pages):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_issue", "change_issue"]))
    client.force_login(user)
    html = client.get(reverse("admin:archive_issue_changelist")).content.decode()
    assert "发布整期" not in html
