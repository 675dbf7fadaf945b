"""Pictures: photo credit lines, their captions, stand-alone photo items.

Contract (called by ``segment.Segmenter``):
- ``caption_run(seg, run, j)`` — title-like lines printed just before a photo
  credit; stores them as the picture's caption (and headline) and returns True.
- ``credit_line(seg, i)`` — handles the credit at line ``i``: a picture of the
  open story when the story's text goes on after it, or when the credit sits
  right under the story with no caption of its own; otherwise (an inline
  caption, or a short paragraph set apart by a wide blank gap above the
  credit) a stand-alone photo item (图片新闻) with that caption.
"""
from __future__ import annotations

import re

from .bylines import add_credits, split_photo_credit
from .joining import fits_after
from .schema import PICTURE_PLACED_BY_LAYOUT, PhotoItem, Subhead
from .text import ends_sentence

# A caption paragraph is a few sentences; a longer block is story text.
MAX_CAPTION = 160
# Blank lines around a picture: layout leaves a wider gap than between paragraphs.
WIDE_GAP = 2
_AS_SHOWN_RE = re.compile(r"[(（]如图[)）]")
# A caption printed on its own, with no credit beside it, is a line or two.
MAX_SHORT_CAPTION = 80


def credits_picture(article) -> bool:
    """The story's byline says it has a picture: 文/图, or a 图 credit."""
    return article.photo_by_byline or any(c.role == "photographer" for c in article.bylines)


def caption_sized(text: str) -> bool:
    """Short enough, and with few enough sentences, to be a picture's caption."""
    return len(text) <= MAX_SHORT_CAPTION and text.count("。") <= 2


def mentions_picture(text: str) -> bool:
    """True when the text points at a printed picture: ``(如图)``."""
    return bool(_AS_SHOWN_RE.search(text))


def caption_run(seg, run: list[int], j: int) -> bool:
    """Keep title-like lines before a credit as caption / photo headline."""
    k = j
    while k < len(seg.lines) and seg.kinds[k] == "void":
        k += 1
    parsed = split_photo_credit(seg.lines[k].text) if k < len(seg.lines) else None
    if parsed is None:
        return False
    texts = [seg.lines[x].text for x in run]
    if parsed[0] is not None:
        seg.pending_caption = (None, texts)
    else:
        seg.pending_caption = (texts[-1], texts[:-1])
    return True


def previous_para(seg, i: int):
    """The open story's last paragraph if it was printed just above line ``i``."""
    cur = seg.current
    if cur is None or not cur.body:
        return None
    last = cur.body[-1]
    line_no = getattr(last, "line", None)
    if line_no is None or seg.kinds[line_no] != "para":
        return None
    between = [k for k in range(line_no + 1, i) if seg.kinds[k] != "void"]
    if between:
        return None
    if seg.lines[line_no].block == seg.lines[i].block and not (set_apart(last) and caption_sized(last.text)):
        # A story's last paragraph run straight into a credit is its text;
        # a short block set apart that ends in a credit is a caption.
        return None
    if len(last.text) > MAX_CAPTION:
        return None
    return last


def _bare(draft) -> bool:
    """A draft that is only one loose paragraph (no title, dateline or byline)."""
    return (draft.untitled and draft.article.dateline is None
            and not draft.article.bylines and len(draft.body) <= 1)


def set_apart(para) -> bool:
    """A paragraph printed after a wide blank gap, as captions are."""
    return para is not None and para.gap >= WIDE_GAP


def _next_index(seg, i: int) -> int | None:
    for k in range(i, len(seg.lines)):
        if seg.kinds[k] != "void":
            return k
    return None


def _story_goes_on(seg, i: int) -> bool:
    """Story text follows the credit at ``i`` (not another picture's caption)."""
    k = _next_index(seg, i + 1)
    if k is None or seg.kinds[k] != "para":
        return False
    after = _next_index(seg, k + 1)
    return after is None or seg.kinds[after] != "credit"


def lead_follows(seg, i: int) -> bool:
    """The story's lead (本报讯 or its first paragraph) follows the credit at ``i``."""
    k = _next_index(seg, i + 1)
    return k is not None and seg.kinds[k] in ("opening", "para")


def caption_group(seg, i: int) -> int:
    """How many of the open story's last body blocks are the caption printed
    above the credit at ``i``: 0, the paragraph just above, or that paragraph
    and a one-line headline over it set apart by a wide gap."""
    para = previous_para(seg, i)
    if para is None:
        return 0
    body = seg.current.body
    head = body[-2] if len(body) >= 2 else None
    if (isinstance(head, Subhead) and getattr(head, "gap", 0) >= max(WIDE_GAP, para.gap)
            and not [k for k in range(head.line + 1, para.line) if seg.kinds[k] != "void"]):
        return 2
    return 1


def in_cut(seg, i: int, group: int) -> bool:
    """The picture sits between the two halves of a paragraph cut by a column:
    the story's text stops mid-sentence above it and goes on below it."""
    body = seg.current.body
    last = body[-1 - group] if len(body) > group else None
    k = _next_index(seg, i + 1)
    if getattr(last, "line", None) is None or isinstance(last, Subhead) or k is None:
        return False
    return (not ends_sentence(last.text) and seg.kinds[k] == "para"
            and fits_after(last.text, seg.lines[k].text))


def placed_by_layout(article, where: str, caption: str | None) -> None:
    """Leave the warning for a picture given to a story, or set apart, by where it was printed."""
    article.warn(PICTURE_PLACED_BY_LAYOUT,
                 f"Picture {where}; check whether it belongs to this story or stands alone.",
                 caption or "")


def _story_pictures(seg, i: int, has_caption: bool) -> bool:
    """True when the credit at ``i`` is for a picture of the open story."""
    cur = seg.current
    if cur is None or cur.closed or cur.article.kind != "article" or _bare(cur):
        return False
    if not cur.body and lead_follows(seg, i):
        return True  # printed between the story's title and its lead
    group = 0 if has_caption else caption_group(seg, i)
    if _story_goes_on(seg, i):
        return not in_cut(seg, i, group)
    # Otherwise the picture is the story's unless a caption of its own sits
    # above the credit: inline, or a block set apart by a wide gap.
    start = cur.body[-group] if group else None
    return not has_caption and not set_apart(start)


def _take_caption(seg, i: int, title_lines: list[str]) -> tuple[str | None, list[str]]:
    """Move the paragraph above a stand-alone credit (and a 小标题-looking line
    printed just above it, which is the photo's headline) out of the story."""
    group = caption_group(seg, i)
    if group == 0:
        return None, title_lines
    cur = seg.current
    para = cur.body.pop()
    if group == 2 and not title_lines:
        title_lines = [cur.body.pop().text]
    if not cur.body and cur.untitled and not cur.article.dateline:
        seg.drafts.remove(cur)
        stories = [d for d in seg.drafts if d.article.kind == "article"]
        seg.current = stories[-1] if stories else None
    return para.text, title_lines


def _titled_caption(seg, i: int) -> bool:
    """The open item is a title over one short paragraph, and the credit ends
    it: a photo with a headline (图片新闻), not a story."""
    cur = seg.current
    if cur is None or cur.closed or not cur.title_lines or cur.article.dateline or cur.article.bylines:
        return False
    return len(cur.body) == 1 and previous_para(seg, i) is cur.body[0] and not _story_goes_on(seg, i)


def _become_photo(draft, run, credit: str) -> None:
    article = draft.article
    article.kind = "photo"
    article.photos.append(PhotoItem(draft.body.pop().text, credit))
    article.photo_by_byline = run.photo_by_byline
    add_credits(article, run)
    draft.closed = True


def credit_line(seg, i: int, byline=None) -> None:
    """Attach the photo credit at line ``i`` (see module docstring).

    ``byline`` is given for a ``记者 X 文/图`` line that credits a stand-alone
    picture: its people keep their printed roles.
    """
    if byline is None:
        caption, credit, run = split_photo_credit(seg.lines[i].text)
    else:
        caption, credit, run = None, seg.lines[i].text, byline
    title_lines: list[str] = []
    if seg.pending_caption is not None:
        pending, title_lines = seg.pending_caption
        caption = caption or pending
        seg.pending_caption = None
    if caption is None and not title_lines and _titled_caption(seg, i):
        _become_photo(seg.current, run, credit)
        return
    if _story_pictures(seg, i, caption is not None):
        article = seg.current.article
        if not seg.current.body:
            placed_by_layout(article, "printed between the title and the lead was given to the story", caption)
        elif _story_goes_on(seg, i):
            placed_by_layout(article, "printed inside the story's text was given to it", caption)
        if caption is None and not title_lines and set_apart(previous_para(seg, i)):
            caption = seg.current.body.pop().text
        if title_lines:
            caption = " ".join(title_lines + ([caption] if caption else []))
        article.photos.append(PhotoItem(caption, credit))
        add_credits(article, run)
        return
    if caption is None:
        caption, title_lines = _take_caption(seg, i, title_lines)
    cut = seg.current is not None and bool(seg.current.body) and in_cut(seg, i, 0)
    if seg.current is not None and not cut:
        # Text printed after a picture that stands apart is no longer part
        # of the story above it (e.g. the next picture's caption), unless the
        # picture sits in a cut of the story's paragraph.
        seg.current.closed = True
    draft = seg.new_draft(title_lines, kind="photo")
    draft.article.photos.append(PhotoItem(caption, credit))
    if cut:
        placed_by_layout(draft.article, "printed in a column cut of a story was set apart from it", caption)
    draft.article.photo_by_byline = run.photo_by_byline
    add_credits(draft.article, run)
