"""Read and starred marks: shown at once, stored in order by a thread worker.

A refresh or the indexing may hold the store's write lock for a while, so the
UI thread never writes: it changes the rows it shows and queues the write
(:class:`~reader.write_queue.WriteQueue`); a worker drains the queue and
reports each write with :class:`~reader.ui.messages.StoreWritten`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual.app import App

from reader.store import ArticleRow, Store
from reader.ui.hosts import WorkerHost
from reader.ui.messages import StoreWritten
from reader.ui.text import plural
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.list_pane import ListPane
from reader.ui.widgets.status_bar import StatusBar
from reader.write_queue import WriteQueue


class MarksHost(WorkerHost, Protocol):
    """What marking needs from the screen: the rows it shows and a way to run workers."""

    opened_row: ArticleRow | None

    @property
    def article_list(self) -> ArticleList: ...

    @property
    def status(self) -> StatusBar: ...

    @property
    def list_pane(self) -> ListPane: ...

    @property
    def app(self) -> App[object]: ...



class Marks:
    """Marks articles read, unread, starred; the store follows in the background."""

    def __init__(self, host: MarksHost, db_path: Path) -> None:
        self.host = host
        self.writes = WriteQueue(db_path)
        """The queued writes; the list pane drains them before it reads."""
        self._unstar_asked: int | None = None
        """The article whose unstarring waits for a second s (see toggle_star)."""

    def set_read(self, row: ArticleRow, read: bool) -> None:
        if row.read != read:
            self.host.status.adjust_unread(-1 if read else 1)
        for same in self._same_rows(row):
            same.read = read
        self.host.article_list.refresh_row(row.rowid)
        self._write(lambda store: store.set_read([row.rowid], read))

    def toggle_star(self, row: ArticleRow) -> None:
        starred = not row.starred
        shown = self.host.list_pane.shown_feeds
        if not starred and shown is not None and row.feed_id not in shown and (
                self._unstar_asked != row.rowid):
            # only the star keeps it in the lists: one key would lose it from sight
            self._unstar_asked = row.rowid
            self.host.status.set_problem(
                "Its feed is not in feeds.toml: unstarred, it leaves every list. "
                "Press s again to unstar it", "s again unstars it (its feed is gone)")
            return
        self._unstar_asked = None
        for same in self._same_rows(row):
            same.starred = starred
        self.host.article_list.refresh_row(row.rowid)
        self._write(lambda store: store.set_starred([row.rowid], starred))

    def mark_all_read(self) -> None:
        """Every listed article, after a y/n question when there are several (as newsboat
        asks: there is no undo)."""
        rows = [row for row in self.host.article_list.rows if not row.read]
        if len(rows) == 1:
            self._mark_read(rows)
        elif rows:
            from reader.ui.screens.feed_edit import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    self._mark_read(rows)

            self.host.app.push_screen(
                ConfirmDialog(f"Mark the {plural(len(rows), 'listed unread article')} read?"),
                answered)

    def _mark_read(self, rows: list[ArticleRow]) -> None:
        """Shown at once (a 100,000-row update takes longer than a frame), stored after."""
        host = self.host
        for row in rows:
            row.read = True
        opened = host.opened_row
        if opened is not None and not opened.read:
            opened.read = any(row.rowid == opened.rowid for row in rows)
        host.article_list.refresh()
        host.status.adjust_unread(-len(rows))
        keys = [row.rowid for row in rows]
        self._write(
            lambda store: store.set_read(keys, True),
            lambda changed: f"Marked {plural(changed, 'article')} read",
        )

    def drain(self) -> None:
        """Store every queued change now (at quit: a key pressed just before is kept)."""
        self.writes.drain()

    def _same_rows(self, row: ArticleRow) -> list[ArticleRow]:
        """``row`` and the list's row for the same article (they may be different objects)."""
        rows = [row]
        listing = self.host.article_list
        index = listing.index_of(row.rowid)
        if index is not None and listing.rows[index] is not row:
            rows.append(listing.rows[index])
        opened = self.host.opened_row
        if opened is not None and opened.rowid == row.rowid:
            rows.append(opened)
        return rows

    def _write(
        self, apply: Callable[[Store], int], summary: Callable[[int], str] | None = None
    ) -> None:
        """Queue a change the screen already shows; ``summary`` (of the changed count) is
        told the user when done."""

        def done(changed: int, error: str | None) -> None:
            text = summary(changed) if summary and not error else None
            self.host.post_message(StoreWritten(changed, error, text))

        self.writes.put(apply, done)
        self.host.run_worker(self.writes.drain, name="write", group="write", thread=True)
