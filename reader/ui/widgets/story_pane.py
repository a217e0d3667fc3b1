"""The story pane: the story and its find bar, as in toolong's log view and find dialog.

The bar only reports what the user does (:class:`FindBar.Changed`, ``Stepped``);
this pane runs the find on the :class:`StoryView` and writes the
counter back, so the screen just says "find" or "next match".
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from reader.models import Article, FullText, Span
from reader.ui.text import display_line
from reader.ui.widgets.find_bar import FindBar
from reader.ui.widgets.story_view import StoryView


class StoryPane(Vertical):
    """The opened story, and the find-in-story bar under it."""

    def compose(self) -> ComposeResult:
        yield StoryView(id="story")
        yield FindBar(id="find-bar")

    @property
    def story(self) -> StoryView:
        return self.query_one(StoryView)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    @property
    def finding(self) -> bool:
        """True while the bar is open or matches are lit."""
        return bool(self.find_bar.display or self.story.query_text)

    def show_article(self, article: Article, full: FullText | None, view: str) -> None:
        """Show ``article`` (on ``full``, its web page, if given); an open find runs
        again in the new text."""
        self.story.show_article(article, full, view)
        self.border_subtitle = ""
        bar = self.find_bar
        if bar.display and bar.input.value:
            self._find(bar.input.value)

    def show_mentions(self, spans: list[Span], name: str) -> None:
        """Mark the mentions of the entity called ``name`` (highlighted in a side panel,
        whose row may be cut to fit), and write its whole name under the story."""
        self.story.highlight_mentions(spans)
        self.border_subtitle = Content(display_line(name, 200)) if name else ""

    def open_find(self) -> None:
        bar = self.find_bar
        bar.display = True
        # Focus now, not after a refresh: keys typed right after "/" belong to the input.
        self.screen.set_focus(bar.input)
        if bar.input.value:
            self._find(bar.input.value)

    def close_find(self) -> None:
        """Hide the bar and clear the highlights (nothing to do if none are shown); focus
        in the bar moves to the story at once (the next key is for the story)."""
        if self.finding:
            if self.find_bar.has_focus_within:
                self.screen.set_focus(self.story)
            self.find_bar.clear()
            self.story.clear_search()

    def next_match(self, step: int) -> None:
        current, total = self.story.next_match(step)
        self.find_bar.set_counter(current, total, self.story.query_text)

    def _find(self, query: str) -> None:
        current, total = self.story.search(query)
        self.find_bar.set_counter(current, total, query)

    @on(FindBar.Changed)
    def _changed(self, event: FindBar.Changed) -> None:
        self._find(event.query)

    @on(FindBar.Stepped)
    def _stepped(self, event: FindBar.Stepped) -> None:
        self.next_match(event.step)
        if event.leave:
            self.screen.set_focus(self.story)
