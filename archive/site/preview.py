"""Staff preview of drafts on the public article template, through a signed link that expires.

The link carries the article id signed with a timestamp (``TimestampSigner``),
so it can be opened without an admin session (a proofreader's phone) but
not guessed, altered or used after ``PREVIEW_MAX_AGE`` seconds. Without a
valid token the answer is 404, as for any unpublished story. Previews are
never cached and ask robots not to index them; drafts stay out of feeds,
sitemap, search and the API, which read only through ``published_q``.
"""
from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive import selectors
from archive.models import Article
from archive.site import views

SALT = "archive.site.preview"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def preview_url(*, article: Article) -> str:
    """The signed preview link of ``article``, valid for ``settings.PREVIEW_MAX_AGE`` seconds from now."""
    return reverse("archive:preview", kwargs={"token": _signer().sign(str(article.pk))})


def article_for_token(token: str) -> Article | None:
    """The article (published or not) a valid, unexpired token names; None otherwise."""
    try:
        pk = _signer().unsign(token, max_age=settings.PREVIEW_MAX_AGE)
    except signing.BadSignature:  # tampered, or expired (SignatureExpired is one)
        return None
    if not pk.isdigit():
        return None
    return selectors.articles(public=False, with_corrections=True).filter(pk=int(pk)).first()


@require_safe
@never_cache
def article_preview(request, token: str):
    article = article_for_token(token)
    if article is None:
        raise Http404(_("没有这篇文章"))
    context = {**views.article_context(request, article), "preview": True}
    response = render(request, "archive/article.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
