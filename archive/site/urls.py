"""Public reader site routes: by date and page, never by slugified headlines."""
from django.urls import path, re_path, register_converter

from django.contrib.sitemaps import views as sitemaps

from archive.cache import public_page

from . import cite, discovery, export, feeds, preview, search, subscribe, views
from .sitemaps import SITEMAPS


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "dd")

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/", views.issue_archive, name="issues"),
    path("issues/go/", discovery.issue_jump, name="issues_go"),
    path("issues/<yyyy:year>/", views.issue_archive, name="issues_year"),
    path("<yyyy:year>/<dd:month>/<dd:day>/", views.issue_detail, name="issue"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/", views.page_detail, name="page"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/<int:order>/", views.article_detail, name="article"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/<int:order>/cite.ris", cite.article_citation,
         {"fmt": "ris"}, name="article_ris"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/<int:order>/cite.bib", cite.article_citation,
         {"fmt": "bib"}, name="article_bib"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("articles/<int:pk>/", views.article_by_id, name="article_by_id"),
    path("preview/<str:token>/", preview.article_preview, name="preview"),
    path("corrections/", views.corrections_list, name="corrections"),
    path("corrections/atom/", public_page(feeds.CorrectionsFeed()), name="corrections_feed"),
    path("feeds/atom/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path("feeds/sections/<slug:slug>/atom/", public_page(feeds.SectionFeed()), name="section_feed"),
    path("feeds/people/<slug:slug>/atom/", public_page(feeds.PersonFeed()), name="person_feed"),
    path("feeds/", subscribe.feeds_page, name="feeds"),
    path("sitemap.xml", public_page(sitemaps.index), {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap_part"}, name="sitemap"),
    path("sitemap-<section>.xml", public_page(sitemaps.sitemap), {"sitemaps": SITEMAPS}, name="sitemap_part"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("search/", search.search, name="search"),
    re_path(r"^search/export\.(?P<fmt>csv|ndjson)$", export.search_export, name="search_export"),
]
