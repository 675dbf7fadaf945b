"""Citations of a printed story: GB/T 7714-2015, APA 7, RIS and BibTeX.

Pure Python, no Django: a :class:`CitedStory` holds what a reference needs
(the caller reads it from the database), and each function returns the text a
researcher pastes or a reference manager imports. Authors are every credited
person in byline order, once each; GB/T 7714 lists three and then "等".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# A photo item has no headline: its caption stands in, cut to a title's length.
CAPTION_TITLE_CHARS = 30
# GB/T 7714-2015 §8.1.2: more than three authors are given as three and "等".
GBT_MAX_AUTHORS = 3
_CLAUSE_END = "，。；：、！？,.;:!? "
_BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_~^])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class CitedStory:
    """What a reference to one story needs, as plain values."""

    publication: str
    date: dt.date
    page: int
    url: str
    headline: str = ""
    kicker: str = ""
    subheadline: str = ""
    caption: str = ""
    authors: tuple[str, ...] = field(default_factory=tuple)
    key: str = ""

    @property
    def title(self) -> str:
        """The 主标题 (with its 副题 after a colon, GB/T 7714's 其他题名信息);
        the 引题 when nothing else is printed; a photo item's shortened caption."""
        main = self.headline or self.kicker
        if main:
            return f"{main}:{self.subheadline}" if self.subheadline and self.headline else main
        return caption_title(self.caption)


def from_article(article, *, url: str, publication: str) -> CitedStory:
    """The :class:`CitedStory` of a stored article (duck-typed: its bylines,
    photos, page and issue as the models give them; no Django import).

    Authors are the credited people in byline order; a photo item credited
    only under its picture is authored by that photographer.
    """
    names = [byline.person.name for byline in article.bylines.all()]
    if not names:
        names = [photo.photographer.name for photo in article.photos.all() if photo.photographer_id]
    page = article.page
    return CitedStory(
        publication=publication, date=page.issue.date, page=page.number, url=url,
        headline=article.headline, kicker=article.kicker, subheadline=article.subheadline,
        caption=article.first_caption, authors=tuple(dict.fromkeys(names)),
        key=f"{page.issue.date:%Y%m%d}-{page.number}-{article.order}",
    )


def caption_title(caption: str, limit: int = CAPTION_TITLE_CHARS) -> str:
    """A caption as a title: whole when short, else cut at the last clause
    end within ``limit`` characters (or at ``limit``) and marked with "…"."""
    text = " ".join(caption.split()).rstrip("。.")
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(c) for c in _CLAUSE_END)
    if cut >= limit // 3:
        head = head[:cut]
    return head.rstrip(_CLAUSE_END) + "…"


def _sentence(text: str) -> str:
    """``text`` closed by a full stop, unless it already ends in one or in "…"."""
    return text if text.endswith((".", "…", "?", "!", "？", "！")) else text + "."


def gbt7714(story: CitedStory) -> str:
    """GB/T 7714-2015 newspaper form: ``作者. 题名[N]. 报纸名, 出版日期(版次).``"""
    names = list(story.authors[:GBT_MAX_AUTHORS])
    if len(story.authors) > GBT_MAX_AUTHORS:
        names.append("等")
    who = f"{', '.join(names)}. " if names else ""
    return f"{who}{story.title}[N]. {story.publication}, {story.date.isoformat()}({story.page})."


def apa(story: CitedStory) -> str:
    """APA 7 newspaper form: ``作者. (年, Month 日). 题名. 报纸名, 版次.``;
    without authors the title moves to the front, as APA asks."""
    when = f"({story.date.year}, {_MONTHS[story.date.month - 1]} {story.date.day})"
    where = f"{story.publication}, {story.page}. {story.url}"
    authors = list(story.authors)
    if not authors:
        return f"{_sentence(story.title)} {when}. {where}"
    who = authors[0] if len(authors) == 1 else f"{', '.join(authors[:-1])}, & {authors[-1]}"
    return f"{who}. {when}. {_sentence(story.title)} {where}"


def ris(story: CitedStory) -> str:
    """The story as one RIS record of type NEWS (CRLF line ends, as the format asks)."""
    lines = [("TY", "NEWS")]
    lines += [("AU", name) for name in story.authors]
    lines += [
        ("TI", story.title),
        ("T2", story.publication),
        ("PY", str(story.date.year)),
        ("DA", story.date.strftime("%Y/%m/%d")),
        ("SP", str(story.page)),
        ("UR", story.url),
        ("LA", "zh"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def _braced(value: str) -> str:
    return "{" + _BIBTEX_SPECIAL.sub(r"\\\1", value) + "}"


def bibtex(story: CitedStory) -> str:
    """The story as one BibTeX ``@article`` entry (journal = the newspaper)."""
    key = story.key or f"{story.date:%Y%m%d}p{story.page}"
    fields = [
        ("author", " and ".join(story.authors)),
        ("title", story.title),
        ("journal", story.publication),
        ("year", str(story.date.year)),
        ("month", str(story.date.month)),
        ("day", str(story.date.day)),
        ("date", story.date.isoformat()),
        ("pages", str(story.page)),
        ("url", story.url),
        ("language", "chinese"),
    ]
    body = ",\n".join(f"  {name} = {_braced(value)}" for name, value in fields if value)
    return f"@article{{{key},\n{body}\n}}\n"
