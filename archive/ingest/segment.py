"""Walk classified lines and cut the page into draft items.

Contract: ``segment(lines)`` returns ``(drafts, orphans)``. ``drafts`` are the
page's items in printed order, each with its raw title lines and body (still
unjoined ``Para`` records). ``orphans`` are title runs that no story follows
(e.g. a title block printed after its story); ``parser`` matches them to
untitled stories by content. Never raises for any list of ``Line``.

Each line is first classified (``classify``); then a run of title-like lines
is read by what follows it:
- a ``本报讯`` opening or a byline: the titles of a new story (a section
  label or a top-of-page banner in front of a complete title block is taken
  off as the section in force);
- body text: at the top of the page or after a finished story, a story
  without dateline; inside an open story, one line is a 小标题, a line with
  clause commas set apart by a wide gap is a picture label, and text cut
  short (commas, an open quote) is body;
- a photo credit: the picture's caption (and headline);
- nothing of that: an orphan run.
A ``本报讯`` paragraph with no titles before it starts an untitled story; a
line holding only a byline ends the story it follows.
"""
from __future__ import annotations

from . import bylines, joining, photos, titles
from .blocks import Line
from .drafts import Draft, Head, Orphan, Para, add_run
from .schema import BYLINE_OWNER_GUESSED, SECTION_LABEL_GUESSED, ParsedArticle, ParseWarning, PhotoItem
from .text import JUMP_OUT_RE, ends_sentence, has_clause_comma, looks_like_body, unbalanced


def classify(line: Line) -> str:
    """One of: void, opening, byline, credit, title, para."""
    text = line.text
    if not text:
        return "void"
    if bylines.split_opening(text) is not None:
        return "opening"
    if bylines.closing_byline(text) is not None:
        return "byline"
    if JUMP_OUT_RE.fullmatch(text):
        return "para"  # `(下转第N版)` on a line of its own ends the story's text
    if bylines.split_photo_credit(text) is not None:
        return "credit"
    if titles.is_title_like(text):
        return "title"
    return "para"


class Segmenter:
    """State machine over the page's lines (see module docstring)."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.kinds = [classify(x) for x in lines]
        self.promote_exclaimed_titles()
        self.drafts: list[Draft] = []
        self.orphans: list[Orphan] = []
        self.current: Draft | None = None
        self.section: str | None = None
        self.carry: list = []  # warnings of dropped lines, for the next item
        self.pending_caption: tuple[str, list[str]] | None = None
        # A brief column's label is in force up to line ``section_until``.
        self.section_before: str | None = None
        self.section_until: int | None = None
        # A byline printed between a credited story and the next title.
        self.pending_byline: tuple[bylines.CreditRun, Draft] | None = None

    def promote_exclaimed_titles(self) -> None:
        """A short line ending in ！/？ right above a title or dateline is a title."""
        for i in range(len(self.lines) - 1, -1, -1):
            text = self.lines[i].text
            if (self.kinds[i] == "para" and titles.is_exclaimed_title(text)
                    and self.next_kind(i + 1) in ("title", "opening")):
                self.kinds[i] = "title"

    def next_index(self, i: int) -> int | None:
        for j in range(i, len(self.lines)):
            if self.kinds[j] != "void":
                return j
        return None

    def next_kind(self, i: int) -> str | None:
        j = self.next_index(i)
        return None if j is None else self.kinds[j]

    def new_draft(self, title_lines: list[str], kind: str = "article") -> Draft:
        draft = Draft(ParsedArticle(kind=kind, section=self.section), list(title_lines))
        draft.article.warnings.extend(self.carry)
        self.carry = []
        self.drafts.append(draft)
        if kind == "article":
            self.current = draft
        return draft

    def run(self) -> tuple[list[Draft], list[Orphan]]:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.settle_byline(None)
        if self.carry and self.drafts:
            self.drafts[-1].article.warnings.extend(self.carry)
        return self.drafts, self.orphans

    def step(self, i: int) -> int:
        kind, line = self.kinds[i], self.lines[i]
        if self.section_until is not None and i >= self.section_until:
            self.section, self.section_until = self.section_before, None
        if kind == "title":
            return self.title_run(i)
        if kind == "opening":
            self.opening(line, i)
        elif kind == "byline":
            self.closing(line, i)
        elif kind == "credit":
            photos.credit_line(self, i)
        elif kind == "para":
            self.paragraph(line, i)
        # Warnings about a line (e.g. text dropped as a repeat) go to the
        # story it ended up in, or to the next item when there is none yet.
        if self.current is not None:
            self.current.article.warnings.extend(line.warnings)
        else:
            self.carry.extend(line.warnings)
        return i + 1

    # -- titles ---------------------------------------------------------
    def title_run(self, i: int) -> int:
        j = i
        while j < len(self.lines) and self.kinds[j] in ("title", "void"):
            j += 1
        run = [k for k in range(i, j) if self.kinds[k] == "title"]
        for k in range(i, j):
            self.carry.extend(self.lines[k].warnings)
        after = self.next_kind(j)
        lead_picture = after == "credit" and self.picture_before_lead(j)
        if after == "credit" and not lead_picture and photos.caption_run(self, self.peel_cut(run), j):
            return j
        run = self.take_sections(self.peel_body(run, after == "opening"), after)
        if not run:
            return j
        if after in ("opening", "byline") or lead_picture:
            # A byline right under the title opens a feature without 本报讯.
            self.new_draft([self.lines[k].text for k in run])
        elif after == "para":
            self.before_body(run)
        else:
            self.orphans.append(Orphan([self.lines[k].text for k in run], len(self.drafts)))
        if self.current is not None:
            self.current.article.warnings.extend(self.carry)
            self.carry = []
        return j

    def peel_cut(self, run: list[int]) -> list[int]:
        """Short story text over a picture's caption goes back to the open story:
        the head of a paragraph cut by the picture is title-like only by its length."""
        cur = self.current
        while (len(run) > 1 and cur is not None and not cur.closed
               and self.lines[run[0]].gap_before < photos.WIDE_GAP and looks_like_body(self.lines[run[0]].text)):
            k = run.pop(0)
            cur.body.append(Para(self.lines[k].text, k, self.lines[k].gap_before))
        return run

    def picture_before_lead(self, j: int) -> bool:
        """A captioned picture set apart under the title run, then the lead:
        the titles are the story's, the picture is printed above its lead."""
        k = j
        while self.kinds[k] == "void":
            k += 1
        credit = bylines.split_photo_credit(self.lines[k].text)
        if credit is None or self.lines[k].gap_before < photos.WIDE_GAP:
            return False
        # Without a caption of its own the credit could be the picture of a
        # caption printed as the run's last line: only 本报讯 right after it
        # says the run is a title.
        return photos.lead_follows(self, k) if credit[0] is not None else self.next_kind(k + 1) == "opening"

    def take_sections(self, run: list[int], after: str | None) -> list[int]:
        """Strip section labels / a banner / a brief column's label from a title run."""
        run = self.take_brief_label(run)
        # Only a label with a complete title block after it is a section.
        while len(run) >= 2:
            text = self.lines[run[0]].text
            label = titles.section_label(text)
            if label is None and titles.is_banner(text) and not self.drafts:
                label = text
            elif label is None and self.banner_above_block(run):
                label = text
                self.guessed_label(text, "printed alone over a two-line title block")
            if label is None:
                break
            self.section = label
            run = run[1:]
        return run

    def guessed_label(self, label: str, why: str) -> None:
        """The item under a label read as a section by its layout carries a warning."""
        self.carry.append(ParseWarning(
            SECTION_LABEL_GUESSED,
            f"A short line {why} was read as a section label, not as a title.", label))

    def banner_above_block(self, run: list[int]) -> bool:
        """A short label alone in its block over a block holding two title lines
        (headline and subheadline, or kicker and headline): a series banner.
        A kicker printed on its own stands over a one-line block."""
        first, second, third = (self.lines[k] for k in run[:3]) if len(run) >= 3 else (None,) * 3
        return (first is not None and first.first_in_block and first.last_in_block
                and second.block == third.block != first.block
                and titles.is_label(first.text) and not titles.is_background(first.text))

    def take_brief_label(self, run: list[int]) -> list[int]:
        """`简讯` printed alone over several one-paragraph stories: their section.

        Title lines before the label are a title printed after its story (an
        orphan); the label is in force for the briefs under it only.
        """
        for p, k in enumerate(run[:-1]):
            if p != len(run) - 2 or not titles.is_label(self.lines[k].text):
                continue
            end = self.briefs_end(run[p + 1])
            if end is None:
                return run
            if p:
                self.orphans.append(Orphan([self.lines[x].text for x in run[:p]], len(self.drafts)))
            self.section_before, self.section_until = self.section, end
            self.section = self.lines[k].text
            self.guessed_label(self.section, "printed alone over a column of briefs")
            return run[p + 1:]
        return run

    def briefs_end(self, k: int) -> int | None:
        """Where a column of two or more briefs starting at title line ``k`` ends."""
        count = 0
        while k < len(self.lines) and self.kinds[k] == "title" and self.lines[k].last_in_block:
            body = self.next_index(k + 1)
            if body is None or self.kinds[body] not in ("opening", "para"):
                break
            count += 1
            k = self.next_index(body + 1) or len(self.lines)
            if k < len(self.lines) and self.kinds[k] == "byline":
                k = self.next_index(k + 1) or len(self.lines)
        return k if count >= 2 else None

    def before_body(self, run: list[int]) -> None:
        """Title-like lines followed by body text without a dateline."""
        heads: list[int] = []
        for k in run:
            cur = self.current
            open_story = cur is not None and not cur.closed
            if open_story and not heads and self.is_inline_caption(k):
                cur.article.photos.append(PhotoItem(self.lines[k].text, None))
            elif open_story and (looks_like_body(self.lines[k].text) or self.continues_cut(k)):
                self.flush_heads(heads)
                heads = []
                self.current.body.append(Para(self.lines[k].text, k, self.lines[k].gap_before))
            else:
                heads.append(k)
        self.flush_heads(heads)

    def continues_cut(self, k: int) -> bool:
        """The line finishes a word the story's last paragraph left cut (建设进 + 度…)."""
        last = self.current.body[-1] if self.current.body else None
        if not isinstance(last, Para) or ends_sentence(last.text):
            return False
        return joining.spans_seam(last.text, self.lines[k].text)

    def flush_heads(self, heads: list[int]) -> None:
        """One line inside an open story is a 小标题; more lines start a story."""
        if not heads:
            return
        cur = self.current
        # In a brief column every one-line title starts the next brief.
        if cur is not None and not cur.closed and len(heads) == 1 and self.section_until is None:
            line = self.lines[heads[0]]
            if not cur.body and line.gap_before >= photos.WIDE_GAP and photos.credits_picture(cur.article):
                # Set apart between the title and the lead of a story whose
                # byline credits a picture: that picture's caption.
                cur.article.photos.append(PhotoItem(line.text, None))
                photos.placed_by_layout(cur.article, "caption read from a line set apart above the lead", line.text)
                return
            cur.body.append(Head(line.text, heads[0], line.gap_before))
            return
        self.new_draft([self.lines[k].text for k in heads])

    def peel_body(self, run: list[int], strict: bool) -> list[int]:
        """Leading lines of a run that are cut story text, not titles, go to the body.

        ``strict`` (a dateline follows, so the run holds the next story's
        title): a headline may hold a comma, so only a line that finishes a
        cut paragraph or has an unclosed quote is story text.
        """
        cur = self.current
        while run and cur is not None and not cur.closed:
            k = run[0]
            text = self.lines[k].text
            last = cur.body[-1] if cur.body else None
            continues = not strict or (isinstance(last, Para) and not ends_sentence(last.text))
            if self.is_inline_caption(k) or not (continues and looks_like_body(text)
                                                 or unbalanced(text)):
                break
            run.pop(0)
            cur.body.append(Para(self.lines[k].text, k, self.lines[k].gap_before))
        return run

    def is_inline_caption(self, k: int) -> bool:
        """A one-line picture label inside a story: set apart, with clause commas."""
        line = self.lines[k]
        return line.gap_before >= 2 and has_clause_comma(line.text)

    # -- dateline, byline, body ----------------------------------------
    def opening(self, line: Line, i: int) -> None:
        cur = self.current
        if cur is not None and not cur.closed and self.lead_caption(cur):
            # Printed between the title and the lead, set apart: the
            # caption of the story's picture (no credit printed with it).
            caption = cur.body.pop().text
            cur.article.photos.append(PhotoItem(caption, None))
            photos.placed_by_layout(cur.article, "caption read from a block set apart above the lead", caption)
        if cur is None or cur.article.dateline is not None or cur.closed or not self.only_preface(cur):
            cur = self.new_draft([])
        opening = bylines.split_opening(line.text)
        self.settle_byline(cur, opening.credits is not None)
        cur.article.dateline = opening.dateline
        if opening.credits is not None:
            add_run(cur.article, opening.credits)
        if opening.rest:
            cur.body.append(Para(opening.rest, i, line.gap_before))

    @staticmethod
    def only_preface(cur: Draft) -> bool:
        """The story has no text yet but an editor's note (编者按) printed before its lead."""
        return all(isinstance(b, Para) and titles.is_editors_note(b.text) for b in cur.body)

    @staticmethod
    def lead_caption(cur: Draft) -> bool:
        """The story's only text so far is one short block set apart from its title."""
        if not cur.title_lines or cur.article.dateline is not None or len(cur.body) != 1:
            return False
        para = cur.body[0]
        return isinstance(para, Para) and photos.set_apart(para) and photos.caption_sized(para.text)

    def closing(self, line: Line, i: int) -> None:
        run = bylines.closing_byline(line.text)
        cur = self.current
        if (cur is not None and run.photo_by_byline and cur.article.bylines and cur.article.dateline
                and photos.set_apart(photos.previous_para(self, i))):
            # The story was bylined at its opening, so a 文/图 line after it
            # credits a stand-alone picture printed below the story.
            photos.credit_line(self, i, run)
            return
        self.settle_byline(None)
        if (cur is not None and cur.body and cur.article.dateline and cur.article.bylines
                and self.next_kind(i + 1) == "title"):
            # The story was credited in its 本报讯 bracket: a byline between it
            # and the next title may be the next story's (settled at its lead).
            self.pending_byline = (run, cur)
            cur.closed = True
            return
        if cur is None:
            cur = self.new_draft([])
        add_run(cur.article, run)
        # A byline printed under the title, before any text, opens a feature;
        # printed after the text, it ends the story.
        cur.closed = bool(cur.body)

    def settle_byline(self, lead: Draft | None, lead_credited: bool = True) -> None:
        """Give a pending byline to the story whose lead has no credits, else back to the story above."""
        if self.pending_byline is None:
            return
        run, above = self.pending_byline
        self.pending_byline = None
        owner = above if lead is None or lead_credited else lead
        add_run(owner.article, run)
        owner.article.warn(BYLINE_OWNER_GUESSED,
                           "A byline printed between two stories was given to one of them by layout.",
                           "、".join(name for name, _ in run.credits))

    def paragraph(self, line: Line, i: int) -> None:
        if self.current is None:
            self.new_draft([])
        self.current.body.append(Para(line.text, i, line.gap_before, self.alone(i)))

    def alone(self, i: int) -> bool:
        """A short sentence set apart on both sides, with no credit under it."""
        line = self.lines[i]
        below = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return (line.first_in_block and line.last_in_block and below is not None
                and line.gap_before >= photos.WIDE_GAP and below.gap_before >= photos.WIDE_GAP
                and self.kinds[i + 1] != "credit" and photos.caption_sized(line.text))


def segment(lines: list[Line]) -> tuple[list[Draft], list[Orphan]]:
    """Cut the page into drafts and orphan title runs (see module docstring)."""
    return Segmenter(lines).run()
