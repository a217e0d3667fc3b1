"""Fetching remote feeds over HTTP(S) with httpx.

Conditional GET (ETag / Last-Modified), redirects (a chain of permanent ones
from the start moves the feed: ``new_url``), a streamed body with a size cap,
and every failure as a one-line error that names the URL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from itertools import pairwise
from typing import TYPE_CHECKING

import httpx

from reader import __version__
from reader.ingest.deadline import deadline
from reader.ingest.deadline import install as install_deadlines
from reader.ingest.inflate import ACCEPT_ENCODING, EncodingError, Inflater
from reader.ingest.limits import MAX_FEED_BYTES
from reader.ingest.netguard import LinkRefused, check_request, confined, limit_for
from reader.models import FeedConfig, FeedResult, FeedStatus
from reader.sanitize import sanitize_line

if TYPE_CHECKING:
    from reader.ingest.budget import MemoryBudget

USER_AGENT = f"reader/{__version__}"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
CONNECT_TIMEOUT = 10.0
MAX_REDIRECTS = 10
MAX_DOWNLOAD_SECONDS = 120.0
"""A request (connect, headers and body together) not done after this long is abandoned:
the read timeout applies to each read, so a server trickling a byte a second would
otherwise hold a refresh for days (see :mod:`reader.ingest.deadline`)."""
_PERMANENT = (301, 308)


def make_client(timeout: float = 20.0) -> httpx.Client:
    """A client to share across fetches: our User-Agent, HTTP/1.1, pooled connections.

    ``timeout`` is the read (and write/pool) timeout; connecting gets at most 10 s.
    """
    client = httpx.Client(
        headers={
            "User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING
        },
        timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        http2=False,
        limits=httpx.Limits(max_connections=16, max_keepalive_connections=8),
        event_hooks={"request": [check_request]},
    )
    install_deadlines(client)
    return client


MAX_RETRY_AFTER = 7 * 24 * 3600.0
"""A Retry-After further away than a week is taken to be a week."""


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from now that a Retry-After header (delta or HTTP date) asks us to wait."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return min(max(0.0, when.timestamp() - time.time()), MAX_RETRY_AFTER)


def _retry_after(value: str | None) -> str:
    if not value:
        return ""
    value = value.strip()
    if value.isdigit():
        return f"; retry after {value} s"
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return ""
    return f"; retry after {when:%Y-%m-%d %H:%M:%S %Z}".rstrip()


def _status_error(url: str, response: httpx.Response) -> str:
    status = response.status_code
    reason = response.reason_phrase or "error"
    message = f"{url}: HTTP {status} {reason}"
    if status == 410:
        message += " (gone, consider removing this feed)"
    elif status == 404:
        message += " (not found)"
    if status in (429, 503):
        message += _retry_after(response.headers.get("retry-after"))
    return message


def _moved_to(response: httpx.Response) -> str | None:
    """The URL a chain of permanent redirects from the requested URL leads to."""
    chain = [*response.history, response]
    new_url: str | None = None
    for hop, following in pairwise(chain):
        if hop.status_code not in _PERMANENT:
            break
        new_url = str(following.request.url)
    return new_url


_NO_ANSWER = (httpx.TimeoutException, httpx.NetworkError, httpx.ProxyError)
"""Failures that say nothing about the feed: offline, no DNS, nobody answering."""


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out waiting for the server"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({exc})" if str(exc) else "could not connect"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported URL scheme"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


@dataclass(slots=True)
class Download:
    """A feed body fetched successfully, not yet parsed (parsing may run in another process)."""

    feed: FeedConfig
    body: bytes
    content_type: str | None
    final_url: str
    etag: str | None
    last_modified: str | None
    new_url: str | None


def download(
    feed: FeedConfig,
    *,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    max_bytes: int = MAX_FEED_BYTES,
    max_seconds: float | None = None,
    link_from: str | None = None,
    budget: MemoryBudget | None = None,
) -> Download | FeedResult:
    """GET ``feed.url`` conditionally: the body, or a FeedResult for 304s and every failure.

    The body is refused past ``max_bytes``; the whole request (connecting, every
    redirect, headers and body) is abandoned after ``max_seconds`` (default
    :data:`MAX_DOWNLOAD_SECONDS`).  ``link_from``: the URL of the feed or page whose
    link ``feed.url`` is; the fetch then reaches no network more private than that
    one (:mod:`reader.ingest.netguard`; "" is an unknown, so public, origin).  The body
    is decoded in bounded pieces (:mod:`reader.ingest.inflate`), each taken from
    ``budget`` if there is one (:mod:`reader.ingest.budget`; the caller gives it back).
    """
    url = feed.url or ""
    if not url.lower().startswith(("http://", "https://")):
        return FeedResult(feed=feed, error=sanitize_line(f"{url}: not an http(s) URL"))
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seconds = MAX_DOWNLOAD_SECONDS if max_seconds is None else max_seconds
    started = time.monotonic()
    received = 0
    try:
        with deadline(seconds), confined(
            None if link_from is None else limit_for(link_from)
        ), client.stream("GET", url, headers=headers, follow_redirects=True) as response:
            new_url = _moved_to(response)
            new_etag = response.headers.get("etag")
            new_last_modified = response.headers.get("last-modified")
            if response.status_code == 304:
                return FeedResult(
                    feed=feed,
                    not_modified=True,
                    etag=new_etag or etag,
                    last_modified=new_last_modified or last_modified,
                    new_url=new_url,
                )
            if response.status_code >= 400 or response.status_code < 200:
                error = _status_error(url, response)
                wait = None
                if response.status_code in (429, 503):
                    wait = retry_after_seconds(response.headers.get("retry-after"))
                return FeedResult(
                    feed=feed, error=sanitize_line(error), new_url=new_url, retry_after=wait,
                    status=FeedStatus(http=response.status_code),
                )
            body = bytearray()
            inflater = Inflater(response.headers.get("content-encoding"))
            for chunk in response.iter_raw():
                for piece in inflater.feed(chunk):
                    if budget is not None and not budget.take(
                        feed.id, len(piece), started + seconds
                    ):
                        error = f"{url}: the refresh's memory budget stayed full, download stopped"
                        return FeedResult(feed=feed, error=error, new_url=new_url)
                    body += piece
                    received = len(body)
                    if received > max_bytes:
                        limit = f"{max_bytes / (1024 * 1024):g} MB"
                        error = f"{url}: response larger than {limit}, download stopped"
                        return FeedResult(feed=feed, error=error, new_url=new_url)
            content_type = response.headers.get("content-type")
            final_url = str(response.url)
    except (LinkRefused, EncodingError) as exc:
        return FeedResult(feed=feed, error=sanitize_line(f"{url}: {exc}"))
    except httpx.HTTPError as exc:
        if isinstance(exc, httpx.TimeoutException) and time.monotonic() - started >= seconds:
            error = (
                f"{url}: server too slow (no complete answer in {seconds:g} s, "
                f"{received:,} bytes of body), download stopped"
            )
            return FeedResult(feed=feed, error=sanitize_line(error))
        return FeedResult(
            feed=feed, error=sanitize_line(f"{url}: {_describe(exc)}"),
            unreachable=isinstance(exc, _NO_ANSWER),
        )
    if not body.strip():
        return FeedResult(
            feed=feed, error=f"{url}: empty response", etag=new_etag,
            last_modified=new_last_modified, new_url=new_url,
        )
    return Download(
        feed, bytes(body), content_type, final_url, new_etag, new_last_modified, new_url
    )


def parse_download(fetched: Download, *, lazy_html: bool = False) -> FeedResult:
    """Parse a downloaded body (errors name the URL); top-level so a process pool can run it."""
    from reader.ingest.feeds import parse_feed_bytes

    url = fetched.feed.url or ""
    result = parse_feed_bytes(
        fetched.body,
        fetched.feed,
        content_type=fetched.content_type,
        base_url=fetched.final_url,
        lazy_html=lazy_html,
    )
    if result.error:
        result.error = sanitize_line(f"{url}: {result.error}")
    result.etag = fetched.etag
    result.last_modified = fetched.last_modified
    result.new_url = fetched.new_url
    return result


def fetch_feed(
    feed: FeedConfig,
    *,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    max_bytes: int = MAX_FEED_BYTES,
    max_seconds: float | None = None,
) -> FeedResult:
    """GET ``feed.url`` conditionally and parse it; never raises for network trouble."""
    fetched = download(
        feed, etag=etag, last_modified=last_modified, client=client, max_bytes=max_bytes,
        max_seconds=max_seconds,
    )
    return fetched if isinstance(fetched, FeedResult) else parse_download(fetched)
