"""The main screen: article list, story, and the Sources and People panels.

The screen ties the rooms together: the list pane loads rows, the story pane
finds, the :class:`~reader.ui.view_stack.ViewStack` knows what Esc returns to,
:class:`~reader.ui.marks.Marks` stores read and starred marks,
:class:`~reader.ui.refresh_run.RefreshRun` refreshes and
:class:`~reader.ui.page_text.FullTextView` fetches web pages.  Anything slow runs
in a thread worker with its own :class:`~reader.store.Store` and reports back
with a message; the UI thread only does quick indexed reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.reactive import reactive
from textual.screen import Screen

from reader.config import Config
from reader.models import Article, Entities, Entity, FeedConfig
from reader.store import ArticleRow, FeedState, Store, StoreError, extracted, name_key
from reader.ui.links import copy_link, open_link
from reader.ui.marks import Marks
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
    StoreWritten,
    SyncFinished,
    SyncStepped,
)
from reader.ui.name_hints import NameHints
from reader.ui.page_text import FullTextView
from reader.ui.query import ListQuery
from reader.ui.refresh_run import RefreshRun, startup_refresh
from reader.ui.text import display_line, welcome_text
from reader.ui.view_stack import Move, ViewStack
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_search import ArticleSearch
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.list_pane import ListPane
from reader.ui.widgets.side_panels import SidePanels
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.story_pane import StoryPane
from reader.ui.widgets.story_view import StoryView
from reader.ui.widgets.type_ahead import hand_to_input

NARROW = 100
"""Below this width the list sits over the story, and the side panels beside the story."""

PANELS_MIN = 80
"""Below this width the side panels start hidden (``p`` shows them)."""


class MainScreen(Screen[None]):
    """Article list, story, Sources and People."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # key, action, footer label, id, shown in the footer, help text
        # Esc first, so the footer says "Back" at any width whenever it goes back.
        Binding("escape", "back", "Back", id="back",
                tooltip="Close find or search, else back to the previous list"),
        Binding("tab", "focus_pane(1)", "Next pane", show=False, id="next_pane",
                tooltip="Move focus to the next pane"),
        Binding("shift+tab", "focus_pane(-1)", "Previous pane", show=False,
                id="previous_pane", tooltip="Move focus to the previous pane"),
        Binding("space", "story_page(1)", "Scroll story", show=False, id="story_scroll",
                tooltip="Scroll the story down a page (from any pane)"),
        Binding("b", "story_page(-1)", "Scroll back", show=False, id="story_scroll_back",
                tooltip="Scroll the story up a page (from any pane)"),
        Binding("slash", "find", "Find", id="find",
                tooltip="Find in the story: incremental, every match highlighted"),
        Binding("n,enter", "next_match(1)", "Next", id="next_match",  # (while a find is lit)
                tooltip="Next match of the find, wrapping around"),
        Binding("N", "next_match(-1)", "Previous", id="previous_match",
                tooltip="Previous match of the find, wrapping around"),
        Binding("m", "toggle_read", "Read", id="toggle_read",
                tooltip="Mark the article read or unread"),
        Binding("A", "mark_all_read", "All read", show=False, id="mark_all_read",
                tooltip="Mark every listed article read (asks y/n)"),
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
    ]

    goes_back: reactive[bool] = reactive(False, repaint=False, bindings=True)
    """Whether Esc goes back; the footer's keys are rebuilt only when this changes (a
    rebuild costs a few milliseconds)."""

    def __init__(
        self, config: Config, db_path: Path, store: Store, *, refresh_at_start: bool = True
    ) -> None:
        """``store`` is this (the UI) thread's; workers open their own."""
        super().__init__()
        self._config = config
        self.db_path = db_path
        self.refresh_at_start = refresh_at_start
        self.store = store
        self.marks = Marks(self, db_path)
        self.views = ViewStack()
        self.opened: Article | None = None
        self.opened_row: ArticleRow | None = None
        self._entities: Entities | None = None
        self._panels: bool | None = None
        self.hints = NameHints()
        """Full names from other stories (hints for the extractor), shared by the workers."""
        self.full_texts = FullTextView(self)
        self.refresher = RefreshRun(self)

    @property
    def config(self) -> Config:
        return self._config

    @config.setter
    def config(self, config: Config) -> None:
        """The config in use: the list shows its feeds' articles (and the starred ones)."""
        self._config = config
        self.list_pane.shown_feeds = tuple(feed.id for feed in config.feeds) or None

    # Layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ListPane(self.store, self.db_path, self.marks.writes, id="list-pane")
            with Vertical(id="reading"):
                yield StoryPane(id="story-pane")
                yield SidePanels(id="side")
        yield StatusBar(id="status")
        yield ReaderFooter()

    @property
    def query_state(self) -> ListQuery:
        """What the list shows."""
        return self.views.current

    @property
    def list_pane(self) -> ListPane:
        return self.query_one(ListPane)

    @property
    def story_pane(self) -> StoryPane:
        return self.query_one(StoryPane)

    @property
    def article_list(self) -> ArticleList:
        return self.list_pane.article_list

    @property
    def story(self) -> StoryView:
        return self.story_pane.story

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.query_one("#story-pane").border_title = "Story"
        self.query_one("#list-pane").border_title = "Articles"
        self.config = self._config  # (the list pane now exists to be told its feeds)
        self.show_sync_status()
        startup = startup_refresh(self.config, self.store) if self.refresh_at_start else None
        if startup is not None:  # an empty list says so until it is done, not "No articles"
            self.list_pane.loading_note = f"Loading {startup[1]}…"
        self.list_pane.load(self.query_state)
        self.article_list.focus()
        self.story.empty_text = welcome_text(self.config.keys)
        if self.config.settings.extractor != "rules":
            from reader.entities import extractor_problem

            problem = extractor_problem(self.config.settings.extractor)
            if problem:  # e.g. spaCy not installed: the rules are used instead
                self.notify(problem, severity="warning", timeout=10, markup=False)
        if startup is not None:
            self.refresher.start(*startup)

    def on_unmount(self) -> None:
        self.marks.drain()  # a key pressed just before quitting is kept
        self.store.close()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        show = self._panels if self._panels is not None else width >= PANELS_MIN
        self.set_class(not show, "-no-panels")

    # Loading the list ------------------------------------------------------

    def _go(self, move: Move | None) -> None:
        """Show a list the view stack moved to: the cursor on the article it names, else
        on the open article if that is listed, else on the top row."""
        if move is None:
            return
        keep = move.keep or (self.opened.rowid if self.opened is not None else None)
        self.list_pane.load(move.query, keep)
        self._show_back()

    def _show_back(self) -> None:
        """The footer shows Esc as "Back" only when it goes back."""
        self.goes_back = self.story_pane.finding or self.views.can_go_back

    def reload(self) -> None:
        """Read the list again (new articles, a failed write), the cursor on its article."""
        row = self.article_list.row  # (at the top with nothing open: new articles come there)
        keep = row.rowid if row and (self.article_list.cursor or self.opened) else None
        self.list_pane.load(self.query_state, keep)

    @on(CountsRead)
    def _counts_read(self, event: CountsRead) -> None:
        self.status.counts = event.counts

    @on(RowsFailed)
    def _rows_failed(self, event: RowsFailed) -> None:
        self.status.set_problem(event.error)

    def show_view(self, query: ListQuery) -> None:
        """Switch the list to ``query`` (a feed, tag, follow; from the feeds view or the
        palette); Esc returns."""
        self.list_pane.search_box.close()
        row = self.article_list.row
        self._go(self.views.show(query, row.rowid if row else None))
        self.set_focus(self.article_list)

    # Opening ---------------------------------------------------------------

    @on(ArticleOpened)
    def _article_opened(self, event: ArticleOpened) -> None:
        self.open_row(event.row)

    def open_row(self, row: ArticleRow) -> None:
        article = self.store.article(row.rowid)
        if article is None:
            self.status.set_problem("that article is no longer in the store")
            return
        self.opened = article
        self.opened_row = row
        self.article_list.mark_opened(row.rowid)
        self.story_pane.close_find()
        full = self.full_texts.show(article)
        if self.query_state.search:  # what the search matched, lit up; n and N step through
            self.story.search(self.query_state.search, words=True)
        self._show_back()
        if self.config.settings.mark_read_on_open and not row.read:
            self.marks.set_read(row, True)
        entities = self.store.entities(row.rowid)
        self.show_entities(entities if full is None else full.entities)
        if entities is None:
            # After the story is painted: extraction competes for the GIL.
            self.call_after_refresh(self._extract, row.rowid, article.text)

    @property
    def current_entities(self) -> Entities | None:
        """People and sources of the opened article (``None``: none open or not found yet)."""
        return self._entities

    def show_entities(self, entities: Entities | None) -> None:
        """List ``entities`` in the panels (``None``: still being found)."""
        self._entities = entities
        self.query_one(SidePanels).show_entities(entities, self.query_state.follow)

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self, rowid: int, text: str) -> None:
        try:
            from reader.entities import extractor_for

            run = extractor_for(self.config.settings.extractor)
            with Store(self.db_path) as store:
                entities = run(text, self.hints.known(store))
                # Store the text the offsets refer to: a feed item kept as raw HTML
                # is converted when read, and would otherwise never be search-indexed.
                store.save_extracted([extracted(rowid, text, entities)])
            self.hints.learn(person.name for person in entities.people)
        except Exception as exc:  # the story stays readable without its entities
            message = f"could not find people and sources: {type(exc).__name__}: {exc}"
            self.post_message(EntitiesExtracted(rowid, Entities(), message))
            return
        self.post_message(EntitiesExtracted(rowid, entities))

    @on(EntitiesExtracted)
    def _entities_extracted(self, event: EntitiesExtracted) -> None:
        if event.error:
            self.status.set_problem(event.error)
        opened = self.opened
        if opened is not None and opened.rowid == event.key and self.story.full_text is None:
            self.show_entities(event.entities)

    def action_full_text(self) -> None:
        self.full_texts.toggle()

    @on(FullTextFetched)
    def _full_text_fetched(self, event: FullTextFetched) -> None:
        self.full_texts.fetched(event)

    @on(EntitySelected)
    def _entity_selected(self, event: EntitySelected) -> None:
        entity = event.entity
        if entity is None:
            self.story_pane.show_mentions([], "")
            return
        self.story_pane.show_mentions(entity.mentions or entity.citations, entity.name)

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
        self.show_view(ListQuery(follow=name, follow_also=also))

    # Read and starred state -------------------------------------------------

    def target_row(self) -> ArticleRow | None:
        """The article an action applies to: the list cursor's, or the opened one."""
        listing = self.article_list
        if listing.has_focus or self.opened_row is None:
            return listing.row
        return self.opened_row

    def action_toggle_read(self) -> None:
        row = self.target_row()
        if row is not None:
            self.marks.set_read(row, not row.read)

    def action_toggle_star(self) -> None:
        row = self.target_row()
        if row is not None:
            self.marks.toggle_star(row)

    def action_mark_all_read(self) -> None:
        self.marks.mark_all_read()

    @on(StoreWritten)
    def _store_written(self, event: StoreWritten) -> None:
        if event.error:
            self.status.set_problem(event.error)
            self.reload()  # show what is stored
            self.status.counts = self.store.counts(self.list_pane.shown_feeds)
        elif event.summary:
            self.notify(event.summary, timeout=2, markup=False)
        self.show_sync_status()  # a change to a server article waits for the next sync

    def action_toggle_unread_only(self) -> None:
        self._refilter(self.query_state.with_unread(not self.query_state.unread_only))

    def action_cycle_dates(self) -> None:
        self._refilter(self.query_state.with_next_window())

    def _refilter(self, query: ListQuery) -> None:
        """The same view, other filters: the cursor stays on its article if still listed."""
        row = self.article_list.row
        self.list_pane.load(self.views.replace(query).query, row.rowid if row else None)

    # Links -----------------------------------------------------------------

    def action_open_link(self) -> None:
        open_link(self)

    def action_copy_link(self) -> None:
        copy_link(self)

    # Story scrolling and find ----------------------------------------------

    def action_story_page(self, direction: int) -> None:
        if direction > 0:
            self.story.scroll_page_down(animate=False)
        else:
            self.story.scroll_page_up(animate=False)

    def action_focus_pane(self, step: int) -> None:
        """Tab: the next pane; into People or Sources, on their first entry."""
        pane = self.focus_next() if step > 0 else self.focus_previous()
        if isinstance(pane, EntityPanel):
            pane.select_first()

    def action_find(self) -> None:
        self.story_pane.open_find()
        self._show_back()

    def action_next_match(self, step: int) -> None:
        self.story_pane.next_match(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_match":
            return bool(self.story.query_text)
        if action == "back":  # shown as "Back" in the footer only when it goes back
            return self.story_pane.finding or self.views.can_go_back
        return True

    # Search across articles ------------------------------------------------

    def action_search_all(self) -> None:
        box = self.list_pane.search_box
        if not box.display:
            row = self.article_list.row
            self.views.begin_search(row.rowid if row else None)
            box.display = True
            self._show_back()
        self.set_focus(box)

    @on(ArticleSearch.Search)
    def _search(self, event: ArticleSearch.Search) -> None:
        self._go(self.views.search(event.text))

    def action_search_results(self) -> None:
        """Enter or Down in the search box: the results, searched for what is typed."""
        self.list_pane.search_box.flush()
        self.set_focus(self.article_list)  # at once: the next key is for the list

    def _close_search(self) -> bool:
        box = self.list_pane.search_box
        if not box.display:
            return False
        box.close()
        self.set_focus(self.article_list)  # at once: the next key is for the list
        self._go(self.views.end_search())
        return True

    def on_key(self, event: Key) -> None:
        """Keys typed right after ``/`` or ``S`` reach the input (see type_ahead)."""
        hand_to_input(self.focused, event)

    # Views -----------------------------------------------------------------

    def action_back(self) -> None:
        """Esc: close find, else leave the search, else return to the previous list."""
        if self.story_pane.finding:  # (matches the search lit go with the search: one Esc)
            searched = not self.story_pane.find_bar.display and bool(self.query_state.search)
            self.story_pane.close_find()
            self._show_back()
            if not searched:
                return
        if self._close_search():
            return
        move = self.views.back()
        if move is not None:
            self._go(move)
            self.set_focus(self.article_list)

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
        self.reload()
        if then is not None:
            then(states)

    def action_toggle_panels(self) -> None:
        self._panels = self.has_class("-no-panels")
        self._apply_layout(self.size.width)

    # Refresh ---------------------------------------------------------------

    def action_refresh(self) -> None:
        self.refresher.start(None, "all feeds")

    def refresh_feeds(self, feeds: list[FeedConfig] | None, label: str) -> None:
        self.refresher.start(feeds, label)

    @on(RefreshProgressed)
    def _refresh_progressed(self, event: RefreshProgressed) -> None:
        self.refresher.progressed(event)

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        self.refresher.finished(event)
        if self.list_pane.loading_note:  # the first load is done: an empty list is empty now
            self.list_pane.loading_note = None
            self.reload()

    def warn(self, text: str) -> None:
        self.notify(text, severity="warning", markup=False, timeout=15)

    @on(SyncStepped)
    def _sync_stepped(self, event: SyncStepped) -> None:
        self.status.activity = f"Syncing · {event.step}"

    @on(SyncFinished)
    def _sync_finished(self, event: SyncFinished) -> None:
        from reader.ui.sync import show_sync

        if show_sync(self.status, event, after_refresh=bool(self.config.feeds)):
            self.indexed()

    def show_sync_status(self) -> None:
        """The status line's sync field: when the last sync was, how many changes wait."""
        if self.config.sync is not None:
            from reader.ui.sync import status_text

            self.status.sync = status_text(self.store)

    def list_is_empty(self) -> bool:
        return not self.article_list.rows

    def indexed(self) -> None:
        """New articles are stored and indexed: reload the list, and the opened
        story's people and sources if they were still being found."""
        self.hints.stale()  # new stories bring new full names
        self.reload()
        if self.opened is not None and self._entities is None:
            entities = self.store.entities(self.opened.rowid)
            if entities is not None:
                self.show_entities(entities)
