"""A newcomer's first hour (issue 15): the cursor on list changes, layout, footer and
status line, type-ahead around search, silent no-ops, find and wrapping."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.pilot import Pilot

from reader.models import Entity, FeedConfig, FeedResult
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.query import ListQuery
from reader.ui.widgets.people_panel import PeoplePanel
from reader.ui.widgets.sources_panel import SourcesPanel
from reader.ui.widgets.story_view import StoryView
from tests.ui_support import (
    SampleWorld,
    ids,
    listing,
    main,
    make_app,
    open_article,
    running,
    settle,
    story,
)

pytestmark = pytest.mark.usefixtures("utc_clock")


KEY_CHARS = {"escape": "\x1b", "enter": "\r"}


async def _type_at_once(pilot: Pilot[Any], keys: list[str]) -> None:
    """Hand every key to the driver in one go, as a fast typist or a paste does."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        char = KEY_CHARS.get(key, key if len(key) == 1 else None)
        driver.send_message(events.Key(key, char))


async def _until(pilot: Pilot[Any], done: Any, tries: int = 100) -> None:
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.02)


async def test_keys_typed_fast_around_search_all_go_where_they_belong(
    world: SampleWorld,
) -> None:
    """S, a query, Esc, Esc, S and a new query typed at once, twenty times: the first
    Esc leaves the search, the second goes back a view, the new query (with q, j and
    n in it, which are keys elsewhere) lands in the box, nothing else."""
    markets = ListQuery(feed_id=world.markets.id, feed_title="Markets")
    async with running(world) as (app, pilot):
        screen = main(app)
        box = screen.list_pane.search_box
        for attempt in range(20):
            screen.show_view(markets)
            await settle(pilot)
            await _type_at_once(
                pilot, ["S", "c", "a", "r", "escape", "escape", "S", "q", "j", "n"]
            )
            await _until(pilot, lambda: box.value == "qjn")
            await settle(pilot)
            assert app.is_running, attempt
            assert box.display and box.has_focus, (attempt, app.focused)
            assert box.value == "qjn", (attempt, box.value)
            await pilot.press("escape")
            await settle(pilot)
            assert not box.display and box.value == "", attempt
            assert screen.query_state == ListQuery(), (attempt, screen.query_state)


# 1. The cursor when the list changes ---------------------------------------------------


async def test_a_new_list_starts_at_its_top_row(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        screen = main(app)
        await pilot.press("j", "j", "j")
        assert listing(app).cursor == 3
        screen.show_view(ListQuery(feed_id=world.markets.id, feed_title="Markets"))
        await settle(pilot)
        assert listing(app).cursor == 0  # not row 3 (or the last row) of the new list
        await pilot.press("enter")
        await settle(pilot)
        assert screen.opened is not None and screen.opened.id == "mkt-1"


async def test_the_open_article_stays_selected_in_a_new_list(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        screen = main(app)
        await open_article(pilot, "wire-2")
        await pilot.press("g")  # the cursor elsewhere; wire-2 stays open
        screen.show_view(ListQuery(tag="world"))
        await settle(pilot)
        assert ids(app) == ["wire-1", "wire-2", "wire-3"]
        assert listing(app).row is not None and listing(app).row.id == "wire-2"


async def test_following_lands_on_the_open_article(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        screen = main(app)
        await open_article(pilot, "wire-1")
        await pilot.press("tab", "tab", "tab")  # list -> story -> Sources -> People
        assert isinstance(app.focused, PeoplePanel)
        await pilot.press("f")  # Tab selected the first person: Diosdado Cabello
        await settle(pilot)
        assert screen.query_state.follow == "Diosdado Cabello"
        assert ids(app) == ["wire-1", "wire-2"]
        assert listing(app).row is not None and listing(app).row.id == "wire-1"


# 5. Layout -------------------------------------------------------------------------------


async def test_the_story_gets_sixty_columns_at_120(world: SampleWorld) -> None:
    async with running(world, (120, 40)) as (app, pilot):
        await open_article(pilot, "mkt-long")
        assert story(app).scrollable_content_region.width >= 60
        assert main(app).query_one(PeoplePanel).region.width > 0


async def test_list_and_story_stay_readable_at_80x24_with_the_panels(
    world: SampleWorld,
) -> None:
    async with running(world, (80, 24)) as (app, pilot):
        screen = main(app)
        await open_article(pilot, "mkt-long")
        if screen.has_class("-no-panels"):
            await pilot.press("p")
            await pilot.pause()
        side = screen.query_one("#side").region
        text = story(app).region
        assert side.width > 0 and side.height > 0
        assert listing(app).region.height >= 6
        assert text.height >= 10 and text.width >= 40
        # The panels sit beside the story, not in a third stacked row.
        assert side.y < text.bottom and text.y < side.bottom


async def test_before_anything_is_open_the_story_pane_says_what_to_do(
    world: SampleWorld,
) -> None:
    async with running(world) as (app, _pilot):
        lines = [story(app).render_line(y).text for y in range(12)]
        text = "\n".join(lines)
        assert "Nothing is open yet" in text
        assert "every key" in text and "search every stored article" in text


# 6. Footer and status line ---------------------------------------------------------------


def _footer_keys(app: Any) -> dict[str, Any]:
    return {
        key.action: key for key in app.screen.query("ReaderFooter FooterKey") if key.region.width
    }


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_help_and_quit_are_in_the_footer_at_any_width(
    world: SampleWorld, size: tuple[int, int]
) -> None:
    async with running(world, size) as (app, _pilot):
        keys = _footer_keys(app)
        for action in ("help", "quit"):
            assert action in keys, (action, sorted(keys))
            region = keys[action].region
            assert region.x >= 0 and region.right <= size[0]


async def test_esc_shows_as_back_whenever_it_goes_back(world: SampleWorld) -> None:
    async with running(world, (80, 24)) as (app, pilot):
        screen = main(app)
        assert "back" not in _footer_keys(app)  # nothing to go back to
        screen.show_view(ListQuery(tag="world"))
        await settle(pilot)
        assert "back" in _footer_keys(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "back" not in _footer_keys(app)
        await pilot.press("S")
        await settle(pilot)
        assert any("back" in action for action in _footer_keys(app))


async def test_the_status_line_says_errors_in_words_and_whole(world: SampleWorld) -> None:
    async with running(world, (80, 24)) as (app, pilot):
        status = main(app).status
        status.set_problem(
            "Field Dispatch: could not connect ([Errno -2] Name or service not known)"
        )
        await pilot.pause()
        shown = str(status.render())
        assert "Errno" not in shown and "offline, or no such host" in shown
        status.set_problem(
            "Harbour Notes: the server answered HTTP 503 Service Unavailable after three "
            "redirects and a long wait, which is far too long for one line",
            "Harbour Notes failed · t shows why",
        )
        await pilot.pause()
        shown = str(status.render())
        assert shown.rstrip().endswith("Harbour Notes failed · t shows why"), shown
        long = "a problem that has no short form and is much too long " * 3
        status.set_problem(long)
        await pilot.pause()
        shown = str(status.render()).rstrip()
        assert shown.endswith("…") and len(shown) <= 80
        said = shown.split("⚠ ")[1][:-1]
        assert long.startswith(said) and long[len(said)] == " "  # cut after a whole word


async def test_a_stale_warning_expires(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.ui.widgets.status_bar.PROBLEM_SECONDS", 0.05)
    async with running(world) as (app, pilot):
        status = main(app).status
        status.set_problem("network unreachable")
        assert status.problem
        await _until(pilot, lambda: not status.problem)
        assert status.problem == "" and "⚠" not in str(status.render())


async def test_toasts_leave_the_status_line_visible(world: SampleWorld) -> None:
    app = make_app(world)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Marked 12 articles read")
        await _until(pilot, lambda: bool(app.screen.query("Toast")))
        await pilot.pause()
        toasts = [toast.region for toast in app.screen.query("Toast")]
        assert toasts
        status = main(app).status.region
        assert all(not toast.overlaps(status) for toast in toasts)


async def test_counts_say_one_article_and_one_feed(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        status = main(app).status
        status.counts = (1, 1, 1)
        await pilot.pause()
        assert "1 article · 1 feed" in str(status.render())


# 8. No silent no-ops ---------------------------------------------------------------------


async def test_o_without_a_browser_says_so(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("webbrowser.open", lambda *_args, **_kwargs: False)
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        await pilot.press("o")
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        assert any("No web browser" in message for message in messages), messages


async def test_tab_into_sources_selects_the_first_row(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        await pilot.press("tab", "tab")
        sources = main(app).query_one(SourcesPanel)
        assert app.focused is sources
        assert sources.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).query_state.follow == sources.entities[0].name


# 9. Find, wrapping, g and G ---------------------------------------------------------------


async def test_the_first_enter_in_find_goes_to_the_next_match(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        screen = main(app)
        await pilot.press("slash", *"cabello")
        assert screen.story_pane.find_bar.counter_text == "1/3"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.story_pane.find_bar.counter_text == "2/3"
        assert isinstance(app.focused, StoryView)


async def test_side_lists_stop_at_their_ends_like_the_article_list(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        people = main(app).query_one(PeoplePanel)
        people.focus()
        await pilot.pause()
        await pilot.press("k")
        assert people.highlighted == 0
        await pilot.press("j", "j", "j")
        assert people.highlighted == len(people.entities) - 1
        listing(app).focus()
        await pilot.press("g", "k")
        assert listing(app).cursor == 0


async def test_g_and_shift_g_in_the_feeds_view(world: SampleWorld) -> None:
    from textual.widgets import OptionList

    async with running(world) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        await pilot.press("G")
        assert options.highlighted == options.option_count - 1
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("k")
        assert options.highlighted == 0  # no wrapping to the bottom


# 10. Source labels ---------------------------------------------------------------------------


async def test_a_source_label_is_one_row(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        sources = main(app).query_one(SourcesPanel)
        entity = Entity(
            name="the official", kind="anonymous", mentions=[(0, 3), (5, 8)],
            citations=[(0, 3), (5, 8)],
        )
        sources.show_entities([entity])
        await pilot.pause()
        prompt = sources.get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        assert prompt.plain.startswith("A the official") and prompt.plain.endswith(" ×2")
        assert cell_len(prompt.plain) <= sources.scrollable_content_region.width
        long = Entity(name="the spokesperson for the regional water authority",
                      kind="official", mentions=[(0, 3), (5, 8), (9, 12)],
                      citations=[(0, 3), (5, 8), (9, 12)])
        sources.show_entities([long])
        await pilot.pause()
        prompt = sources.get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        assert prompt.plain.startswith("O the spokes") and prompt.plain.endswith("… ×3")
        assert cell_len(prompt.plain) <= sources.scrollable_content_region.width


# 14. A failing feed, the story after p ---------------------------------------------------------


async def test_a_failing_feeds_empty_list_shows_its_error(world: SampleWorld) -> None:
    empty = FeedConfig(title="Dead Feed", url="https://dead.example/feed")
    world.config.feeds.append(empty)
    with Store(world.db_path) as store:
        store.sync_feeds(world.config.feeds)
        store.save_result(
            FeedResult(empty, error="https://dead.example/feed: could not connect "
                       "([Errno -2] Name or service not known)")
        )
    async with running(world) as (app, pilot):
        main(app).show_view(ListQuery(feed_id=empty.id, feed_title="Dead Feed"))
        await settle(pilot)
        text = " ".join(listing(app).render_line(y).text.strip() for y in range(4))
        assert "No articles yet" not in text
        assert "Could not read this feed: could not connect (offline" in text


async def test_the_story_is_wrapped_to_its_new_width_at_once(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The Resize event comes after the first paint at the new size: stand in for it
    # arriving late by ignoring it, and look at what is painted.
    monkeypatch.setattr(StoryView, "on_resize", lambda self, event: None)
    async with running(world) as (app, pilot):
        await open_article(pilot, "mkt-long")
        view = story(app)
        await pilot.resize_terminal(160, 40)  # wider (as when p hides the panels)
        await pilot.pause()
        width = view.scrollable_content_region.width
        longest = max(len(view.render_line(y).text.rstrip()) for y in range(5, 20))
        assert longest > width - 15  # rewrapped to the wider width, not left narrow
        await pilot.resize_terminal(100, 40)  # narrower (as when p shows them)
        await pilot.pause()
        width = view.scrollable_content_region.width
        for y in range(view.scrollable_content_region.height):
            assert len(view.render_line(y).text.rstrip()) <= width


# 17. Work per key ------------------------------------------------------------------------------


async def test_stepping_past_the_edge_scrolls_half_a_page_not_a_row(tmp_path: Path) -> None:
    """A scroll repaints the whole list: j at the bottom edge scrolls half a page, so
    100 steps down repaint it a handful of times, not once a key."""
    from tests.ui_support import build_big

    db = tmp_path / "big.sqlite"
    config = build_big(db, 300, feeds=3)
    app = ReaderApp(config, db, refresh_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = listing(app)
        height = articles.scrollable_content_region.height
        tops = []
        for _ in range(100):
            await pilot.press("j")
            tops.append(int(articles.scroll_offset.y))
            row = articles.cursor - tops[-1]
            assert 0 <= row < height  # the cursor always visible
        scrolls = sum(1 for a, b in pairwise(tops) if a != b)
        assert articles.cursor == 100
        assert scrolls <= 100 // (height // 2) + 1, scrolls


async def test_help_names_the_config_and_database_in_use(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        table = str(app.screen.query_one("#help-table").render())
        assert "Files in use" in table
        assert str(world.config.path) in table and str(world.db_path) in table


async def test_help_descriptions_wrap_rather_than_being_cut_at_80_columns(
        world: SampleWorld) -> None:
    # A user test at 80 columns read "Follow: list every stored story that m…".
    async with running(world, size=(80, 24)) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        table = str(app.screen.query_one("#help-table").render())
        keys = table.split("Mouse")[0]
        assert "…" not in keys
        assert "mentions them (also Enter)" in " ".join(keys.split())


async def test_help_says_that_q_closes_it_rather_than_quitting(world: SampleWorld) -> None:
    # A user test read "q ^q Quit reader" under "Anywhere", then q only closed the help.
    async with running(world) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        table = str(app.screen.query_one("#help-table").render())
        section = table.split("This help")[1].split("Mouse")[0]
        assert "q" in section and "Close" in section
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
