"""Bylines and photo credits: ``记者 刘伟平 景静``, ``通讯员李怡丹``, ``本报记者 X 摄``.

Contracts:
- ``parse_credits(text)`` reads a run of role words and names and returns a
  ``CreditRun`` (or None when ``text`` is not only credits). Names lose their
  padding spaces (``武 桐`` → ``武桐``); printed order is kept.
- ``split_opening(paragraph)`` splits a ``本报讯(…)`` opening into dateline,
  credits and the remaining first paragraph.
- ``split_photo_credit(line)`` splits ``蝶湖航拍 记者 李新华 图`` into an
  optional caption and the credit as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schema import BYLINE_NAMES_GUESSED, ParsedArticle
from .text import squeeze_spaces

_HAN = r"\u3400-\u9fff"
# Any word ending in 记者 is a reporter's role word (本报记者, 郑报全媒体记者,
# 郑报融媒记者, 见习记者 …); it never ends a person's name.
ROLE_RE = re.compile(rf"[{_HAN}]{{0,8}}?记者|(?:特约)?通讯员|实习生|摄影师?|特约撰稿人?")
# `文图` / `文/图`: the bylined people wrote the text and took the pictures.
# (`李文 图` is 李文's picture credit, so a space alone does not join 文 and 图.)
_PHOTO_BY_BYLINE_RE = re.compile(r"(?:(?<![\u3400-\u9fff])文图|文\s*[/／]\s*图)(?![\u3400-\u9fff])")
# A photo credit ends in 摄 / 摄影 / 图, optionally with a bracketed source.
_PHOTO_MARK_RE = re.compile(
    rf"\s*[/／]?\s*(摄影|摄|图)\s*(?:[(（][^()（）]{{0,30}}[)）])?$")
_NAME_RE = re.compile(rf"^[{_HAN}][{_HAN}·•]{{0,9}}$")
# Decorative marks (■●◆) may stand before the dateline.
_DATELINE_RE = re.compile(rf"^[\s■□●○◆◇▲△★☆]*(本报[{_HAN}]{{0,4}}?讯)")
# A picture handed in by a body: `北湖区委宣传部供图`, `图片由北湖区文旅局提供`.
_SUPPLIED_RE = re.compile(rf"(?:^|(?<=[\s。！？!?]))((?:图片由)?[{_HAN}A-Za-z0-9]{{2,20}}(?:供图|提供))$")
_BRACKET_RE = re.compile(r"^\s*[(（【\[〔]([^()（）【】\[\]〔〕]{1,80})[)）】\]〕]\s*")
MAX_NAME = 4
# A label with its credit fits on one line; a caption paragraph with an
# inline credit is a few sentences.
MAX_LABEL_LINE = 80
MAX_CAPTION_LINE = 300


@dataclass
class CreditRun:
    """Credits read from one byline or photo credit."""

    credits: list[tuple[str, str]] = field(default_factory=list)
    photo_by_byline: bool = False
    photo_credit: bool = False
    has_role_word: bool = False


def role_of(word: str) -> str:
    """Map a printed role word to a SCHEMA role."""
    if word.startswith("摄影"):
        return "photographer"
    if word.endswith("记者"):
        return "photographer" if "摄影" in word else "reporter"
    if word == "实习生":
        return "intern"
    return "correspondent"


# Two-character surnames: a name printed `欧阳 晓峰` is one person. (A fact
# of the language, like the role words; no page's people are listed.)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 长孙 宇文 "
    "澹台 端木 西门 南宫 独孤 轩辕 百里 呼延 申屠 钟离 闻人 万俟 太史 公冶".split())


def _merge_single_chars(tokens: list[str]) -> list[str]:
    """Join padding-split names: ``['武', '桐']`` → ``['武桐']``, ``['李', '响', '王', '磊']``
    → ``['李响', '王磊']``, ``['欧阳', '晓']`` → ``['欧阳晓']``.

    No Chinese name has one character: two lone characters in a row are a
    two-character name printed with a padding space; a lone character after
    a short name (or any part after a compound surname) completes that name.
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(tok + tokens[i + 1])
            i += 2
            continue
        if out and (len(tok) == 1 and len(out[-1]) < 3 or out[-1] in COMPOUND_SURNAMES and len(tok) <= 2):
            out[-1] += tok
        else:
            out.append(tok)
        i += 1
    return out


def _tokens(text: str) -> list[str] | None:
    """Split credit text into role words and name tokens, or None if not credits."""
    spaced = ROLE_RE.sub(lambda m: f" {m.group(0)} ", text)
    raw = [t for t in re.split(r"[\s/／、，,]+", spaced) if t]
    groups: list[list[str]] = [[]]
    for tok in raw:
        if ROLE_RE.fullmatch(tok):
            groups.append([tok])
            continue
        if not _NAME_RE.match(tok):
            return None
        groups[-1].append(tok)
    out: list[str] = []
    for group in groups:
        if group and ROLE_RE.fullmatch(group[0]):
            out.append(group[0])
            group = group[1:]
        out.extend(_merge_single_chars(group))
    return out


# `王某/文 李某/图`: each name carries its own mark.
_TEXT_MARK_RE = re.compile(rf"([{_HAN}]{{2,4}})\s*[/／]\s*文(?![{_HAN}])")
_OWN_PHOTO_MARK_RE = re.compile(rf"([{_HAN}]{{2,4}})\s*[/／]\s*(?:图|摄)(?=\s+\S)")
# `文/王某 图/李某`: the mark stands before each name.
_MARK_FIRST_RE = re.compile(rf"(?:^|(?<=\s))(文|图|摄)\s*[/／]\s*([{_HAN}]{{2,4}})(?![{_HAN}])")
# Decorative marks printed in front of a byline: `□晚报记者 …`.
_LEADING_MARKS_RE = re.compile(r"^[\s■□●○◆◇▲△★☆]+")


def _marks_after_names(text: str) -> str:
    """`文/王某 图/李某` → `王某/文 李某/图`, the order the other rules read."""
    if not re.match(r"^\s*(?:文|图|摄)\s*[/／]", text) or _PHOTO_BY_BYLINE_RE.search(text):
        return text
    return _MARK_FIRST_RE.sub(lambda m: f"{m.group(2)}/{m.group(1)}", text)


def parse_credits(text: str) -> CreditRun | None:
    """Read ``记者 X Y 通讯员 Z 文/图``-style text; None when it holds anything else."""
    text = _marks_after_names(_LEADING_MARKS_RE.sub("", squeeze_spaces(text)))
    if _TEXT_MARK_RE.search(text):
        # `X/文` with no role word before it: the writer is a reporter.
        text = _TEXT_MARK_RE.sub(r"\1", text if ROLE_RE.search(text) else "记者 " + text)
        text = _OWN_PHOTO_MARK_RE.sub(r"摄影 \1", text)
        text = re.sub(rf"([{_HAN}]{{2,4}})\s*[/／]\s*(?:图|摄)$", r"摄影 \1", text)
    run = CreditRun()
    if _PHOTO_BY_BYLINE_RE.search(text):
        run.photo_by_byline = True
        text = _PHOTO_BY_BYLINE_RE.sub(" ", text)
    else:
        mark = _PHOTO_MARK_RE.search(text)
        if mark and mark.start() > 0:
            run.photo_credit = True
            text = text[:mark.start()]
    tokens = _tokens(text)
    if not tokens:
        return None
    role = "photographer" if run.photo_credit else None
    for tok in tokens:
        if ROLE_RE.fullmatch(tok):
            run.has_role_word = True
            role = "photographer" if run.photo_credit else role_of(tok)
        elif len(tok.replace("·", "")) > MAX_NAME and "·" not in tok:
            return None
        elif role is None:
            return None
        else:
            run.credits.append((tok, role))
    return run if run.credits else None


def doubtful_names(run: CreditRun) -> list[str]:
    """Names whose split is a guess: four characters without a two-character
    surname may be two names printed without a space."""
    return [name for name, _ in run.credits
            if len(name) == MAX_NAME and name[:2] not in COMPOUND_SURNAMES]


def add_credits(article: ParsedArticle, run: CreditRun) -> None:
    """Add a run's credits to an article, warning where a name's split is a guess."""
    for name, role in run.credits:
        article.add_credit(name, role)
    doubtful = doubtful_names(run)
    if doubtful:
        article.warn(BYLINE_NAMES_GUESSED,
                     "A credited name may be two names printed without a space.", "、".join(doubtful))


@dataclass
class Opening:
    """The parts of a story's first paragraph."""

    dateline: str
    credits: CreditRun | None
    rest: str


def split_opening(paragraph: str) -> Opening | None:
    """Split ``本报讯(记者 X)正文…`` into dateline, credits and text; None if no dateline."""
    m = _DATELINE_RE.match(paragraph)
    if not m:
        return None
    rest = paragraph[m.end():]
    credits = None
    b = _BRACKET_RE.match(rest)
    if b:
        credits = parse_credits(b.group(1))
        if credits is not None:
            rest = rest[b.end():]
    return Opening(m.group(1), credits, rest.strip())


def closing_byline(line: str) -> CreditRun | None:
    """A line that is only a byline (``记者 马燕 通讯员 李盼 文/图``), else None."""
    if len(line) > 60 or not (ROLE_RE.search(line) or "/" in line or "／" in line):
        return None  # cheap test first: a byline has a role word or a 文/图 mark
    bracketed = _BRACKET_RE.fullmatch(line.strip())
    run = parse_credits(bracketed.group(1) if bracketed else line)
    if run is None or run.photo_credit or not run.has_role_word:
        return None
    return run


def split_photo_credit(line: str) -> tuple[str | None, str, CreditRun] | None:
    """``(caption, credit, credits)`` for a photo credit line, else None.

    The credit may follow a caption on the same line: a short label
    (``蝶湖航拍 记者 李新华 图``) or, after a finished sentence, a whole caption
    paragraph (``…学习消防知识。本报记者 孙志刚 摄``).
    """
    if len(line) > MAX_CAPTION_LINE or line[-1:] not in "摄影图供)）":
        return None  # cheap test first: most lines are body text
    if _PHOTO_BY_BYLINE_RE.search(line):
        return None
    supplied = _SUPPLIED_RE.search(line)
    if supplied and (supplied.group(1).startswith("图片由") or supplied.group(1).endswith("供图")):
        caption = line[:supplied.start(1)].strip() or None
        return caption, supplied.group(1), CreditRun(photo_credit=True)
    mark = _PHOTO_MARK_RE.search(line)
    if not mark or mark.start() == 0:
        return None
    head = line[:mark.start()]
    for role in ROLE_RE.finditer(head):
        found = _credit_from(line, role.start())
        if found is not None:
            return found
    if len(line) > MAX_LABEL_LINE:
        return None
    # Without a role word the credit is the last name, which must be set off
    # by a space or a slash (`郭晓光/图`), so `绘就新蓝图` is no credit.
    sep = re.search(rf"(?:^|\s)((?:[{_HAN}]\s){{1,3}}[{_HAN}]|[^\s]{{1,10}})$", head)
    if not sep or not re.search(r"[\s/／]", line[sep.start(1):mark.end()] + " "):
        return None
    if sep.start(1) > 0 and not head[:sep.start(1)].strip():
        return None
    return _credit_from(line, sep.start(1))


def _credit_from(line: str, start: int) -> tuple[str | None, str, CreditRun] | None:
    caption, credit = line[:start].strip(), line[start:].strip()
    if len(line) > MAX_LABEL_LINE and not (caption[-1:] in "。！？!?" or line[start - 1:start].isspace()):
        return None  # a long line is a caption only when it ends before the credit
    run = parse_credits(credit)
    if run is None or not run.photo_credit:
        return None
    return caption or None, credit, run
