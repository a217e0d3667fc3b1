"""A feed's link may not lead the reader to a more private network than the feed.

Only 127.0.0.1 servers started here are contacted.  To play a feed on a public
address, the tests fake the resolver (``netguard.resolve``) or the
classification of 127.0.0.1 (``netguard.address_rank``); nothing else is faked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.discover import DiscoveryError, discover_feed
from reader.fulltext import FullTextError, fetch_full_text
from reader.ingest import netguard
from reader.ingest.fetch import make_client
from reader.ingest.netguard import LINK_LOCAL, LOOPBACK, PRIVATE, PUBLIC, address_rank
from tests.loopback import RSS, QuietHandler, base_url, serving

STORY = b"<html><body><article>" + b"<p>A story long enough to be read, sentence. </p>" * 20
SEEN: list[str] = []
"""Paths the loopback server was asked for."""


class Handler(QuietHandler):
    def do_GET(self) -> None:
        SEEN.append(self.path)
        port = self.server.server_address[1]
        if self.path == "/page":
            self.send(200, STORY, Content_Type="text/html")
        elif self.path == "/to-v6-loopback":
            self.send(302, Location=f"http://[::1]:{port}/page")
        elif self.path == "/to-intranet":
            self.send(302, Location="http://intranet.example/page")
        elif self.path == "/home":
            page = f'<html><head><link rel="alternate" type="application/rss+xml" ' \
                f'href="http://localhost:{port}/feed.xml"></head><body>hi</body></html>'
            self.send(200, page.encode(), Content_Type="text/html")
        elif self.path == "/feed.xml":
            self.send(200, RSS, Content_Type="application/rss+xml")
        else:
            self.send(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as httpd:
        yield base_url(httpd)


@pytest.fixture(autouse=True)
def fake_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """news.example is a public site, intranet.example a private one; and in the check
    before each request (not in the connection itself) localhost is public too."""
    real = netguard.resolve
    names = {
        "news.example": ["93.184.216.34"], "intranet.example": ["10.1.2.3"],
        "localhost": ["93.184.216.35"],
    }
    monkeypatch.setattr(netguard, "resolve", lambda host: names.get(host) or real(host))
    SEEN.clear()


def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 counts as a public address (::1 is still loopback)."""
    real = netguard.address_rank
    monkeypatch.setattr(
        netguard, "address_rank", lambda a: PUBLIC if a == "127.0.0.1" else real(a)
    )


@pytest.mark.parametrize(
    ("address", "rank"),
    [
        ("93.184.216.34", PUBLIC), ("2606:4700::1111", PUBLIC), ("10.0.0.1", PRIVATE),
        ("172.16.5.4", PRIVATE), ("192.168.1.1", PRIVATE), ("100.64.0.1", PRIVATE),
        ("fc00::1", PRIVATE), ("169.254.169.254", LINK_LOCAL), ("fe80::1%eth0", LINK_LOCAL),
        ("127.0.0.1", LOOPBACK), ("127.9.9.9", LOOPBACK), ("::1", LOOPBACK),
        ("::ffff:127.0.0.1", LOOPBACK), ("0.0.0.0", LOOPBACK),
    ],
)
def test_address_ranks(address: str, rank: int) -> None:
    assert address_rank(address) == rank


def _full_text(url: str, link_from: str | None) -> str:
    with pytest.raises(FullTextError) as raised:
        fetch_full_text(url, link_from=link_from, timeout=2.0)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_a_public_feeds_link_to_loopback_is_not_fetched(server: str) -> None:
    """Issue 12: an item of a public feed linking to 127.0.0.1 made the reader fetch it."""
    message = _full_text(server + "/page", "https://news.example/feed")
    assert "loopback address (127.0.0.1)" in message and "not followed" in message
    assert SEEN == []


def test_a_public_feeds_link_to_a_private_name_is_refused_after_resolving() -> None:
    message = _full_text("http://intranet.example/page", "https://news.example/feed")
    assert "private address (10.1.2.3)" in message


def test_a_name_that_connects_somewhere_more_private_is_refused(server: str) -> None:
    """The check before the request saw a public address; the connection reached 127.0.0.1
    (a name that resolves differently the second time): refused before the request."""
    url = server.replace("127.0.0.1", "localhost") + "/page"
    message = _full_text(url, "https://news.example/feed")
    assert "loopback address (127.0.0.1)" in message
    assert SEEN == []


@pytest.mark.parametrize(
    ("path", "blocked"),
    [("/to-v6-loopback", "loopback address (::1)"), ("/to-intranet", "(10.1.2.3)")],
)
def test_redirects_are_checked_at_every_hop(
    server: str, monkeypatch: pytest.MonkeyPatch, path: str, blocked: str
) -> None:
    loopback_is_public(monkeypatch)
    message = _full_text(server + path, server + "/feed")
    assert blocked in message
    assert [path] == SEEN


def test_a_feed_on_loopback_may_fetch_pages_there(server: str) -> None:
    full = fetch_full_text(server + "/page", link_from=server + "/feed", timeout=2.0)
    assert full.text.startswith("A story long enough")


def test_discovery_from_a_public_page_never_reaches_a_more_private_feed(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback_is_public(monkeypatch)
    netguard_names = {"localhost": ["10.9.9.9"]}  # the advertised feed's host is private
    real = netguard.resolve
    monkeypatch.setattr(netguard, "resolve", lambda h: netguard_names.get(h) or real(h))
    with make_client(timeout=2.0) as client, pytest.raises(DiscoveryError):
        discover_feed(server + "/home", client)
    assert "/feed.xml" not in SEEN and "/home" in SEEN
