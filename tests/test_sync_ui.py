"""`r` in the app syncs with the [sync] server in a worker; the status line tells when."""

from __future__ import annotations

from pathlib import Path

import pytest
from ttrss_server import PASSWORD, USER, TtrssServer, free_port
from ui_support import settle

from reader.config import parse_config
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

SIZE = (120, 40)


def sync_app(tmp_path: Path, url: str) -> ReaderApp:
    path = tmp_path / "feeds.toml"
    path.write_text(
        f'[sync]\nbackend = "ttrss"\nurl = "{url}"\nuser = "{USER}"\n'
        'password_env = "READER_TEST_TTRSS_PASSWORD"\n',
        encoding="utf-8",
    )
    return ReaderApp(parse_config(path), tmp_path / "db.sqlite", refresh_at_start=False)


def status(app: ReaderApp) -> str:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return str(screen.status.render())


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_TEST_TTRSS_PASSWORD", PASSWORD)


@pytest.mark.ttrss
async def test_r_syncs_and_the_status_line_counts_waiting_changes(
    tmp_path: Path, ttrss: TtrssServer
) -> None:
    feed = ttrss.add_feed("Harbour", "https://example.org/harbour.xml")
    ttrss.add_articles(feed, 3)
    app = sync_app(tmp_path, ttrss.url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "synced" not in status(app)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        rows = screen.article_list.rows
        assert len(rows) == 3 and all(row.feed_title == "Harbour" for row in rows)
        assert "synced " in status(app) and "waiting" not in status(app)
        assert "Synced · 3 new" in status(app) and "Refreshed" not in status(app)
        newest = rows[0].id
        await pilot.press("m")  # mark read: at once here, queued for the server
        await settle(pilot)
        assert "1 waiting" in status(app)
        assert ttrss.flags(int(newest.removeprefix("ttrss:")))[0] is True
        await pilot.press("r")
        await settle(pilot)
        assert "waiting" not in status(app)
        assert ttrss.flags(int(newest.removeprefix("ttrss:")))[0] is False


async def test_a_failed_sync_is_one_quiet_line(tmp_path: Path) -> None:
    app = sync_app(tmp_path, f"http://127.0.0.1:{free_port()}/")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        line = status(app)
        assert "sync: login: http://127.0.0.1:" in line and "cannot reach the server" in line
        assert app.is_running
