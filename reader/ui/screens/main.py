"""The main screen: article list, story, and the Sources and People panels.

The screen owns the state that ties the widgets together (the stack of list
views, the opened article) and the workers.  Anything slow (reading a big
list, refreshing, extracting entities) runs in a thread worker with its own
:class:`~reader.store.Store` and reports back with a message; the UI thread
only does quick indexed reads and single-row writes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input

from reader.config import Config
from reader.html_text import safe_link
from reader.models import Article, Entities, Entity, FeedConfig
from reader.refresh import refresh as run_refresh
from reader.store import ArticleRow, FeedState, Store, StoreError, extracted, name_key
from reader.ui.full_text import FullTextView
from reader.ui.messages import (
    ArticleOpened,
    CountsRead,
    EntitiesExtracted,
    EntityFollowed,
    EntitySelected,
    FeedsRead,
    FullTextFetched,
    RefreshFinished,
    RefreshProgressed,
    RowsFailed,
    RowsLoaded,
    StoreWritten,
)
from reader.ui.query import ListQuery
from reader.ui.text import display_line, short_error
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_search import ArticleSearch
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.find_bar import FindBar
from reader.ui.widgets.list_header import ListHeader
from reader.ui.widgets.people_panel import PeoplePanel
from reader.ui.widgets.sources_panel import SourcesPanel
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.story_view import StoryView
from reader.write_queue import WriteQueue

if TYPE_CHECKING:
    from reader.entities import KnownNames
    from reader.refresh import RefreshProgress, RefreshSummary

FIRST_PAGE = 500
"""Rows read first at start-up so the list paints before a 100k-row query finishes."""

NARROW = 100
"""Below this width the panes stack and the side panels hide (``p`` shows them)."""

FREEZE_ROWS = 5_000
"""Lists at least this long are frozen out of the garbage collector (see ``_rows_loaded``)."""

SEARCH_DELAY = 0.15
"""Seconds of typing pause before the article search runs."""

RELOAD_EVERY = 1.5
"""Seconds between list reloads while a refresh brings in new articles."""


class MainScreen(Screen[None]):
    """Article list, story, Sources and People."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # key, action, footer label, id, shown in the footer, help text
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next_pane",
                tooltip="Move focus to the next pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False,
                id="previous_pane", tooltip="Move focus to the previous pane"),
        Binding("space", "story_page(1)", "Scroll story", show=False, id="story_scroll",
                tooltip="Scroll the story down a page (from any pane)"),
        Binding("b", "story_page(-1)", "Scroll back", show=False, id="story_scroll_back",
                tooltip="Scroll the story up a page (from any pane)"),
        Binding("slash", "find", "Find", id="find",
                tooltip="Find in the story: incremental, every match highlighted"),
        Binding("n,enter", "next_match(1)", "Next match", show=False, id="next_match",
                tooltip="Next match of the find, wrapping around"),
        Binding("N", "next_match(-1)", "Previous match", show=False, id="previous_match",
                tooltip="Previous match of the find, wrapping around"),
        Binding("m", "toggle_read", "Read", id="toggle_read",
                tooltip="Mark the article read or unread"),
        Binding("A", "mark_all_read", "All read", show=False, id="mark_all_read",
                tooltip="Mark every listed article read"),
        Binding("u", "toggle_unread_only", "Unread", id="unread_only",
                tooltip="Show only unread articles, or all"),
        Binding("d", "cycle_dates", "Dates", show=False, id="date_filter",
                tooltip="Dates shown: any time, last 24 hours, 7 or 30 days"),
        Binding("s", "toggle_star", "Star", id="star", tooltip="Star or unstar the article"),
        Binding("o", "open_link", "Browser", id="open_link",
                tooltip="Open the article's link in a web browser"),
        Binding("y", "copy_link", "Copy link", show=False, id="copy_link",
                tooltip="Copy the article's link to the clipboard"),
        Binding("r", "refresh", "Refresh", id="refresh",
                tooltip="Refresh every feed in the background"),
        Binding("S,ctrl+f", "search_all", "Search", id="search_all",
                tooltip="Search every stored article (full text)"),
        Binding("t", "feeds", "Feeds", id="feeds",
                tooltip="Feeds and tags: choose what the list shows"),
        Binding("v", "full_text", "Full text", id="full_text",
                tooltip="Read the full web page instead of the feed's text, or back"),
        Binding("p", "toggle_panels", "Panels", show=False, id="toggle_panels",
                tooltip="Show or hide the Sources and People panels"),
        Binding("escape", "back", "Back", show=False, id="back",
                tooltip="Close find or search, else back to the previous list"),
    ]

    def __init__(
        self, config: Config, db_path: Path, store: Store, *, refresh_at_start: bool = True
    ) -> None:
        """``store`` is this (the UI) thread's; workers open their own."""
        super().__init__()
        self.config = config
        self.db_path = db_path
        self.refresh_at_start = refresh_at_start
        self.store = store
        self._writes = WriteQueue(db_path)
        self.query_state = ListQuery()
        self._views: list[tuple[ListQuery, str | None]] = []
        self._generation = 0
        self._keep: str | None = None
        self._loaded = False
        self.opened: Article | None = None
        self._opened_row: ArticleRow | None = None
        self._entities: Entities | None = None
        self._refreshing = False
        self._refresh_queued: list[FeedConfig] | None = None
        self._refresh_errors: list[str] = []
        self._search_timer: Timer | None = None
        self._reload_timer: Timer | None = None
        self._search_base: tuple[ListQuery, str | None] | None = None
        self._panels: bool | None = None
        self._known: KnownNames | None = None
        """Full names from other stories (hints for the extractor), built on first use."""
        self.full_texts = FullTextView(self)

    # Layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield ListHeader(id="list-header")
                yield ArticleSearch(id="article-search")
                yield ArticleList(id="articles")
            with Vertical(id="story-pane"):
                yield StoryView(id="story")
                yield FindBar(id="find-bar")
            with Vertical(id="side"):
                yield SourcesPanel(id="sources")
                yield PeoplePanel(id="people")
        yield StatusBar(id="status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def story(self) -> StoryView:
        return self.query_one(StoryView)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def header(self) -> ListHeader:
        return self.query_one(ListHeader)

    @property
    def search_box(self) -> ArticleSearch:
        return self.query_one(ArticleSearch)

    def on_mount(self) -> None:
        self.query_one("#story-pane").border_title = "Story"
        self.query_one("#list-pane").border_title = "Articles"
        self.query_one(SourcesPanel).show_entities([])
        self.query_one(PeoplePanel).show_entities([])
        self.status.set_counts(self.store.counts())
        self._load(self.query_state)
        self.article_list.focus()
        if self.config.settings.extractor != "rules":
            from reader.entities import extractor_problem

            problem = extractor_problem(self.config.settings.extractor)
            if problem:  # e.g. spaCy not installed: the rules are used instead
                self.notify(problem, severity="warning", timeout=10, markup=False)
        if self.refresh_at_start:
            if self.config.settings.refresh_on_start:
                self._start_refresh(None, "all feeds")
            else:
                # Local sources load at start; so does the indexing of articles a
                # `reader refresh` (from cron, say) stored but left unindexed.
                local = [feed for feed in self.config.feeds if feed.path]
                if local or self.store.has_unindexed():
                    self._start_refresh(local, "local sources" if local else "the index")

    def on_unmount(self) -> None:
        self._writes.drain()  # a key pressed just before quitting is kept
        self.store.close()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        show = self._panels if self._panels is not None else not narrow
        self.set_class(not show, "-no-panels")

    # Loading the list ------------------------------------------------------

    def _load(self, query: ListQuery, keep: str | None = None) -> None:
        """Show ``query``, keeping the cursor on article ``keep`` if it is listed.

        The first page is read here, on the UI thread, so the next frame already
        shows it (an indexed ``LIMIT``: about a millisecond, even on 100,000
        articles); a worker reads the rest.  Full-text searches, whose ranking
        must see every match before the first row, go straight to the worker.
        """
        if query != self.query_state or not self._loaded:
            self.header.show(query, None)
        self.query_state = query
        self._generation += 1
        self._keep = keep
        if not query.search:
            try:
                first = query.rows(self.store, limit=FIRST_PAGE)
            except StoreError as exc:
                self._rows_failed(RowsFailed(query, str(exc), self._generation))
                return
            complete = len(first) < FIRST_PAGE
            at = next((i for i, row in enumerate(first) if row.id == keep), None)
            if complete or keep is None or at is not None:
                # (A kept article beyond the first page: wait for the full list
                # rather than flash the cursor somewhere else.)
                self._rows_loaded(RowsLoaded(query, first, self._generation, complete, None, at))
            if complete:
                self._read_counts()
                return
        self._read_rows(query, self._generation, keep)

    @work(thread=True, group="counts")
    def _read_counts(self) -> None:
        try:
            with Store(self.db_path) as store:
                self.post_message(CountsRead(store.counts()))
        except StoreError:
            pass  # the counts are only informative; the next load tries again

    @work(thread=True, exclusive=True, group="rows")
    def _read_rows(self, query: ListQuery, generation: int, keep: str | None) -> None:
        # 100,000 new rows would trigger full garbage collections, which hold the
        # GIL for 100+ ms each and stall the UI; nothing here makes cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with Store(self.db_path) as store:
                rows = query.rows(store)
                at = next((i for i, r in enumerate(rows) if r.id == keep), None) if keep else None
                self.post_message(RowsLoaded(query, rows, generation, True, None, at))
                # Counted after the list is on its way: 10 ms on 100,000 articles.
                self.post_message(CountsRead(store.counts()))
        except StoreError as exc:
            self.post_message(RowsFailed(query, str(exc), generation))
        finally:
            if collecting:
                gc.enable()

    @on(CountsRead)
    def _counts_read(self, event: CountsRead) -> None:
        self.status.set_counts(event.counts)

    @on(RowsLoaded)
    def _rows_loaded(self, event: RowsLoaded) -> None:
        if event.generation != self._generation:
            return
        listing = self.article_list
        if event.query.unread_only:
            listing.empty_text = "No unread articles. Press u to show all."
        elif event.query.search:
            listing.empty_text = "No articles match."
        elif event.query.within_days:
            listing.empty_text = f"Nothing from the {event.query.window_label()}. Press d to widen."
        else:
            listing.empty_text = "No articles yet. Press r to refresh."
        at = event.keep_index  # the worker looked for the kept article in the new rows
        if not self._loaded and self._keep is None and listing.row is not None:
            # The full list after the first page: the page is its prefix.
            at = listing.cursor
        listing.set_rows(event.rows, at=at)
        if len(event.rows) >= FREEZE_ROWS:
            # A big list is long-lived: move it out of the cyclic collector's reach.
            # Otherwise every full collection walks 100,000 rows (100-200 ms, a
            # visible stall on a keypress).  Rows hold no cycles, so dropped lists
            # are still freed by reference counting; the cost is that cyclic garbage
            # not yet collected at this moment is never collected.
            gc.freeze()
        if event.counts is not None:
            self.status.set_counts(event.counts)
        if event.complete:
            self._loaded = True
            self._keep = None
            self.header.show(event.query, len(event.rows))

    @on(RowsFailed)
    def _rows_failed(self, event: RowsFailed) -> None:
        if event.generation == self._generation:
            self.status.set_problem(event.error)
            self.header.show(event.query, 0)
            self.article_list.set_rows([])

    def _push_view(self, query: ListQuery) -> None:
        row = self.article_list.row
        self._views.append((self.query_state, row.id if row else None))
        self._load(query)

    def _pop_view(self) -> bool:
        if not self._views:
            return False
        query, keep = self._views.pop()
        self._load(query, keep)
        return True

    def show_view(self, query: ListQuery) -> None:
        """Switch the list to ``query`` (from the feeds view or the palette); Esc returns."""
        if query == self.query_state:
            return
        if query.is_filtered:
            self._push_view(query)
        else:
            self._views.clear()
            self._load(query)
        self.article_list.focus()

    # Opening ---------------------------------------------------------------

    @on(ArticleOpened)
    def _article_opened(self, event: ArticleOpened) -> None:
        self.open_row(event.row)

    def open_row(self, row: ArticleRow) -> None:
        article = self.store.article(row.id)
        if article is None:
            self.status.set_problem("that article is no longer in the store")
            return
        self.opened = article
        self._opened_row = row
        self.article_list.mark_opened(row.id)
        self._close_find()
        full = self.full_texts.show(article)
        if self.query_state.search:  # what the search matched, lit up; n and N step through
            self.story.search(self.query_state.search, words=True)
        if self.config.settings.mark_read_on_open and not row.read:
            self._set_read(row, True)
        entities = self.store.entities(row.id)
        self._show_entities(entities if full is None else full.entities)
        if entities is None:
            # After the story is painted: extraction competes for the GIL.
            self.call_after_refresh(self._extract, row.id, row.rowid, article.text)

    @property
    def current_entities(self) -> Entities | None:
        """People and sources of the opened article (``None``: none open or not found yet)."""
        return self._entities

    def _show_entities(self, entities: Entities | None) -> None:
        self._entities = entities
        sources = self.query_one(SourcesPanel)
        people = self.query_one(PeoplePanel)
        sources.show_entities(None if entities is None else entities.sources)
        people.show_entities(None if entities is None else entities.people)
        followed = self.query_state.follow
        if entities is not None and followed:
            key = name_key(followed)
            for panel in (people, sources):
                for index, entity in enumerate(panel.entities):
                    if key in (name_key(entity.name), name_key(entity.hint or "")):
                        panel.highlighted = index
                        return

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self, article_id: str, rowid: int, text: str) -> None:
        try:
            from reader.entities import KnownNames, extractor_for

            run = extractor_for(self.config.settings.extractor)
            with Store(self.db_path) as store:
                known = self._known
                if known is None:
                    # Built once and reused: reading every known name takes longer
                    # than extracting one story.
                    known = self._known = KnownNames(store.known_people())
                entities = run(text, known)
                # Store the text the offsets refer to: a feed item kept as raw HTML
                # is converted when read, and would otherwise never be search-indexed.
                store.save_extracted([extracted(rowid, text, entities)])
            for person in entities.people:
                known.add(person.name)
        except Exception as exc:  # the story stays readable without its entities
            message = f"could not find people and sources: {type(exc).__name__}: {exc}"
            self.post_message(EntitiesExtracted(article_id, Entities(), message))
            return
        self.post_message(EntitiesExtracted(article_id, entities))

    @on(EntitiesExtracted)
    def _entities_extracted(self, event: EntitiesExtracted) -> None:
        if event.error:
            self.status.set_problem(event.error)
        opened = self.opened
        if opened is not None and opened.id == event.article_id and self.story.full_text is None:
            self._show_entities(event.entities)

    def action_full_text(self) -> None:
        self.full_texts.toggle()

    @on(FullTextFetched)
    def _full_text_fetched(self, event: FullTextFetched) -> None:
        self.full_texts.fetched(event)

    @on(EntitySelected)
    def _entity_selected(self, event: EntitySelected) -> None:
        entity = event.entity
        if entity is None:
            self.story.highlight_mentions([])
            return
        self.story.highlight_mentions(entity.mentions or entity.citations)
        for panel in self.query(EntityPanel):
            if event.role != panel.ROLE and panel.highlighted is not None:
                panel.highlighted = None

    @on(EntityFollowed)
    def _entity_followed(self, event: EntityFollowed) -> None:
        self.follow(event.entity)

    def follow(self, entity: Entity) -> None:
        """List every stored story that mentions ``entity``; Esc returns.

        Follows the fuller name from other stories too when there is one ("Cabello"
        in this story, known elsewhere as "Diosdado Cabello"), so this finds the
        stories that name him either way.
        """
        name = display_line(entity.name, 300)
        hint = display_line(entity.hint, 300)
        also = (hint,) if hint and name_key(hint) != name_key(name) else ()
        query = ListQuery(follow=name, follow_also=also)
        if query != self.query_state:
            self._push_view(query)
        self.article_list.focus()

    # Read and starred state -------------------------------------------------

    def _target(self) -> ArticleRow | None:
        """The article an action applies to: the list cursor's, or the opened one."""
        listing = self.article_list
        if listing.has_focus or self._opened_row is None:
            return listing.row
        return self._opened_row

    def _set_read(self, row: ArticleRow, read: bool) -> None:
        """Shown at once; stored by a worker (see :meth:`_write`)."""
        if row.read != read:
            self.status.adjust_unread(-1 if read else 1)
        for same in self._same_rows(row):
            same.read = read
        self.article_list.refresh_row(row.id)
        self._write(lambda store: store.set_read([row.id], read))

    def _same_rows(self, row: ArticleRow) -> list[ArticleRow]:
        """``row`` and the list's row for the same article (they may be different objects)."""
        rows = [row]
        index = self.article_list.index_of(row.id)
        if index is not None and self.article_list.rows[index] is not row:
            rows.append(self.article_list.rows[index])
        if self._opened_row is not None and self._opened_row.id == row.id:
            rows.append(self._opened_row)
        return rows

    def action_toggle_read(self) -> None:
        row = self._target()
        if row is not None:
            self._set_read(row, not row.read)

    def action_toggle_star(self) -> None:
        row = self._target()
        if row is None:
            return
        starred = not row.starred
        for same in self._same_rows(row):
            same.starred = starred
        self.article_list.refresh_row(row.id)
        self._write(lambda store: store.set_starred([row.id], starred))

    def action_mark_all_read(self) -> None:
        """Mark every listed article read: shown at once, written by a worker (a
        100,000-row update takes longer than a frame)."""
        rows = [row for row in self.article_list.rows if not row.read]
        if not rows:
            return
        for row in rows:
            row.read = True
        opened = self._opened_row
        if opened is not None and not opened.read:
            opened.read = any(row.id == opened.id for row in rows)
        self.article_list.refresh()
        self.status.adjust_unread(-len(rows))
        article_ids = [row.id for row in rows]
        self._write(lambda store: store.set_read(article_ids, True), "Marked {:,} articles read")

    def _write(self, apply: Callable[[Store], int], summary: str | None = None) -> None:
        """Store a change the screen already shows, off the UI thread and in order:
        a refresh or indexing may hold the store's write lock for a while.

        ``summary`` (formatted with the changed count) is told the user when done.
        """

        def done(changed: int, error: str | None) -> None:
            text = summary.format(changed) if summary and not error else None
            self.post_message(StoreWritten(changed, error, text))

        self._writes.put(apply, done)
        self._drain_writes()

    @work(thread=True, group="write")
    def _drain_writes(self) -> None:
        self._writes.drain()

    @on(StoreWritten)
    def _store_written(self, event: StoreWritten) -> None:
        if event.error:
            self.status.set_problem(event.error)
            row = self.article_list.row
            self._load(self.query_state, row.id if row else None)  # show what is stored
            self.status.set_counts(self.store.counts())
        elif event.summary:
            self.notify(event.summary, timeout=2, markup=False)

    def action_toggle_unread_only(self) -> None:
        row = self.article_list.row
        query = self.query_state.with_unread(not self.query_state.unread_only)
        self._load(query, row.id if row else None)

    def action_cycle_dates(self) -> None:
        row = self.article_list.row
        query = self.query_state.with_next_window()
        self._load(query, row.id if row else None)

    # Links -----------------------------------------------------------------

    def _target_url(self) -> str | None:
        row = self._target()
        if row is None:
            return None
        if self.opened is not None and self.opened.id == row.id:
            url = self.opened.url
        else:
            article = self.store.article(row.id)
            url = article.url if article else None
        if not url:
            self.status.set_problem("this article has no link")
            return None
        return url

    def action_open_link(self) -> None:
        url = self._target_url()
        if not url:
            return
        if safe_link(url) != url:
            # Defence in depth: ingest never stores such a link, a tampered store might.
            self.notify(
                f"Not opened: only http, https and mailto links open ({display_line(url)[:60]})",
                severity="warning",
                markup=False,
            )
            return
        self.app.open_url(url)

    def action_copy_link(self) -> None:
        url = self._target_url()
        if url:
            self.app.copy_to_clipboard(url)
            self.notify("Link copied", timeout=2, markup=False)

    # Story scrolling and find ----------------------------------------------

    def action_story_page(self, direction: int) -> None:
        if direction > 0:
            self.story.scroll_page_down(animate=False)
        else:
            self.story.scroll_page_up(animate=False)

    def action_find(self) -> None:
        bar = self.find_bar
        bar.display = True
        # Focus now, not after a refresh: keys typed right after "/" belong to the input.
        self.set_focus(bar.input)
        if bar.input.value:
            self._find(bar.input.value)

    def _find(self, query: str) -> None:
        current, total = self.story.search(query)
        self.find_bar.set_counter(current, total, query)

    @on(Input.Changed, "#find-input")
    def _find_changed(self, event: Input.Changed) -> None:
        self._find(event.value)

    @on(Input.Submitted, "#find-input")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self.story.focus()

    @on(FindBar.Stepped)
    def _find_stepped(self, event: FindBar.Stepped) -> None:
        self.action_next_match(event.step)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self._close_find()
        self.story.focus()

    def _close_find(self) -> None:
        bar = self.find_bar
        if bar.display or self.story.query_text:
            bar.display = False
            with bar.input.prevent(Input.Changed):
                bar.input.value = ""
            bar.set_counter(0, 0, "")
            self.story.clear_search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_match":
            return bool(self.story.query_text)
        return True

    def action_next_match(self, step: int) -> None:
        current, total = self.story.next_match(step)
        self.find_bar.set_counter(current, total, self.story.query_text)

    # Search across articles ------------------------------------------------

    def action_search_all(self) -> None:
        box = self.search_box
        if not box.display:
            row = self.article_list.row
            base = self.query_state
            if base.search:
                base = replace(base, search=None)
            self._search_base = (base, row.id if row else None)
            box.display = True
        self.set_focus(box)

    @on(Input.Changed, "#article-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _run_search(self) -> None:
        self._search_timer = None
        if self._search_base is None:
            return
        text = self.search_box.value.strip()
        base, keep = self._search_base
        if not text:
            self._load(base, keep)
            return
        self._load(base.narrowed_like(ListQuery(search=text)))

    @on(Input.Submitted, "#article-search")
    @on(ArticleSearch.ResultsRequested)
    def _search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._run_search()
        self.article_list.focus()

    @on(ArticleSearch.Closed)
    def _search_closed(self) -> None:
        self._close_search()

    def _close_search(self) -> bool:
        box = self.search_box
        if not box.display:
            return False
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        box.display = False
        with box.prevent(Input.Changed):
            box.value = ""
        if self._search_base is not None:
            base, keep = self._search_base
            self._search_base = None
            self._load(base, keep)
        self.article_list.focus()
        return True

    # Views -----------------------------------------------------------------

    def action_back(self) -> None:
        """Esc: close find, else leave the search, else return to the previous list."""
        if self.find_bar.display or self.story.query_text:
            self._close_find()
            return
        if self._close_search():
            return
        if self._pop_view():
            self.article_list.focus()

    def action_feeds(self) -> None:
        """Open the feeds view once a worker has counted each feed's articles
        (a GROUP BY over every stored article: too slow for the UI thread)."""
        self._read_feeds()

    @work(thread=True, exclusive=True, group="feeds")
    def _read_feeds(self) -> None:
        try:
            with Store(self.db_path) as store:
                states = store.feed_states()
        except StoreError as exc:
            self.app.call_from_thread(self.status.set_problem, str(exc))
            return
        self.post_message(FeedsRead(states))

    @on(FeedsRead)
    def _feeds_read(self, event: FeedsRead) -> None:
        from reader.ui.screens.feeds import FeedsScreen

        if self.app.screen is not self:
            return  # something else was opened meanwhile

        def chosen(query: ListQuery | None) -> None:
            if query is not None:
                self.show_view(self.query_state.narrowed_like(query))

        self.app.push_screen(FeedsScreen(event.feeds, self), chosen)

    def config_changed(
        self, config: Config, then: Callable[[dict[str, FeedState]], None] | None = None
    ) -> None:
        """feeds.toml was edited from the app: use it, record its feeds, reload the list;
        ``then`` gets the fresh feed states (the feeds view shows them).

        A feed the edit removed takes its stored articles with it (starred ones stay).
        """
        removed = {feed.id for feed in self.config.feeds} - {feed.id for feed in config.feeds}
        self.config = config
        self._sync_feeds(config, removed, then)

    @work(thread=True, exclusive=True, group="sync_feeds")
    def _sync_feeds(
        self,
        config: Config,
        removed: set[str],
        then: Callable[[dict[str, FeedState]], None] | None,
    ) -> None:
        try:
            with Store(self.db_path) as store:
                store.sync_feeds(config.feeds)
                store.forget_feeds(removed)
                states = store.feed_states()
        except StoreError as exc:
            self.app.call_from_thread(self.status.set_problem, str(exc))
            return
        self.app.call_from_thread(self._feeds_synced, states, then)

    def _feeds_synced(
        self, states: dict[str, FeedState], then: Callable[[dict[str, FeedState]], None] | None
    ) -> None:
        row = self.article_list.row
        self._load(self.query_state, row.id if row else None)
        if then is not None:
            then(states)

    def action_toggle_panels(self) -> None:
        self._panels = self.has_class("-no-panels")
        self._apply_layout(self.size.width)

    # Refresh ---------------------------------------------------------------

    def action_refresh(self) -> None:
        self._start_refresh(None, "all feeds")

    def refresh_feeds(self, feeds: list[FeedConfig] | None, label: str) -> None:
        self._start_refresh(feeds, label)

    def _start_refresh(self, feeds: list[FeedConfig] | None, label: str) -> None:
        if not self.config.feeds:
            self.status.set_problem("no feeds configured")
            return
        if self._refreshing:
            self._refresh_queued = feeds if feeds is not None else list(self.config.feeds)
            self.status.set_activity("Refresh queued")
            return
        self._refreshing = True
        self._refresh_errors = []
        self.status.set_problem("")
        self.status.set_activity(f"Refreshing {label}…")
        self._refresh_worker(feeds)

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_worker(self, feeds: list[FeedConfig] | None) -> None:
        def progressed(progress: RefreshProgress) -> None:
            self.post_message(RefreshProgressed(progress))

        try:
            # Indexing (people, sources, search) runs in the refresh's worker
            # processes, not in this thread, so it does not compete for the GIL.
            summary = run_refresh(self.config, self.db_path, feeds=feeds, on_progress=progressed)
        except Exception as exc:  # a refresh must never take the app down
            self.post_message(RefreshFinished(None, f"refresh failed: {type(exc).__name__}: {exc}"))
            return
        self.post_message(RefreshFinished(summary))

    @on(RefreshProgressed)
    def _refresh_progressed(self, event: RefreshProgressed) -> None:
        progress = event.progress
        if progress.new and self._reload_timer is None:
            # New articles show up in batches while the refresh goes on: at once
            # into an empty list (a first run), else at most every second or so.
            delay = 0.05 if not self.article_list.rows else RELOAD_EVERY
            self._reload_timer = self.set_timer(delay, self._reload_during_refresh)
        title = display_line(progress.feed.title, 40)
        if progress.done < progress.total:
            self.status.set_activity(f"Refreshing {progress.done}/{progress.total} · {title}")
        else:
            self.status.set_activity("Finding people and sources…")
        if progress.error:
            error = short_error(progress.error, progress.feed.id)
            self._refresh_errors.append(f"{title}: {error}")
            self._show_refresh_errors()

    def _reload_during_refresh(self) -> None:
        self._reload_timer = None
        row = self.article_list.row
        self._load(self.query_state, row.id if row else None)

    def _show_refresh_errors(self) -> None:
        errors = self._refresh_errors
        if len(errors) == 1:
            self.status.set_problem(errors[0])
        elif errors:
            self.status.set_problem(f"{len(errors)} feeds failed (t lists them) · {errors[-1]}")

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        self._refreshing = False
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_timer = None
        summary: RefreshSummary | None = event.summary
        if event.error:
            self.status.set_problem(event.error)
        if summary is not None:
            new = f"{summary.new:,} new" if summary.new else "nothing new"
            self.status.set_activity(f"Refreshed {summary.total} · {new}")
            self._show_refresh_errors()
            if summary.new:
                self._known = None  # new stories bring new full names
                self._indexed()
        else:
            self.status.set_activity("")
        queued, self._refresh_queued = self._refresh_queued, None
        if queued is not None:
            self._start_refresh(queued, "feeds")

    def _indexed(self) -> None:
        """New articles are stored and indexed: reload the list, and the opened
        story's people and sources if they were still being found."""
        row = self.article_list.row
        self._load(self.query_state, row.id if row else None)
        if self.opened is not None and self._entities is None:
            entities = self.store.entities(self.opened.id)
            if entities is not None:
                self._show_entities(entities)
