"""The sitemap index and its parts: every public issue, page, article, section and person.

Each part is paginated at :data:`URLS_PER_FILE` URLs (``sitemap-articles.xml?p=2``),
built from narrow queries (only the columns its URLs and ``lastmod`` need)
over published content only: a draft, and a section, person, page or issue
only drafts use, appear nowhere. The index asks each part for its count and
latest change in one query each, whatever the archive's size.
"""
from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from archive import selectors

# Search engines take up to 50,000 URLs a file; 1,000 keep one file's
# rendering (Django's sitemap template, per URL) near a quarter second on a busy core.
URLS_PER_FILE = 1000


class _Part(Sitemap):
    limit = URLS_PER_FILE


class _Printed(_Part):
    """Printed things change only when corrected; ``updated_at`` says when."""

    changefreq = "never"

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item of the part.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class IssueSitemap(_Printed):
    priority = 0.6

    def items(self):
        return selectors.issues().only("date", "updated_at").order_by("date")


class PageSitemap(_Printed):
    priority = 0.5

    def items(self):
        return (
            selectors.pages().select_related(None).select_related("issue")
            .only("number", "updated_at", "issue__date").order_by("issue__date", "number")
        )


class ArticleSitemap(_Printed):
    priority = 0.8

    def items(self):
        return selectors.sitemap_articles()

    def location(self, item):
        d = item["date"]
        return reverse("archive:article", kwargs={
            "year": d.year, "month": f"{d.month:02d}", "day": f"{d.day:02d}", "page": item["page_number"], "order": item["order"],
        })

    def lastmod(self, item):
        return item["updated_at"]


class SectionSitemap(_Part):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return selectors.sections().only("slug")


class PersonSitemap(_Part):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return selectors.people().only("slug").order_by("name", "id")


SITEMAPS = {
    "issues": IssueSitemap,
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "people": PersonSitemap,
}
