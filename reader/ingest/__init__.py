"""The ingest layer: local files, feed files and remote feeds turned into Articles.

No Textual here.  :func:`read_source` is the one entry point for a configured
feed; the others are its parts.  Every string that ends up in an Article has
been through :mod:`reader.sanitize`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.models import FeedConfig, FeedResult

if TYPE_CHECKING:
    import httpx

    from reader.ingest.feeds import parse_feed_bytes
    from reader.ingest.fetch import fetch_feed, make_client
    from reader.ingest.local import load_path

__all__ = ["fetch_feed", "load_path", "make_client", "parse_feed_bytes", "read_source"]

# Imported on first use: a warm refresh that only gets 304s never needs the
# parsers (feedparser, charset-normalizer), and start-up time is user time.
_LAZY = {
    "parse_feed_bytes": "reader.ingest.feeds",
    "fetch_feed": "reader.ingest.fetch",
    "make_client": "reader.ingest.fetch",
    "load_path": "reader.ingest.local",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.ingest' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def read_source(
    feed: FeedConfig,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
) -> list[FeedResult]:
    """Read one configured feed: a URL is fetched, a path is loaded from disk.

    Without a ``client`` a temporary one is made (and closed) for a URL feed;
    pass a shared :func:`make_client` client when reading many feeds.
    """
    from reader.ingest.fetch import fetch_feed, make_client
    from reader.ingest.local import load_path

    if feed.url:
        if client is not None:
            return [fetch_feed(feed, etag=etag, last_modified=last_modified, client=client)]
        with make_client() as own:
            return [fetch_feed(feed, etag=etag, last_modified=last_modified, client=own)]
    if feed.path:
        return load_path(Path(feed.path), feed)
    return [FeedResult(feed=feed, error=f"{feed.title}: feed has neither a url nor a path")]
