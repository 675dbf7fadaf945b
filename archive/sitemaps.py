"""sitemap.xml: every public issue, page, article, section and person."""
from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from archive import selectors


class IssueSitemap(Sitemap):
    changefreq = "never"
    priority = 0.6

    def items(self):
        return selectors.issues().order_by("date")

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(Sitemap):
    changefreq = "never"
    priority = 0.5

    def items(self):
        return selectors.pages().order_by("issue__date", "number")

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "never"
    priority = 0.8
    limit = 5000

    def items(self):
        return selectors.sitemap_articles()

    def lastmod(self, item):
        return item.updated_at


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
