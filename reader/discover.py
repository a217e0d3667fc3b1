"""Find the feed behind what a person types to add one: a local file or folder, a feed's
URL, or a web page that advertises a feed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.models import FeedConfig
from reader.sanitize import require_feed_url

if TYPE_CHECKING:
    import httpx

# The parsers and the HTTP client are imported when a feed is looked for, not with this
# module: the feeds view (which imports it) is loaded before the app's first paint.

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class DiscoveryError(ReaderError):
    """No feed could be found at or behind a URL."""


@dataclass(slots=True)
class FoundFeed:
    """The feed to add, and why it could not be checked when that is so (offline)."""

    feed: FeedConfig
    warning: str | None = None


def find_feed(target: str, client: httpx.Client) -> FoundFeed:
    """The feed ``target`` names: a local file or folder (a ``path`` feed), a feed URL,
    the first feed a page advertises, or else the page itself (read as one article, with
    a warning saying so).

    A URL whose server gives no answer at all (offline, unknown name, timeout) is
    taken as it is, with a warning: the first refresh that reaches it checks it.
    A server that answers with no feed raises :class:`DiscoveryError`.
    """
    if not _SCHEME.match(target):
        return FoundFeed(_local_feed(Path(target)))
    require_feed_url(target)
    from reader.ingest.feeds import parse_feed_bytes
    from reader.ingest.fetch import Download, download
    from reader.ingest.page import feed_links

    fetched = download(
        FeedConfig(title=target, url=target), etag=None, last_modified=None, client=client
    )
    if not isinstance(fetched, Download):
        if fetched.unreachable:
            warning = f"{fetched.error}; added without checking it (the next refresh will)"
            return FoundFeed(FeedConfig(title=target, url=target), warning)
        raise DiscoveryError(fetched.error or f"{target}: nothing to read")
    head = fetched.body[: 2 * 1024 * 1024].decode("utf-8", errors="replace")
    links = feed_links(head, fetched.final_url) if "<html" in head[:4096].lower() else []
    for index, candidate in enumerate([target, *links]):
        if index:
            answer = download(  # a page's links reach no network more private than it
                FeedConfig(title=candidate, url=candidate),
                etag=None, last_modified=None, client=client, link_from=target,
            )
            if not isinstance(answer, Download):
                continue
            fetched = answer
        result = parse_feed_bytes(
            fetched.body,
            fetched.feed,
            content_type=fetched.content_type,
            base_url=fetched.final_url,
        )
        if result.articles or (result.feed_title and not result.error):
            found = FeedConfig(title=result.feed_title or candidate, url=fetched.final_url)
            if result.status.web_page:
                note = "a web page, not a feed: each refresh reads it as one article"
                return FoundFeed(found, f"{fetched.final_url}: {note}")
            return FoundFeed(found)
    raise DiscoveryError(f"{target}: no feed found there or advertised by the page")


def discover_feed(url: str, client: httpx.Client) -> FeedConfig:
    """The feed to add for ``url`` (see :func:`find_feed`; its warning is not needed here)."""
    return find_feed(url, client).feed


def _local_feed(path: Path) -> FeedConfig:
    """A ``path`` feed for a file or folder, titled by its name or, for a feed file, its title."""
    from reader.ingest.local import is_feed_file, load_path, synthesize_feed

    path = path.expanduser()
    if not path.exists():
        raise DiscoveryError(f"{path}: no such file or folder (a web address needs https://)")
    feed = synthesize_feed(path)
    if path.is_file():
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError as exc:
            raise DiscoveryError(f"{path}: {exc.strerror or exc}") from None
        if is_feed_file(path, head):
            result = load_path(path, feed)[0]
            if result.error and not result.articles:
                raise DiscoveryError(result.error)
            feed.title = result.feed_title or feed.title
    return feed
