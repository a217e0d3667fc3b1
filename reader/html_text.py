"""Turn feed or article HTML into readable plain text.

Block elements become paragraphs separated by blank lines, list items become
``• item`` lines, ``<br>`` a line break, and links are kept as numbered
footnotes (``text [1]`` … ``Links:`` / ``[1] https://…``) so that a reader can
still follow them in a terminal.  Only ``http``, ``https`` and ``mailto`` links
become footnotes; ``javascript:`` and friends are dropped.  Scripts, styles,
iframes, forms and comments vanish entirely.  The result goes through
:func:`reader.sanitize.sanitize_text`, so it is safe to show.

No lxml: the stdlib-``re`` tokenizer of :mod:`reader.html_tokens` does the work
(html.parser was the bottleneck of a refresh), and text without markup skips it.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

from reader.html_tokens import VOID_TAGS, Tokenizer, attribute
from reader.sanitize import sanitize_line, sanitize_text

BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main
    menu nav ol p pre section summary table tbody tfoot thead tr ul""".split()
)
"""Elements whose start and end close the current paragraph."""

SKIP_TAGS = frozenset(
    """script style iframe form noscript template svg math embed select textarea
    button head audio video canvas frameset noembed noframes""".split()
)
"""Elements removed together with everything inside them.

``<object>`` is not one of them: its children are the fallback content a
browser shows when it cannot render the object, as a terminal cannot."""

_LINK_SCHEMES = ("http://", "https://", "mailto:")
_URL_JUNK = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_MARKUP = re.compile(r"[<&]")


def safe_link(href: str | None, base_url: str | None = None) -> str | None:
    """``href`` made absolute against ``base_url`` if it is an http(s)/mailto link, else None."""
    if not href:
        return None
    href = href.strip()
    if base_url and not href.lower().startswith(_LINK_SCHEMES):
        try:
            href = urljoin(base_url, href)
        except ValueError:
            return None
    if not href.lower().startswith(_LINK_SCHEMES) or len(href) > 2048:
        return None
    # A URL never legitimately holds whitespace, control or invisible characters.
    return sanitize_line(_URL_JUNK.sub("", href)) or None


class LinkNotes:
    """Numbered link footnotes shared by the HTML and Markdown converters."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self._numbers: dict[str, int] = {}

    def number(self, url: str) -> int:
        if url not in self._numbers:
            self.urls.append(url)
            self._numbers[url] = len(self.urls)
        return self._numbers[url]

    def block(self) -> str:
        if not self.urls:
            return ""
        lines = [f"[{i}] {url}" for i, url in enumerate(self.urls, 1)]
        return "Links:\n" + "\n".join(lines)


NOTES_START = "\n\nLinks:\n"
"""Where the footnote block starts in a converted text."""
NOTE_MARK = re.compile(r" \[(\d+)\]")
"""A footnote mark after a link's text (1 = its number)."""


def split_links(text: str) -> tuple[str, list[str]]:
    """``text`` (as made by :func:`with_links`) without its footnote marks and block,
    and the footnotes' URLs in order: the plain story and its links, apart."""
    body, mark, block = text.rpartition(NOTES_START)
    if not mark:
        return text, []
    urls = [line.partition("] ")[2] for line in block.split("\n") if line.startswith("[")]

    def unmark(match: re.Match[str]) -> str:
        return "" if 1 <= int(match.group(1)) <= len(urls) else match.group(0)

    return NOTE_MARK.sub(unmark, body), urls


def with_links(body: str, notes: LinkNotes) -> str:
    """``body`` followed by the footnote block, sanitized."""
    block = notes.block()
    return sanitize_text(f"{body}\n\n{block}" if block else body)


_BR = "\x00"
"""Marks a ``<br>`` inside a paragraph until whitespace is folded (NULs are removed from input)."""


class _TextExtractor(Tokenizer):
    """Paragraphs and link footnotes from the tokens of :class:`reader.html_tokens.Tokenizer`
    (several times faster than :class:`html.parser.HTMLParser`, which matters for feeds
    with hundreds of items)."""

    def __init__(self, base_url: str | None, footnotes: bool = True) -> None:
        self.base_url = base_url
        self.footnotes = footnotes
        self.paragraphs: list[str] = []
        self._tight: list[bool] = []
        """Per paragraph: is it a list item (joined to a neighbouring item by one newline)?"""
        self.notes = LinkNotes()
        self._pieces: list[str] = []
        self._skip: list[str] = []
        self._pre = 0
        self._links: list[tuple[str | None, int]] = []
        """Open ``<a>`` elements: the safe URL (or None) and where their text starts."""

    def close(self) -> None:
        self._flush()

    # -- paragraph assembly -------------------------------------------------

    def _flush(self) -> None:
        if not self._pieces:
            return
        text = "".join(self._pieces)
        self._pieces = []
        if self._pre:
            text = text.replace(_BR, "\n").strip("\n")
        elif _BR in text:
            text = "\n".join(" ".join(line.split()) for line in text.split(_BR)).strip()
        else:
            text = " ".join(text.split())
        if text and text != "•":
            self.paragraphs.append(text)
            self._tight.append(text.startswith("• "))

    def data(self, text: str) -> None:
        if not self._skip:
            self._pieces.append(unescape(text) if "&" in text else text)

    # -- elements ---------------------------------------------------------------

    def start(self, tag: str, attrs: str) -> None:
        if tag in SKIP_TAGS or self._skip:
            if tag in SKIP_TAGS and tag not in VOID_TAGS and not attrs.endswith("/"):
                self._skip.append(tag)
            return
        if tag == "br":
            self._pieces.append(_BR)
        elif tag == "a":
            url = safe_link(attribute(attrs, "href"), self.base_url) if self.footnotes else None
            self._links.append((url, len(self._pieces)))
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self._pre += 1
            elif tag == "li":
                self._pieces.append("• ")
            elif tag == "hr":
                self.paragraphs.append("* * *")
                self._tight.append(False)
        elif tag in ("td", "th"):
            self._pieces.append(" ")
        elif tag == "img":
            alt = attribute(attrs, "alt")
            if alt and alt.strip():
                self._pieces.append(f" [{alt.strip()}] ")

    def end(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            elif tag in self._skip:
                del self._skip[self._skip.index(tag) :]
            return
        if tag == "a":
            if self._links:
                url, start = self._links.pop()
                label = "".join(self._pieces[start:]).strip()
                if url and label and label.rstrip("/") != url.rstrip("/"):
                    self._pieces.append(f" [{self.notes.number(url)}]")
                elif url and not label:
                    # A link without text, e.g. around an image: keep only the URL.
                    self.notes.number(url)
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag == "pre" and self._pre:
                self._pre -= 1

    def text(self) -> str:
        out: list[str] = []
        for i, para in enumerate(self.paragraphs):
            if i:
                out.append("\n" if self._tight[i] and self._tight[i - 1] else "\n\n")
            out.append(para)
        return with_links("".join(out), self.notes)


def html_to_text(html: str, base_url: str | None = None) -> str:
    """Readable plain text from an HTML fragment or page (see the module docs)."""
    if not html:
        return ""
    if not _MARKUP.search(html):
        return sanitize_text(html)
    return _extract(html, base_url, footnotes=True).text()


def _extract(html: str, base_url: str | None, *, footnotes: bool) -> _TextExtractor:
    parser = _TextExtractor(base_url, footnotes)
    parser.feed(html)
    return parser


def html_to_line(html: str) -> str:
    """One clean line from a title that may hold markup or entities."""
    if not html:
        return ""
    if "<" not in html:
        return sanitize_line(unescape(html) if "&" in html else html)
    return sanitize_line(" ".join(_extract(html, None, footnotes=False).paragraphs))
