"""The ingest layer: local files, feed files and remote feeds turned into Articles.

No Textual here.  :mod:`reader.refresh` reads configured feeds with these parts
(a URL is downloaded and parsed, a path loaded).  Every string that ends up in an
Article has been through :mod:`reader.sanitize`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ingest.feeds import parse_feed_bytes
    from reader.ingest.fetch import fetch_feed, make_client
    from reader.ingest.local import load_path

__all__ = ["fetch_feed", "load_path", "make_client", "parse_feed_bytes"]

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
