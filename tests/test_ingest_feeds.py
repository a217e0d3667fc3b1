from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.ingest import parse_feed_bytes
from reader.models import FeedConfig, FeedResult

DATA = Path(__file__).parent / "data" / "ingest"
FEED = FeedConfig(title="Test", url="https://feeds.example/feed")
BOTH_PATHS = pytest.mark.parametrize("fast", [True, False], ids=["fast", "feedparser"])


def parse(name: str, fast: bool = True, **kwargs: str) -> FeedResult:
    return parse_feed_bytes((DATA / name).read_bytes(), FEED, use_fast_path=fast, **kwargs)


@BOTH_PATHS
def test_rss20(fast: bool) -> None:
    result = parse("rss20.xml", fast)
    assert result.error is None and result.feed_title == "Harbour Gazette"
    first, second, third = result.articles
    assert first.id == "gazette-1001"
    assert first.url == "https://gazette.example/ferry-fares"
    assert first.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert first.author == "Mara Olsen"
    assert first.feed_id == FEED.id and first.feed_title == "Harbour Gazette"
    assert first.text == (
        "The ferry operator said fares would rise by 4%.\n\nRead the official notice [1].\n\n"
        "Links:\n[1] https://gazette.example/notice"
    )
    assert "alert" not in first.text
    assert second.id == "https://gazette.example/library"
    assert second.title == "Council approves & funds new library"
    assert second.author == "News Desk"
    assert second.text == "Vote\n\nThe council voted 7-2.\n\n• Cost: 3m\n• Opens: 2026"
    assert third.id.startswith("sha1:") and third.url is None
    assert third.title == "An item with no title, no link and no guid at all."


@BOTH_PATHS
def test_rss091_latin1(fast: bool) -> None:
    result = parse("rss091.xml", fast)
    assert result.feed_title == "Notícias do Porto"
    titles = [a.title for a in result.articles]
    assert titles == ["Câmara aprova orçamento", "Ponte reabre após obras"]
    assert result.articles[0].published is None


@BOTH_PATHS
def test_rdf(fast: bool) -> None:
    result = parse("rdf10.rdf", fast)
    first, second = result.articles
    assert first.id == "https://science.example/n/1"
    assert first.author == "Ilse Brandt"
    assert second.published == datetime(2024, 2, 2, 6, 15, tzinfo=UTC)


@BOTH_PATHS
def test_atom(fast: bool) -> None:
    result = parse("atom.xml", fast)
    assert result.feed_title == "Atom Example Blog"
    first, second, third = result.articles
    assert first.title == "Rates held steady"
    assert first.id == "tag:atom.example,2024:1"
    assert first.url == "https://atom.example/blog/posts/rates"  # xml:base
    assert first.published == datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    assert first.author == "Pia Lund"
    assert first.text.endswith("[1] https://atom.example/blog/charts")
    assert second.text == "First paragraph.\n\nSecond paragraph."
    assert second.published == datetime(2024, 1, 9, 8, 0, tzinfo=UTC)
    assert third.title == "An XHTML title"
    assert third.text.startswith("XHTML body [1].")


def test_json_feed() -> None:
    result = parse("jsonfeed11.json")
    assert result.error is None and result.feed_title == "Quiet Valley Weekly"
    dam, market, micro = result.articles
    assert dam.id == "2024-03-01-dam" and dam.author == "Tomas Reyes"
    assert dam.published == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert dam.text.endswith("[1] https://valley.example/dam/report")
    assert market.id == "42" and market.author == "Valley Staff"
    assert market.text == "The market will move indoors.\n\nIt reopens Saturday."
    assert micro.title.startswith("A short microblog post")


def test_json_errors() -> None:
    assert "invalid JSON" in (parse_feed_bytes(b"{oops", FEED).error or "")
    assert "not a JSON Feed" in (parse_feed_bytes(b'{"a": 1}', FEED).error or "")


def test_gzip() -> None:
    assert len(parse("rss20.xml.gz").articles) == 3


def test_gzip_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ingest.feeds as feeds

    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", 1024 * 1024)
    bomb = gzip.compress(b"<rss>" + b" " * (5 * 1024 * 1024))
    result = parse_feed_bytes(bomb, FEED)
    assert result.error and "cap" in result.error and not result.articles


def test_corrupt_gzip() -> None:
    result = parse_feed_bytes(b"\x1f\x8b\x08\x00garbage", FEED)
    assert result.error and "gzip" in result.error


@pytest.mark.parametrize("name", ["hostile.json", "hostile.xml"])
def test_hostile_titles_sanitized(name: str) -> None:
    result = parse(name)
    assert result.articles
    for article in result.articles:
        for value in (article.title, article.text, article.author or "", result.feed_title or ""):
            assert "\x1b" not in value and "\x07" not in value and "\u202e" not in value
        assert article.title.startswith("[bold red]x[/] [@click=app.quit] red")


def test_html_page_lists_feed_links() -> None:
    result = parse("page.html", base_url="https://site.example/blog/")
    assert result.error == (
        "HTML page, not a feed; it advertises: https://site.example/feed.rss, "
        "https://site.example/feed.atom"
    )
    assert not result.articles


def test_html_page_without_links() -> None:
    result = parse_feed_bytes(b"<html><body>hi</body></html>", FEED, content_type="text/html")
    assert result.error and result.error.startswith("HTML page, not a feed")


def test_truncated_feed_keeps_items() -> None:
    data = (DATA / "rss20.xml").read_bytes()
    cut = data[: data.index(b"<item>", data.index(b"<item>") + 1) + 60]
    result = parse_feed_bytes(cut, FEED)
    assert result.error and "\n" not in result.error
    assert [a.id for a in result.articles][:1] == ["gazette-1001"]


def test_not_a_feed() -> None:
    result = parse_feed_bytes(b"just some words", FEED)
    assert result.error and not result.articles


def test_empty() -> None:
    assert parse_feed_bytes(b"  \n", FEED).error == "empty document"


def test_leading_whitespace_before_xml_declaration() -> None:
    data = b"\n  " + (DATA / "rss20.xml").read_bytes()
    result = parse_feed_bytes(data, FEED)
    assert result.error is None and len(result.articles) == 3


BOMB = b"""<?xml version="1.0"?>
<!-- padding -->
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>&c;</title><item><title>t &ext;</title></item></channel></rss>
"""


def test_doctype_with_entities_never_takes_the_fast_path() -> None:
    from reader.ingest import fastfeed

    padded = BOMB.replace(b"<!-- padding -->", b"<!--" + b" " * 100_000 + b"-->")
    assert fastfeed.parse(padded, None) is None
    result = parse_feed_bytes(padded, FEED)
    for article in result.articles:
        assert "root:" not in article.title and len(article.title) < 1000


def test_a_date_the_fast_path_cannot_read_goes_to_feedparser() -> None:
    from reader.ingest import fastfeed

    def rss(date: str) -> bytes:
        return (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
            f"<title>A</title><guid>https://x.example/a</guid><pubDate>{date}</pubDate>"
            "</item></channel></rss>"
        ).encode()

    plain = fastfeed.parse(rss("Fri, 05 Jan 2024 10:00:00 +0100"), None)
    assert plain is not None and str(plain.items[0].published) == "2024-01-05 09:00:00+00:00"
    odd = rss("2024/01/05 10:00")  # a form feedparser knows and the fast path leaves to it
    assert fastfeed.parse(odd, None) is None
    feed = FeedConfig(title="T", url="https://x.example/")
    (article,) = parse_feed_bytes(odd, feed).articles
    (slow,) = parse_feed_bytes(odd, feed, use_fast_path=False).articles
    assert article.published is not None and article.published == slow.published
