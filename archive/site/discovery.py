"""Ways into the archive by date: 历史上的今天, the 404 of a date without an issue, the 往期 date jump."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from itertools import groupby

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from archive import selectors
from archive.cache import public_page, remember

ON_THIS_DAY_SECONDS = 86400
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _story(article) -> dict:
    # Plain values: what the cache keeps is independent of model pickling.
    title = article.headline or _("图片新闻：%(caption)s") % {"caption": _shortened(article.caption or "", 24)}
    return {"title": title, "url": article.get_absolute_url(), "page": article.page.number}


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def on_this_day(date: dt.date | None) -> list[dict]:
    """历史上的今天 for ``date``: ``[{"date", "stories": [{"title", "url", "page"}]}]``, newest year first.

    The home page asks for the latest issue's date, not today's: the block
    then belongs to the paper the page shows, and the page changes only when
    content does (its validators and page-cache entry follow the latest issue,
    not the clock). Kept a day in the shared cache under the date and the
    content generation, so any edit, publication or deletion recomputes it.
    A page answered 304 from its own validators may keep an older block.
    """
    if date is None:
        return []
    return remember(f"archive:on-this-day:{date.isoformat()}", lambda: _by_year(date), ON_THIS_DAY_SECONDS)


def _by_year(date: dt.date) -> list[dict]:
    found = selectors.on_this_day(date=date)
    return [
        {"date": day, "stories": [_story(a) for a in articles]}
        for day, articles in groupby(found, key=lambda a: a.page.issue.date)
    ]


def _nearest_real_date(year: int, month: int, day: int) -> dt.date:
    """A real date for the neighbours of an impossible one (2021/02/30 -> 2021-02-28)."""
    year = min(max(year, 1), dt.MAXYEAR)
    month = min(max(month, 1), 12)
    return dt.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))


def no_issue(request, year: int, month: int, day: int):
    """The site's Chinese 404 for a date without a public issue, linking the nearest issues before and after."""
    try:
        date, impossible = dt.date(year, month, day), False
    except ValueError:
        date, impossible = _nearest_real_date(year, month, day), True
    previous, following = selectors.issue_neighbours(date=date)
    context = {"asked": f"{year:04d}-{month:02d}-{day:02d}", "date": None if impossible else date,
               "previous": previous, "next": following}
    return render(request, "archive/no_issue.html", context, status=404)


@require_safe
@public_page
def issue_jump(request):
    """往期回顾's date jump: ``?date=YYYY-MM-DD`` redirects to that day's issue URL (its 404 names the neighbours).

    The redirect needs no query; anything but a YYYY-MM-DD date is a 400 in Chinese.
    """
    value = request.GET.get("date", "").strip()
    if not _ISO_DATE.fullmatch(value):
        context = {"message": _("请按“年-月-日”格式输入日期，例如 2025-01-02。")}
        return render(request, "archive/bad_date.html", context, status=400)
    year, month, day = (int(part) for part in value.split("-"))
    return redirect("archive:issue", year=year, month=month, day=day)
