"""Find the feed behind a URL a person pastes: the feed itself, or one its page advertises."""

from __future__ import annotations

import httpx

from reader.errors import ReaderError
from reader.ingest.feeds import feed_links, parse_feed_bytes
from reader.ingest.fetch import Download, download
from reader.models import FeedConfig


class DiscoveryError(ReaderError):
    """No feed could be found at or behind a URL."""


def discover_feed(url: str, client: httpx.Client) -> FeedConfig:
    """A FeedConfig for ``url``: itself if it is a feed, else the first feed its page links to.

    The page's links reach no network more private than ``url``'s (see ``download``).
    """
    for candidate in _candidates(url, client):
        fetched = download(
            FeedConfig(title=candidate, url=candidate), etag=None, last_modified=None,
            client=client, link_from=None if candidate == url else url,
        )
        if not isinstance(fetched, Download):
            continue
        result = parse_feed_bytes(
            fetched.body,
            fetched.feed,
            content_type=fetched.content_type,
            base_url=fetched.final_url,
        )
        if result.articles or (result.feed_title and not result.error):
            return FeedConfig(title=result.feed_title or candidate, url=fetched.final_url)
    raise DiscoveryError(f"{url}: no feed found there or advertised by the page")


def _candidates(url: str, client: httpx.Client) -> list[str]:
    fetched = download(FeedConfig(title=url, url=url), etag=None, last_modified=None, client=client)
    if isinstance(fetched, Download):
        head = fetched.body[: 2 * 1024 * 1024].decode("utf-8", errors="replace")
        links = feed_links(head, fetched.final_url) if "<html" in head[:4096].lower() else []
        return [url, *links]
    raise DiscoveryError(fetched.error or f"{url}: nothing to read")
