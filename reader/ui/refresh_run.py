"""Refreshing from the app: one refresh at a time in a thread worker, the next queued.

The worker runs :func:`reader.refresh.refresh` and reports each source with
:class:`~reader.ui.messages.RefreshProgressed` and the end with
:class:`~reader.ui.messages.RefreshFinished`; the screen hands those messages to
:class:`RefreshRun`, which tells the status line and reloads the list in
batches.  It serves a :class:`RefreshHost` through that protocol only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.timer import Timer

from reader.config import Config
from reader.models import FeedConfig
from reader.refresh import refresh as run_refresh
from reader.store import Store
from reader.ui.hosts import WorkerHost
from reader.ui.messages import RefreshFinished, RefreshProgressed, SyncFinished, SyncStepped
from reader.ui.text import display_line, short_error
from reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.refresh import RefreshProgress, RefreshSummary

_FOLDER_RE = re.compile(r"^[^\s:]*/(?=[^/\s:]+:\d)")
"""The folder of the file a config error names ("/home/me/.config/reader/")."""
RELOAD_EVERY = 1.5
"""Seconds between list reloads while a refresh brings in new articles."""

def startup_refresh(config: Config, store: Store) -> tuple[list[FeedConfig] | None, str] | None:
    """The feeds to refresh at start, and what they are called (None: nothing)."""
    if config.settings.refresh_on_start:
        return None, "all feeds"
    # Local sources load at start; so does the indexing of articles a
    # `reader refresh` (from cron, say) stored but left unindexed.
    local = [feed for feed in config.feeds if feed.path]
    if local or store.has_unindexed():
        return local, "local sources" if local else "the index"
    return None


class RefreshHost(WorkerHost, Protocol):
    """What a refresh needs from the screen that started it."""

    config: Config
    db_path: Path

    @property
    def status(self) -> StatusBar: ...

    def list_is_empty(self) -> bool: ...

    def reload(self) -> None: ...

    def indexed(self) -> None: ...

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...

    def warn(self, text: str) -> None:
        """Tell the user something that wants attention (a toast)."""


class RefreshRun:
    """The refresh in progress (if any), the one queued after it, and its errors."""

    def __init__(self, host: RefreshHost) -> None:
        self.host = host
        self.running = False
        self._queued: list[FeedConfig] | None = None
        self._errors: list[tuple[str, str]] = []
        """(feed title, error) of each source that failed in this refresh."""
        self._reload_timer: Timer | None = None

    def start(self, feeds: list[FeedConfig] | None, label: str) -> None:
        """Refresh ``feeds`` (``None``: every feed), or queue them behind the running one."""
        host = self.host
        if not host.config.feeds and host.config.sync is None:
            host.status.set_problem("no feeds configured")
            return
        if self.running:
            self._queued = feeds if feeds is not None else list(host.config.feeds)
            host.status.activity = "Refresh queued"
            return
        self.running = True
        self._errors = []
        host.status.set_problem("")
        host.status.activity = f"Refreshing {label}…"
        host.run_worker(
            partial(self._work, host.config, host.db_path, feeds),
            name="refresh", group="refresh", thread=True, exclusive=True,
        )

    def _work(self, config: Config, db_path: Path, feeds: list[FeedConfig] | None) -> None:
        """In a thread: the refresh, reported with messages."""
        def progressed(progress: RefreshProgress) -> None:
            self.host.post_message(RefreshProgressed(progress))

        try:
            # Indexing (people, sources, search) runs in the refresh's worker
            # processes, not in this thread, so it does not compete for the GIL.
            summary = run_refresh(config, db_path, feeds=feeds, on_progress=progressed,
                                  reload=feeds is None)  # `r` reads feeds.toml again
        except Exception as exc:  # a refresh must never take the app down
            error = f"refresh failed: {type(exc).__name__}: {exc}"
            self.host.post_message(RefreshFinished(None, error))
            return
        synced: SyncFinished | None = None
        if config.sync is not None and feeds is None:  # all feeds: then the server too
            from reader.ui.sync import sync_in_worker

            def step(name: str) -> None:
                self.host.post_message(SyncStepped(name))

            synced = sync_in_worker(config, db_path, step)
        self.host.post_message(RefreshFinished(summary, summary.config_problem))
        if synced is not None:
            self.host.post_message(synced)

    def progressed(self, event: RefreshProgressed) -> None:
        host = self.host
        progress = event.progress
        if progress.new and self._reload_timer is None:
            # New articles show up in batches while the refresh goes on: at once
            # into an empty list (a first run), else at most every second or so.
            delay = 0.05 if host.list_is_empty() else RELOAD_EVERY
            self._reload_timer = host.set_timer(delay, self._reload)
        title = display_line(progress.feed.title, 40)
        if progress.done < progress.total:
            host.status.activity = f"Refreshing {progress.done}/{progress.total} · {title}"
        else:
            host.status.activity = "Finding people and sources…"
        if progress.error and progress.failed:  # (a feed read in part shows its note in t)
            error = short_error(progress.error, progress.feed.id)
            self._errors.append((title, error))
            self._show_errors()

    def _reload(self) -> None:
        self._reload_timer = None
        self.host.reload()

    def _show_errors(self) -> None:
        errors = self._errors
        if len(errors) == 1:
            title = errors[0][0]
            self.host.status.set_problem(": ".join(errors[0]), f"{title} failed · t shows why")
        elif errors:
            self.host.status.set_problem(
                f"{len(errors)} feeds failed (t lists them) · {': '.join(errors[-1])}",
                f"{len(errors)} feeds failed · t lists them",
            )

    def finished(self, event: RefreshFinished) -> None:
        host = self.host
        self.running = False
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_timer = None
        summary = event.summary
        if summary is not None:
            host.config = summary.config or host.config
            host.status.activity = _summary_line(summary)  # (it counts the failed feeds)
            self._show_errors()
            for title, note in summary.notes:
                host.warn(f"{title}: {note}")
            if summary.new:
                host.indexed()
        else:
            host.status.activity = ""
        if event.error:  # a broken feeds.toml outranks the feeds that failed
            # (too long for the line: the file's name without its folder)
            host.status.set_problem(event.error, _FOLDER_RE.sub("", event.error, count=1))
        queued, self._queued = self._queued, None
        if queued is not None:
            self.start(queued, "feeds")


def _summary_line(summary: RefreshSummary) -> str:
    """What a refresh did, failed feeds not counted as refreshed and still named: it
    outlives the problem report ("Refreshed 5 · 1 new · 3 failed")."""
    failed = len(summary.failed)
    done = summary.total - failed
    parts = [f"Refreshed {done:,}", f"{summary.new:,} new" if summary.new else "nothing new"]
    if not done:
        parts = ["Nothing refreshed"]
    if failed:
        parts.append(f"{failed:,} failed")
    return " · ".join(parts)
