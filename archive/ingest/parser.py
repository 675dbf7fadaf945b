"""Entry point: page text → ``ParsedPage``.

Contract: ``parse_page(text, source=None)`` returns a ``ParsedPage`` for any
``str`` without NUL bytes (possibly with zero articles); it raises
``ParseError`` for input that is not text (not a ``str``, or holding NUL or
other binary control bytes). It never raises any other exception.
"""
from __future__ import annotations

import re

from .blocks import split_lines
from .joining import join_body
from .matching import overlap
from .photos import credits_picture, mentions_picture, placed_by_layout
from .repeats import drop_repeats
from .schema import STORY_WITHOUT_TITLE, TITLE_MATCHED_BY_CONTENT, TITLE_ROLES_GUESSED, ParsedArticle, ParsedPage, ParseError, PhotoItem, Subhead
from .drafts import Draft, Orphan, Para
from .segment import segment
from .titles import assign_roles

_BINARY_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")
# A title line needs this share of its words in a story to be matched to it.
MIN_MATCH = 0.34
NEAREST_UNTITLED = 3


def parse_page(text: str, *, source: str | None = None) -> ParsedPage:
    """Parse one page's plain text into items (see module docstring)."""
    if not isinstance(text, str):
        raise ParseError(f"page text must be str, not {type(text).__name__}")
    if _BINARY_RE.search(text):
        raise ParseError("page text contains NUL or binary control characters")
    try:
        return _parse(text, source)
    except ParseError:
        raise
    except RecursionError as exc:  # pragma: no cover - defensive
        raise ParseError(f"page could not be parsed: {exc}") from exc


def _parse(text: str, source: str | None) -> ParsedPage:
    lines = split_lines(text)
    drop_repeats(lines)
    drafts, orphans = segment(lines)
    _take_trailing_titles(drafts)
    _place_orphans(drafts, orphans)
    _split_late_titles(drafts)
    page = ParsedPage(source=source)
    for draft in drafts:
        article = _finish(draft)
        if article is not None:
            page.articles.append(article)
    return page


def _story_text(draft: Draft) -> str:
    return "\n".join(b.text for b in draft.body if isinstance(b, Para))


def _best_untitled(drafts: list[Draft], before: int, lines: list[str]) -> tuple[Draft | None, float]:
    """The untitled story printed before position ``before`` that the lines fit best."""
    best, best_score = None, 0.0
    title = " ".join(lines)
    # Only a story that opens with 本报讯 is known to have lost its title
    # (untitled text at the top of a page may run on from another page); a
    # late title is printed near its story, so only the nearest few are tried.
    candidates = [d for d in drafts[:before] if d.untitled and d.body and d.article.dateline]
    for draft in candidates[-NEAREST_UNTITLED:]:
        score = overlap(title, _story_text(draft))
        if score > best_score:
            best, best_score = draft, score
    return best, best_score


def _adopt(draft: Draft, lines: list[str]) -> None:
    draft.title_lines = list(lines)
    draft.article.warn(
        TITLE_MATCHED_BY_CONTENT,
        "Title printed away from its story; matched to the story by shared words.",
        " / ".join(lines),
    )


def _place_orphans(drafts: list[Draft], orphans: list[Orphan]) -> None:
    """Give title runs with no story after them to untitled stories, else keep them."""
    for orphan in reversed(orphans):
        if _split_orphan(drafts, orphan):
            continue
        target, score = _best_untitled(drafts, orphan.after, orphan.lines)
        if target is not None and score >= MIN_MATCH:
            _adopt(target, orphan.lines)
            continue
        # No story fits: keep the lines visible as a title-only item.
        drafts.insert(orphan.after, Draft(ParsedArticle(), orphan.lines))


def _take_trailing_titles(drafts: list[Draft]) -> None:
    """A title line closing an untitled 本报讯 story, with no text after it,
    is the story's own title printed after it, not a 小标题."""
    for draft in drafts:
        last = draft.body[-1] if draft.body else None
        if (draft.untitled and draft.article.dateline and isinstance(last, Subhead)
                and overlap(last.text, _story_text(draft)) >= MIN_MATCH):
            draft.body.pop()
            _adopt(draft, [last.text])


def _split_orphan(drafts: list[Draft], orphan: Orphan) -> bool:
    """Titles of two untitled stories printed together after them: each part
    goes to the story it fits, when both parts fit a different story."""
    best = None
    for k in range(1, len(orphan.lines)):
        head, tail = orphan.lines[:k], orphan.lines[k:]
        first, first_score = _best_untitled(drafts, orphan.after, head)
        second, second_score = _best_untitled(drafts, orphan.after, tail)
        if first is None or second is None or first is second or min(first_score, second_score) < MIN_MATCH:
            continue
        if best is None or first_score + second_score > best[0]:
            best = (first_score + second_score, k, first, second)
    if best is None:
        return False
    _, k, first, second = best
    _adopt(first, orphan.lines[:k])
    _adopt(second, orphan.lines[k:])
    return True


def _split_late_titles(drafts: list[Draft]) -> None:
    """A title run before a story may start with the title of an earlier, untitled story."""
    for pos, draft in enumerate(drafts):
        lines = draft.title_lines
        if len(lines) < 2 or not any(d.untitled and d.article.dateline for d in drafts[max(0, pos - 8):pos]):
            continue
        own_text = _story_text(draft)
        best = None
        for k in range(1, len(lines)):
            head, tail = lines[:k], lines[k:]
            target, score = _best_untitled(drafts, pos, head)
            if target is None or score < MIN_MATCH:
                continue
            if score <= overlap(" ".join(head), own_text):
                continue
            gain = score + overlap(" ".join(tail), own_text)
            if best is None or gain > best[0]:
                best = (gain, k, target)
        if best is not None:
            _, k, target = best
            _adopt(target, lines[:k])
            draft.title_lines = lines[k:]


def _parallel_subhead(line: str, body: list) -> bool:
    """True when ``line`` is shaped like the story's 小标题 (a series of subheads
    shares a first or last character: 做强… / 做优… / 做实…)."""
    heads = [b.text for b in body if isinstance(b, Subhead)]
    alike = sum(1 for h in heads if h[:1] == line[:1] or h[-1:] == line[-1:])
    return alike >= 1 and 2 * alike >= len(heads)


def _has_picture(article: ParsedArticle, body: list) -> bool:
    """The story says it has a picture: (如图), a 文/图 credit, or a 图 credit in its byline."""
    return credits_picture(article) or any(isinstance(b, Para) and mentions_picture(b.text) for b in body)


def _take_lone_captions(body: list, article: ParsedArticle) -> list:
    """Short sentences set apart inside a story that has a picture are its caption."""
    if article.photos or not _has_picture(article, body):
        return body
    lone = [b for b in body if isinstance(b, Para) and b.alone]
    if len(lone) != 1:
        return body
    article.photos.append(PhotoItem(lone[0].text, None))
    placed_by_layout(article, "caption read from a short sentence set apart in the text", lone[0].text)
    return [b for b in body if b is not lone[0]]


# A first title line this short that is no place or background line may be
# a kicker (or a label) rather than the headline.
SHORT_HEADLINE = 8


def _check_titles(article: ParsedArticle, lines: list[str]) -> None:
    """Warn where the title roles, or the lack of a title, are a guess."""
    if article.kind == "article" and not article.headline:
        article.warn(STORY_WITHOUT_TITLE, "No title was found for this story.", "")
    elif len(lines) > 3 or (len(lines) == 2 and article.kicker is None
                            and len(lines[0].replace(" ", "")) <= SHORT_HEADLINE):
        article.warn(TITLE_ROLES_GUESSED,
                     "Which title line is the kicker, headline or subheadline is a guess.",
                     " / ".join(lines))


def _finish(draft: Draft) -> ParsedArticle | None:
    article = draft.article
    lines = list(draft.title_lines)
    body = list(draft.body)
    if (article.kind == "article" and article.dateline is None and len(lines) >= 2
            and _parallel_subhead(lines[-1], body)):
        # The first 小标题 of a long feature printed right under its title.
        body.insert(0, Subhead(lines.pop()))
    article.kicker, article.headline, article.subheadline = assign_roles(lines)
    _check_titles(article, lines)
    if article.kind == "article":
        body = _take_lone_captions(body, article)
    article.body = join_body(body, article) if article.kind == "article" else []
    if article.kind == "article" and not article.photos and _has_picture(article, body):
        article.photos.append(PhotoItem(None, None))
    if not (article.headline or article.body or article.photos or article.bylines):
        return None
    return article
