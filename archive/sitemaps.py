"""sitemap.xml: every public issue, page, article, section and person."""
from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from archive import selectors


class _Printed(Sitemap):
    """Printed things change only when corrected; ``updated_at`` says when."""

    changefreq = "never"

    def lastmod(self, item):
        return item.updated_at


class IssueSitemap(_Printed):
    priority = 0.6

    def items(self):
        return selectors.issues().order_by("date")


class PageSitemap(_Printed):
    priority = 0.5

    def items(self):
        return selectors.pages().order_by("issue__date", "number")


class ArticleSitemap(_Printed):
    priority = 0.8
    limit = 5000

    def items(self):
        return selectors.sitemap_articles()


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return selectors.sections_with_counts().filter(article_count__gt=0)


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return selectors.people_with_counts()


SITEMAPS = {
    "issues": IssueSitemap,
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "people": PersonSitemap,
}
