"""fetch_feed against a loopback HTTP server started by the test (no other network)."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reader.ingest import fetch_feed, make_client
from reader.models import FeedConfig
from tests.hang_guard import finishes
from tests.loopback import QuietHandler, base_url, serving

DATA = Path(__file__).parent / "data" / "ingest"
RSS = (DATA / "rss20.xml").read_bytes()
PAGE = (DATA / "page.html").read_bytes()
ETAG = '"v1"'
LAST_MODIFIED = "Tue, 05 Mar 2024 10:00:00 GMT"
REDIRECTS = {
    "/old": (301, "/mid"),
    "/mid": (308, "/feed"),
    "/temp": (302, "/feed"),
    "/perm-then-temp": (301, "/temp"),
    "/loop": (302, "/loop"),
}
STATUSES = {"/404": 404, "/410": 410, "/500": 500, "/429": 429, "/503": 503}


class Handler(QuietHandler):

    def do_GET(self) -> None:
        path = self.path
        if path == "/feed":
            if self.headers.get("If-None-Match") == ETAG:
                self.send(304, ETag=ETAG)
                return
            self.send(
                200, RSS, Content_Type="application/rss+xml", ETag=ETAG, Last_Modified=LAST_MODIFIED
            )
        elif path == "/ua":
            agent = self.headers.get("User-Agent", "")
            self.send(200, RSS.replace(b"Harbour Gazette", agent.encode()))
        elif path in REDIRECTS:
            status, target = REDIRECTS[path]
            self.send(status, Location=target)
        elif path in STATUSES:
            extra = {}
            if path == "/429":
                extra["Retry_After"] = "120"
            if path == "/503":
                extra["Retry_After"] = "Wed, 21 Oct 2026 07:28:00 GMT"
            self.send(STATUSES[path], b"nope", **extra)
        elif path == "/big":
            self.send_response(200)
            self.end_headers()
            chunk = b"<!-- padding -->" * 4096
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(3)
            self.send(200, RSS)
        elif path == "/page":
            self.send(200, PAGE, Content_Type="text/html; charset=utf-8")
        elif path == "/empty":
            self.send(200, b"", Content_Type="application/rss+xml")
        elif path == "/gzip-encoded":
            self.send(200, gzip.compress(RSS), Content_Encoding="gzip")
        else:
            self.send(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as httpd:
        yield base_url(httpd)


@pytest.fixture()
def client() -> Iterator[httpx.Client]:
    with make_client(timeout=5.0) as c:
        yield c


def feed(url: str) -> FeedConfig:
    return FeedConfig(title="Loopback", url=url)


def test_200_then_304(server: str, client: httpx.Client) -> None:
    first = fetch_feed(feed(server + "/feed"), etag=None, last_modified=None, client=client)
    assert first.error is None and len(first.articles) == 3
    assert first.etag == ETAG and first.last_modified == LAST_MODIFIED
    assert first.feed_title == "Harbour Gazette" and first.new_url is None
    second = fetch_feed(
        feed(server + "/feed"), etag=first.etag, last_modified=first.last_modified, client=client
    )
    assert second.not_modified and not second.articles and second.error is None
    assert second.etag == ETAG


def test_user_agent(server: str, client: httpx.Client) -> None:
    result = fetch_feed(feed(server + "/ua"), etag=None, last_modified=None, client=client)
    assert (result.feed_title or "").startswith("reader/")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/404", "HTTP 404"),
        ("/410", "gone, consider removing"),
        ("/500", "HTTP 500"),
        ("/429", "retry after 120 s"),
        ("/503", "retry after 2026-10-21 07:28:00"),
        ("/loop", "more than 10 redirects"),
    ],
)
def test_errors_name_url_and_status(
    server: str, client: httpx.Client, path: str, expected: str
) -> None:
    result = fetch_feed(feed(server + path), etag=None, last_modified=None, client=client)
    assert result.error and expected in result.error
    assert result.error.startswith(server + path) and "\n" not in result.error
    assert not result.articles
    assert result.status.http == STATUSES.get(path)  # the status as a field, too
    assert result.status.gone == (path == "/410")


def test_permanent_redirect_chain_sets_new_url(server: str, client: httpx.Client) -> None:
    result = fetch_feed(feed(server + "/old"), etag=None, last_modified=None, client=client)
    assert result.error is None and len(result.articles) == 3
    assert result.new_url == server + "/feed"


def test_temporary_redirect_keeps_url(server: str, client: httpx.Client) -> None:
    result = fetch_feed(feed(server + "/temp"), etag=None, last_modified=None, client=client)
    assert result.new_url is None and len(result.articles) == 3
    mixed = fetch_feed(
        feed(server + "/perm-then-temp"), etag=None, last_modified=None, client=client
    )
    assert mixed.new_url == server + "/temp"


def test_size_cap(server: str, client: httpx.Client) -> None:
    result = fetch_feed(
        feed(server + "/big"), etag=None, last_modified=None, client=client, max_bytes=1024 * 1024
    )
    assert result.error and "larger than 1 MB" in result.error


def test_server_that_never_answers(server: str) -> None:
    with make_client(timeout=0.5) as quick:
        result = finishes(lambda: fetch_feed(feed(server + "/slow"), etag=None,
                                             last_modified=None, client=quick))
    assert result.error and "timed out" in result.error


def test_html_page_with_feed_links(server: str, client: httpx.Client) -> None:
    result = fetch_feed(feed(server + "/page"), etag=None, last_modified=None, client=client)
    assert result.error and "HTML page, not a feed" in result.error
    assert f"{server}/feed.rss" in result.error
    assert "https://site.example/feed.atom" in result.error


def test_empty_200(server: str, client: httpx.Client) -> None:
    result = fetch_feed(feed(server + "/empty"), etag=None, last_modified=None, client=client)
    assert result.error == f"{server}/empty: empty response"


def test_content_encoding_gzip(server: str, client: httpx.Client) -> None:
    result = fetch_feed(
        feed(server + "/gzip-encoded"), etag=None, last_modified=None, client=client
    )
    assert result.error is None and len(result.articles) == 3


def test_connection_refused(client: httpx.Client) -> None:
    result = fetch_feed(feed("http://127.0.0.1:9/"), etag=None, last_modified=None, client=client)
    assert result.error and result.error.startswith("http://127.0.0.1:9/")


def test_non_http_url(client: httpx.Client) -> None:
    result = fetch_feed(feed("ftp://x.example/f"), etag=None, last_modified=None, client=client)
    assert result.error == "ftp://x.example/f: not an http(s) URL"
