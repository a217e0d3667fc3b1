"""The full-text extractor on hand-written pages, and fetching over loopback HTTP only."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import webpage
from reader.fulltext import FullTextError, fetch_full_text, full_text_for, site_of
from reader.html_text import html_to_text
from reader.html_tokens import strip_raw
from reader.ingest.fetch import USER_AGENT
from reader.models import Article, FeedConfig, FeedResult
from reader.readability import find_story
from reader.store import Store
from reader.webpage import MAX_TEXT, decode_page
from reader.webpage import page_text as extract_text
from tests.growth import best_seconds_in_turn
from tests.loopback import QuietHandler, base_url, serving
from tests.pathological_pages import PATHOLOGICAL, SCALE
from tests.store_support import key

DATA = Path(__file__).parent / "data" / "fulltext"
NEWS = (DATA / "news.html").read_text(encoding="utf-8")
ARTICLE = (DATA / "article.html").read_text(encoding="utf-8")
DIVS = (DATA / "divs.html").read_text(encoding="utf-8")
BASE = "https://news.example/port/strike-ends"


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def own_text(html: str) -> str:
    """What our own extractor (the second opinion) makes of ``html``."""
    return html_to_text(find_story(strip_raw(html)).html)


# Extraction ------------------------------------------------------------------


def test_news_page_keeps_the_story_and_drops_the_furniture() -> None:
    text = extract_text(NEWS, BASE, title="Harbour strike ends after nine days")
    assert paragraphs(text) == [
        "Dock workers at the port of Kessel voted on Thursday to end a nine-day strike, after "
        "the harbour authority agreed to a pay rise of six percent and a review of night shifts.",
        '"This is a fair deal for the people who keep this port running," said Tomas Varga, '
        "the union's chief negotiator, outside the union hall on Quay Street [1].",
        "Ships wait offshore",
        "More than forty container ships had been waiting offshore, and exporters of grain, "
        "timber and machinery warned that the backlog would take weeks to clear.",
        "Ingrid Halvorsen, who heads the harbour authority, said the first ships would berth on "
        'Friday morning. "We will work around the clock," Halvorsen told reporters.',
        "The agreement still has to be signed by the port's owners, which is expected next week.",
        "Links:\n[1] https://news.example/tags/quay-street",
    ]
    for furniture in (
        "cookies", "Accept all", "Skip to content", "Sport", "Home", "Share on", "Email",
        "Advertisement", "Related", "Port talks collapse", "Most read", "Mayor resigns",
        "morning briefing", "Comments", "cousin", "union should have", "All rights reserved",
        "Commented out", "not text", "font-family", "By Ana Ruiz",
    ):
        assert furniture not in text, furniture


def test_the_title_is_kept_when_it_is_not_the_articles() -> None:
    text = extract_text(NEWS, BASE, title="Something else entirely")
    assert paragraphs(text)[0] == "Harbour strike ends after nine days"


def test_article_element_is_preferred_and_headings_lists_quotes_kept() -> None:
    text = extract_text(ARTICLE, "https://grain.example/2024/c", title="Grain corridor reopens")
    assert paragraphs(text) == [
        "The grain corridor through the strait reopened on Monday, the shipping ministry said, "
        "allowing the first convoy of bulk carriers to sail since the storms in March.",
        "First convoy",
        "Twelve ships carrying wheat, maize and barley left the northern ports at dawn, escorted "
        "by two coast guard vessels, according to the ministry's statement.",
        "• Twelve ships in the first convoy\n• Two escorts from the coast guard",
        '"We expect traffic to be back to normal within a month," the minister said.',
    ]
    # The teaser <article>, the header, the figure and the tag footer are not the story.
    assert "teaser" not in text and "Posted by" not in text and "Photo" not in text
    assert "grain [" not in text


@pytest.mark.parametrize("attribute", ["itemprop", "property"])
def test_article_body_wins_over_a_longer_block(attribute: str) -> None:
    story = "<p>" + "The council met on Tuesday to discuss the budget, as expected. " * 3 + "</p>"
    other = "<p>" + "A long unrelated essay about gardens, roses, soil and weather. " * 12 + "</p>"
    html = (
        f"<body><div class='essay'>{other}</div>"
        f"<div {attribute}='articleBody'>{story}</div></body>"
    )
    assert extract_text(html).startswith("The council met")
    assert "gardens" not in extract_text(html)


def test_a_story_marked_in_several_pieces_is_read_whole() -> None:
    """A page that marks each paragraph (or section) as ``articleBody``, with furniture
    between them: every marked piece, in order, and nothing else."""
    pieces = [
        f"<p itemprop='articleBody'>Part {n} of the story, which the page marks as its body.</p>"
        for n in range(3)
    ]
    html = (
        "<body><div class='essay'><p>" + "An unrelated text about gardens and roses. " * 5
        + f"</p></div>{pieces[0]}<div class='ad'>Advertisement</div>{pieces[1]}"
        f"<section itemprop='articleBody'>{pieces[2]}</section>"
        "<aside><p itemprop='articleBody'>A teaser in the sidebar, not this story.</p></aside>"
        "</body>"
    )
    assert [p[:6] for p in paragraphs(own_text(html))] == ["Part 0", "Part 1", "Part 2"]
    assert find_story(strip_raw(html)).marked


def test_captions_are_not_the_story() -> None:
    """A caption is furniture whether or not it sits in a ``<figure>``."""
    part = "<p>{} part of the story, with a comma, another comma, and a full stop.</p>"
    caption = "The harbour wall at dawn, seen from the lighthouse, in a photograph by the paper."
    html = (
        "<body><div class='story'>"
        f"{part.format('First') * 3}<div class='image-caption'><p>{caption}</p></div>"
        f"{part.format('Second') * 3}<p class='wp-caption-text'>{caption}</p>"
        f"<figcaption>{caption}</figcaption>{part.format('Third') * 3}"
        "</div></body>"
    )
    text = own_text(html)
    assert text.count("part of the story") == 9
    assert "harbour wall" not in text


def test_a_small_article_element_loses_to_the_block_with_the_story() -> None:
    body = "".join(
        f"<p>Paragraph {n} of the story, with commas, clauses, and enough words to count.</p>"
        for n in range(8)
    )
    html = (
        "<body><article><p>Teaser for another story, short.</p></article>"
        f"<div class='story-body'>{body}</div></body>"
    )
    text = own_text(html)
    assert paragraphs(text)[0].startswith("Paragraph 0 of the story")
    assert len(paragraphs(text)) == 8 and "Teaser" not in text
    assert "Paragraph 7 of the story" in extract_text(html)


def test_a_page_of_only_divs() -> None:
    text = extract_text(DIVS, "https://drought.example/")
    assert len(paragraphs(text)) == 4
    assert paragraphs(text)[0].startswith("The drought in the south has cut hydroelectric output")
    assert paragraphs(text)[3].endswith("before the summer.")
    assert "Archive" not in text and "May 2024" not in text and "Copyright" not in text


def test_sibling_blocks_of_a_split_story_are_joined() -> None:
    part = "<p>{} part of the story, with a comma, another comma, and a full stop.</p>"
    html = (
        "<body><div id='wrap'>"
        f"<div class='story'>{part.format('First') * 3}</div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='story'>{part.format('Second') * 3}</div>"
        "</div></body>"
    )
    text = extract_text(html)
    assert text.count("First part") == 3 and text.count("Second part") == 3
    assert "Advertisement" not in text


def test_a_page_with_almost_no_text_yields_nothing() -> None:
    assert extract_text("<html><body><nav><a href='/'>Home</a></nav><p>Hi.</p></body></html>") == ""
    assert extract_text("") == ""
    assert extract_text("<p>" + "<a href='/x'>link</a> " * 50 + "</p>") == ""


def test_hostile_page_is_inert_text() -> None:
    html = (
        "<article><h2>[bold red]Title[/] <script>alert(1)</script></h2>"
        "<p>Markup [@click=app.quit]quit[/] stays text, &lt;b&gt;escaped&lt;/b&gt; too; a clear "
        "\x1b[2J screen, an OSC 52 \x1b]52;c;aGk=\x07 write, a bell \x07, a C1 \x9b31m CSI, "
        "a bidi \u202eoverride\u202c and a zero\u200bwidth space, in a long enough story.</p>"
        "<p>Links: <a href='javascript:alert(1)'>a script</a> is dropped, the story goes on "
        "and on with words, <a href='https://example.com/safe'>a safe one</a> is kept.</p>"
        "<p style='display: none'>Hidden by style, a paragraph that must never be shown.</p>"
        "<p hidden>Hidden by attribute, a paragraph that must never be shown.</p>"
        "<div aria-hidden='true'>Hidden from screen readers, a block that is not shown.</div>"
        "</article>"
    )
    assert "[bold red]Title[/]" in own_text(html)
    text = extract_text(html, "https://hostile.example/")
    assert "[@click=app.quit]quit[/]" in text
    assert "<b>escaped</b>" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e\u202c\u200b")
    assert "52;c;aGk=" not in text
    assert "alert" not in text and "javascript" not in text
    assert "[1] https://example.com/safe" in text
    assert "Hidden" not in text
    assert all(ch.isprintable() or ch == "\n" for ch in text)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_pages_grow_linearly(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our safety front and extractor: four times the page costs about four times the
    time, not sixteen (quadratic).  No absolute limit (machines are shared):
    ``benchmarks/pathological_pages.py`` times the full-size pages, library included."""
    monkeypatch.setattr(webpage, "_library", lambda: None)
    small = PATHOLOGICAL[name](SCALE)
    large = PATHOLOGICAL[name](4 * SCALE)
    assert len(extract_text(large, "https://slow.example/")) <= MAX_TEXT + 10
    small_time, large_time = best_seconds_in_turn(
        lambda: extract_text(small, "https://slow.example/"),
        lambda: extract_text(large, "https://slow.example/"))
    assert large_time < 8 * small_time + 0.05, (small_time, large_time)


@pytest.mark.parametrize("name", ["deep", "unclosed-p", "nested-a", "classes"])
def test_the_library_never_sees_a_page_too_deep_or_too_big(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(webpage, "_library", lambda: asked.append)
    extract_text(PATHOLOGICAL[name](4 * SCALE))
    assert asked == []
    extract_text(NEWS)
    assert len(asked) == 1


def test_a_library_that_hangs_gives_way_to_our_extractor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def hang(html: str) -> str:
        release.wait(10)
        return "<p>too late</p>"

    monkeypatch.setattr(webpage, "_library", lambda: hang)
    monkeypatch.setattr(webpage, "LIBRARY_SECONDS", 0.05)
    try:
        text = extract_text(NEWS, BASE)
    finally:
        release.set()
    assert text == own_text_of_news() and "too late" not in text


def own_text_of_news() -> str:
    return webpage._finish(html_to_text(find_story(strip_raw(NEWS)).html, BASE), None, 0)


def test_long_text_is_capped_at_a_paragraph() -> None:
    html = "<article>" + "<p>A sentence, a clause, and some more words here.</p>" * 10_000
    text = extract_text(html)
    assert len(text) <= MAX_TEXT + 10
    assert text.endswith("here.\n\n[…]")


def test_decoding_follows_header_then_meta_then_guesses() -> None:
    cafe = "Caf\u00e9 \u20ac"
    assert decode_page(cafe.encode("cp1252"), "text/html; charset=ISO-8859-1") == cafe
    meta = b'<meta charset="windows-1251"><p>' + "Привет".encode("cp1251")
    assert "Привет" in decode_page(meta, "text/html")
    assert decode_page(cafe.encode("utf-8"), "text/html") == cafe
    assert decode_page(b"<meta charset=utf-16><p>ok", None) == "<meta charset=utf-16><p>ok"
    assert decode_page(b"<p>ok", "text/html; charset=rot13") == "<p>ok"
    assert decode_page(b"<p>ok", "text/html; charset=no-such") == "<p>ok"


def test_site_of() -> None:
    assert site_of("https://www.example.com/a/b") == "example.com"
    assert site_of("http://127.0.0.1:8080/x") == "127.0.0.1"
    assert site_of("not a url") == ""


# Fetching over loopback --------------------------------------------------------

REQUESTS: Counter[str] = Counter()
AGENTS: list[str] = []
LOCK = threading.Lock()


class PageHandler(QuietHandler):
    def do_GET(self) -> None:
        with LOCK:
            REQUESTS[self.path] += 1
            AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/story":
            self.send(200, NEWS.encode(), Content_Type="text/html; charset=utf-8")
        elif path == "/moved":
            self.send(301, Location="/story")
        elif path == "/loop":
            self.send(302, Location="/loop")
        elif path == "/gone":
            self.send(410, b"gone")
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4 " + b"x" * 500, Content_Type="application/pdf")
        elif path == "/untyped":
            self.send(200, ARTICLE.encode())
        elif path == "/big":
            self.send(200, b"<p>" + b"word " * 100_000, Content_Type="text/html")
        elif path == "/bare":
            self.send(200, b"<html><body><nav>Home</nav></body></html>", Content_Type="text/html")
        elif path == "/latin1":
            body = f"<article><p>{'Un caf' + chr(233) + ' au port, dit-il, ' * 10}</p></article>"
            self.send(200, body.encode("latin-1"), Content_Type="text/html; charset=iso-8859-1")
        else:
            self.send(404, b"not here", Content_Type="text/html")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(PageHandler) as httpd:
        yield base_url(httpd)


def test_fetch_success_with_our_user_agent(server: str) -> None:
    full = fetch_full_text(f"{server}/story", title="Harbour strike ends after nine days")
    assert full.url == f"{server}/story"
    assert full.text.startswith("Dock workers at the port of Kessel")
    assert f"[1] {server}/tags/quay-street" in full.text
    assert full.entities is None
    assert abs(full.fetched - time.time()) < 60
    assert AGENTS[-1] == USER_AGENT


def test_fetch_follows_redirects_and_records_the_final_url(server: str) -> None:
    full = fetch_full_text(f"{server}/moved")
    assert full.url == f"{server}/story"
    assert "Dock workers" in full.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "{url}: HTTP 404 Not Found (not found)"),
        ("/gone", "{url}: HTTP 410 Gone (gone)"),
        ("/loop", "{url}: more than 10 redirects"),
        ("/pdf", "{url}: not a web page (application/pdf)"),
        ("/bare", "no readable text found at {url}"),
    ],
)
def test_fetch_failures_are_one_line_naming_the_url(server: str, path: str, message: str) -> None:
    url = f"{server}{path}"
    with pytest.raises(FullTextError) as caught:
        fetch_full_text(url)
    assert str(caught.value) == message.format(url=url)


def test_oversized_page_is_refused(server: str) -> None:
    url = f"{server}/big"
    with pytest.raises(FullTextError) as caught:
        fetch_full_text(url, max_bytes=100_000)
    assert str(caught.value).startswith(f"{url}: response larger than")


def test_untyped_html_is_sniffed_and_charset_header_honoured(server: str) -> None:
    assert "twelve" in fetch_full_text(f"{server}/untyped").text.lower()
    assert "Un café au port" in fetch_full_text(f"{server}/latin1").text


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "", "/relative"]
)
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FullTextError) as caught:
        fetch_full_text(url)
    assert str(caught.value).endswith("not an http(s) URL")
    assert "\n" not in str(caught.value)


def test_unreachable_server_is_one_line() -> None:
    with serving(PageHandler) as httpd:
        url = f"{base_url(httpd)}/story"
    with pytest.raises(FullTextError) as caught:
        fetch_full_text(url, timeout=2)
    assert str(caught.value).startswith(f"{url}: could not connect")


def test_full_text_is_cached_with_entities_and_the_cache_makes_no_request(
    server: str, tmp_path: Path
) -> None:
    feed = FeedConfig(title="Port", url=f"{server}/feed.xml")
    article = Article(
        id="port-1", feed_id=feed.id, title="Harbour strike ends after nine days",
        text="Dock workers voted to end the strike.", url=f"{server}/story",
    )
    with Store(tmp_path / "db.sqlite") as store:
        store.save_result(FeedResult(feed, [article]))
        store.index_search()
        article = store.article(key(store, "port-1")) or article
        before = REQUESTS["/story"]
        full, cached = full_text_for(store, article)
        assert not cached and REQUESTS["/story"] == before + 1
        assert full.entities is not None
        assert "Ingrid Halvorsen" in [person.name for person in full.entities.people]
        again, cached = full_text_for(store, article)
        assert cached and REQUESTS["/story"] == before + 1
        assert again == full
        # Search and following find what only the full text says.
        assert [row.id for row in store.rows(search="Halvorsen")] == ["port-1"]
        assert [row.id for row in store.rows(follow="Ingrid Halvorsen")] == ["port-1"]
