"""Storage faults: kill -9 mid-refresh, two instances at once, a full disk, a corrupt
database, huge local files.

(Read-only databases, the salvage of read flags, unreadable and binary files and
symlink loops are in tests/test_store.py and tests/test_ingest_local.py.)
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader import cli
from reader.ingest import load_path
from reader.models import Article, FeedConfig, FeedResult
from reader.store import Store, StoreError, open_store
from tests.hang_guard import finishes
from tests.store_support import key

REPO = Path(__file__).resolve().parents[1]
RSS = (Path(__file__).parent / "data" / "ingest" / "rss20.xml").read_bytes()
FEEDS = 60
DELAY = 0.25
"""Each feed answers after this long: with a few download threads a refresh takes seconds."""


class SlowHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        time.sleep(DELAY)
        name = self.path.strip("/").encode()
        body = RSS.replace(b"gazette-", name + b"-").replace(
            b"<link>https://", b"<link>https://" + name + b"."
        )
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def write_config(tmp_path: Path, server: str) -> Path:
    toml = tmp_path / "feeds.toml"
    toml.write_text(
        "".join(f'[[feed]]\ntitle = "F{i}"\nurl = "{server}/f{i}"\n\n' for i in range(FEEDS))
    )
    return toml


def start_refresh(toml: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--config", str(toml), "--db", str(db), "refresh"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )


def checked_feeds(db: Path) -> int:
    """Feeds whose result has been committed (read-only, never blocks the writer)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(
                conn.execute("SELECT COUNT(*) FROM feeds WHERE last_checked IS NOT NULL")
                .fetchone()[0]
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def wait_until(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    pytest.fail("condition not reached in time")


def test_kill_9_mid_refresh_loses_nothing_committed(slow_server: str, tmp_path: Path) -> None:
    toml = write_config(tmp_path, slow_server)
    db = tmp_path / "db.sqlite"
    proc = start_refresh(toml, db)
    try:
        wait_until(lambda: checked_feeds(db) >= 5)
        before = checked_feeds(db)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert before < FEEDS, "the refresh finished before the kill; slow the server down"
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        committed = [
            row[0].rsplit("/", 1)[1]
            for row in conn.execute("SELECT id FROM feeds WHERE last_ok IS NOT NULL")
        ]
        assert len(committed) >= before
        for name in committed:
            # Every committed feed's own items are there (guid and link keyed ones).
            for article_id in (f"{name}-1001", f"https://{name}.gazette.example/library"):
                found = conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,))
                assert found.fetchone(), article_id
    finally:
        conn.close()
    # The next run opens the same store and completes it.
    with Store(db) as store:
        store.set_read(store.keys_of(f"{committed[0]}-1001"))  # one that is stored
    proc = start_refresh(toml, db)
    assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    with Store(db) as store:
        assert store.counts()[0] == FEEDS
        article = store.article(key(store, f"{committed[0]}-1001"))
        assert article is not None and article.read


def test_two_instances_refresh_and_mark_at_once(
    slow_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = write_config(tmp_path, slow_server)
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        store.save_result(FeedResult(FeedConfig(title="Local", path="/x"), [
            Article(id=f"local-{i}", feed_id="/x", title=f"Local {i}") for i in range(20)
        ]))
    proc = start_refresh(toml, db)
    marked = 0
    try:
        wait_until(lambda: checked_feeds(db) >= 2)
        while proc.poll() is None and marked < 20:
            status = cli.main(["--config", str(toml), "--db", str(db), "mark", "read",
                               f"local-{marked}"])
            captured = capsys.readouterr()
            # Either it worked, or it failed cleanly with a one-line message.
            assert status == 0 or (status == 2 and captured.err.startswith("reader: ")), captured
            assert "Traceback" not in captured.err
            marked += status == 0
        assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert marked >= 5
    with Store(db) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        feeds, total, _ = store.counts()
        # Two own items per feed, plus one guid- and link-less item they all carry
        # (a row in each feed: an article belongs to its feed).
        assert feeds == FEEDS + 1 and total == 20 + 3 * FEEDS
        read = {r.id for r in store.rows() if r.read}
    assert {f"local-{i}" for i in range(marked)} <= read


def test_full_disk_is_a_clear_error_and_keeps_read_state(tmp_path: Path) -> None:
    feed = FeedConfig(title="Feed", path="/feed")
    with Store(tmp_path / "db.sqlite") as store:
        store.save_result(FeedResult(feed, [Article(id="a", feed_id=feed.id, title="A")]))
        store.set_read(store.keys_of("a"))
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count={pages}")  # the disk is now full
        big = [
            Article(id=f"b{i}", feed_id=feed.id, title="B", text="x " * 5000) for i in range(50)
        ]
        with pytest.raises(StoreError) as info:
            store.save_result(FeedResult(feed, big))
        assert "full" in str(info.value) and "\n" not in str(info.value)
        article = store.article(key(store, "a"))
        assert article is not None and article.read
        assert store.keys_of("b0") == []  # nothing half-written
    with Store(tmp_path / "db.sqlite") as store:
        article = store.article(key(store, "a"))
        assert article is not None and article.read


def test_corrupt_database_is_never_silently_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite"
    garbage = b"this is not sqlite" * 1000
    db.write_bytes(garbage)
    toml = tmp_path / "feeds.toml"
    toml.write_text("")
    assert cli.main(["--config", str(toml), "--db", str(db), "list"]) == 0
    err = capsys.readouterr().err
    assert "database was corrupt; moved to" in err and err.count("\n") == 1
    (aside,) = tmp_path.glob("db.sqlite.corrupt-*")
    assert aside.read_bytes() == garbage
    with Store(db) as store:
        assert store.counts() == (0, 0, 0)
    # Corrupt again within the same second: a second file, the first is kept.
    db.write_bytes(garbage + b"2")
    store, notice = open_store(db)
    store.close()
    assert notice and len(list(tmp_path.glob("db.sqlite.corrupt-*"))) == 2


@pytest.mark.parametrize(("name", "cap"), [("huge.txt", "20 MB"), ("huge.xml", "50 MB")])
def test_one_gigabyte_local_file_is_refused_quickly(tmp_path: Path, name: str, cap: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(1024**3)  # sparse: no real gigabyte written
    (tmp_path / "ok.txt").write_text("A headline\n\nA body paragraph.")
    results = finishes(lambda: load_path(tmp_path))  # refused by its size, never read
    errors = [r.error for r in results if r.error]
    assert errors == [f"{path}: file larger than {cap}"]
    assert [a.title for r in results for a in r.articles] == ["A headline"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_path_feed_is_skipped_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12: opening a FIFO blocks until a writer comes: refresh and inspect hung."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text("A headline\n\nA body paragraph.")
    results = finishes(lambda: load_path(tmp_path))
    assert isinstance(results, list)
    assert [r.error for r in results if r.error] == [f"{fifo}: FIFO, not a regular file: skipped"]
    assert [a.title for r in results for a in r.articles] == ["A headline"]
    assert finishes(lambda: cli.main(["inspect", str(fifo)])) == 1
    assert capsys.readouterr().err == f"reader: {fifo}: FIFO, not a regular file: skipped\n"
    toml = tmp_path / "feeds.toml"
    toml.write_text(f'[[feed]]\ntitle = "Notes"\npath = "{tmp_path}"\n')
    db = str(tmp_path / "db.sqlite")
    assert finishes(lambda: cli.main(["--config", str(toml), "--db", db, "refresh"])) == 0
