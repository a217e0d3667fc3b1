"""Writes queued by the UI run in order, off its thread, and report failures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.models import Article, FeedConfig, FeedResult
from reader.store import CorruptDatabase, Store, StoreError
from reader.write_queue import WriteQueue

FEED = FeedConfig(title="Wire", url="https://example.test/feed")


def stored(tmp_path: Path) -> Path:
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        store.save_result(FeedResult(FEED, [Article(id="a", feed_id=FEED.id, title="A")]))
    return db


def test_writes_run_in_the_order_they_were_queued(tmp_path: Path) -> None:
    db = stored(tmp_path)
    queue = WriteQueue(db)
    seen: list[tuple[int, str | None]] = []
    for read in (True, False, True, True):
        queue.put(
            lambda store, r=read: store.set_read(store.keys_of("a"), r),
            lambda n, e: seen.append((n, e)),
        )
    worker = threading.Thread(target=queue.drain)
    worker.start()
    worker.join()
    assert seen == [(1, None), (1, None), (1, None), (0, None)]
    with Store(db) as store:
        assert store.rows()[0].read is True
    queue.drain()  # nothing left: a no-op
    assert len(seen) == 4


def test_a_failed_write_is_reported_and_the_next_still_runs(tmp_path: Path) -> None:
    db = stored(tmp_path)
    queue = WriteQueue(db)
    seen: list[tuple[int, str | None]] = []

    def broken(store: Store) -> int:
        raise StoreError(f"{db}: disk I/O error")

    queue.put(broken, lambda n, e: seen.append((n, e)))
    queue.put(lambda store: store.set_starred(store.keys_of("a")), lambda n, e: seen.append((n, e)))
    queue.drain()
    assert seen == [(0, f"{db}: disk I/O error"), (1, None)]


def test_an_unopenable_store_fails_every_queued_write(tmp_path: Path) -> None:
    not_a_db = tmp_path / "junk.sqlite"
    not_a_db.write_bytes(b"this is not a database" * 100)
    queue = WriteQueue(not_a_db)
    seen: list[str | None] = []
    for _ in range(2):
        queue.put(lambda store: store.set_read(store.keys_of("a")), lambda n, e: seen.append(e))
    with pytest.raises(CorruptDatabase):  # raised on for the app to repair the file
        queue.drain()
    assert len(seen) == 2 and all(e and "junk.sqlite" in e for e in seen)


def test_a_write_is_pending_until_it_is_stored_not_only_until_it_is_taken(
        tmp_path: Path) -> None:
    """The list pane reads on the UI thread only when nothing is pending: a write already
    taken off the queue but not yet stored still counts."""
    queue = WriteQueue(stored(tmp_path))
    seen_while_storing: list[bool] = []

    def write(store: Store) -> int:
        seen_while_storing.append(queue.pending)
        return store.set_read(store.keys_of("a"), True)

    queue.put(write)
    assert queue.pending
    queue.drain()
    assert seen_while_storing == [True]
    assert not queue.pending
