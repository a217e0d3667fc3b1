"""Pilot tests of feed management in the feeds view: add (with discovery), rename, retag,
remove, and the hints for a gone feed and an HTML page.  feeds.toml keeps its comments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from reader.config import parse_config
from reader.ingest import parse_feed_bytes
from reader.models import Article, FeedConfig, FeedResult, FeedStatus
from reader.refresh import RefreshSummary
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.feed_edit import ConfirmDialog, InputDialog
from reader.ui.screens.feeds import FeedsScreen, advertised_feed, parse_tags
from reader.ui.screens.main import MainScreen
from tests.loopback import SiteHandler, base_url, serving
from tests.ui_support import settle

SIZE = (120, 40)
DEAD = "http://127.0.0.1:9"  # nothing listens: rename, retag and remove never fetch
TOML = f"""# My feeds: this comment must survive every edit.
[settings]

[[feed]]
title = "Alpha"
url = "{DEAD}/alpha.xml"
tags = ["one"]

# Beta's comment
[[feed]]
title = "Beta"  # inline comment
url = "{DEAD}/beta.xml"
"""

@pytest.fixture
def server() -> Iterator[str]:
    with serving(SiteHandler) as httpd:
        yield base_url(httpd)


@dataclass
class World:
    path: Path
    db_path: Path
    refreshed: list[Any]

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def app(self) -> ReaderApp:
        return ReaderApp(parse_config(self.path), self.db_path, refresh_at_start=False)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    path = tmp_path / "feeds.toml"
    path.write_text(TOML, encoding="utf-8")
    db_path = tmp_path / "db.sqlite"
    with Store(db_path) as store:
        store.sync_feeds(parse_config(path).feeds)
    refreshed: list[Any] = []

    def fake_refresh(config: Any, db_path: Path, *, feeds: Any = None, **_: Any) -> RefreshSummary:
        refreshed.append(feeds)
        return RefreshSummary(total=len(feeds or []), new=0, failed=[])

    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", fake_refresh)
    monkeypatch.setattr("reader.ui.screens.feeds.DISCOVERY_TIMEOUT", 5.0)
    return World(path, db_path, refreshed)




async def open_feeds(pilot: Pilot[Any], title: str | None = None) -> FeedsScreen:
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FeedsScreen)
    if title is not None:
        screen.query_one(OptionList).highlighted = row_of(screen, title)
        await pilot.pause()
    return screen


def row_of(screen: FeedsScreen, title: str) -> int:
    return next(i for i, feed in enumerate(screen._feeds) if feed and feed.title == title)


def row_label(screen: FeedsScreen, title: str) -> str:
    """The text of the row of the feed titled ``title``."""
    return str(screen.query_one(OptionList).get_option_at_index(row_of(screen, title)).prompt)


def titles(screen: FeedsScreen) -> list[str]:
    return [feed.title for feed in screen._feeds if feed]


def notes(app: ReaderApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_rename_keeps_comments(world: World) -> None:
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot, "Beta")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, InputDialog)
        dialog_input = app.screen.query_one("#feed-edit-input")
        assert getattr(dialog_input, "value", None) == "Beta"
        dialog_input.value = "[b]Gamma[/b]"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        text = world.text()
        assert 'title = "[b]Gamma[/b]"' in text and 'title = "Beta"' not in text
        assert "# My feeds: this comment must survive every edit." in text
        assert "# Beta's comment" in text and "# inline comment" in text
        assert "[b]Gamma[/b]" in titles(screen)  # the view shows the fresh state
        assert "Renamed Beta to [b]Gamma[/b]" in notes(app)
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        assert [f.title for f in main.config.feeds] == ["Alpha", "[b]Gamma[/b]"]


async def test_retag_with_spaces_and_commas(world: World) -> None:
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_feeds(pilot, "Alpha")
        await pilot.press("T")
        await pilot.pause()
        dialog_input = app.screen.query_one("#feed-edit-input")
        assert getattr(dialog_input, "value", None) == "one"
        dialog_input.value = "news, tech world,news"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        config = parse_config(world.path)
        assert config.feeds[0].tags == ["news", "tech", "world"]
        assert "# My feeds: this comment must survive every edit." in world.text()
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen) and main.config.feeds[0].tags[0] == "news"


async def test_remove_asks_first_then_deletes_its_articles_but_starred(world: World) -> None:
    alpha, beta = parse_config(world.path).feeds
    with Store(world.db_path) as store:
        store.save_result(FeedResult(alpha, [
            Article(id=f"a{n}", feed_id=alpha.id, title=f"Alpha story {n}", text="alpha words")
            for n in range(3)
        ]))
        store.save_result(FeedResult(beta, [
            Article(id="b0", feed_id=beta.id, title="Beta story", text="beta words")
        ]))
        store.index_search()
        store.set_starred(store.keys_of("a1"))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot, "Alpha")
        before = world.text()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        prompt = str(app.screen.query_one("#feed-edit-prompt").render())
        assert ("Remove Alpha? Of its 3 stored articles, all but the starred ones go too. "
                "y/n") in prompt
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and world.text() == before
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        text = world.text()
        assert "alpha.xml" not in text and "beta.xml" in text
        assert "# My feeds: this comment must survive every edit." in text
        assert titles(screen) == ["Beta"]
        assert "Removed Alpha" in notes(app)
    with Store(world.db_path) as store:
        assert sorted(r.id for r in store.rows()) == ["a1", "b0"]  # starred a1 stays
        assert [r.id for r in store.rows(search="alpha")] == ["a1"]  # index agrees
        assert store.counts()[1] == 2


async def test_edit_keys_need_a_feed_row(world: World) -> None:
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_feeds(pilot)  # on "All articles"
        before = world.text()
        await pilot.press("R", "x")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen) and world.text() == before
        assert "Highlight a feed first" in notes(app)


async def test_add_by_page_url_finds_the_advertised_feed(world: World, server: str) -> None:
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, InputDialog)
        await pilot.press(*f"{server}/")
        await pilot.press("enter")
        for _ in range(50):
            await settle(pilot)
            if f"{server}/feed.xml" in world.text():
                break
        text = world.text()
        assert f'url = "{server}/feed.xml"' in text and 'title = "Loopback News"' in text
        assert "# My feeds: this comment must survive every edit." in text
        assert "Loopback News" in titles(screen)
        assert "Added Loopback News" in notes(app)
        assert [[f.url for f in feeds] for feeds in world.refreshed] == [[f"{server}/feed.xml"]]


async def test_add_reports_a_page_without_feeds(world: World, server: str) -> None:
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_feeds(pilot)
        before = world.text()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*f"{server}/missing", "enter")
        await settle(pilot)
        await settle(pilot)
        assert world.text() == before
        assert "missing" in notes(app)


async def test_gone_feed_shows_remove_hint_and_html_page_offers_its_feed(world: World) -> None:
    config = parse_config(world.path)
    alpha, beta = config.feeds
    with Store(world.db_path) as store:
        store.save_result(
            FeedResult(alpha, error=f"{alpha.url}: HTTP 410: gone, consider removing this feed",
                       status=FeedStatus(http=410))
        )
        store.save_result(
            FeedResult(
                beta,
                error=f"{beta.url}: HTML page, not a feed; it advertises: "
                f"{DEAD}/real.xml, {DEAD}/other.xml",
                status=FeedStatus(advertised=(f"{DEAD}/real.xml", f"{DEAD}/other.xml")),
            )
        )
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot, "Beta")
        alpha_row, beta_row = row_label(screen, "Alpha"), row_label(screen, "Beta")
        assert "(x removes it)" in alpha_row
        assert "(F uses the advertised feed)" in beta_row
        await pilot.press("F")
        await settle(pilot)
        config = parse_config(world.path)
        assert [(f.title, f.url) for f in config.feeds] == [
            ("Alpha", alpha.url), ("Beta", f"{DEAD}/real.xml")
        ]
        assert "# My feeds: this comment must survive every edit." in world.text()
        assert [[f.url for f in feeds] for feeds in world.refreshed] == [[f"{DEAD}/real.xml"]]


async def test_a_feed_that_is_a_web_page_says_so(world: World) -> None:
    beta = parse_config(world.path).feeds[1]
    page = (
        b"<!DOCTYPE html><html><head><title>Beta home</title></head><body><article>"
        b"<h1>Harbour reopens</h1><p>The harbour reopened on Monday after a month of repairs "
        b"to the sea wall, the port authority said, and the ferries run again.</p>"
        b"</article></body></html>"
    )
    with Store(world.db_path) as store:
        store.save_result(parse_feed_bytes(page, beta, content_type="text/html",
                                           base_url=beta.url))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot, "Beta")
        alpha_row, beta_row = row_label(screen, "Alpha"), row_label(screen, "Beta")
        assert "Beta  1/1  web page, not a feed: read as one article" in beta_row
        assert "web page" not in alpha_row and "⚠" not in beta_row


async def test_a_local_feed_without_a_title_is_found_by_its_path(world: World) -> None:
    (world.path.parent / "local").mkdir()
    world.path.write_text(TOML + '\n[[feed]]\npath = "local"  # no title\n', encoding="utf-8")
    with Store(world.db_path) as store:
        store.sync_feeds(parse_config(world.path).feeds)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_feeds(pilot, "local")
        await pilot.press("T", *"mine", "enter")
        await settle(pilot)
        assert parse_config(world.path).feeds[2].tags == ["mine"]
        assert 'path = "local"  # no title' in world.text()
        await pilot.press("x", "y")
        await settle(pilot)
        assert "local" not in world.text()
        assert "# My feeds: this comment must survive every edit." in world.text()


def test_parse_tags_and_advertised_feed() -> None:
    assert parse_tags(" a, b  c,,a ") == ["a", "b", "c"]
    assert parse_tags("") == []
    page = parse_feed_bytes(
        b"<html><head><link rel=alternate type=application/rss+xml href=/f>"
        b"<link rel=alternate type=application/atom+xml href=http://h/g></head></html>",
        FeedConfig(title="x", url="http://h/"), base_url="http://h/",
    )
    assert page.status.advertised == ("http://h/f", "http://h/g")
    with Store(":memory:") as store:
        store.save_result(page)
        (state,) = store.feed_states().values()
        assert advertised_feed(state) == "http://h/f" and not state.last_status.gone
        store.save_result(FeedResult(feed=page.feed, error="h: HTTP 410 Gone",
                                     status=FeedStatus(http=410)))
        (state,) = store.feed_states().values()
        assert state.last_status.gone and advertised_feed(state) is None


async def test_add_takes_a_local_folder(world: World, tmp_path: Path) -> None:
    notes_dir = tmp_path / "my notes"
    notes_dir.mkdir()
    (notes_dir / "one.txt").write_text("Council approves bridge\n\nThe council voted.\n")
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(notes_dir), "enter")
        for _ in range(20):
            await settle(pilot)
            if "my notes" in titles(screen):
                break
        assert f'path = "{notes_dir}"' in world.text()
        assert "Added my notes" in notes(app)
        assert [[f.path for f in feeds] for feeds in world.refreshed] == [[str(notes_dir)]]


async def test_add_while_offline_adds_the_url_unchecked(world: World) -> None:
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*f"{DEAD}/gamma.xml", "enter")
        for _ in range(20):
            await settle(pilot)
            if f"{DEAD}/gamma.xml" in world.text():
                break
        assert f'url = "{DEAD}/gamma.xml"' in world.text()
        assert f"{DEAD}/gamma.xml" in titles(screen)
