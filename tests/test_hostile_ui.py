"""Hostile content in the Textual app: list, story, panels, feeds view, links.

Feed text must show as inert literal text everywhere (never parsed as markup,
never an action), a feed's error shows in the feeds view while its last good
items stay readable, and only http/https/mailto links are ever opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from reader.ingest import parse_feed_bytes
from reader.models import Article, Entities, Entity, FeedConfig, FeedResult
from reader.store import Store
from reader.ui.screens.feeds import FeedsScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.people_panel import PeoplePanel
from reader.ui.widgets.sources_panel import SourcesPanel
from reader.ui.widgets.story_view import StoryView
from tests.test_hostile_content import HOSTILE, MARKUP, assert_inert, hostile_rss
from tests.ui_support import SampleWorld, build_sample, make_app, open_article, running, settle

SIZE = (120, 40)
NAME = "[@click=app.quit]Evil[/] \x1b]52;c;aGk=\x07Person"


pytestmark = pytest.mark.usefixtures("utc_clock")


@pytest.fixture
def world(tmp_path: Path) -> SampleWorld:
    """The sample store plus one item parsed from a hostile feed, with hostile entities."""
    world = build_sample(tmp_path)
    (article,) = parse_feed_bytes(hostile_rss(), world.wire).articles
    article.id = "hostile-feed-item"
    with Store(world.db_path) as store:
        store.save_result(FeedResult(world.wire, [article]))
        rowid = store._db.execute(
            "SELECT rowid FROM articles WHERE id='hostile-feed-item'"
        ).fetchone()[0]
        # Entities as an extractor bug or a tampered store might hold them.
        store.save_entities([(rowid, Entities(
            people=[Entity(name=NAME, mentions=[(0, 4)], hint="[link=file:///etc/passwd]h[/]")],
            sources=[Entity(name=MARKUP, kind="outlet", mentions=[(0, 4)])],
        ))])
    return world







def rendered(widget: Any) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_hostile_item_is_inert_in_list_story_and_panels(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "hostile-feed-item")
        screen = app.screen
        for widget in (
            screen.query_one(ArticleList), screen.query_one(StoryView),
            screen.query_one(PeoplePanel), screen.query_one(SourcesPanel),
        ):
            text = rendered(widget)
            assert "\x1b" not in text and "\x07" not in text
            assert_inert(text.replace("\n", " "), one_line=True)
        assert "[@click=app.quit]quit[/]" in rendered(screen.query_one(StoryView))
        assert "[@click=app.quit]Evil[/]" in rendered(screen.query_one(PeoplePanel))
        assert "[bold red]x[/]" in rendered(screen.query_one(SourcesPanel))
        # Clicking and activating the hostile names runs no embedded action.
        await pilot.click(PeoplePanel, offset=(3, 1))
        await pilot.click(SourcesPanel, offset=(3, 1))
        await pilot.click(StoryView, offset=(3, 0))
        await settle(pilot)
        assert app.is_running


async def test_feed_error_is_shown_and_last_good_items_stay(world: SampleWorld) -> None:
    error = f"https://wire.example/feed: HTTP 500 Internal Server Error {HOSTILE}"
    with Store(world.db_path) as store:
        store.save_result(FeedResult(world.wire, error=error))
    async with running(world) as (app, pilot):
        ids = [row.id for row in app.screen.query_one(ArticleList).rows]
        assert {"wire-1", "wire-2", "hostile-feed-item"} <= set(ids)
        await open_article(pilot, "wire-1")
        assert "Cabello" in app.screen.query_one(StoryView).text
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        (wire,) = [label for label in labels if label.startswith("Local Wire")]
        assert "⚠" in wire and "HTTP 500" in wire
        assert_inert(wire, one_line=True)
        assert app.is_running


def _store_url(world: SampleWorld, article_id: str, url: str) -> None:
    with Store(world.db_path) as store:
        store._db.execute("UPDATE articles SET url=? WHERE id=?", (url, article_id))


async def _press_o(world: SampleWorld, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    app = make_app(world)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, "wire-1")
        await pilot.press("o")
        await settle(pilot)
    return opened


@pytest.mark.parametrize(
    "link", ["https://example.com/x", "http://example.com/x", "mailto:desk@example.com"]
)
async def test_safe_links_open(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch, link: str
) -> None:
    _store_url(world, "wire-1", link)
    assert await _press_o(world, monkeypatch) == [link]


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ssh://h/x"]
)
def test_unsafe_links_never_reach_the_store(link: str) -> None:
    """Ingest drops them: the article has no URL, so ``o`` has nothing to open.

    In the story text, links are footnotes; unsafe ones are not even listed.
    """
    feed = FeedConfig(title="f", url="https://example.com/feed")
    body = f'&lt;a href="{link}"&gt;click&lt;/a&gt;'
    xml = (
        f'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        f"<link>{link}</link><description>{body}</description></item></channel></rss>"
    ).encode()
    (article,) = parse_feed_bytes(xml, feed).articles
    assert article.url is None
    assert link not in article.text and article.text == "click"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd"])
async def test_unsafe_stored_link_is_shown_but_not_opened(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch, link: str
) -> None:
    """Defence in depth: a URL stored by an older version or a tampered database."""
    _store_url(world, "wire-1", link)
    assert await _press_o(world, monkeypatch) == []


def test_hostile_article_round_trips_the_store_unchanged(tmp_path: Path) -> None:
    feed = FeedConfig(title="f", path="/f")
    (article,) = parse_feed_bytes(hostile_rss(), feed).articles
    with Store(tmp_path / "db") as store:
        store.save_result(FeedResult(feed, [article]))
        back = store.article(store.keys_of(article.id)[0])
    assert isinstance(back, Article)
    assert (back.title, back.text, back.author) == (article.title, article.text, article.author)


async def test_command_palette_shows_hostile_feed_titles_and_tags_as_text(
    world: SampleWorld,
) -> None:
    """Issue 12: Ctrl+P parsed feed titles and tags as markup: ``[/][/] News`` crashed
    the app, and ``[@click=app.quit]`` would have been an action."""
    from textual.command import CommandList, CommandPalette

    world.wire.title = "[/][/] News"
    world.wire.tags = ["[@click=app.quit]t[/]"]
    async with running(world) as (app, pilot):
        for query in ("", "news"):  # the discovery list, then search hits
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            if query:
                await pilot.press(*query)
            await pilot.pause(0.5)
            options = app.screen.query_one(CommandList)
            shown = [str(options.get_option_at_index(i).prompt)
                     for i in range(options.option_count)]
            assert any("Feed: [/][/] News" in line for line in shown), shown
            if not query:
                assert any("Tag: [@click=app.quit]t[/]" in line for line in shown), shown
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
