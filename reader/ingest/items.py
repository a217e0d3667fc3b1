"""The one place where a feed item becomes an :class:`Article`.

Every feed parser (feedparser, the fast XML path, JSON Feed) reduces an item
to a :class:`RawItem` of raw strings; :func:`build_article` then cleans and
converts them the same way for all of them, which is what makes the fast path
and the feedparser path produce identical articles.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from reader.html_text import html_to_line, html_to_text, safe_link
from reader.ingest.limits import MAX_ITEM_HTML, MAX_LINE_CHARS, cap_line, cap_text
from reader.models import Article, FeedConfig
from reader.sanitize import sanitize_line, sanitize_text

TITLE_FROM_TEXT = 80
"""An untitled item (a microblog post) is titled by this many characters of its text."""


@dataclass(slots=True)
class RawItem:
    """One feed item as parsed, before any cleaning."""

    guid: str | None = None
    link: str | None = None
    title: str | None = None
    body: str | None = None
    body_is_html: bool = True
    published: datetime | None = None
    author: str | None = None
    base: str | None = None
    """The URL relative links inside ``body`` are resolved against (xml:base aware)."""


@dataclass(slots=True)
class ParsedFeed:
    """What a parser found: the feed's title and home page, its items, and any problem."""

    title: str = ""
    link: str | None = None
    items: list[RawItem] = field(default_factory=list)
    problem: str | None = None
    """A one-line note when the document was partly unreadable."""


def struct_to_datetime(value: object) -> datetime | None:
    """feedparser's UTC ``struct_time`` (or None) as an aware datetime."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except ValueError:
        return None


def utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime (naive values are taken to be UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def clean_author(raw: str | None) -> str | None:
    """A display name from ``Name <mail>``, ``mail (Name)`` or plain forms; None when empty."""
    if not raw:
        return None
    text = cap_line(sanitize_line(raw[: 4 * MAX_LINE_CHARS]))
    paren = re.fullmatch(r"(\S+@\S+)\s*\((.+)\)", text)
    if paren:
        text = paren.group(2)
    else:
        text = re.sub(r"<\s*\S+@\S+\s*>|\(\s*\S+@\S+\s*\)", "", text).strip()
    if _EMAIL.fullmatch(text) and "(" not in text:
        return text
    return sanitize_line(text.strip(" ,;")) or None


def _title_from_text(text: str) -> str:
    first = sanitize_line(text.split("\n", 1)[0])
    if first == "Links:":
        return ""
    if len(first) <= TITLE_FROM_TEXT:
        return first
    cut = first[:TITLE_FROM_TEXT].rsplit(" ", 1)[0]
    return cut + "…"


def content_id(title: str, text: str) -> str:
    digest = hashlib.sha1(f"{title}\n{text}".encode(), usedforsecurity=False).hexdigest()
    return f"sha1:{digest}"


def build_article(
    item: RawItem,
    feed: FeedConfig,
    feed_title: str,
    base_url: str | None = None,
    *,
    lazy_html: bool = False,
) -> Article:
    """Clean ``item`` into an Article of ``feed``; links are resolved against ``base_url``.

    With ``lazy_html`` an HTML body is kept raw (``Article.html``) and its text
    left empty, to be converted later by :func:`reader.html_text.html_to_text`;
    an untitled item, or one with neither guid nor link, is still converted at
    once: its title or its id comes from its text.
    """
    # Raw strings are cut before cleaning (a 50 MB title must not be cleaned whole).
    title = cap_line(html_to_line((item.title or "")[: 4 * MAX_LINE_CHARS]))
    html = html_base = None
    body = item.body
    if body and item.body_is_html and len(body) > MAX_ITEM_HTML:
        body = body[:MAX_ITEM_HTML]  # the converter copes with a cut tag; cap_text notes it
    if body and item.body_is_html and lazy_html and title and (item.guid or item.link):
        text = ""
        html, html_base = body, item.base or base_url
    elif body:
        if item.body_is_html:
            text = cap_text(html_to_text(body, item.base or base_url))
        else:
            text = cap_text(sanitize_text(body))
    else:
        text = ""
    if not title:
        title = _title_from_text(text)
    link = item.link if item.link and len(item.link) <= MAX_LINE_CHARS else None
    url = safe_link(link, base_url)
    guid = sanitize_line(item.guid) if item.guid else ""
    if len(guid) > MAX_LINE_CHARS:  # still one item's identity, never a huge one
        guid = "sha1:" + hashlib.sha1(guid.encode(), usedforsecurity=False).hexdigest()
    return Article(
        id=guid or url or content_id(title, text),
        feed_id=feed.id,
        title=title,
        text=text,
        url=url,
        published=utc(item.published) if item.published else None,
        author=clean_author(item.author),
        feed_title=feed_title,
        html=html,
        html_base=html_base,
    )
