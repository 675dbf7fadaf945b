"""Template filters for search: ``{{ text|highlight:request.GET }}`` marks hits.

The article page gets the reader's words in ``?hl=`` from the search results;
the filter escapes the text and wraps each hit in ``<mark>``. Given the query
dict it reads ``hl`` itself (``request.GET.hl`` fails when absent).
``{{ count|approx_count }}`` words an estimated count: ``约 31 万篇``.
"""
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from archive.search.index import service

register = template.Library()


@register.filter
def highlight(text, words) -> str:
    """``text`` escaped, with every occurrence of ``words`` (a query string, or a QueryDict's ``hl``) marked."""
    if hasattr(words, "get"):
        words = words.get("hl", "")
    if not words:
        return conditional_escape(text or "")
    return mark_safe(service.highlight(str(text or ""), str(words)))


WAN = 10_000


@register.filter
def approx_count(value) -> str:
    """An estimated count as readers say it: ``31.2 万篇`` from 10,000 up, in 万 with one decimal at most.

    Below 10,000 the figure stays whole: ``9500 篇``.
    """
    number = int(value or 0)
    if number < WAN:
        return f"{number} 篇"
    wan = f"{number / WAN:.1f}".removesuffix(".0")
    return f"{wan} 万篇"
