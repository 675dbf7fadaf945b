"""Atom feeds of the newest published stories (the whole archive, each section, each person) and of corrections."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from archive import selectors
from archive.templatetags.bylines import byline_text

FEED_SIZE = 30


def _issue_moment(article) -> dt.datetime:
    """Publication instant of the printed issue: its date at 06:00 local time."""
    d = article.page.issue.date
    return timezone.make_aware(dt.datetime(d.year, d.month, d.day, 6, 0))


class _ArticleItems(Feed):
    """What both feeds say of each story."""

    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title or item.first_caption[:40]

    def item_description(self, item):
        first = next((b["text"] for b in item.body if b.get("type") == "paragraph"), "")
        return first or item.first_caption

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return _issue_moment(item)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        bylines = item.bylines.all()
        return byline_text(bylines) or None

    def item_categories(self, item):
        return [item.section.name] if item.section else []


class LatestArticlesFeed(_ArticleItems):
    link = "/"

    def title(self):
        return _("%(paper)s · 最新文章") % {"paper": settings.PUBLICATION_NAME}

    def subtitle(self):
        return _("%(paper)s电子版档案的最新文章") % {"paper": settings.PUBLICATION_NAME}

    def items(self):
        return selectors.feed_articles(limit=FEED_SIZE)


class _OwnersFeed(_ArticleItems):
    """A feed of one section's or one person's stories, named and linked after its owner."""

    def owners(self):
        """The public sections or people a slug may name; anything else answers 404."""
        raise NotImplementedError

    def get_object(self, request, slug):
        return get_object_or_404(self.owners(), slug=slug)

    def title(self, obj):
        return f"{settings.PUBLICATION_NAME} · {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()


class SectionFeed(_OwnersFeed):
    def owners(self):
        return selectors.sections()

    def subtitle(self, obj):
        return obj.description or _("%(paper)s「%(section)s」栏目的最新文章") % {"paper": settings.PUBLICATION_NAME, "section": obj.name}

    def items(self, obj):
        return selectors.feed_articles(section=obj, limit=FEED_SIZE)


class PersonFeed(_OwnersFeed):
    """The newest published stories a reporter, photographer or correspondent is credited on."""

    def owners(self):
        return selectors.people()

    def subtitle(self, obj):
        return _("%(paper)s署名%(person)s的最新文章") % {"paper": settings.PUBLICATION_NAME, "person": obj.name}

    def items(self, obj):
        return selectors.feed_articles(person=obj, limit=FEED_SIZE)


class CorrectionsFeed(Feed):
    """Every 更正 note on a published story, newest first, so readers who quoted a story learn of the fix."""

    feed_type = Atom1Feed
    link = "/corrections/"

    def title(self):
        return _("%(paper)s · 更正") % {"paper": settings.PUBLICATION_NAME}

    def subtitle(self):
        return _("%(paper)s电子版档案对已发布文章的更正") % {"paper": settings.PUBLICATION_NAME}

    def items(self):
        return selectors.public_corrections()[:FEED_SIZE]

    def item_title(self, item):
        return _("更正：%(title)s") % {"title": item.article.headline or item.article.title or _("图片新闻")}

    def item_description(self, item):
        return item.note

    def item_link(self, item):
        # One story may get several corrections; the fragment keeps each entry's id unique.
        return f"{item.article.get_absolute_url()}#correction-{item.pk}"

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)  # Beijing time, as the story feeds give theirs

    def item_updateddate(self, item):
        return self.item_pubdate(item)
