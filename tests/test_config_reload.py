"""`r` reads feeds.toml again: a feed added to the file while the app runs is refreshed
(and listed) by the next refresh; a file broken meanwhile keeps the feeds read before."""

from __future__ import annotations

from pathlib import Path

from reader.config import parse_config
from reader.refresh import refresh
from reader.store import Store
from reader.ui.app import ReaderApp
from tests.ui_support import main, settle


def folder_with(tmp_path: Path, name: str, title: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(f"{title}\n\nThe council voted on {name}.\n")
    return folder


def config_file(tmp_path: Path) -> Path:
    folder_with(tmp_path, "first", "First story")
    path = tmp_path / "feeds.toml"
    path.write_text('[[feed]]\ntitle = "First"\npath = "first"\n')
    return path


def test_refresh_with_reload_picks_up_a_feed_added_to_the_file(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    config = parse_config(path)
    db = tmp_path / "db.sqlite"
    refresh(config, db, index=False)
    folder_with(tmp_path, "second", "Second story")
    path.write_text(path.read_text() + '[[feed]]\ntitle = "Second"\npath = "second"\n')
    summary = refresh(config, db, index=False, reload=True)
    assert summary.config is not None and [f.title for f in summary.config.feeds] == [
        "First", "Second"
    ]
    assert summary.total == 2 and summary.config_problem is None
    with Store(db) as store:
        assert {row.title for row in store.rows()} == {"First story", "Second story"}


def test_a_file_broken_meanwhile_keeps_the_feeds_read_before(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    config = parse_config(path)
    path.write_text(path.read_text() + "[[feed]\n")
    summary = refresh(config, tmp_path / "db.sqlite", index=False, reload=True)
    assert summary.config is config and summary.total == 1 and not summary.failed
    problem = summary.config_problem or ""
    assert problem.startswith(f"{path}:4: invalid TOML") and "\n" not in problem


async def test_r_in_the_app_lists_a_feed_added_to_the_file(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    db = tmp_path / "db.sqlite"
    refresh(parse_config(path), db, index=False)
    app = ReaderApp(parse_config(path), db, refresh_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [row.title for row in main(app).article_list.rows] == ["First story"]
        folder_with(tmp_path, "second", "Second story")
        path.write_text(path.read_text() + '[[feed]]\ntitle = "Second"\npath = "second"\n')
        await pilot.press("r")
        await settle(pilot)
        titles = {row.title for row in main(app).article_list.rows}
        assert titles == {"First story", "Second story"}
        assert [f.title for f in main(app).config.feeds] == ["First", "Second"]
        path.write_text("[[feed]\n")
        await pilot.press("r")
        await settle(pilot)
        # (the file's name: its folder is dropped when the whole line does not fit)
        assert f"{path.name}:1: invalid TOML" in str(main(app).status.render())
        assert len(main(app).article_list.rows) == 2
