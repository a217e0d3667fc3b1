"""Feed bytes to articles: sniffing, gzip, JSON Feed, HTML pages, feedparser.

:func:`parse_feed_bytes` picks the parser: JSON Feed by hand, well-formed
RSS/Atom/RDF through the fast stdlib path (:mod:`reader.ingest.fastfeed`), and
everything else, or anything the fast path is unsure of, through feedparser.
"""

from __future__ import annotations

import re
from typing import Any

import feedparser

from reader.html_text import html_to_line, safe_link
from reader.ingest import fastfeed
from reader.ingest.decode import GZIP_MAGIC, IngestError, gunzip
from reader.ingest.items import ParsedFeed, RawItem, build_article, struct_to_datetime
from reader.ingest.jsonfeed import parse_json_feed
from reader.ingest.limits import MAX_FEED_BYTES, MAX_LINE_CHARS, cap_line
from reader.ingest.page import html_page
from reader.models import FeedConfig, FeedResult
from reader.sanitize import sanitize_line

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# feedparser's notes about encodings are not problems with the feed's content.
_HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")
_FEED_ROOT = re.compile(rb"<(?:\w+:)?(?:rss|feed|RDF|rdf:RDF|channel)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def _one_line(text: str, limit: int = 300) -> str:
    line = sanitize_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _is_html_page(head: bytes, content_type: str | None) -> bool:
    """Whether a document served as a feed is an HTML page (and no feed root is in sight)."""
    if _FEED_ROOT.search(head):
        return False
    mime = (content_type or "").split(";")[0].strip().lower()
    return bool(_HTML_ROOT.search(head)) or (mime in HTML_TYPES and b"<" in head)


def raw_from_entry(entry: Any) -> RawItem:
    """feedparser's entry dict reduced to a :class:`RawItem`."""
    body: str | None = None
    body_type = "text/html"
    base: str | None = None
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and detail.get("value"):
            body = detail["value"]
            body_type = detail.get("type") or "text/html"
            base = detail.get("base") or None
            break
    if body is None and entry.get("summary"):
        body = entry["summary"]
    return RawItem(
        guid=entry.get("id") or None,
        link=entry.get("link") or None,
        title=entry.get("title"),
        body=body,
        body_is_html=body_type in HTML_TYPES,
        published=struct_to_datetime(entry.get("published_parsed"))
        # dict.get: FeedParserDict maps a missing updated_parsed to published, with a warning.
        or struct_to_datetime(dict.get(entry, "updated_parsed")),
        author=entry.get("author"),
        base=base,
    )


def _bozo_message(exc: BaseException) -> str:
    if hasattr(exc, "getLineNumber") and hasattr(exc, "getMessage"):
        return f"not well-formed XML: {exc.getMessage()} at line {exc.getLineNumber()}"
    return f"{type(exc).__name__}: {exc}"


def parse_with_feedparser(
    data: bytes, content_type: str | None, base_url: str | None
) -> ParsedFeed:
    """Parse RSS/Atom/RDF (any version, however broken) with feedparser."""
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    if base_url:
        headers["content-location"] = base_url
    # Our own html_to_text makes bodies safe, so feedparser's (slow) sanitizer is off.
    try:
        parsed = feedparser.parse(
            data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as crash:  # feedparser's own bugs: once more on a tamed copy
        from reader.ingest.tame import tame

        headers["content-type"] = "application/xml; charset=utf-8"
        try:
            parsed = feedparser.parse(
                tame(data), response_headers=headers, sanitize_html=False,
                resolve_relative_uris=False,
            )
        except Exception:
            reason = f"{type(crash).__name__}: {crash}"
            raise IngestError(f"the feed parser failed ({reason})") from None
    items = [raw_from_entry(entry) for entry in parsed.entries]
    title = parsed.feed.get("title") or ""
    problem: str | None = None
    exc = parsed.get("bozo_exception")
    if (
        parsed.get("bozo")
        and exc is not None
        and (type(exc).__name__ not in _HARMLESS_BOZO or not items)
    ):
        problem = _bozo_message(exc)
    if not items and not parsed.get("version") and not title:
        problem = problem or "not a feed (no RSS, Atom or JSON Feed found)"
    return ParsedFeed(title=title, link=parsed.feed.get("link"), items=items, problem=problem)


def _strip_leading_space(data: bytes) -> bytes:
    """Drop whitespace before ``<?xml``: it is a fatal XML error, and common."""
    if data[:1].isspace():
        return data.lstrip()
    if data.startswith(b"\xef\xbb\xbf") and data[3:4].isspace():
        return data[3:].lstrip()
    return data


def parse_feed_bytes(
    data: bytes,
    feed: FeedConfig,
    *,
    content_type: str | None = None,
    base_url: str | None = None,
    use_fast_path: bool = True,
    lazy_html: bool = False,
    path: str | None = None,
) -> FeedResult:
    """Parse feed ``data`` (RSS, RDF, Atom, JSON Feed, possibly gzipped) into a FeedResult.

    ``use_fast_path=False`` forces feedparser (used to check the two paths agree);
    ``lazy_html`` keeps HTML bodies raw for later conversion (see ``build_article``).
    An HTML page that advertises no feed becomes one article (see
    :func:`reader.ingest.page.html_page`); ``path`` is the local file the bytes are from.
    Never raises: an unexpected exception (a bug that hostile input reaches) is the
    result's one-line error.
    """
    try:
        return _parse_feed_bytes(
            data, feed, content_type=content_type, base_url=base_url,
            use_fast_path=use_fast_path, lazy_html=lazy_html, path=path,
        )
    except Exception as exc:
        error = f"could not parse: {type(exc).__name__}: {exc}"
        return FeedResult(feed=feed, error=_one_line(error))


def _parse_feed_bytes(
    data: bytes,
    feed: FeedConfig,
    *,
    content_type: str | None,
    base_url: str | None,
    use_fast_path: bool,
    lazy_html: bool,
    path: str | None,
) -> FeedResult:
    try:
        if data[:2] == GZIP_MAGIC:
            data = gunzip(data, MAX_FEED_BYTES)
        if len(data) > MAX_FEED_BYTES:
            raise IngestError(f"feed larger than {MAX_FEED_BYTES // (1024 * 1024)} MB")
        data = _strip_leading_space(data)
        if not data.strip():
            raise IngestError("empty document")
        head = data[:4096]
        mime = (content_type or "").split(";")[0].strip().lower()
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")) or mime.endswith("json"):
            parsed = parse_json_feed(data)
        elif _is_html_page(head, content_type):
            return html_page(
                feed, data, content_type=content_type, base_url=base_url, path=path
            )
        else:
            fast = fastfeed.parse(data, base_url, content_type) if use_fast_path else None
            parsed = fast or parse_with_feedparser(data, content_type, base_url)
    except IngestError as exc:
        return FeedResult(feed=feed, error=_one_line(str(exc)))
    title = cap_line(html_to_line(parsed.title[: 4 * MAX_LINE_CHARS]))
    # A local feed file has no URL: its home page link is the best base for relative links.
    base = base_url or safe_link(parsed.link)
    items = parsed.items
    if parsed.problem and items and not (items[-1].title or items[-1].body or items[-1].link):
        items = items[:-1]  # the empty item a file cut off mid-item ends with: nothing in it
    articles = [
        build_article(item, feed, title or feed.title, base, lazy_html=lazy_html)
        for item in items
    ]
    return FeedResult(
        feed=feed,
        articles=articles,
        error=_one_line(parsed.problem) if parsed.problem else None,
        feed_title=title or None,
    )
