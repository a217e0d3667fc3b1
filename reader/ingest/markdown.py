"""Markdown articles: simple front matter and a Markdown-to-plain-text pass.

Only what articles use is handled: ``---`` front matter of ``key: value``
lines (no YAML dependency), ATX and setext headings, emphasis, inline code,
fenced code, lists, quotes, images, inline/reference/auto links (kept as
footnotes like :func:`reader.html_text.html_to_text`) and stray inline HTML.
"""

from __future__ import annotations

import re

from reader.html_text import LinkNotes, safe_link, with_links

_FRONT_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_REF_DEF = re.compile(r"^ {0,3}\[([^\[\]]++)\]:\s*+<?(\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$")
_IMAGE = re.compile(r"!\[([^\[\]]*+)\]\([^()]*+\)")
_INLINE_LINK = re.compile(
    r"\[([^\[\]]++)\]\(\s*+<?((?:[^()\[\]\s<>]|\([^()\s]*+\))++)>?"
    r"(?:\s++[\"'][^\"'()]*+[\"'])?\s*+\)"
)
_REF_LINK = re.compile(r"\[([^\[\]]++)\]\s?\[([^\[\]]*+)\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]++)>")
_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])")
_STRIKE = re.compile(r"~~(.+?)~~")
_TAG = re.compile(r"</?[A-Za-z][^<>]*+>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, body)``; metadata keys are lower-cased, quotes around values removed."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[i + 1 :])
        match = _FRONT_KEY.match(line)
        if match:
            value = match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[match.group(1).lower()] = value
    return {}, text  # no closing fence: not front matter after all


def _inline(text: str, notes: LinkNotes, refs: dict[str, str]) -> str:
    text = _IMAGE.sub(lambda m: f"[{m.group(1)}]" if m.group(1).strip() else "", text)

    def link(label: str, href: str | None) -> str:
        url = safe_link(href)
        if not url or label.strip() == url:
            return label
        return f"{label} [{notes.number(url)}]"

    text = _INLINE_LINK.sub(lambda m: link(m.group(1), m.group(2)), text)
    text = _REF_LINK.sub(
        lambda m: link(m.group(1), refs.get((m.group(2) or m.group(1)).lower())), text
    )
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    text = _TAG.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text of a Markdown body and its first heading (None if it has none)."""
    refs: dict[str, str] = {}
    lines: list[str] = []
    for line in markdown.split("\n"):
        match = _REF_DEF.match(line)
        if match:
            refs[match.group(1).lower()] = match.group(2)
        else:
            lines.append(line)
    notes = LinkNotes()
    paragraphs: list[list[str]] = []
    """Each paragraph is a list of output lines (several for lists and code)."""
    current: list[str] = []
    first_heading: str | None = None
    fence: str | None = None

    def flush() -> None:
        nonlocal current
        if current:
            paragraphs.append(current)
        current = []

    for i, line in enumerate(lines):
        if fence:
            if line.strip().startswith(fence):
                fence = None
                flush()
            else:
                current.append(line)
            continue
        fence_match = _FENCE.match(line)
        heading = _HEADING.match(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if fence_match:
            flush()
            fence = fence_match.group(1)
        elif heading or (current == [] and line.strip() and _SETEXT.match(following)):
            flush()
            title = _inline(heading.group(2) if heading else line.strip(), notes, refs)
            first_heading = first_heading or title
            paragraphs.append([title])
        elif not line.strip() or _RULE.match(line) or _SETEXT.match(line):
            flush()
        elif _BULLET.match(line):
            if current and not current[0].startswith("• "):
                flush()
            current.append("• " + _inline(_BULLET.sub("", line).strip(), notes, refs))
        else:
            text = _inline(_QUOTE.sub("", line).strip(), notes, refs)
            if current:
                current[-1] = f"{current[-1]} {text}"
            else:
                current.append(text)
    flush()
    body = "\n\n".join("\n".join(p) for p in paragraphs)
    return with_links(body, notes), first_heading
