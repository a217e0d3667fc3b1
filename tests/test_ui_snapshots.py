"""Snapshot tests of the main screen, find-in-story and help (pytest-textual-snapshot).

Regenerate after an intended change with ``pytest tests/test_ui_snapshots.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.ui.app import ReaderApp
from reader.ui.widgets.people_panel import PeoplePanel
from tests.ui_support import build_sample, settle

SnapCompare = Callable[..., bool]


pytestmark = pytest.mark.usefixtures("utc_clock")


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    world = build_sample(tmp_path)
    return ReaderApp(world.config, world.db_path, refresh_at_start=False)




async def opened(pilot: Pilot[Any]) -> None:
    """The first story open, Diosdado Cabello selected in the People panel."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.screen.query_one(PeoplePanel).highlighted = 0
    await settle(pilot)


def test_main_screen_wide(app: ReaderApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), run_before=opened)


def test_main_screen_narrow(app: ReaderApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)


def test_find_in_story(app: ReaderApp, snap_compare: SnapCompare) -> None:
    async def find(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", *"the", "enter", "n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=find)


def test_following(app: ReaderApp, snap_compare: SnapCompare) -> None:
    async def follow(pilot: Pilot[Any]) -> None:
        await opened(pilot)
        pilot.app.screen.query_one(PeoplePanel).focus()
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=follow)


def test_help_screen(app: ReaderApp, snap_compare: SnapCompare) -> None:
    async def help_screen(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=help_screen)
