"""Small template helpers for the reader site: the publication's name and Chinese dates."""
import datetime as dt

from django import template
from django.conf import settings

register = template.Library()

WEEKDAYS = "一二三四五六日"


@register.simple_tag
def publication_name() -> str:
    return settings.PUBLICATION_NAME


@register.filter
def cn_date(value: dt.date | None) -> str:
    """``2025年1月2日``, as the paper prints its date line."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@register.filter
def cn_weekday(value: dt.date | None) -> str:
    return f"星期{WEEKDAYS[value.weekday()]}" if value else ""


@register.filter
def first_paragraph(article, length: int = 90) -> str:
    """The first paragraph (or the first caption of a picture), cut to ``length`` characters."""
    text = next((b["text"] for b in article.body if b.get("type") == "paragraph"), "") or article.first_caption
    return text if len(text) <= length else text[:length].rstrip() + "……"
