"""The list pane: the header naming the view, the search box and the article list.

It reads the rows for a :class:`~reader.ui.query.ListQuery`: the first page on
the UI thread (an indexed ``LIMIT``, about a millisecond, so the next frame
shows it), the rest in a thread worker with its own store, which reports back
with :class:`~reader.ui.messages.RowsLoaded`.  Counts and failures bubble up to
the screen for the status line.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical

from reader.store import Store, StoreError
from reader.ui.messages import CountsRead, RowsFailed, RowsLoaded
from reader.ui.query import ListQuery
from reader.ui.text import short_error
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_search import ArticleSearch
from reader.ui.widgets.list_header import ListHeader
from reader.write_queue import WriteQueue

FIRST_PAGE = 500
"""Rows read first at start-up so the list paints before a 100k-row query finishes."""

FREEZE_ROWS = 5_000
"""Lists at least this long are frozen out of the garbage collector (see ``_rows_loaded``)."""


class ListPane(Vertical):
    """What the list shows, and the loading of it."""

    def __init__(self, store: Store, db_path: Path, writes: WriteQueue | None = None, *,
                 id: str | None = None) -> None:
        """``store`` is the UI thread's; workers open their own on ``db_path``, after
        running the marks still queued in ``writes`` (so "m" then "u" hides the article
        just read, however busy the write worker is)."""
        super().__init__(id=id)
        self.store = store
        self.db_path = db_path
        self.writes = writes
        self.query_shown = ListQuery()
        self.shown_feeds: tuple[str, ...] | None = None
        """The feeds of the config in use, whose articles (and the starred ones) are
        listed and counted; None: every stored article (set by the screen)."""
        self._generation = 0
        self._first_shown = -1
        """The generation whose first page is on screen (its full list keeps the cursor)."""
        self.loaded = False
        self.loading_note: str | None = None
        """What an empty list says while the first refresh runs ("Loading local sources…")."""

    def compose(self) -> ComposeResult:
        yield ListHeader(id="list-header")
        yield ArticleSearch(id="article-search")
        yield ArticleList(id="articles")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def header(self) -> ListHeader:
        return self.query_one(ListHeader)

    @property
    def search_box(self) -> ArticleSearch:
        return self.query_one(ArticleSearch)

    def load(self, query: ListQuery, keep: int | None = None) -> None:
        """Show ``query`` with the cursor on article ``keep`` if it is listed, else on
        the top row.

        Full-text searches, whose ranking must see every match before the first
        row, go straight to the worker, as does any read while marks wait to be stored.
        """
        if query != self.query_shown or not self.loaded:
            self.header.show(query, None)
        self.query_shown = query
        self._generation += 1
        if not query.search and not (self.writes is not None and self.writes.pending):
            try:
                first = query.rows(self.store, limit=FIRST_PAGE, feeds=self.shown_feeds)
            except StoreError as exc:
                self.post_message(RowsFailed(query, str(exc), self._generation))
                return
            complete = len(first) < FIRST_PAGE
            at = next((i for i, row in enumerate(first) if row.rowid == keep), None)
            if complete or keep is None or at is not None:
                # (A kept article beyond the first page: wait for the full list
                # rather than flash the cursor somewhere else.)
                self._show(RowsLoaded(query, first, self._generation, complete, None, at))
            if complete:
                self._read_counts()
                return
        self._read_rows(query, self._generation, keep)

    @work(thread=True, group="counts")
    def _read_counts(self) -> None:
        try:
            with Store(self.db_path) as store:
                self.post_message(CountsRead(store.counts(self.shown_feeds)))
        except StoreError:
            pass  # the counts are only informative; the next load tries again

    @work(thread=True, exclusive=True, group="rows")
    def _read_rows(self, query: ListQuery, generation: int, keep: int | None) -> None:
        # 100,000 new rows would trigger full garbage collections, which hold the
        # GIL for 100+ ms each and stall the UI; nothing here makes cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            if self.writes is not None:
                self.writes.drain()
            with Store(self.db_path) as store:
                rows = query.rows(store, feeds=self.shown_feeds)
                at = next((i for i, r in enumerate(rows) if r.rowid == keep), None)
                self.post_message(RowsLoaded(query, rows, generation, True, None, at))
                # Counted after the list is on its way: 10 ms on 100,000 articles.
                self.post_message(CountsRead(store.counts(self.shown_feeds)))
        except StoreError as exc:
            self.post_message(RowsFailed(query, str(exc), generation))
        finally:
            if collecting:
                gc.enable()

    @on(RowsLoaded)
    def _rows_loaded(self, event: RowsLoaded) -> None:
        event.stop()
        if event.generation == self._generation:
            self._show(event)

    def _show(self, event: RowsLoaded) -> None:
        listing = self.article_list
        if not event.rows:
            listing.empty_text = self._empty_text(event.query)
        at = event.keep_index  # where the kept article is in the new rows
        if at is None:
            # The full list after its first page keeps the cursor where the user
            # moved it meanwhile (the page is its prefix); a new list starts at the top.
            at = listing.cursor if self._first_shown == event.generation else 0
        self._first_shown = event.generation
        listing.set_rows(event.rows, at)
        if len(event.rows) >= FREEZE_ROWS:
            # A big list is long-lived: move it out of the cyclic collector's reach.
            # Otherwise every full collection walks 100,000 rows (100-200 ms, a
            # visible stall on a keypress).  Rows hold no cycles, so dropped lists
            # are still freed by reference counting; the cost is that cyclic garbage
            # not yet collected at this moment is never collected.
            gc.freeze()
        if event.counts is not None:
            self.post_message(CountsRead(event.counts))
        if event.complete:
            self.loaded = True
            self.header.show(event.query, len(event.rows))

    def _empty_text(self, query: ListQuery) -> str:
        if query.unread_only and query.within_days:
            return (f"No unread articles from the {query.window_label()}. "
                    "Press u to show all, d to widen.")
        if query.unread_only:
            return "No unread articles. Press u to show all."
        if query.search:
            return "No articles match."
        if query.starred_only:
            return "No starred articles. Press s on an article to star it."
        if query.within_days:
            return f"Nothing from the {query.window_label()}. Press d to widen."
        if query.feed_id:
            try:
                state = self.store.feed_states(with_counts=False).get(query.feed_id)
            except StoreError:
                state = None
            if state is not None and state.last_error:
                error = short_error(state.last_error, state.id, 200)
                return f"Could not read this feed: {error}. Press r to try again."
        return self.loading_note or "No articles yet. Press r to refresh."

    @on(RowsFailed)
    def _rows_failed(self, event: RowsFailed) -> None:
        if event.generation != self._generation:
            event.stop()  # an older list's failure: nothing to say
            return
        # Not stopped: the screen puts the error in the status line.
        self.header.show(event.query, 0)
        self.article_list.set_rows([], 0)
