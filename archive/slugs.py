"""ASCII slugs for Chinese names: pinyin, made unique against a model's table."""
import re

from pypinyin import lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_slug(text: str, *, max_length: int = 60) -> str:
    """``郑东新区·周报`` → ``zheng-dong-xin-qu-zhou-bao``; never empty."""
    parts = lazy_pinyin(text or "", errors="default")
    slug = _NON_SLUG.sub("-", "-".join(parts).lower()).strip("-")
    return slug[:max_length].strip("-") or "x"


def unique_slug(model, text: str, *, field: str = "slug") -> str:
    """A pinyin slug for ``text`` that no row of ``model`` uses yet (``-2``, ``-3`` … on clashes)."""
    base = pinyin_slug(text)
    taken = set(model.objects.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
