"""The full text of an article's web page, for feeds that carry only a summary.

:func:`fetch_full_text` downloads the page with the feed fetcher's machinery
(timeouts, redirect cap, size cap, our User-Agent), decodes it and hands it to
:func:`reader.webpage.page_text`, the one reader of web pages (saved ``.html``
articles go through it too).

:func:`full_text_for` adds the cache (the store) and the people and sources.
Nothing here imports Textual; the UI runs :func:`full_text_for` in a worker.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.errors import ReaderError
from reader.ingest.limits import MAX_FEED_BYTES
from reader.models import Article, Entities, FeedConfig, FeedResult, FullText
from reader.sanitize import sanitize_line
from reader.webpage import decode_page, page_text

if TYPE_CHECKING:
    import httpx

    from reader.entities import KnownNames
    from reader.store import Store

# The network and decoding modules (httpx, charset-normalizer) are imported on first
# use: the UI imports this module to label its story view.

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_PAGE_TYPES = ("text/html", "application/xhtml+xml")


class FullTextError(ReaderError):
    """The page could not be fetched or holds no readable text; one line naming the URL."""


# Fetching ----------------------------------------------------------------------


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an http(s) address (the only kind fetched)."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def site_of(url: str) -> str:
    """The host a page is on, for a label: ``example.com`` (without ``www.``)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    host = sanitize_line(host)
    return host[4:] if host.startswith("www.") else host


def fetch_full_text(
    url: str,
    *,
    title: str | None = None,
    client: httpx.Client | None = None,
    timeout: float = 20.0,
    max_bytes: int = MAX_FEED_BYTES,
    max_seconds: float | None = None,
    link_from: str | None = None,
) -> FullText:
    """Download ``url`` and extract its readable text; raise :class:`FullTextError`.

    ``title`` (the article's) is dropped from the start of the text, where pages
    repeat it.  Without a ``client`` one is made with ``timeout`` (asking for HTML
    rather than feeds) and closed after.  ``link_from``: the URL of the article's feed,
    whose network the page may not be more private than (see ``download``).
    """
    if not is_web_url(url):
        raise FullTextError(sanitize_line(f"{url}: not an http(s) URL"))
    from reader.ingest.fetch import download, make_client

    own_client = client is None
    if client is None:
        client = make_client(timeout)
        client.headers["Accept"] = PAGE_ACCEPT
    try:
        fetched = download(
            FeedConfig(title=url, url=url), etag=None, last_modified=None, client=client,
            max_bytes=max_bytes, max_seconds=max_seconds, link_from=link_from,
        )
    finally:
        if own_client:
            client.close()
    if isinstance(fetched, FeedResult):
        error = fetched.error or f"{url}: no response"
        # The fetcher's advice is about feeds; a page that is gone is just gone.
        raise FullTextError(error.replace(" (gone, consider removing this feed)", " (gone)"))
    kind = (fetched.content_type or "").split(";")[0].strip().lower()
    if kind not in _PAGE_TYPES and (kind or not _starts_like_html(fetched.body)):
        raise FullTextError(sanitize_line(f"{url}: not a web page ({kind or 'unknown type'})"))
    html = decode_page(fetched.body, fetched.content_type)
    text = page_text(html, fetched.final_url, title=title)
    if not text:
        raise FullTextError(sanitize_line(f"no readable text found at {url}"))
    return FullText(url=sanitize_line(fetched.final_url), text=text, fetched=time.time())


def full_text_for(
    store: Store,
    article: Article,
    *,
    known: KnownNames | None = None,
    client: httpx.Client | None = None,
    timeout: float = 20.0,
    max_bytes: int = MAX_FEED_BYTES,
    link_from: str | None = None,
) -> tuple[FullText, bool]:
    """The article's full text from the cache, else fetched, its entities found, and cached.

    Returns the full text and whether it came from the cache.  ``known`` names
    help the entity extractor as they do for feed text; ``link_from`` is the URL of
    the article's feed (see :func:`fetch_full_text`).  Raises
    :class:`FullTextError` (and :class:`reader.store.StoreError` when the cache
    cannot be written; the full text is then lost).
    """
    cached = store.full_text(article.rowid)
    if cached is not None:
        return cached, True
    full = fetch_full_text(
        article.url or "", title=article.title, client=client, timeout=timeout,
        max_bytes=max_bytes, link_from=link_from,
    )
    from reader.entities import extract

    try:
        full.entities = extract(full.text, known)
    except Exception:  # the text is still worth showing without its people and sources
        full.entities = Entities()
    store.save_full_text(article.rowid, full)
    return full, False


def _starts_like_html(body: bytes) -> bool:
    """Whether an untyped body begins as an HTML document or fragment would."""
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head


