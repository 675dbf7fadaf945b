"""``{% article_preview_url article %}``: the signed preview link, for the admin's 预览 button."""
from django import template

from archive.site.preview import preview_url

register = template.Library()


@register.simple_tag
def article_preview_url(article) -> str:
    return preview_url(article=article) if article is not None and article.pk else ""
