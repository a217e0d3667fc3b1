"""OPML import and export (1.0 and 2.0): nested outlines become tags.

Parsing uses the stdlib expat parser through ``xml.etree``; a first expat pass
refuses any DTD or entity declaration (in any encoding, anywhere in the file), so
an OPML file cannot expand entities or read local files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

from reader import __version__
from reader.errors import ReaderError
from reader.models import FeedConfig
from reader.sanitize import clean_url, sanitize_line, url_problem


class OpmlError(ReaderError):
    """An OPML file that cannot be read; one line naming the file."""


MAX_TAGS = 16
"""Folders nested deeper than this add no more tags (an OPML file may nest thousands)."""


class _Declaration(Exception):
    """A DOCTYPE or ENTITY declaration met by the guard's parser."""


def _refuse(*_: object) -> None:
    raise _Declaration


def _refuse_declarations(data: bytes, origin: str) -> None:
    """Raise if the document declares a DTD or an entity, wherever it does and in
    whatever encoding: expat itself reads the document (UTF-16 with or without a
    byte-order mark, a DOCTYPE after any amount of comments), not a byte search."""
    guard = expat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse
    guard.EntityDeclHandler = _refuse
    guard.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    try:
        guard.Parse(data, True)
    except _Declaration:
        raise OpmlError(
            f"{origin}: DOCTYPE/ENTITY declarations are not allowed in OPML"
        ) from None
    except expat.ExpatError as exc:
        raise OpmlError(f"{origin}: not valid OPML: {expat.ErrorString(exc.code)}") from None


def parse_opml(data: bytes, origin: str = "OPML") -> list[FeedConfig]:
    """Feeds in an OPML document; the titles of enclosing outlines become tags.

    URLs and titles lose control, bidi and zero-width characters; a URL that is
    still not a usable http(s) address is left out.
    """
    _refuse_declarations(data, origin)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"{origin}: not valid OPML: {exc}") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError(f"{origin}: not an OPML document (no <opml><body>)")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    # Depth first, in document order, without recursion: folders may nest 10,000 deep.
    stack: list[tuple[Iterator[ET.Element], tuple[str, ...]]] = [
        (iter(body.findall("outline")), ())
    ]
    while stack:
        children, tags = stack[-1]
        outline = next(children, None)
        if outline is None:
            stack.pop()
            continue
        url = clean_url(outline.get("xmlUrl") or outline.get("xmlurl") or "")
        title = sanitize_line(outline.get("title") or outline.get("text") or url)
        if not url:
            inner = (*tags, title) if title and len(tags) < MAX_TAGS else tags
            stack.append((iter(outline.findall("outline")), inner))
        elif url_problem(url) is None and url not in seen:
            seen.add(url)
            feeds.append(FeedConfig(title=title or url, url=url, tags=list(tags)))
    return feeds


@dataclass
class _Folder:
    """Outlines to write, in the order first met: feeds, and folders (one per tag) of the
    feeds with further tags."""

    entries: list[FeedConfig | str] = field(default_factory=list)
    folders: dict[str, _Folder] = field(default_factory=dict)

    def folder(self, tag: str) -> _Folder:
        if tag not in self.folders:
            self.folders[tag] = _Folder()
            self.entries.append(tag)
        return self.folders[tag]

    def lines(self, indent: str) -> Iterator[str]:
        for entry in self.entries:
            if isinstance(entry, str):
                tag = quoteattr(sanitize_line(entry))
                yield f"{indent}<outline text={tag} title={tag}>"
                yield from self.folders[entry].lines(indent + "  ")
                yield f"{indent}</outline>"
            else:
                title = quoteattr(sanitize_line(entry.title))
                yield (f"{indent}<outline type=\"rss\" text={title} title={title} "
                       f"xmlUrl={quoteattr(clean_url(entry.url or ''))}/>")


def export_opml(feeds: Iterable[FeedConfig], title: str = "reader feeds") -> str:
    """OPML 2.0 of the remote feeds; a feed's tags become nested folders (tags ``a, b``:
    folder ``a``, in it folder ``b``), which :func:`parse_opml` reads back as both tags."""
    top = _Folder()
    for feed in feeds:
        if feed.url:
            folder = top
            for tag in feed.tags:
                folder = folder.folder(tag)
            folder.entries.append(feed)
    now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{now}</dateCreated>",
        "    <docs>http://opml.org/spec2.opml</docs>",
        f"    <generator>reader {__version__}</generator>",
        "  </head>",
        "  <body>",
        *top.lines("    "),
        "  </body>",
        "</opml>",
        "",
    ]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
