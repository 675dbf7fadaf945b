"""Template filters that mark search hits: ``{{ text|highlight:request.GET }}``.

The article page gets the reader's words in ``?hl=`` from the search results;
the filter escapes the text and wraps each hit in ``<mark>``. Given the query
dict it reads ``hl`` itself (``request.GET.hl`` fails when absent).
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
