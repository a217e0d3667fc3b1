"""A web page where a feed was expected (a feed URL or a local file) is read as one article
of that feed, through the one page reader; a page that advertises a feed still points at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import webpage
from reader.cli import main
from reader.config import parse_config
from reader.ingest import parse_feed_bytes
from reader.ingest.local import load_path
from reader.models import Article, FeedConfig, FeedResult, FeedStatus
from reader.store import Store
from reader.webpage import MAX_TEXT
from tests.growth import best_seconds_in_turn
from tests.loopback import QuietHandler, base_url, serving
from tests.pathological_pages import PATHOLOGICAL, SCALE

STORY = (
    "The council voted on Tuesday to approve the new bridge over the river, ending a "
    "decade of argument about its cost and its route through the old town."
)


def page(headline: str = "Bridge approved", extra: str = "") -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>Harbour Gazette: news</title>"
        '<meta name="author" content="A. Writer">'
        '<meta property="article:published_time" content="2026-03-01T09:30:00Z"></head>'
        '<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{headline}</h1><p>{STORY}</p>"
        f'<p>Work starts next spring, <a href="/mayor">the mayor</a> said. {extra}</p>'
        "</article><footer>© Gazette</footer></body></html>"
    ).encode()


class PageSite(QuietHandler):
    """``/story`` is a web page with a story and no feed link; ``/empty`` one with no text."""

    body = page()

    def do_GET(self) -> None:
        if self.path == "/story":
            self.send(200, PageSite.body, Content_Type="text/html; charset=utf-8")
        elif self.path == "/empty":
            self.send(200, b"<!DOCTYPE html><html><body>Loading</body></html>",
                      Content_Type="text/html")
        else:
            self.send(404)


@pytest.fixture
def site() -> Iterator[str]:
    PageSite.body = page()
    with serving(PageSite) as httpd:
        yield base_url(httpd)


def write_config(tmp_path: Path, entry: str) -> Path:
    config = tmp_path / "feeds.toml"
    config.write_text(f"[[feed]]\ntitle = \"Gazette\"\n{entry}\n", encoding="utf-8")
    return config


def refresh(config: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(config), "--db", str(db), "refresh"]) == 0
    assert "0 failed" in capsys.readouterr().err


def stored(db: Path) -> list[Article]:
    """Every stored article, read as the app reads one."""
    with Store(db) as store:
        found = [store.article(row.rowid) for row in store.rows()]
    return [article for article in found if article is not None]


def test_a_feed_url_serving_a_web_page_gives_its_story_as_one_article(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{site}/story"
    config, db = write_config(tmp_path, f'url = "{url}"'), tmp_path / "db.sqlite"
    refresh(config, db, capsys)
    [article] = stored(db)
    assert (article.title, article.id, article.url) == ("Bridge approved", url, url)
    assert article.author == "A. Writer"
    assert article.published is not None and article.published.year == 2026
    text = article.text
    assert text.startswith(STORY) and "Home" not in text and "Gazette" not in text
    assert f"the mayor [1] said.\n\nLinks:\n[1] {site}/mayor" in text  # links become our footnotes
    with Store(db) as store:
        state = store.feed_states()[url]
    assert state.last_error is None and state.last_status == FeedStatus(web_page=True)
    # A changed page updates its article rather than adding another.
    PageSite.body = page("Bridge approved, again", extra="Traffic will be diverted.")
    refresh(config, db, capsys)
    [again] = stored(db)
    assert (again.rowid, again.title) == (article.rowid, "Bridge approved, again")
    assert "diverted" in again.text


def test_a_web_page_with_no_story_is_a_one_line_error_that_says_so(site: str) -> None:
    feed = FeedConfig(title="t", url=f"{site}/empty")
    result = parse_feed_bytes(
        b"<!DOCTYPE html><html><body>Loading</body></html>", feed, content_type="text/html",
        base_url=feed.url,
    )
    assert not result.articles and result.status.web_page
    assert result.error == (
        "HTML page, not a feed, with no readable text (it advertises no feed links)"
    )


def test_a_page_that_advertises_a_feed_still_points_at_it() -> None:
    data = page().replace(
        b"</head>", b'<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
    )
    result = parse_feed_bytes(data, FeedConfig("t", url="https://site.example/"),
                              base_url="https://site.example/")
    assert not result.articles and not result.status.web_page
    assert result.status.advertised == ("https://site.example/feed.xml",)


def test_reader_add_takes_a_web_page_with_a_warning(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text("")
    assert main(["--config", str(config), "add", f"{site}/story"]) == 0
    out, err = capsys.readouterr()
    assert "a web page, not a feed: each refresh reads it as one article" in err
    assert "added Harbour Gazette: news" in out
    assert [f.url for f in parse_config(config).feeds] == [f"{site}/story"]
    db = tmp_path / "db.sqlite"
    assert main(["--config", str(config), "--db", str(db), "refresh"]) == 0
    assert main(["--config", str(config), "--db", str(db), "doctor"]) == 0
    assert "Harbour Gazette: news: a web page, not a feed" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["saved.html", "mislabelled.xml"])
def test_a_local_web_page_as_a_feed_is_one_article(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / name
    saved.write_bytes(page())
    config, db = write_config(tmp_path, f'path = "{saved}"'), tmp_path / "db.sqlite"
    for _ in range(2):  # twice: the same article, not two
        refresh(config, db, capsys)
    [article] = stored(db)
    assert (article.title, article.id, article.path) == ("Bridge approved", str(saved), str(saved))
    assert article.text.startswith(STORY)
    [result] = load_path(saved)
    # A file named as a feed that holds a page is a web page; a saved .html is a local article.
    assert result.status.web_page == (name == "mislabelled.xml")


def test_the_status_survives_a_not_modified_answer(tmp_path: Path) -> None:
    feed = FeedConfig("Gazette", url="https://site.example/story")
    with Store(tmp_path / "db.sqlite") as store:
        store.save_result(parse_feed_bytes(page(), feed, base_url=feed.url))
        store.save_result(FeedResult(feed, not_modified=True))
        assert store.feed_states()[feed.id].last_status.web_page
    assert FeedStatus.from_json(FeedStatus(web_page=True).to_json()) == FeedStatus(web_page=True)


@pytest.mark.parametrize("name", ["deep", "deep-closed", "nested-a", "unclosed-p"])
def test_a_hostile_page_served_as_a_feed_stays_bounded(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Huge nesting: four times the page costs about four times the work (a growth check,
    no time limit), the text is capped, and the library never sees a page too deep."""
    asked: list[str] = []
    monkeypatch.setattr(webpage, "_library", lambda: asked.append)
    feed = FeedConfig("t", url="https://slow.example/")

    def read(n: int) -> FeedResult:
        data = b"<!DOCTYPE html><html><body>" + PATHOLOGICAL[name](n).encode()
        return parse_feed_bytes(data, feed, content_type="text/html", base_url=feed.url)

    result = read(4 * SCALE)
    assert all(len(a.text) <= MAX_TEXT + 10 for a in result.articles)
    assert result.articles or result.error
    assert asked == []  # too deep or too many tags for the library
    small, large = best_seconds_in_turn(lambda: read(SCALE), lambda: read(4 * SCALE))
    assert large < 8 * small + 0.05, (small, large)
