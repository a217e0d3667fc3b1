"""A damaged database is found wherever it is used, reported in one line, set aside
and rebuilt, and its read/starred flags are salvaged page by page."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from reader import cli
from reader.config import load_config
from reader.models import Article, FeedConfig, FeedResult
from reader.store import CorruptDatabase, Store, open_store
from reader.store.salvage import salvage_flags
from reader.ui.app import ReaderApp

COUNT = 1200


def _config(tmp_path: Path) -> tuple[Path, FeedConfig]:
    notes = tmp_path / "notes"
    notes.mkdir(exist_ok=True)
    path = tmp_path / "feeds.toml"
    path.write_text(f'[[feed]]\ntitle = "Notes"\npath = "{notes}"\n', encoding="utf-8")
    return path, FeedConfig(title="Notes", path=str(notes))


def _filled(tmp_path: Path, feed: FeedConfig) -> Path:
    """1,200 articles, all read and every third starred, checkpointed into the file."""
    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        store.save_result(FeedResult(feed, [
            Article(id=f"id-{i}", feed_id=feed.id, title=f"Story {i}",
                    text=f"harbour strike, part {i}. " * 30)
            for i in range(COUNT)
        ]))
        store.index_search()
        keys = [row.rowid for row in store.rows()]
        store.set_read(keys)
        store.set_starred(keys[::3])
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def _damage_pages(path: Path) -> None:
    """Three pages in the middle of the file overwritten: SQLite opens it fine."""
    data = bytearray(path.read_bytes())
    start = len(data) * 2 // 5 // 4096 * 4096
    data[start:start + 3 * 4096] = b"\x5a" * (3 * 4096)
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "command",
    [["list"], ["list", "--search", "harbour"], ["mark", "read", "id-7"], ["refresh", "--index"]],
)
def test_damage_found_in_use_is_one_line_and_the_file_is_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    config, feed = _config(tmp_path)
    db = _filled(tmp_path, feed)
    _damage_pages(db)
    Store(db).close()  # opening it finds nothing: the damage is only met in use
    code = cli.main(["--config", str(config), "--db", str(db), *command])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.strip().count("\n") == 0, err
    assert "database disk image is malformed" in err and "moved to db.sqlite.corrupt-" in err
    recovered = int(err.split("rebuilt (")[1].split()[0])
    assert recovered >= COUNT * 9 // 10  # a few rows sat on the damaged pages
    # The command works again, and the flags come back with their articles.
    with Store(db) as store:
        store.save_result(FeedResult(feed, [
            Article(id=f"id-{i}", feed_id=feed.id, title=f"Story {i}", text="x")
            for i in range(COUNT)
        ]))
        assert sum(row.read for row in store.rows()) == recovered


def test_flags_are_salvaged_from_a_truncated_file(tmp_path: Path) -> None:
    _, feed = _config(tmp_path)
    db = _filled(tmp_path, feed)
    _truncate(db)
    store, notice = open_store(db)
    store.close()
    assert notice is not None
    (aside,) = (p for p in tmp_path.glob("db.sqlite.corrupt-*") if p.name[-4:] not in "-wal-shm")
    flags = salvage_flags(aside)
    # Half the file is gone; the rows of the half that is left are all found.
    assert COUNT * 4 // 10 <= len(flags) <= COUNT // 2 + 50
    assert f"({len(flags)} read/starred flags recovered;" in notice
    assert all(feed_id == feed.id and read for feed_id, _, read, _ in flags)
    assert 0 < sum(star for *_, star in flags) < len(flags)


def test_flags_in_the_write_ahead_log_are_salvaged_too(tmp_path: Path) -> None:
    _, feed = _config(tmp_path)
    path = tmp_path / "db.sqlite"
    Store(path).close()
    keeper = sqlite3.connect(path)  # holds the log open: nothing is checkpointed
    keeper.execute("SELECT COUNT(*) FROM articles").fetchall()
    with Store(path) as store:
        store.save_result(FeedResult(feed, [
            Article(id=f"id-{i}", feed_id=feed.id, title=f"T{i}", text="t") for i in range(50)
        ]))
        store.set_starred([row.rowid for row in store.rows()][:5])
    assert (tmp_path / "db.sqlite-wal").stat().st_size > 0
    flags = salvage_flags(path)
    keeper.close()
    assert len(flags) == 5 and all(star for *_, star in flags)


def test_the_app_meets_damage_and_ends_quietly_for_the_cli_to_repair(tmp_path: Path) -> None:
    config, feed = _config(tmp_path)
    db = _filled(tmp_path, feed)
    _damage_pages(db)
    app = ReaderApp(load_config(str(config)), db, refresh_at_start=False)

    async def run() -> None:
        async with app.run_test() as pilot:
            for _ in range(50):
                await pilot.pause(0.05)
                if app.damage is not None:
                    break

    asyncio.run(run())
    assert isinstance(app.damage, CorruptDatabase)
    assert "malformed" in str(app.damage)
    assert app.return_code == 2


def test_the_cli_repairs_the_file_the_app_found_damaged_and_starts_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config, feed = _config(tmp_path)
    db = _filled(tmp_path, feed)
    runs: list[str | None] = []

    def run(app: ReaderApp) -> None:
        runs.append(app.notice)
        if len(runs) == 1:
            app.damage = CorruptDatabase(f"{db}: database disk image is malformed")

    monkeypatch.setattr(ReaderApp, "run", run)
    assert cli.main(["--config", str(config), "--db", str(db)]) == 0
    assert runs[0] is None and runs[1] is not None
    assert "malformed" in runs[1] and f"({COUNT} read/starred flags recovered;" in runs[1]
    assert len(list(tmp_path.glob("db.sqlite.corrupt-*[0-9]"))) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_damage_that_cannot_be_moved_aside_is_still_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, feed = _config(tmp_path)
    db = _filled(tmp_path, feed)
    _damage_pages(db)
    before = db.read_bytes()

    def read_only(*_: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("reader.store.recovery.os.replace", read_only)
    assert cli.main(["--config", str(config), "--db", str(db), "list"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"reader: {db}: the database is corrupt and cannot be moved aside: "
        "Read-only file system\n"
    )
    assert db.read_bytes() == before
