"""What a user test in tmux found (issue h15d): one-row side-panel entries, sources
ranked by citations, footers that keep Help and Quit, the cursor after following, the
first load, per-view footers, the refresh summary, and a tidy feeds.toml after add."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from reader.models import Article, Entity, FeedConfig, FeedResult
from reader.refresh import RefreshProgress, RefreshSummary
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.feeds import FeedsScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.people_panel import PeoplePanel
from reader.ui.widgets.sources_panel import SourcesPanel
from tests.ui_support import (
    BASE_DATE,
    SampleWorld,
    ids,
    listing,
    main,
    open_article,
    running,
    settle,
)

pytestmark = pytest.mark.usefixtures("utc_clock")


def _source(name: str, kind: str, first: int, mentions: int, citations: int) -> Entity:
    spans = [(first + 50 * i, first + 50 * i + 3) for i in range(mentions)]
    return Entity(name=name, kind=kind, mentions=spans, citations=spans[:citations])


VENEZUELA_SOURCES = [
    _source("The Associated Press", "outlet", 200, 4, 3),
    _source("Axios", "outlet", 576, 5, 4),
    _source("Diosdado Cabello", "person", 100, 10, 1),
    _source("the official", "anonymous", 354, 2, 1),
    _source("U.S. officials", "anonymous", 717, 1, 1),
    _source("a senior U.S. administration official", "anonymous", 250, 1, 1),
    _source("the State Department", "organization", 900, 1, 1),
    _source("a court filing", "document", 1000, 1, 1),
]


def _rows(panel: EntityPanel) -> list[str]:
    """The panel's visible rows as the terminal shows them."""
    return [panel.render_line(y).text for y in range(panel.scrollable_content_region.height)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_source_is_one_row_with_its_kind_and_an_aligned_count(
    world: SampleWorld, size: tuple[int, int]
) -> None:
    async with running(world, size) as (app, pilot):
        await open_article(pilot, "wire-1")
        sources = main(app).query_one(SourcesPanel)
        sources.show_entities(list(VENEZUELA_SOURCES))
        await settle(pilot)
        rows = _rows(sources)
        assert len(rows) >= 4
        for row, entity in zip(rows, sources.entities, strict=False):
            tag = {"outlet": "N", "person": "P", "anonymous": "A", "organization": "O",
                   "document": "D"}[entity.kind]
            assert row.startswith(f"{tag} {entity.name[:4]}"), row  # its own row, kind first
        counted = [row.rstrip() for row in rows if "×" in row]
        assert counted and all(row.rsplit(" ", 1)[-1].startswith("×") for row in counted)
        assert len({len(row) for row in counted}) == 1  # the counts end in one column
        assert any("…" in row for row in rows)  # a long name is cut, not wrapped


async def test_a_cut_row_shows_its_whole_name_under_the_story_when_highlighted(
        world: SampleWorld) -> None:
    async with running(world, (80, 24)) as (app, pilot):
        await open_article(pilot, "wire-1")
        sources = main(app).query_one(SourcesPanel)
        sources.show_entities(list(VENEZUELA_SOURCES))
        await settle(pilot)
        long_name = "a senior U.S. administration official"
        row = sources.entities.index(next(e for e in sources.entities if e.name == long_name))
        assert long_name not in _rows(sources)[row]  # the row is cut ...
        sources.focus()
        sources.highlighted = row
        await settle(pilot)
        pane = main(app).story_pane
        assert str(pane.border_subtitle) == long_name  # ... the whole name is shown
        await open_article(pilot, "wire-2")
        assert not str(pane.border_subtitle)  # another story: nobody highlighted


async def test_sources_are_ranked_by_citations_then_first_mention(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        sources = main(app).query_one(SourcesPanel)
        sources.show_entities(list(VENEZUELA_SOURCES))
        await settle(pilot)
        assert [e.name for e in sources.entities] == [
            "Axios", "The Associated Press",  # cited 4 and 3 times
            "Diosdado Cabello",  # mentioned ten times but cited once: by first mention
            "a senior U.S. administration official", "the official", "U.S. officials",
            "the State Department", "a court filing",
        ]
        rows = _rows(sources)
        assert rows[0].rstrip().endswith("×4") and rows[1].rstrip().endswith("×3")
        assert "×" not in rows[2]  # cited once: no count, however often mentioned
        people = main(app).query_one(PeoplePanel)
        assert [e.name for e in people.entities] == ["Diosdado Cabello",
                                                     "Maria Corina Machado"]


def _footer(app: Any) -> tuple[list[Any], list[Any]]:
    """The footer's visible keys: (the others, the pinned Help and Quit)."""
    keys = [key for key in app.screen.query("ReaderFooter FooterKey") if key.region.width]
    pinned = [key for key in keys if key.action in ("help", "quit")]
    return [key for key in keys if key not in pinned], pinned


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (50, 20)])
async def test_the_find_box_footer_keeps_help_and_quit_and_no_key_is_cut(
    world: SampleWorld, size: tuple[int, int]
) -> None:
    async with running(world, size) as (app, pilot):
        await open_article(pilot, "wire-1")
        for keys in ((), ("tab",), ("slash",)):  # the list, the story, the find box
            await pilot.press(*keys)
            await settle(pilot)
            others, pinned = _footer(app)
            assert sorted(key.action for key in pinned) == ["help", "quit"], keys
            edge = min(key.region.x for key in pinned)
            for key in others:  # shown whole, left of Help and Quit, or not at all
                assert key.region.right < edge, (keys, key.key_display, key.description)
                assert key.region.width == cell_len(f"{key.key_display} {key.description}")
            if keys == ("slash",):  # q and ? type there: their other keys are shown
                assert {key.key_display for key in pinned} == {"^q", "f1"}
        await pilot.press("f1")  # and work
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_back_from_following_scrolls_the_selected_row_into_view(
    world: SampleWorld,
) -> None:
    fillers = [
        Article(id=f"filler-{i}", feed_id=world.markets.id, title=f"Filler story {i}",
                text="Nothing to see here.", url=f"https://example.com/filler-{i}",
                published=BASE_DATE + timedelta(hours=i + 1))
        for i in range(20)
    ]
    with Store(world.db_path) as store:
        store.save_result(FeedResult(world.markets, fillers))
    async with running(world, (80, 24)) as (app, pilot):
        await open_article(pilot, "wire-1")
        articles = listing(app)
        assert articles.cursor >= 19
        await pilot.press("tab", "tab")  # the story, then Sources
        await settle(pilot)
        assert isinstance(app.focused, SourcesPanel)
        await pilot.press("f")
        await settle(pilot)
        assert "filler-0" not in ids(app)  # following: only stories naming the source
        await pilot.press("escape")
        await settle(pilot)
        assert articles.row is not None and articles.row.id == "wire-1"
        top = int(articles.scroll_offset.y)
        assert top <= articles.cursor < top + articles.scrollable_content_region.height


async def test_the_first_load_says_it_is_loading_not_that_there_is_nothing(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_refresh(config: Any, db_path: Path, **options: Any) -> RefreshSummary:
        release.wait(10)  # the local samples take a while to load
        return RefreshSummary(total=len(config.feeds))

    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", slow_refresh)
    app = ReaderApp(world.config, world.db_path.with_name("first-run.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # until the list is laid out (the refresh is held back)
            if listing(app).size.height:
                break
            await pilot.pause()
        shown = " ".join(listing(app).render_line(y).text for y in range(3))
        assert "Loading local sources…" in shown and "No articles yet" not in shown
        release.set()
        await settle(pilot)
        shown = " ".join(listing(app).render_line(y).text for y in range(3))
        assert "No articles yet. Press r to refresh." in shown  # it loaded nothing


async def test_the_help_and_feeds_views_show_their_own_keys_in_the_footer(
    world: SampleWorld,
) -> None:
    async with running(world, (80, 24)) as (app, pilot):
        for key, expected in (("question_mark", {"dismiss"}),
                              ("t", {"dismiss_none", "add_feed", "remove_feed"})):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen | FeedsScreen)
            shown = [k for k in app.screen.query("ReaderFooter FooterKey") if k.region.width]
            assert shown and all(k.region.y == 23 for k in shown)  # the bottom row
            actions = {k.action for k in shown}
            assert expected <= actions, actions
            assert not actions & {"open", "refresh", "search_all"}  # none of the list's
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)


async def test_a_feed_read_in_part_and_a_broken_config_are_told_apart(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed whose items were read despite an XML error is no failure in the status; a
    feeds.toml broken meanwhile is what the status says, not the feeds that failed."""
    feeds = [FeedConfig(title=f"Feed {i}", url=f"http://127.0.0.1:9/{i}.xml") for i in range(3)]
    problem = "feeds.toml:4: invalid TOML"

    def partly(config: Any, db_path: Path, *, on_progress: Any = None,
               **options: Any) -> RefreshSummary:
        on_progress(RefreshProgress(1, 3, feeds[0], "not well-formed XML", 3, failed=False))
        on_progress(RefreshProgress(2, 3, feeds[1], "offline", 0, failed=True))
        on_progress(RefreshProgress(3, 3, feeds[2], None, 1))
        return RefreshSummary(total=3, new=4, failed=[(feeds[1].title, "offline")],
                              config_problem=problem)

    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", partly)
    async with running(world, (120, 40)) as (app, pilot):
        await pilot.press("r")
        await settle(pilot)
        status = main(app).status
        assert status.activity == "Refreshed 2 · 4 new · 1 failed"
        assert problem in str(status.render())
        status.set_problem("")
        await pilot.pause()
        assert "Feed 0" not in str(status.render())


@pytest.mark.parametrize(("failures", "expected"), [
    (3, "Refreshed 5 · 1 new · 3 failed"),
    (8, "Nothing refreshed · 8 failed"),
    (0, "Refreshed 8 · 1 new"),
])
async def test_the_refresh_summary_counts_only_feeds_that_worked(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch, failures: int, expected: str
) -> None:
    feeds = [FeedConfig(title=f"Feed {i}", url=f"http://127.0.0.1:9/{i}.xml") for i in range(8)]

    def offline(config: Any, db_path: Path, *, on_progress: Any = None,
                **options: Any) -> RefreshSummary:
        failed = []
        for done, feed in enumerate(feeds, start=1):
            error = "offline, or no such host" if done <= failures else None
            if error:
                failed.append((feed.title, error))
            on_progress(RefreshProgress(done, len(feeds), feed, error, 0 if error else 1,
                                        failed=bool(error)))
        return RefreshSummary(total=len(feeds), new=0 if failures == 8 else 1, failed=failed)

    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", offline)
    async with running(world, (120, 40)) as (app, pilot):
        await pilot.press("r")
        await settle(pilot)
        status = main(app).status
        assert status.activity == expected
        status.set_problem("")  # as the problem report expires, 30 s later
        await pilot.pause()
        assert expected in str(status.render())


async def test_the_palette_offers_this_apps_help_not_textuals_keys_panel(
    world: SampleWorld,
) -> None:
    async with running(world, (80, 24)) as (app, pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and "Maximize" not in titles
        assert {"Theme", "Quit", "Help"} <= set(titles)
        help_command = next(c for c in app.get_system_commands(app.screen) if c.title == "Help")
        help_command.callback()
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_unnamed_sources_are_not_followed_and_a_name_is_offered_once(
    world: SampleWorld,
) -> None:
    # A user test followed "officials" and got other stories' officials; the palette
    # offered "Follow: Tomas Varga" twice (as a person and as a source).
    from reader.models import Entities
    from reader.ui.commands import ReaderCommands

    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-1")
        screen = main(app)
        cabello = Entity(name="Diosdado Cabello", mentions=[(0, 5)])
        screen.show_entities(Entities(
            people=[cabello],
            sources=[Entity(name="Diosdado Cabello", kind="person", mentions=[(0, 5)]),
                     Entity(name="Analysts", kind="anonymous", mentions=[(10, 18)]),
                     Entity(name="the energy ministry", kind="organization",
                            mentions=[(30, 40)]),
                     Entity(name="Reuters", kind="outlet", mentions=[(20, 27)])]))
        follows = [name for name, _, _ in ReaderCommands(screen)._commands()
                   if name.startswith("Follow: ")]
        assert follows == ["Follow: Diosdado Cabello", "Follow: Reuters"]
        sources = screen.query_one(SourcesPanel)
        sources.focus()
        sources.highlighted = 1  # Analysts
        await pilot.pause()
        before = screen.query_state
        await pilot.press("f")
        await settle(pilot)
        assert screen.query_state == before  # nothing followed
        assert any("nobody to follow" in str(n.message) for n in app._notifications)


async def test_a_config_error_too_long_for_the_line_names_the_file_without_its_folder(
    world: SampleWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A user test read "...onlylocal.toml:4: invalid TOML: Expected ']]' … (at…" at 120.
    problem = ("/home/someone/projects/news/configs/hostile/onlylocal.toml:4: invalid TOML: "
               "Expected ']]' at the end of an array declaration (at line 4, column 7)")

    def broken(config: Any, db_path: Path, **options: Any) -> RefreshSummary:
        return RefreshSummary(total=0, config_problem=problem)

    monkeypatch.setattr("reader.ui.refresh_run.run_refresh", broken)
    async with running(world, (120, 40)) as (app, pilot):
        await pilot.press("r")
        await settle(pilot)
        line = str(main(app).status.render())
        assert "onlylocal.toml:4: invalid TOML" in line
        assert "/home/someone" not in line


async def test_a_question_shows_its_own_keys_in_the_footer(world: SampleWorld) -> None:
    # A second user test read the feeds view's keys under a y/n question.
    from textual.widgets import Footer

    async with running(world, (80, 24)) as (app, pilot):
        await pilot.press("A")
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        shown = [str(getattr(key, "key_display", "")) for key in footer.query("FooterKey")]
        assert shown[:2] == ["y", "n"]
        await pilot.press("n")
