"""What the app needs of sync: run one in a worker thread, and the status line's words."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reader.config import Config
from reader.store import Store
from reader.sync import SyncError, sync, sync_status
from reader.ui.messages import SyncFinished
from reader.ui.widgets.status_bar import StatusBar


def sync_in_worker(config: Config, db_path: Path, report: Callable[[str], None]) -> SyncFinished:
    """One whole sync (blocking: call it from a thread worker), as the message to post."""
    error = None
    summary = None
    try:
        summary = sync(config, db_path, report=report)
    except SyncError as exc:
        error = f"sync: {exc}"
    except Exception as exc:  # a sync must never take the app down
        error = f"sync failed: {type(exc).__name__}: {exc}"
    with Store(db_path) as store:
        return SyncFinished(summary, error, status_text(store))


def status_text(store: Store) -> str:
    """"synced 14:02 · 3 waiting" for the status line; empty if the store never synced."""
    status = sync_status(store)
    if status is None:
        return ""
    last, waiting = status
    if last is None:
        when = "not synced yet"
    else:
        stamp = datetime.fromtimestamp(last)
        same_day = stamp.date() == datetime.fromtimestamp(time.time()).date()
        when = "synced " + stamp.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")
    return f"{when} · {waiting:,} waiting" if waiting else when


def show_sync(status: StatusBar, event: SyncFinished, after_refresh: bool) -> bool:
    """Put a finished sync on the status line (after the refresh's own words when it
    followed one); True when it brought new articles."""
    status.sync = event.status
    if event.error:
        status.set_problem(event.error)
        return False
    if event.summary is None:
        return False
    new = event.summary.new
    done = f"Synced · {new:,} new" if new else "Synced · nothing new"
    refreshed = status.activity if after_refresh else ""
    status.activity = f"{refreshed} · {done}" if refreshed else done
    return new > 0
