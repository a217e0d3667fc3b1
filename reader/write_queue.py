"""Store writes made off the UI thread, one at a time, in the order they were asked for.

Marking an article read must never wait on the UI thread: a refresh or the
indexing pass may hold SQLite's write lock for a while.  Writes are queued
by the UI thread and run by whichever thread drains the queue (a worker, or
the UI thread itself when the app closes, so no click is lost).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.store import CorruptDatabase, Store, StoreError

Done = Callable[[int, str | None], None]
"""Told how many rows the write changed, or the one-line error that stopped it."""


@dataclass(frozen=True, slots=True)
class _Write:
    apply: Callable[[Store], int]
    done: Done | None


class WriteQueue:
    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._pending: deque[_Write] = deque()
        self._lock = threading.Lock()

    def put(self, apply: Callable[[Store], int], done: Done | None = None) -> None:
        """Queue ``apply(store)``; call :meth:`drain` (on any thread) to run it."""
        self._pending.append(_Write(apply, done))

    @property
    def pending(self) -> bool:
        """Whether a write is queued or being stored (a read now might not see it)."""
        return bool(self._pending) or self._lock.locked()

    def drain(self) -> None:
        """Run every queued write, oldest first; one drain at a time."""
        with self._lock:
            if not self._pending:
                return
            try:
                store = Store(self._db_path)
            except (StoreError, CorruptDatabase) as exc:
                self._fail_all(exc)
                return
            with store:
                while self._pending:
                    write = self._pending.popleft()
                    try:
                        changed, error = write.apply(store), None
                    except StoreError as exc:
                        changed, error = 0, str(exc)
                    except CorruptDatabase as exc:
                        self._finish(write, 0, str(exc))
                        self._fail_all(exc)
                        return
                    self._finish(write, changed, error)

    def _fail_all(self, error: StoreError | CorruptDatabase) -> None:
        """Tell every queued write it failed; damage is raised on, for the app to repair."""
        while self._pending:
            self._finish(self._pending.popleft(), 0, str(error))
        if isinstance(error, CorruptDatabase):
            raise error

    @staticmethod
    def _finish(write: _Write, changed: int, error: str | None) -> None:
        if write.done is not None:
            write.done(changed, error)
