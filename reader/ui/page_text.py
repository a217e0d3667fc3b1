"""The story's full-text view: the article's web page instead of the feed's summary.

Nothing is fetched unless the user asks (``v``) or the article's feed says
``full_text = true``.  A thread worker fetches, extracts the text and its
people and sources, and caches them in the store (:func:`reader.fulltext.full_text_for`);
it reports back with :class:`~reader.ui.messages.FullTextFetched`.  The user may
have moved on by then: the result is shown only if its article is still open
and still waiting for it (it is cached either way, so ``v`` later shows it at
once).  An article whose full text was fetched before opens on it.

It serves a :class:`PageHost` (the main screen) through that protocol's public
methods only, so it imports nothing of the screen.  (Named ``page_text`` so it
is not confused with :mod:`reader.fulltext`, which fetches and extracts.)
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Protocol

from reader.config import Config
from reader.fulltext import FullTextError, is_web_url, site_of
from reader.models import Article, Entities, FullText
from reader.sanitize import sanitize_line
from reader.store import ArticleRow, Store, StoreError
from reader.ui.hosts import WorkerHost
from reader.ui.messages import FullTextFetched
from reader.ui.name_hints import NameHints
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.story_pane import StoryPane

FETCHING = "Fetching full text…"
NO_PAGE = "no web page for this article"

class PageHost(WorkerHost, Protocol):
    """What the full-text view needs from the screen that shows the story."""

    config: Config
    db_path: Path
    store: Store
    hints: NameHints
    opened: Article | None

    @property
    def status(self) -> StatusBar: ...

    @property
    def story_pane(self) -> StoryPane: ...

    def target_row(self) -> ArticleRow | None: ...

    def open_row(self, row: ArticleRow) -> None: ...

    def show_entities(self, entities: Entities | None) -> None: ...



class FullTextView:
    """Which text the story shows, and the fetches that bring full texts in."""

    def __init__(self, screen: PageHost) -> None:
        self.screen = screen
        self.fetching: int | None = None
        """The article whose full text the latest worker is fetching."""
        self.wanted: int | None = None
        """The open article whose full text is shown as soon as it arrives."""
        self._problem = ""
        """The last error shown in the status bar, cleared by the next fetch."""

    # Which text is shown ----------------------------------------------------

    def show(self, article: Article) -> FullText | None:
        """Show a just-opened article: on its cached full text if it has one, else
        on the feed's text, fetching the full text if its feed asks for that.

        Returns the full text shown (its entities are the ones to list), if any.
        """
        self.wanted = None
        full = None
        if is_web_url(article.url):
            full = self._cached(article)
            if full is None and self._feed_wants(article):
                self._fetch(article)
        self._display(article, full)
        return full

    def toggle(self) -> None:
        """``v``: the full text of the article under the cursor, or back to the feed's text."""
        screen = self.screen
        row = screen.target_row()
        article = screen.opened
        if row is not None and (article is None or article.rowid != row.rowid):
            screen.open_row(row)  # the full text of this one, not the last opened
            article = screen.opened
            if article is None or article.rowid != row.rowid:
                return
            if screen.story_pane.story.full_text is None and self.wanted != article.rowid:
                self._want(article)
            return
        if article is None:
            screen.status.set_problem("open an article first")
            return
        if screen.story_pane.story.full_text is not None:
            self.wanted = None
            self._display(article, None)
            screen.show_entities(screen.store.entities(article.rowid))
        elif self.wanted == article.rowid:
            self.wanted = None  # stop waiting: it is still cached when it comes
            screen.story_pane.story.set_view(self._label(article, None))
        else:
            self._want(article)

    def _want(self, article: Article) -> None:
        if not is_web_url(article.url):
            self.screen.status.set_problem(NO_PAGE)
            return
        full = self._cached(article)
        if full is not None:
            self._display(article, full)
            self.screen.show_entities(full.entities)
            return
        self._fetch(article)
        self.screen.story_pane.story.set_view(self._label(article, None))

    def _display(self, article: Article, full: FullText | None) -> None:
        self.screen.story_pane.show_article(article, full, self._label(article, full))

    def _label(self, article: Article, full: FullText | None) -> str:
        if full is not None:
            return f"Full text · {site_of(full.url)}"
        if not is_web_url(article.url):
            return ""
        if self.wanted == article.rowid:
            return f"{article.own_text} · fetching full text…"
        return article.own_text

    def _cached(self, article: Article) -> FullText | None:
        try:
            full = self.screen.store.full_text(article.rowid)
        except StoreError:
            return None  # as if never fetched: fetching again reports the problem
        if full is not None and full.entities is None:
            full.entities = Entities()
        return full

    def _feed_url(self, article: Article) -> str | None:
        """Where the article's link came from: its feed's URL; None for a local file's
        (the user's own), "" when the feed is no longer configured (counts as public)."""
        for feed in self.screen.config.feeds:
            if feed.id == article.feed_id:
                return feed.url
        return ""

    def _feed_wants(self, article: Article) -> bool:
        return any(
            feed.full_text for feed in self.screen.config.feeds if feed.id == article.feed_id
        )

    # Fetching ----------------------------------------------------------------

    def _fetch(self, article: Article) -> None:
        screen = self.screen
        self.wanted = article.rowid
        if self._problem and screen.status.problem == self._problem:
            screen.status.set_problem("")
        self._problem = ""
        screen.status.activity = FETCHING
        if self.fetching == article.rowid:
            return  # already on its way
        self.fetching = article.rowid
        screen.run_worker(
            partial(self._work, article),
            name="full text",
            group="full_text",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _work(self, article: Article) -> None:
        """In a thread: the cached or fetched full text, reported with a message."""
        screen = self.screen
        settings = screen.config.settings
        try:
            from reader.fulltext import full_text_for

            with Store(screen.db_path) as store:
                full, cached = full_text_for(
                    store, article, known=screen.hints.known(store), timeout=settings.timeout,
                    max_bytes=settings.max_feed_bytes, link_from=self._feed_url(article),
                )
            if not cached and full.entities is not None:
                screen.hints.learn(person.name for person in full.entities.people)
        except (FullTextError, StoreError) as exc:
            screen.post_message(FullTextFetched(article.rowid, None, str(exc)))
            return
        except Exception as exc:  # a fetch must never take the app down
            error = sanitize_line(f"{article.url}: {type(exc).__name__}: {exc}")
            screen.post_message(FullTextFetched(article.rowid, None, error))
            return
        screen.post_message(FullTextFetched(article.rowid, full))

    def fetched(self, event: FullTextFetched) -> None:
        """A worker is done: show its result if its article is open and waiting for it."""
        screen = self.screen
        if self.fetching == event.key:
            self.fetching = None
            if screen.status.activity == FETCHING:
                screen.status.activity = ""
        article = screen.opened
        if article is None or article.rowid != event.key or self.wanted != article.rowid:
            return  # another article is open now, or the user went back to the summary
        self.wanted = None
        full = event.full_text
        if full is None:
            screen.status.set_problem(event.error or "could not fetch the full text")
            self._problem = screen.status.problem
            screen.story_pane.story.set_view(self._label(article, None))
            return
        if full.entities is None:
            full.entities = Entities()
        self._display(article, full)
        screen.show_entities(full.entities)
