"""Work done per key, counted (never timed: the machines are shared).

Opening an article must not lay the screen out again: a layout places every widget
anew and redraws every scrollbar, the largest part of an open's cost.  The story and
the Sources and People panels have boxes the stylesheet fixes, so a new story only
changes what they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import OptionList

from reader.models import Entities, Entity
from reader.store import Store
from reader.ui.screens.main import MainScreen
from tests.store_support import key
from tests.ui_support import (
    SampleWorld,
    main,
    open_article,
    running,
    story,
)

pytestmark = pytest.mark.usefixtures("utc_clock")


@contextmanager
def counting(
    monkeypatch: pytest.MonkeyPatch, cls: type[Any], name: str
) -> Iterator[Callable[[], int]]:
    """Count calls of ``cls.name`` (on any instance) while the block runs."""
    calls = 0
    original = getattr(cls, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(cls, name, counted)
        yield lambda: calls


def actions(screen: Screen[Any]) -> set[str]:
    """The actions the footer may show."""
    return {active.binding.action for active in screen.active_bindings.values()}


def crowd(world: SampleWorld, article_id: str, people: int) -> None:
    """Give ``article_id`` more people than the People panel has rows."""
    with Store(world.db_path) as store:
        crowd = [Entity(name=f"Person {i:02}", mentions=[(0, 4)]) for i in range(people)]
        store.save_entities([(key(store, article_id), Entities(people=crowd))])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_opening_articles_lays_nothing_out(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    async with running(world, size) as (app, pilot):
        await open_article(pilot, "mkt-long")
        with counting(monkeypatch, Screen, "_refresh_layout") as layouts:
            # Stories of other lengths, with other numbers of people and sources.
            for article_id in ("wire-1", "mkt-1", "wire-2", "mkt-long", "wire-1"):
                await open_article(pilot, article_id)
                view = story(app)
                assert view.virtual_size.height == view.line_count
                assert view.vertical_scrollbar.window_virtual_size == view.line_count
            assert layouts() == 0
        # The scroll range is the new story's: the end of the long story is reachable.
        await open_article(pilot, "mkt-long")
        view = story(app)
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert view.scroll_offset.y == view.line_count - view.scrollable_content_region.height


async def test_a_panel_that_overflows_still_gets_its_scrollbar(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    crowd(world, "mkt-long", 12)
    async with running(world) as (app, pilot):
        people = main(app).query_one("#people", OptionList)
        await open_article(pilot, "wire-1")
        assert not people.show_vertical_scrollbar
        with counting(monkeypatch, Screen, "_refresh_layout") as layouts:
            await open_article(pilot, "mkt-long")
            assert layouts() >= 1  # the scrollbar takes a column: that is a layout
        assert people.option_count == 12
        assert people.show_vertical_scrollbar
        assert people.vertical_scrollbar.region.height == people.scrollable_content_region.height
        people.highlighted = 11  # the last one is scrolled into view
        await pilot.pause()
        assert people.scroll_offset.y == 12 - people.scrollable_content_region.height
        await open_article(pilot, "wire-1")
        assert not people.show_vertical_scrollbar and people.scroll_offset.y == 0


async def test_opening_the_same_people_again_rebuilds_no_panel(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        people = main(app).query_one("#people", OptionList)
        people.highlighted = 0
        await pilot.pause()
        with counting(monkeypatch, OptionList, "add_options") as rebuilds:
            await open_article(pilot, "wire-1")
            assert rebuilds() == 0
            assert people.highlighted is None  # as for any story just opened
            await open_article(pilot, "mkt-1")
            assert rebuilds() == 2  # other people, other sources


async def test_the_footer_is_told_only_when_esc_changes_meaning(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(world) as (app, pilot):
        screen = main(app)
        with counting(monkeypatch, MainScreen, "refresh_bindings") as told:
            for article_id in ("wire-1", "mkt-1", "wire-2"):
                await open_article(pilot, article_id)
            assert told() == 0 and not screen.goes_back
        await pilot.press("slash")  # find: Esc closes it now
        assert screen.goes_back
        await pilot.press("escape")
        assert not screen.goes_back
        screen.follow(Entity(name="Diosdado Cabello"))  # another list: Esc returns
        await pilot.pause()
        assert screen.goes_back and "back" in actions(screen)


async def test_the_status_line_shows_every_field_set_in_one_frame(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        status = main(app).status
        status.counts = (2, 5, 3)
        status.activity = "Refreshing 1/2 · \x1b[31mWire"  # sanitized like any feed text
        status.sync = "synced 14:02"
        await pilot.pause()
        shown = str(status.render())
        assert shown.startswith(" 3 unread · 5 articles · 2 feeds · synced 14:02")
        assert "Refreshing 1/2 · " in shown and "\x1b" not in shown
        status.set_problem("network unreachable")
        await pilot.pause()
        assert "⚠ network unreachable" in str(status.render())
