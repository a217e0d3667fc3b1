"""Pilot tests of the Textual app: every binding, find, read state, following, safety."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from textual.command import CommandPalette

from reader.config import Config
from reader.entities.known import KnownNames
from reader.models import Article, Entities, Entity, FeedConfig, FeedResult
from reader.refresh import RefreshProgress, RefreshSummary
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.keys import all_binding_ids, binding_groups
from reader.ui.query import ListQuery
from reader.ui.screens.feeds import FeedsScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.people_panel import PeoplePanel
from reader.ui.widgets.sources_panel import SourcesPanel
from reader.ui.widgets.story_view import StoryView
from tests.store_support import key
from tests.ui_support import (
    BASE_DATE,
    HOSTILE_TITLE,
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

SIZE = (120, 40)


pytestmark = pytest.mark.usefixtures("utc_clock")










def line(widget: ArticleList | StoryView, y: int) -> str:
    return widget.render_line(y).text


def stored(world: SampleWorld, article_id: str) -> Article:
    with Store(world.db_path) as store:
        article = store.article(key(store, article_id))
    assert article is not None
    return article



# Layout -----------------------------------------------------------------------


async def test_layout_wide(world: SampleWorld) -> None:
    async with running(world) as (app, _pilot):
        screen = main(app)
        articles = screen.query_one("#list-pane").region
        text = screen.query_one("#story-pane").region
        sources = screen.query_one(SourcesPanel).region
        people = screen.query_one(PeoplePanel).region
        assert articles.x < text.x  # the list left, the story right
        assert sources.y > text.y and sources.x < people.x  # the panels in a row under it
        assert sources.y == people.y
        assert ids(app) == ["wire-1", "mkt-1", "wire-2", "wire-3", "mkt-long"]
        assert "All articles — 5 articles" in screen.list_pane.header.text
        assert "5 unread" in str(screen.status.render())


async def test_layout_narrow_stacks_and_p_toggles_the_panels(world: SampleWorld) -> None:
    # Issue 15: at 80 columns the panels are a narrow column beside the story (shown),
    # not a third stacked row (hidden); p still toggles them.
    app = make_app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.has_class("-narrow")
        list_region = screen.query_one("#list-pane").region
        story_region = screen.query_one("#story-pane").region
        assert list_region.y < story_region.y  # stacked
        assert list_region.width == 80
        assert screen.query_one(SourcesPanel).region.x > story_region.x
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one(SourcesPanel).region.width == 0
        assert screen.query_one("#story-pane").region.width == 80
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one(SourcesPanel).region.width > 0


# The list ---------------------------------------------------------------------


async def test_unread_rows_are_bold_and_read_rows_are_not(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        articles = listing(app)

        def title_bold(y: int) -> bool:
            segments = list(articles.render_line(y))
            return any(s.style is not None and s.style.bold for s in segments[3:4])

        assert title_bold(1)
        await open_article(pilot, "mkt-1")
        assert not title_bold(1)
        assert "Stocks rise as inflation cools" in line(articles, 1)
        assert "May 03" in line(articles, 1)


@pytest.mark.parametrize(
    ("keys", "cursor"),
    [
        (["j"], 1),
        (["down", "down"], 2),
        (["j", "j", "k"], 1),
        (["j", "up"], 0),
        (["G"], 4),
        (["end"], 4),
        (["G", "g"], 0),
        (["G", "home"], 0),
        (["pagedown"], 4),
        (["pagedown", "pageup"], 0),
    ],
)
async def test_list_movement(world: SampleWorld, keys: list[str], cursor: int) -> None:
    async with running(world) as (app, pilot):
        await pilot.press(*keys)
        assert listing(app).cursor == cursor


async def test_enter_opens_and_marks_read_at_once(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("j", "enter")
        await settle(pilot)
        assert story(app).article is not None
        assert story(app).line_text(0) == "Stocks rise as inflation cools"
        assert stored(world, "mkt-1").read
        assert listing(app).rows[1].read
        assert "4 unread" in str(main(app).status.render())
        people = app.screen.query_one(PeoplePanel)
        assert [e.name for e in people.entities] == ["Jane Doe"]


async def test_open_does_not_mark_read_when_disabled(world: SampleWorld) -> None:
    world.config.settings.mark_read_on_open = False
    async with running(world) as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        assert story(app).article is not None
        assert not stored(world, "wire-1").read
        assert not listing(app).rows[0].read


async def test_read_state_persists_across_restart(world: SampleWorld) -> None:
    async with running(world) as (_app, pilot):
        await pilot.press("enter", "j", "j", "s")
        await settle(pilot)
    again = make_app(world)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = {row.id: row for row in listing(again).rows}
        assert rows["wire-1"].read
        assert not rows["mkt-1"].read
        assert rows["wire-2"].starred
        assert "4 unread" in str(main(again).status.render())


async def test_m_toggles_read(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("m")
        await settle(pilot)
        assert stored(world, "wire-1").read and listing(app).rows[0].read
        assert "4 unread" in str(main(app).status.render())
        await pilot.press("m")
        await settle(pilot)
        assert not stored(world, "wire-1").read
        assert "5 unread" in str(main(app).status.render())


async def test_s_toggles_star(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("j", "s")
        await settle(pilot)
        assert stored(world, "mkt-1").starred
        assert line(listing(app), 1)[1] == "★"
        await pilot.press("s")
        await settle(pilot)
        assert not stored(world, "mkt-1").starred


async def test_marking_never_waits_for_a_locked_store(world: SampleWorld) -> None:
    """Another process (a refresh) holds the write lock: keys still act at once,
    and what they changed is stored, in order, once the lock is released."""
    import sqlite3

    async with running(world) as (app, pilot):
        other = sqlite3.connect(world.db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the store's write lock, held
        try:
            await pilot.press("m", "m", "j", "s", "m")
            await pilot.pause()
            assert line(listing(app), 0)[0] == "●"  # read, then unread again
            assert line(listing(app), 1)[1] == "★"
            assert "4 unread" in str(main(app).status.render())  # wire-1 back, mkt-1 read
        finally:
            other.execute("COMMIT")
            other.close()
        await settle(pilot)
        assert not stored(world, "wire-1").read
        assert stored(world, "mkt-1").starred and stored(world, "mkt-1").read


async def test_a_key_pressed_just_before_quitting_is_stored(world: SampleWorld) -> None:
    async with running(world) as (_app, pilot):
        await pilot.press("j", "s", "q")
    assert stored(world, "mkt-1").starred


async def test_capital_a_marks_all_listed_read(world: SampleWorld) -> None:
    # (it asks first, as newsboat does: a second user test marked 20 read at one key,
    # with no undo)
    async with running(world) as (app, pilot):
        await pilot.press("A")
        await settle(pilot)
        assert "Mark the 5 listed unread articles read? y/n" in str(
            app.screen.query_one("#feed-edit-prompt").render())
        await pilot.press("n")
        await settle(pilot)
        assert not any(row.read for row in listing(app).rows)
        await pilot.press("A", "y")
        await settle(pilot)
        assert all(row.read for row in listing(app).rows)
        with Store(world.db_path) as store:
            assert store.counts() == (2, 5, 0)
        assert "0 unread" in str(main(app).status.render())


async def test_u_toggles_unread_only(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("m", "u")
        await settle(pilot)
        assert ids(app) == ["mkt-1", "wire-2", "wire-3", "mkt-long"]
        assert "unread only" in main(app).list_pane.header.text
        await pilot.press("u")
        await settle(pilot)
        assert len(ids(app)) == 5


async def test_unread_only_right_after_a_mark_hides_the_article_still_being_stored(
    world: SampleWorld,
) -> None:
    """The write worker may not have run when "u" reads the list (a refresh holding the
    store, a loaded machine): the list reads after the queued marks, not before."""
    async with running(world) as (app, pilot):
        screen = main(app)
        ran: list[object] = []
        real_run_worker = screen.run_worker

        def late_writes(work: Callable[[], None], *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("group") == "write":
                ran.append(work)  # the write worker has not started yet
                return None
            return real_run_worker(work, *args, **kwargs)

        screen.run_worker = late_writes  # type: ignore[method-assign]
        await pilot.press("m", "u")
        await settle(pilot)
        assert ran and "wire-1" not in ids(app)
        assert ids(app) == ["mkt-1", "wire-2", "wire-3", "mkt-long"]


@pytest.fixture
def two_hours_after_the_news(monkeypatch: pytest.MonkeyPatch) -> None:
    """Date windows count back from "now": make it two hours after the newest sample."""
    import reader.ui.query

    now = BASE_DATE.timestamp() + 2 * 3600
    monkeypatch.setattr(reader.ui.query, "time", types.SimpleNamespace(time=lambda: now))


@pytest.mark.usefixtures("two_hours_after_the_news")
async def test_both_filters_stay_in_sight_and_an_empty_list_names_both(
    world: SampleWorld,
) -> None:
    with Store(world.db_path) as store:  # what the last 24 hours hold is read
        store.set_read([r.rowid for r in store.rows() if r.id in ("wire-1", "mkt-1")])
    async with running(world, (80, 24)) as (app, pilot):
        main(app).follow(Entity(name="Diosdado Cabello of the Very Long Ruling Party Name"))
        await settle(pilot)
        await pilot.press("u", "d")
        await settle(pilot)
        pane = main(app).list_pane
        assert pane.header.text.endswith("[unread only]  [last 24 hours]")
        assert "…" in pane.header.text  # the title is cut, not the filters
        assert ids(app) == []
        assert pane.article_list.empty_text == (
            "No unread articles from the last 24 hours. Press u to show all, d to widen.")


@pytest.mark.parametrize(("size", "filters"), [
    ((120, 40), "[unread only]  [last 24 hours]"), ((100, 30), "[unread]  [24 hours]")])
async def test_both_filters_fit_the_header_of_a_side_by_side_list(
        world: SampleWorld, size: tuple[int, int], filters: str) -> None:
    # A second user test at 120x40 read "All articles — 3 articles [unread only]": the
    # list pane is 44 columns there, and the date filter fell off.
    async with running(world, size) as (app, pilot):
        await pilot.press("u", "d")
        await settle(pilot)
        header = main(app).list_pane.header
        assert header.text.endswith(filters)
        assert len(header.text) <= header.size.width


@pytest.mark.usefixtures("two_hours_after_the_news")
async def test_d_cycles_the_date_window(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("d")  # last 24 hours
        await settle(pilot)
        assert ids(app) == ["wire-1", "mkt-1"]
        assert "[last 24 hours]" in main(app).list_pane.header.text
        await pilot.press("d")  # last 7 days
        await settle(pilot)
        assert len(ids(app)) == 5
        assert "[last 7 days]" in main(app).list_pane.header.text
        await pilot.press("m", "u")  # the unread filter narrows the same window
        await settle(pilot)
        header = main(app).list_pane.header.text
        assert "[last 7 days]" in header and "unread only" in header
        await pilot.press("u", "d", "d")  # 30 days, then any time again
        await settle(pilot)
        assert "last" not in main(app).list_pane.header.text
        assert len(ids(app)) == 5


@pytest.mark.usefixtures("two_hours_after_the_news")
async def test_a_chosen_feed_keeps_the_date_window(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("d")
        await settle(pilot)
        screen = main(app)
        feed = next(f for f in screen.config.feeds if f.title == "Local Wire")
        screen.show_view(screen.query_state.narrowed_like(ListQuery(feed_id=feed.id)))
        await settle(pilot)
        assert ids(app) == ["wire-1"]
        await pilot.press("escape")
        await settle(pilot)
        assert ids(app) == ["wire-1", "mkt-1"]


async def test_mouse_click_opens_a_row(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        assert await pilot.click(ArticleList, offset=(10, 2))
        await settle(pilot)
        assert listing(app).cursor == 2
        article = story(app).article
        assert article is not None and article.id == "wire-2"


# Panes and the story ------------------------------------------------------------


async def test_tab_and_shift_tab_cycle_panes(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        seen = []
        for _ in range(4):
            seen.append(type(app.focused).__name__)
            await pilot.press("tab")
        assert seen == ["ArticleList", "StoryView", "SourcesPanel", "PeoplePanel"]
        assert isinstance(app.focused, ArticleList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PeoplePanel)


async def test_a_long_link_takes_one_cut_line_and_leaves_room_for_the_story(
        world: SampleWorld) -> None:
    # A user test at 80x24 saw a two-line link push the story down to three lines.
    app = make_app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = story(app)
        url = "https://coastline.example/world/" + "-".join(["marrovia-farmers"] * 8)
        view.show_article(Article(id="x", feed_id="f", title="Farmers", text="Body text.",
                                  url=url))
        await pilot.pause()
        lines = [line(view, y).rstrip() for y in range(5)]
        link = [t for t in lines if t.startswith("https://")]
        assert len(link) == 1 and link[0].endswith("…") and url.startswith(link[0][:-1])
        assert "Body text." in lines


async def test_the_panels_say_a_story_must_be_opened_before_one_is(world: SampleWorld) -> None:
    async with running(world) as (app, _pilot):
        sources = main(app).query_one(SourcesPanel)
        assert "No story open" in line(sources, 0)  # type: ignore[arg-type]


async def test_space_and_pagedown_scroll_the_story(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "mkt-long")
        view = story(app)
        assert view.scroll_offset.y == 0
        await pilot.press("space")
        await pilot.pause()
        first = view.scroll_offset.y
        assert first > 20
        await pilot.press("b")
        await pilot.pause()
        assert view.scroll_offset.y == 0
        view.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_offset.y == first
        await pilot.press("j", "j")
        await pilot.pause()
        assert view.scroll_offset.y == first + 2
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_offset.y == 0


async def test_find_in_story(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        screen = main(app)
        await pilot.press("slash")
        assert screen.story_pane.find_bar.display
        await pilot.press(*"cabell")
        assert screen.story_pane.find_bar.counter_text == "1/3"
        await pilot.press("o")
        view = story(app)
        text = view.text
        assert [text[a:b] for a, b in view.matches] == ["Cabello"] * 3
        # Issue 15: Enter is "next match" from the first press (it was: back to the
        # story, current match kept), then the story has focus.
        await pilot.press("enter")
        assert isinstance(app.focused, StoryView)
        assert screen.story_pane.find_bar.counter_text == "2/3"
        await pilot.press("n")
        assert screen.story_pane.find_bar.counter_text == "3/3"
        await pilot.press("enter")  # wraps
        assert screen.story_pane.find_bar.counter_text == "1/3"
        await pilot.press("N")  # wraps backwards
        assert screen.story_pane.find_bar.counter_text == "3/3"
        await pilot.press("escape")
        assert not screen.story_pane.find_bar.display
        assert view.matches == [] and view.query_text == ""


async def test_find_counts_no_matches_and_smart_case(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        screen = main(app)
        await pilot.press("slash", *"zzz")
        assert screen.story_pane.find_bar.counter_text == "no matches"
        await pilot.press("backspace", "backspace", "backspace", *"The")
        assert screen.story_pane.find_bar.counter_text == "1/2"  # capital: case-sensitive
        await pilot.press("down")
        assert screen.story_pane.find_bar.counter_text == "2/2"
        await pilot.press("up")
        assert screen.story_pane.find_bar.counter_text == "1/2"
        await pilot.press("escape")
        assert not screen.story_pane.find_bar.display
        assert isinstance(app.focused, StoryView)


async def test_find_current_match_is_styled_differently(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        await pilot.press("slash", *"cabello")
        view = story(app)
        styles: dict[str, set[str]] = {}
        for y in range(view.size.height):
            for segment in view.render_line(y):
                if segment.text == "Cabello":
                    styles.setdefault("all", set()).add(str(segment.style))
        assert len(styles["all"]) == 2  # the current match, and the others


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_highlight_has_a_cue_besides_colour(world: SampleWorld, theme: str) -> None:
    """Colour-blind safe: mentions, matches and the current match differ in weight,
    underline or both, not only in hue; unread rows are bold and marked ●."""

    def cue(segment: Segment) -> tuple[bool, bool]:
        style = segment.style
        assert style is not None
        return bool(style.bold), bool(style.underline)

    async with running(world) as (app, pilot):
        app.theme = theme
        await open_article(pilot, "wire-1")
        people = app.screen.query_one(PeoplePanel)
        people.focus()
        await pilot.press("down")  # Diosdado Cabello: his mentions light up
        await pilot.press("slash", *"opposition")  # and the find highlights its matches
        await pilot.pause()
        view = story(app)
        seen: dict[str, set[tuple[bool, bool]]] = {}
        for y in range(view.size.height):
            for segment in view.render_line(y):
                key = "plain" if "interior minister" in segment.text else segment.text
                if key in ("Cabello", "opposition", "plain"):
                    seen.setdefault(key, set()).add(cue(segment))
        mention, plain = seen["Cabello"], seen["plain"]
        assert len(mention) == 1 and len(plain) == 1
        assert seen["opposition"] - mention - plain  # matches look unlike both
        assert len(seen["opposition"]) == 2  # and the current match unlike the others
        await pilot.press("escape")
        listing(app).focus()
        await pilot.pause()
        rows = listing(app).rows
        unread = next(y for y, row in enumerate(rows) if not row.read)
        read = next(y for y, row in enumerate(rows) if row.read)
        assert listing(app).render_line(unread).text.lstrip().startswith("●")
        assert "●" not in listing(app).render_line(read).text


async def test_o_opens_the_link_and_y_copies_it(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(world)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert opened == ["https://example.com/cabello"]
        await pilot.press("j", "y")
        assert app.clipboard == "https://example.com/markets"


# Entities and following ---------------------------------------------------------


async def test_selecting_a_person_highlights_mentions(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        people = app.screen.query_one(PeoplePanel)
        people.focus()
        await pilot.press("down")
        await pilot.pause()
        assert people.entity is not None and people.entity.name == "Diosdado Cabello"
        view = story(app)
        text = view.text
        assert [text[a:b] for a, b in view._mentions] == [
            "Diosdado Cabello", "Cabello", "Cabello",
        ]
        sources = app.screen.query_one(SourcesPanel)
        sources.focus()
        await pilot.press("j")
        await pilot.pause()
        assert [text[a:b] for a, b in view._mentions] == ["Reuters", "Reuters"]
        assert people.highlighted is None


async def test_following_a_person_filters_the_list_and_escape_returns(
    world: SampleWorld,
) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        people = app.screen.query_one(PeoplePanel)
        people.focus()
        await pilot.press("j", "f")
        await settle(pilot)
        assert ids(app) == ["wire-1", "wire-2"]
        assert main(app).list_pane.header.text.startswith("Following Diosdado Cabello — 2 articles")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("j", "enter")
        await settle(pilot)
        article = story(app).article
        assert article is not None and article.id == "wire-2"
        # The followed person is highlighted in the newly opened story.
        assert people.entity is not None and people.entity.name == "Diosdado Cabello"
        assert story(app)._mentions
        await pilot.press("escape")
        await settle(pilot)
        assert len(ids(app)) == 5
        row = listing(app).row
        assert row is not None and row.id == "wire-1"


async def test_enter_on_a_source_follows_it(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "mkt-1")
        sources = app.screen.query_one(SourcesPanel)
        sources.focus()
        await pilot.press("j", "enter")
        await settle(pilot)
        assert ids(app) == ["mkt-1"]
        assert main(app).list_pane.header.text.startswith("Following Bloomberg — 1 article")


async def test_click_highlights_then_second_click_follows(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        people = app.screen.query_one(PeoplePanel)
        assert await pilot.click(PeoplePanel, offset=(3, 1))
        await settle(pilot)
        assert people.entity is not None and people.entity.name == "Diosdado Cabello"
        assert len(ids(app)) == 5
        assert await pilot.click(PeoplePanel, offset=(3, 1))
        await settle(pilot)
        assert ids(app) == ["wire-1", "wire-2"]


async def test_hint_is_shown_beside_a_name(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "mkt-1")
        people = app.screen.query_one(PeoplePanel)
        prompt = people.get_option_at_index(0).prompt
        assert str(prompt).rstrip() == "Jane Doe (Jane Q. Doe)"  # padded to the width


def fake_extractor(
    monkeypatch: pytest.MonkeyPatch, extract: Callable[[str, object], Entities]
) -> None:
    """Stand ``extract`` in for every extractor the app may choose."""
    fake = types.ModuleType("reader.entities")
    fake.extract = extract  # type: ignore[attr-defined]
    fake.extractor_for = lambda name: extract  # type: ignore[attr-defined]
    fake.KnownNames = KnownNames  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.entities", fake)


async def test_missing_entities_are_extracted_in_a_worker(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Pedro Sanchez met Olaf Scholz in Berlin, AFP reported."
    with Store(world.db_path) as store:
        store.save_result(
            FeedResult(
                world.wire,
                [Article(id="fresh", feed_id=world.wire.id, title="Fresh", text=text)],
            )
        )
    calls: list[str] = []

    def extract(body: str, known: object) -> Entities:
        calls.append(body)
        return Entities(
            people=[Entity("Pedro Sanchez", mentions=[(0, 13)])],
            sources=[Entity("AFP", mentions=[(42, 45)], kind="outlet")],
        )

    fake_extractor(monkeypatch, extract)
    async with running(world) as (app, pilot):
        await open_article(pilot, "fresh")
        await settle(pilot)
        assert calls == [text]
        assert [e.name for e in app.screen.query_one(PeoplePanel).entities] == ["Pedro Sanchez"]
        assert [e.name for e in app.screen.query_one(SourcesPanel).entities] == ["AFP"]
    with Store(world.db_path) as store:
        saved = store.entities(key(store, "fresh"))
    assert saved is not None and saved.people[0].name == "Pedro Sanchez"


async def test_extraction_failure_is_quiet(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(world.db_path) as store:
        store.save_result(
            FeedResult(world.wire, [Article(id="fresh", feed_id=world.wire.id, title="F")])
        )

    def extract(body: str, known: object) -> Entities:
        raise RuntimeError("boom")

    fake_extractor(monkeypatch, extract)
    async with running(world) as (app, pilot):
        await open_article(pilot, "fresh")
        await settle(pilot)
        assert app.is_running
        assert "boom" in str(main(app).status.render())


# Safety -----------------------------------------------------------------------


async def test_hostile_title_renders_literally_and_does_not_quit(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        index = ids(app).index("wire-3")
        row_text = line(listing(app), index)
        assert "[bold red]x[/] [@click=" in row_text
        assert "\x1b" not in row_text
        assert await pilot.click(ArticleList, offset=(12, index))
        await settle(pilot)
        assert app.is_running
        view = story(app)
        title = " ".join(view.line_text(i) for i, line in enumerate(view._lines) if line[0] == 0)
        assert title == HOSTILE_TITLE + " red done"
        assert "[@click=app.quit]click[/]" in view.text
        assert "\x1b" not in view.text
        rendered = "".join(line(view, y) for y in range(view.size.height))
        assert HOSTILE_TITLE in rendered
        # Clicking the rendered text must not run the embedded action either.
        assert await pilot.click(StoryView, offset=(5, 0))
        await pilot.pause()
        assert app.is_running


# Search, feeds and views --------------------------------------------------------


async def test_search_all_articles(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("S")
        await pilot.press(*"inflat")
        await pilot.pause(0.3)
        await settle(pilot)
        assert ids(app) == ["mkt-1"]
        assert "Search “inflat”" in main(app).list_pane.header.text
        await pilot.press("enter")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("escape")
        await settle(pilot)
        assert len(ids(app)) == 5
        assert not main(app).list_pane.search_box.display


async def test_opening_a_search_result_lights_up_what_matched(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("S", *"caracas vot")
        await pilot.pause(0.3)
        await settle(pilot)
        assert sorted(ids(app)) == ["wire-1", "wire-2"]
        await open_article(pilot, "wire-2")
        view = story(app)
        matched = [view.text[a:b] for a, b in view.matches]
        assert matched and {m.casefold() for m in matched} <= {"caracas", "votes", "vote", "voters"}
        assert "Caracas" in matched
        assert view.match_position == (1, len(matched))
        await pilot.press("n")  # steps through them like a find
        assert view.match_position == (min(2, len(matched)), len(matched))
        # One Esc clears what the search lit and leaves the search (a user test pressed
        # Esc and saw nothing change while the lit matches were out of sight)
        await pilot.press("escape")
        await settle(pilot)
        assert view.matches == []
        assert not main(app).list_pane.search_box.display
        assert main(app).query_state.search is None
        await open_article(pilot, "mkt-1")
        assert story(app).matches == []


async def test_ctrl_f_searches_and_escape_in_box_closes(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("ctrl+f", *"caracas")
        await pilot.pause(0.3)
        await settle(pilot)
        assert set(ids(app)) == {"wire-1", "wire-2"}
        await pilot.press("escape")
        await settle(pilot)
        assert len(ids(app)) == 5


async def test_t_opens_feeds_and_picks_one(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        # All, Starred, #money, #world, Local Wire, Markets
        await pilot.press("j", "j", "j", "j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert ids(app) == ["mkt-1", "mkt-long"]
        assert main(app).list_pane.header.text.startswith("Feed: Markets — 2 articles")
        await pilot.press("escape")
        await settle(pilot)
        assert len(ids(app)) == 5
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# Refresh -----------------------------------------------------------------------


def fake_refresh(
    calls: list[Any], error: str | None = None, new: int = 0
) -> Callable[..., RefreshSummary]:
    def run(config: Any, db_path: Path, *, feeds: Any = None, on_progress: Any = None,
            **options: Any) -> RefreshSummary:
        calls.append(feeds)
        chosen = list(config.feeds if feeds is None else feeds)
        for done, feed in enumerate(chosen, start=1):
            if on_progress:
                on_progress(RefreshProgress(done, len(chosen), feed, error, new,
                                            failed=bool(error and not new)))
        failed = [(f.title, error) for f in chosen] if error else []
        return RefreshSummary(total=len(chosen), new=new * len(chosen), failed=failed)

    return run


async def test_r_refreshes_in_a_worker_and_errors_are_quiet(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(
        "reader.ui.refresh_run.run_refresh", fake_refresh(calls, "network unreachable")
    )
    async with running(world) as (app, pilot):
        await pilot.press("r")
        await settle(pilot)
        assert calls == [None]
        status = str(main(app).status.render())
        assert "2 feeds failed" in status and "network unreachable" in status
        assert app.is_running and isinstance(app.screen, MainScreen)


async def test_start_refreshes_local_sources_only(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", fake_refresh(calls, new=1))
    app = ReaderApp(world.config, world.db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [[f.title for f in feeds] for feeds in calls] == [["Local Wire", "Markets"]]
        assert "2 new" in str(main(app).status.render())


async def test_start_indexes_what_a_command_line_refresh_left(world: SampleWorld) -> None:
    """Only remote feeds (nothing to load at start), but `reader refresh` stored an article
    it did not index: the app indexes it in the background, so following finds it."""
    remote = FeedConfig(title="Remote", url="http://127.0.0.1:9/feed.xml")
    config = Config(path=world.config.path, feeds=[remote])
    with Store(world.db_path) as store:
        store.save_result(FeedResult(remote, [Article(
            id="cron-1", feed_id=remote.id, title="Stored by cron",
            text="Finance Minister Tomas Varga said the port would reopen.",
        )]))
        assert store.has_unindexed()
    app = ReaderApp(config, world.db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with Store(world.db_path) as store:
            assert not store.has_unindexed()
            assert [r.id for r in store.rows(follow="Tomas Varga")] == ["cron-1"]
            assert [r.id for r in store.rows(search="reopen")] == ["cron-1"]


async def test_refresh_on_start_setting_refreshes_everything(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", fake_refresh(calls))
    world.config.settings.refresh_on_start = True
    app = ReaderApp(world.config, world.db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert calls == [None]


async def test_refresh_crash_does_not_take_the_app_down(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> RefreshSummary:
        raise OSError("disk on fire")

    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", broken)
    async with running(world) as (app, pilot):
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running
        assert "disk on fire" in str(main(app).status.render())


# App-level bindings ----------------------------------------------------------------


async def test_question_mark_shows_every_binding(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = str(app.screen.query_one("#help-table").render())
        for binding_id in all_binding_ids(ReaderApp.BINDINGS):
            assert binding_id in table
        assert table.startswith("Article list (where you are)")  # the focused pane first
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_every_binding_has_an_id() -> None:
    from textual.binding import Binding

    for _, _, group in binding_groups(ReaderApp.BINDINGS):
        for binding in group:
            assert isinstance(binding, Binding) and binding.id, binding


async def test_user_keymap_is_applied_and_shown(world: SampleWorld) -> None:
    world.config.keys = {"toggle_read": "x", "refresh": "ctrl+r,R"}
    async with running(world) as (app, pilot):
        await pilot.press("m")
        assert not stored(world, "wire-1").read
        await pilot.press("x")
        assert stored(world, "wire-1").read
        await pilot.press("question_mark")
        await pilot.pause()
        table = str(app.screen.query_one("#help-table").render())
        toggle = next(row for row in table.splitlines() if "toggle_read" in row)
        assert toggle.startswith("x ")
        refresh = next(row for row in table.splitlines() if row.endswith("refresh"))
        assert refresh.startswith("^r R ")


async def test_unknown_keymap_ids_are_reported(world: SampleWorld) -> None:
    world.config.keys = {"no_such_binding": "x"}
    async with running(world) as (app, _pilot):
        assert any("no_such_binding" in str(n.message) for n in app._notifications)


async def test_a_key_given_to_two_bindings_is_reported(world: SampleWorld) -> None:
    world.config.keys = {"list_down": "k"}  # k is list_up's too
    async with running(world) as (app, _pilot):
        assert any("k: list_down, list_up" in str(n.message) for n in app._notifications)


async def test_ctrl_p_opens_the_command_palette(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"feed: markets")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert ids(app) == ["mkt-1", "mkt-long"]


async def test_theme_comes_from_settings(world: SampleWorld) -> None:
    world.config.settings.theme = "nord"
    async with running(world) as (app, _pilot):
        assert app.theme == "nord"


async def test_theme_picked_in_the_app_is_kept_in_feeds_toml(world: SampleWorld) -> None:
    from reader.config import parse_config

    world.config.path.write_text("# mine\n[settings]\ntimeout = 5\n")
    async with running(world) as (app, pilot):
        app.theme = "gruvbox"
        await pilot.pause()
    text = world.config.path.read_text()
    assert text.startswith("# mine\n") and "timeout = 5" in text
    assert parse_config(world.config.path).settings.theme == "gruvbox"


async def test_q_quits(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


# Scale ----------------------------------------------------------------------------


def test_search_and_wrapping_cover_a_long_story() -> None:
    # Timings live in benchmarks/bench_ui.py (never timed tests here: machines are shared).
    from reader.ui.text import find_matches, wrap_spans
    from tests.ui_support import long_story

    text = long_story(25_000)
    matches = find_matches(text, "market")
    assert len(matches) > 1000
    assert all(text[a:b].casefold() == "market" for a, b in matches)
    lines = wrap_spans(text, 80)
    assert all(b - a <= 80 for a, b in lines)
    assert lines[0][0] == 0 and lines[-1][1] <= len(text)


async def test_keys_typed_right_after_slash_reach_the_find_input(world: SampleWorld) -> None:
    from textual import events

    async with running(world) as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        driver = app._driver
        assert driver is not None
        for key, char in (("slash", "/"), ("c", "c"), ("a", "a"), ("p", "p")):
            driver.send_message(events.Key(key, char))  # all at once, like a paste
        screen = main(app)
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.story_pane.find_bar.input.value == "cap":
                break
        await pilot.pause()
        assert screen.story_pane.find_bar.input.value == "cap"
        assert screen.story_pane.find_bar.counter_text == "no matches"
        assert not screen.has_class("-no-panels")  # "p" did not toggle the panels


async def test_remaining_bindings(world: SampleWorld) -> None:
    """The keys not exercised above: story page up, panel top/bottom, search results,
    feeds up/close keys, help scrolling and closing keys."""
    app = make_app(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_article(pilot, "mkt-long")
        view = story(app)
        view.focus()
        await pilot.press("pagedown", "pagedown", "pageup")
        await pilot.pause()
        assert 0 < view.scroll_offset.y < view.max_scroll_y
        await open_article(pilot, "wire-1")
        await pilot.press("p")
        people = app.screen.query_one(PeoplePanel)
        people.focus()
        await pilot.press("G")
        assert people.highlighted == 1
        await pilot.press("g")
        assert people.highlighted == 0
        await pilot.press("j", "k")
        assert people.highlighted == 0
        # Search: Down moves from the box to the results.
        await pilot.press("S", *"stocks")
        await pilot.pause(0.3)
        await pilot.press("down")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList) and ids(app) == ["mkt-1"]
        await pilot.press("escape")
        await settle(pilot)
        # Feeds view: j/k move, t and q close.
        for close in ("t", "q"):
            await pilot.press("t")
            await settle(pilot)
            options = app.screen.query_one("#feeds-list")
            await pilot.press("j", "j", "k")
            assert getattr(options, "highlighted", None) == 1
            await pilot.press(close)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
        # Help: j/k scroll, q and ? close.
        for close in ("q", "question_mark"):
            await pilot.press("question_mark")
            await pilot.pause()
            dialog = app.screen.query_one("#help-dialog")
            await pilot.press("j", "j", "j")
            await pilot.pause()
            assert dialog.scroll_offset.y == 3
            await pilot.press("k")
            await pilot.pause()
            assert dialog.scroll_offset.y == 2
            await pilot.press(close)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
        assert app.is_running


async def test_following_a_name_with_a_hint_follows_both(world: SampleWorld) -> None:
    text = "Doe said markets were calm."
    with Store(world.db_path) as store:
        store.save_result(
            FeedResult(
                world.markets,
                [Article(id="doe-2", feed_id=world.markets.id, title="Calm", text=text)],
            )
        )
        rowid = next(row.rowid for row in store.rows() if row.id == "doe-2")
        store.save_entities(
            [(rowid, Entities(people=[Entity("Doe", mentions=[(0, 3)], hint="Jane Q. Doe")]))]
        )
    async with running(world) as (app, pilot):
        await open_article(pilot, "doe-2")
        people = app.screen.query_one(PeoplePanel)
        people.focus()
        await pilot.press("j", "f")
        await settle(pilot)
        # mkt-1 names "Jane Doe" with the same hint; doe-2 only "Doe".
        assert sorted(ids(app)) == ["doe-2", "mkt-1"]
        header = main(app).list_pane.header.text
        assert header.startswith("Following Doe (Jane Q. Doe) — 2 articles")


async def test_a_big_store_paints_a_first_page_then_loads_everything(tmp_path: Path) -> None:
    from reader.ui.widgets.list_pane import FIRST_PAGE
    from tests.ui_support import build_big

    db_path = tmp_path / "big.sqlite"
    config = build_big(db_path, 3_000, feeds=5)
    app = ReaderApp(config, db_path, refresh_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        # The first frame already has rows; the rest arrive from a worker.
        assert len(listing(app).rows) in (FIRST_PAGE, 3_000)
        await settle(pilot)
        assert len(listing(app).rows) == 3_000
        assert main(app).list_pane.header.text == "All articles — 3,000 articles"
        assert "2,000 unread · 3,000 articles · 5 feeds" in str(main(app).status.render())
        await pilot.press("G")
        assert listing(app).cursor == 2_999
        await pilot.pause()
        height = listing(app).size.height
        assert "Story number 2999" in line(listing(app), height - 1)
        await pilot.press("u")
        await settle(pilot)
        assert len(listing(app).rows) == 2_000
