"""The list shows the feeds of the config in use: another config's articles stay stored
(nothing is lost) but are not listed, counted or found, except the starred ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from reader.models import Article, FeedConfig, FeedResult
from reader.store import Store
from tests.ui_support import (
    BASE_DATE,
    SampleWorld,
    build_sample,
    main,
    make_app,
    running,
    settle,
)


def _with_other_feed(tmp_path: Path) -> tuple[SampleWorld, FeedConfig]:
    world = build_sample(tmp_path)
    other = FeedConfig(title="Evil", path=str(tmp_path / "evil"))
    with Store(world.db_path) as store:
        store.sync_feeds([other])
        store.save_result(FeedResult(other, [
            Article(id=f"evil-{n}", feed_id=other.id, title=f"Evil item {n} about Caracas",
                    text="Caracas again.", published=BASE_DATE) for n in range(3)]))
        evil_0 = store.rows(search="Evil item 0")[0]
        store.set_starred([evil_0.rowid])
    return world, other


async def test_articles_of_a_feed_not_in_the_config_are_not_listed(tmp_path: Path) -> None:
    world, other = _with_other_feed(tmp_path)
    app = make_app(world)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        titles = [row.title for row in screen.article_list.rows]
        assert "Evil item 1 about Caracas" not in titles
        assert "Evil item 0 about Caracas" in titles  # starred: kept in view
        assert len(titles) == 6  # the sample's five and the starred one
        assert screen.status.counts == (2, 6, 6)  # the config's two feeds, not three
        await pilot.press("S")
        await pilot.press(*"Caracas", "enter")
        await settle(pilot)
        found = [row.title for row in screen.article_list.rows]
        assert "Evil item 2 about Caracas" not in found and found
    with Store(world.db_path) as store:  # nothing stored was lost
        assert len([r for r in store.rows() if r.feed_id == other.id]) == 3


async def test_a_config_that_names_the_feed_lists_its_articles(tmp_path: Path) -> None:
    world, other = _with_other_feed(tmp_path)
    world.config = replace(world.config, feeds=[*world.config.feeds, other])
    app = make_app(world)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        titles = [row.title for row in screen.article_list.rows]
        assert sum(title.startswith("Evil item") for title in titles) == 3
        assert screen.status.counts[0] == 3


async def test_unstarring_an_article_only_its_star_keeps_in_view_takes_a_second_s(
        tmp_path: Path) -> None:
    # A second user test unstarred such an article with one key and could not find it
    # again: its feed was gone from feeds.toml, and only the star had kept it listed.
    world, _ = _with_other_feed(tmp_path)
    app = make_app(world)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        rows = screen.article_list.rows
        at = next(k for k, row in enumerate(rows) if row.title.startswith("Evil item 0"))
        screen.article_list.move_to(at)
        await pilot.press("s")
        await settle(pilot)
        assert rows[at].starred
        assert "s again unstars it" in str(screen.status.render()).lower()
        await pilot.press("s")
        await settle(pilot)
    with Store(world.db_path) as store:
        assert not [r for r in store.rows(starred_only=True) if r.title.startswith("Evil")]


async def test_an_empty_starred_view_says_how_to_star(tmp_path: Path) -> None:
    from reader.ui.query import ListQuery

    world = build_sample(tmp_path)
    async with running(world) as (app, pilot):
        main(app).show_view(ListQuery(starred_only=True))
        await settle(pilot)
        assert main(app).article_list.empty_text == (
            "No starred articles. Press s on an article to star it.")


async def test_new_articles_come_under_a_cursor_left_at_the_top(tmp_path: Path) -> None:
    # A second user test pressed s right after start and starred the fourth row: the
    # local feeds' new articles had come in above a cursor nobody had moved.
    world = build_sample(tmp_path)
    async with running(world) as (app, pilot):
        screen = main(app)
        with Store(world.db_path) as store:
            store.save_result(FeedResult(world.wire, [Article(
                id="wire-new", feed_id=world.wire.id, title="Newest story",
                text="Fresh.", published=BASE_DATE + timedelta(hours=1))]))
        screen.reload()
        await settle(pilot)
        assert screen.article_list.row is not None
        assert screen.article_list.row.title == "Newest story"
