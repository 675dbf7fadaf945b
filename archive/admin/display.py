"""Pieces the editors' admin shows and edits: warning labels and the body as text.

The parser's warning codes get their Chinese labels here and only here.
``body_to_text``/``text_to_body`` convert the article body between its JSON
blocks and the plain text an editor types: paragraphs separated by blank
lines, subheads (小标题) on a line starting with ``## ``.
"""
from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

WARNING_LABELS = {
    "joined_cut_paragraph": _("已拼接被截断的段落"),
    "dropped_repeated_text": _("已删除重复文字"),
    "title_matched_by_content": _("标题按内容匹配"),
    "paragraph_ends_mid_sentence": _("段落在句中结束"),
    "picture_placed_by_layout": _("图片归属按版式判断"),
    "section_label_guessed": _("栏目标签按版式判断"),
    "story_without_title": _("稿件缺少标题"),
    "title_roles_guessed": _("引题/主标题/副题待核"),
    "byline_names_guessed": _("署名人名拆分待核"),
    "byline_owner_guessed": _("署名归属待核"),
}

# What the editor should check, in place of the parser's English message
# (the parser imports no Django, so it cannot translate).
WARNING_ADVICE = {
    "joined_cut_paragraph": _("被分栏截断的段落已与其后的续文拼接，请对照版面核对拼接处。"),
    "dropped_repeated_text": _("版面上重复出现的文字只保留了首次出现的一处，请核对是否删对。"),
    "title_matched_by_content": _("标题与稿件分开印刷，已按共有词语配对，请核对标题是否属于这篇稿件。"),
    "paragraph_ends_mid_sentence": _("段落在句中结束且未找到续文，请对照版面补全。"),
    "picture_placed_by_layout": _("图片是归入稿件还是单独成条，是按它在版面上的位置（分栏截断处、标题与导语之间、上下留白）判断的，请对照版面核对图片说明和署名。"),
    "section_label_guessed": _("一行短文字被当作栏目标签（如“简讯”或系列栏目名），而不是引题或标题，请核对栏目和标题。"),
    "story_without_title": _("这篇稿件没有找到标题（可能印在别处或被当成了正文），请对照版面补上标题。"),
    "title_roles_guessed": _("标题各行分别是引题、主标题还是副题是推测的，请对照版面核对。"),
    "byline_names_guessed": _("署名中有四个字的人名，可能是两个人名连排，请核对署名。"),
    "byline_owner_guessed": _("两篇稿件之间单独一行的署名是按版式归给这篇稿件的，请核对署名属于哪一篇。"),
}

SUBHEAD_MARK = "## "


def warning_label(code: str) -> str:
    """The Chinese label of a parser warning code; unknown codes are shown as they are."""
    return str(WARNING_LABELS.get(code, code))


def warning_advice(code: str, message: str = "") -> str:
    """What to check for a warning, in Chinese; an unknown code keeps the parser's own message."""
    return str(WARNING_ADVICE.get(code, message))


def warning_line(code: str, message: str = "", detail: str = "") -> str:
    """One warning as a line of text: label, advice and, in brackets, the text it concerns."""
    line = f"{warning_label(code)}：{warning_advice(code, message)}"
    return f"{line}（{detail}）" if detail else line


def warnings_html(warnings) -> str:
    """The parser's warnings as an HTML list an editor can read (escaped)."""
    items = [w for w in (warnings or []) if isinstance(w, dict)]
    if not items:
        return format_html("<p>{}</p>", _("无"))
    rows = format_html_join(
        "",
        "<li><strong>{}</strong>：{}<br><small>{}</small></li>",
        ((warning_label(w.get("code", "")), warning_advice(w.get("code", ""), w.get("message", "")), w.get("detail", ""))
         for w in items),
    )
    return format_html("<ul class='archive-warnings'>{}</ul>", rows)


def body_to_text(body) -> str:
    """JSON body blocks → editable text (blank line between blocks, ``## `` before subheads)."""
    parts = []
    for block in body or []:
        text = " ".join(str(block.get("text", "")).splitlines())
        parts.append(SUBHEAD_MARK + text if block.get("type") == "subhead" else text)
    return "\n\n".join(parts)


def text_to_body(text: str) -> list[dict]:
    """Editable text → JSON body blocks; the inverse of :func:`body_to_text`.

    Blocks are separated by blank lines; a block whose first line starts with
    ``##`` is a subhead. Line breaks inside a paragraph are joined without a
    space, as Chinese text has none between lines.
    """
    blocks = []
    for chunk in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("##"):
            blocks.append({"type": "subhead", "text": lines[0].lstrip("#").strip()})
            lines = lines[1:]
        if lines:
            blocks.append({"type": "paragraph", "text": "".join(lines)})
    return [b for b in blocks if b["text"]]
