"""引用本文: an article's citation as shown on its page and as RIS/BibTeX downloads.

The forms themselves are in :mod:`archive.citations`; this module only reads
the article (public stories, by date, 版 and order) and answers.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from archive import citations, selectors
from archive.cache import public_page

DOWNLOADS = {
    "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
    "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
}


def cited_story(request, article) -> citations.CitedStory:
    url = request.build_absolute_uri(article.get_absolute_url())
    return citations.from_article(article, url=url, publication=settings.PUBLICATION_NAME)


def _download_url(article, fmt: str) -> str:
    date, page = article.page.issue.date, article.page.number
    return reverse(f"archive:article_{fmt}", kwargs={
        "year": date.year, "month": date.month, "day": date.day, "page": page, "order": article.order,
    })


def citation_context(request, article) -> dict:
    """GB/T 7714 and APA strings and the download links, for the article template and the API."""
    story = cited_story(request, article)
    return {
        "gbt7714": citations.gbt7714(story),
        "apa": citations.apa(story),
        "ris_url": request.build_absolute_uri(_download_url(article, "ris")),
        "bibtex_url": request.build_absolute_uri(_download_url(article, "bib")),
    }


@require_safe
@public_page
def article_citation(request, year: int, month: int, day: int, page: int, order: int, fmt: str):
    """The public article at date/版/order as an RIS or BibTeX file (``fmt``: ``ris`` or ``bib``)."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        date = None
    article = date and selectors.article_at(date=date, page_number=page, order=order)
    if not article:
        raise Http404(_("没有这篇文章"))
    render, content_type = DOWNLOADS[fmt]
    response = HttpResponse(render(cited_story(request, article)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{date:%Y%m%d}-{page}-{order}.{fmt}"'
    return response
