"""Template filters that mark search hits: ``{{ text|highlight:request.GET.hl }}``.

The article page gets the reader's words in ``?hl=`` from the search results;
the filter escapes the text and wraps each hit in ``<mark>``.
"""
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from archive.searchindex import service

register = template.Library()


@register.filter
def highlight(text, words) -> str:
    """``text`` escaped, with every occurrence of ``words`` (a query string) in ``<mark>``."""
    if not words:
        return conditional_escape(text or "")
    return mark_safe(service.highlight(str(text or ""), str(words)))
