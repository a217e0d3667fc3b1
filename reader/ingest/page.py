"""A web page as an article: a saved ``.html`` file, or a page served where a feed was expected.

Its head gives the title, canonical link, author and date (read by linear scans, no
full parser); its story is read by :func:`reader.webpage.page_text`, the one reader
of web pages (the ``v`` full text uses it too).  A page served in place of a feed
that advertises feeds is not read: the user is pointed at the feeds instead
(:func:`html_page`).
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from html import escape

from reader.html_scan import element_text, start_tags
from reader.html_text import safe_link
from reader.ingest.items import RawItem, build_article, utc
from reader.ingest.limits import cap_line
from reader.models import FeedConfig, FeedResult, FeedStatus
from reader.sanitize import sanitize_line
from reader.webpage import MIN_TEXT, decode_page, page_text

FEED_LINK_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)


def feed_links(html: str, base_url: str | None = None) -> list[str]:
    """The feed URLs an HTML page advertises (``<link rel=alternate type=…feed…>``)."""
    links: list[str] = []
    for _, values in start_tags(html, "link"):
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_LINK_TYPES:
            url = safe_link(values.get("href"), base_url)
            if url and url not in links:
                links.append(url)
    return links


def head_meta(page: str) -> dict[str, str]:
    """``<meta>`` properties/names and the canonical link of a page (first wins)."""
    meta: dict[str, str] = {}
    for tag, values in start_tags(page, "meta", "link"):
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values:
                meta.setdefault(key, values["content"])
        elif "canonical" in values.get("rel", "").lower().split():
            meta.setdefault("canonical", values.get("href", ""))
    return meta


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822 date as an aware UTC datetime; None when it is neither."""
    if not value:
        return None
    value = value.strip()
    try:
        return utc(datetime.fromisoformat(value.replace("z", "Z")))
    except ValueError:
        pass
    try:
        return utc(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return None


def parse_html_article(
    page: str, base_url: str | None = None, *, min_text: int = 0
) -> tuple[str, str, dict[str, str]]:
    """``(title, body text, meta)`` of an HTML article page (its story read by
    :func:`reader.webpage.page_text`, as the ``v`` full text is).

    Links resolve against ``base_url``, else the page's canonical link.  A saved page's
    short text is still its text (``min_text=0``); a page served as a feed asks for a story.
    """
    meta = head_meta(page)
    title = sanitize_line(
        meta.get("og:title") or element_text(page, "h1") or element_text(page, "title")
    )
    base = base_url or link_of(meta)
    return title, page_text(page, base, title=title, min_text=min_text), meta


def link_of(meta: dict[str, str]) -> str | None:
    """The page's own address, as its head gives it."""
    return meta.get("canonical") or meta.get("og:url")


def author_of(meta: dict[str, str]) -> str | None:
    return meta.get("author") or meta.get("article:author")


def published_of(meta: dict[str, str]) -> datetime | None:
    return parse_date(meta.get("article:published_time") or meta.get("date"))


def html_page(
    feed: FeedConfig,
    data: bytes,
    *,
    content_type: str | None,
    base_url: str | None,
    path: str | None = None,
) -> FeedResult:
    """An HTML page served (or saved) where a feed was expected.

    A page that advertises feeds gives an error listing them (the feeds view offers to
    use the first).  Any other page becomes one article of ``feed``: titled from the
    page, its story as text, its URL as link; its id is ``path`` (a local file), else
    the feed's URL, so that a refresh updates it rather than adding another.  The
    status says it is a web page.  The caller has capped ``data`` (as a feed's).
    """
    html = decode_page(data, content_type)
    links = feed_links(html, base_url)
    if links:
        error = sanitize_line("HTML page, not a feed; it advertises: " + ", ".join(links))
        error = cap_line(error, 1000)
        return FeedResult(feed=feed, error=error, status=FeedStatus(advertised=tuple(links)))
    status = FeedStatus(web_page=True)
    title, text, meta = parse_html_article(html, base_url, min_text=MIN_TEXT)
    if not text:
        error = "HTML page, not a feed, with no readable text (it advertises no feed links)"
        return FeedResult(feed=feed, error=error, status=status)
    page_title = sanitize_line(element_text(html, "title")) or title
    item = RawItem(
        guid=path or feed.url or base_url or feed.id,
        link=base_url or feed.url or link_of(meta),
        title=escape(title or page_title or feed.title),  # plain text, not markup
        body=text,
        body_is_html=False,
        published=published_of(meta),
        author=author_of(meta),
    )
    article = build_article(item, feed, page_title or feed.title, base_url)
    article.path = path
    return FeedResult(
        feed=feed, articles=[article], feed_title=cap_line(page_title) or None, status=status
    )
