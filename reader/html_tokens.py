"""The one HTML tokenizer: tags, attributes and raw-text elements of hostile markup.

Every reader of HTML in the core uses these names: :class:`Tokenizer` (the
linear tag/text walk that :mod:`reader.html_text` turns into text and
:mod:`reader.readability` into a tree), :data:`ATTR` and :func:`attributes`
(one tag's ``name=value`` pairs), :data:`VOID_TAGS`, and :func:`strip_raw`
(comments and elements whose content is never text).

Every search moves forward and none rescans, so no page can make them
quadratic (the stdlib ``HTMLParser`` is: 20,000 characters of ``<a`` took it
seconds, and a 2 MB page hours).
"""

from __future__ import annotations

import re
from html import unescape

VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
"""Elements that have no content and no end tag."""

ATTR = re.compile(
    r"""(?:^|[\s"'])([a-zA-Z_:][-\w:.]*+)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s"'<>`]++))"""
)
"""One ``name=value`` pair inside a tag: 1 = name, 2/3/4 = double-, single- or unquoted value."""

_TAG_START = re.compile(r"<(/?)([a-zA-Z][^\s/>\x00]*+)")
"""A start or end tag's opening: 1 = "/" for an end tag, 2 = name."""
_QUOTED_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
"""The rest of a tag whose quoted attribute values may hold ">"."""
_COMMENT = re.compile(r"<!--.*?(?:--!?>|\Z)", re.DOTALL)
"""A comment; an unterminated one runs to the end."""
MAX_QUOTED_TAG = 16384
"""How far a tag with quotes is scanned for its quote-aware end (keeps the tokenizer linear)."""

RAW_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "textarea", "title",
    "select",
)
"""Elements whose content is never story text (cut by :func:`strip_raw`)."""
_RAW_START = re.compile(rf"<!--|<({'|'.join(RAW_TAGS)})\b", re.IGNORECASE)
_RAW_CLOSE = {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE) for name in RAW_TAGS}
_SCRIPT_TAGS = frozenset(("script", "style"))
"""Elements whose content is not markup: the tokenizer skips to their end tag, as browsers do."""


def raw_end(html: str, name: str, pos: int) -> int:
    """Where raw element ``name``, whose content starts at ``pos``, ends: after its end tag,
    read as browsers read it ("</script" then anything up to the next ">"), else the end.
    One search and one find, so a page of unclosed end tags stays linear."""
    close = _RAW_CLOSE[name].search(html, pos)
    if close is None:
        return len(html)
    gt = html.find(">", close.end())
    return gt + 1 if gt >= 0 else len(html)


def _value(match: re.Match[str]) -> str:
    value = match.group(2) or match.group(3) or match.group(4) or ""
    return unescape(value) if "&" in value else value


def attributes(attrs: str) -> dict[str, str]:
    """``name=value`` pairs of one tag's inside (names lowercased, values unescaped, first wins)."""
    values: dict[str, str] = {}
    for match in ATTR.finditer(attrs):
        values.setdefault(match.group(1).lower(), _value(match))
    return values


def attribute(attrs: str, wanted: str) -> str | None:
    """The value of attribute ``wanted`` (lowercase) in one tag's inside, or None."""
    for match in ATTR.finditer(attrs):
        if match.group(1).lower() == wanted:
            return _value(match)
    return None


def strip_raw(html: str) -> str:
    """``html`` without comments and the elements of :data:`RAW_TAGS`.

    One forward pass: every search starts where the last one ended, and an
    element left open swallows the rest of the page, so the pass is linear.
    """
    out: list[str] = []
    pos = 0
    end = len(html)
    while pos < end:
        match = _RAW_START.search(html, pos)
        if match is None:
            out.append(html[pos:])
            break
        out.append(html[pos : match.start()])
        name = match.group(1)
        if name is None:
            close = html.find("-->", match.end())
            pos = close + 3 if close >= 0 else end
        else:
            pos = raw_end(html, name.lower(), match.end())
    return "".join(out)


class Tokenizer:
    """Walks HTML in one linear pass and calls :meth:`start`, :meth:`end` and :meth:`data`.

    Subclasses override the three (and :meth:`close`, called at the end).
    Script and style content is skipped; comments, doctypes and processing
    instructions vanish; text holds entities as written (unescape it).  NUL
    characters are dropped from the input, so subclasses may use them as marks.
    """

    def start(self, tag: str, attrs: str) -> None:
        """A start tag: lowercase name, and the raw inside after the name."""

    def end(self, tag: str) -> None:
        """An end tag (or the implied end of ``<p/>``-style empty elements)."""

    def data(self, text: str) -> None:
        """Text between tags, entities not yet unescaped."""

    def close(self) -> None:
        """The end of the input."""

    def feed(self, html: str) -> None:
        """Tokenize ``html``; every search moves forward, none rescans.

        A regex alone goes quadratic on hostile input (thousands of ``<a`` with
        no ``>``); here the next ``>`` is found once and reused, and the
        quote-aware scan of a tag is bounded by :data:`MAX_QUOTED_TAG`.
        """
        html = html.replace("\x00", "")
        pos = 0
        end = len(html)
        next_gt = -1  # position of the next ">" at or after the current tag, once known
        while pos < end:
            lt = html.find("<", pos)
            if lt < 0:
                self.data(html[pos:])
                break
            if lt > pos:
                self.data(html[pos:lt])
            if html.startswith("<!--", lt):
                comment = _COMMENT.match(html, lt)
                assert comment is not None  # an unterminated comment runs to the end
                pos = comment.end()
                continue
            start = _TAG_START.match(html, lt)
            if start is None and not html.startswith(("<!", "<?"), lt):
                self.data("<")
                pos = lt + 1
                continue
            body = start.end() if start else lt + 2
            if next_gt < body:
                next_gt = html.find(">", body)
                if next_gt < 0:
                    # No ">" anywhere after: no more tags; the rest is text.
                    self.data(html[lt:])
                    break
            if start is None:
                pos = next_gt + 1  # doctype, CDATA marker, processing instruction
                continue
            attrs_start = start.end()
            quoted = None
            if '"' in html[attrs_start:next_gt] or "'" in html[attrs_start:next_gt]:
                quoted = _QUOTED_TAG_REST.match(
                    html, attrs_start, min(end, attrs_start + MAX_QUOTED_TAG)
                )
            if quoted is not None:
                attrs = html[attrs_start : quoted.end() - 1]
                pos = quoted.end()
            else:
                # No quotes, or unbalanced ones: the tag ends at the first ">", as in a browser.
                attrs = html[attrs_start:next_gt]
                pos = next_gt + 1
            tag = start.group(2).lower()
            if start.group(1):
                self.end(tag)
                continue
            if tag in _SCRIPT_TAGS:
                pos = raw_end(html, tag, pos)
                continue
            self.start(tag, attrs)
            if attrs.endswith("/") and tag not in VOID_TAGS:
                self.end(tag)  # <p/>, <a/>: XHTML-style empty elements
        self.close()
