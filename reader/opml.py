"""OPML import and export (1.0 and 2.0): nested outlines become tags.

Parsing uses the stdlib expat parser through ``xml.etree`` with DTDs refused, so an
OPML file cannot expand entities or read local files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from reader import __version__
from reader.errors import ReaderError
from reader.models import FeedConfig
from reader.sanitize import sanitize_line


class OpmlError(ReaderError):
    """An OPML file that cannot be read; one line naming the file."""


def parse_opml(data: bytes, origin: str = "OPML") -> list[FeedConfig]:
    """Feeds in an OPML document; the titles of enclosing outlines become tags."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise OpmlError(f"{origin}: DOCTYPE/ENTITY declarations are not allowed in OPML")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"{origin}: not valid OPML: {exc}") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError(f"{origin}: not an OPML document (no <opml><body>)")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()

    def walk(element: ET.Element, tags: list[str]) -> None:
        for outline in element.findall("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            title = sanitize_line(outline.get("title") or outline.get("text") or url)
            if url:
                if url.startswith(("http://", "https://")) and url not in seen:
                    seen.add(url)
                    feeds.append(FeedConfig(title=title or url, url=url, tags=list(tags)))
            else:
                walk(outline, [*tags, title] if title else tags)

    walk(body, [])
    return feeds


def export_opml(feeds: Iterable[FeedConfig], title: str = "reader feeds") -> str:
    """OPML 2.0 of the remote feeds, grouped under their first tag."""
    groups: dict[str, list[FeedConfig]] = {}
    for feed in feeds:
        if feed.url:
            groups.setdefault(feed.tags[0] if feed.tags else "", []).append(feed)
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
    ]

    def outline(feed: FeedConfig, indent: str) -> str:
        attrs = f'type="rss" text={quoteattr(feed.title)} title={quoteattr(feed.title)}'
        return f"{indent}<outline {attrs} xmlUrl={quoteattr(feed.url or '')}/>"

    for tag, members in groups.items():
        if tag:
            lines.append(f"    <outline text={quoteattr(tag)} title={quoteattr(tag)}>")
            lines.extend(outline(feed, "      ") for feed in members)
            lines.append("    </outline>")
        else:
            lines.extend(outline(feed, "    ") for feed in members)
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
