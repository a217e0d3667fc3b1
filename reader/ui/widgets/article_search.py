"""The search box above the article list: full-text search across every stored article.

It owns its typing pause: the screen hears :class:`ArticleSearch.Search` once the
user stops typing for :data:`SEARCH_DELAY` seconds (or presses Enter/Down), not
at every key.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from reader.ui.widgets.type_ahead import TypeAheadInput

SEARCH_DELAY = 0.15
"""Seconds of typing pause before the article search runs."""


class ArticleSearch(TypeAheadInput):
    """Typing filters the list (debounced); Enter moves to the results; Esc leaves the search.

    Enter, Down and Esc run the screen's actions at once (not through a message),
    so keys typed right after them already find focus where it belongs.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.back", "Back", id="search_close", tooltip="Close the search"),
        Binding("down,enter", "screen.search_results", "Results", show=False,
                id="search_results", tooltip="Move to the results"),
    ]

    class Search(Message):
        """Search for ``text`` (empty: back to the list the search started from)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            placeholder="search all articles (prefixes match)",
            id=id,
            classes=classes,
            select_on_focus=False,
        )
        self._timer: Timer | None = None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_timer()
        self._timer = self.set_timer(SEARCH_DELAY, self._search)

    def _search(self) -> None:
        self._timer = None
        self.post_message(self.Search(self.value))

    def flush(self) -> None:
        """Search for what is typed now if a search is still waiting for a pause."""
        if self._stop_timer():
            self._search()

    def _stop_timer(self) -> bool:
        """Cancel a pending search; True if there was one."""
        if self._timer is None:
            return False
        self._timer.stop()
        self._timer = None
        return True

    def close(self) -> None:
        """Hide and empty the box, dropping a pending search."""
        self._stop_timer()
        self.display = False
        with self.prevent(Input.Changed):
            self.value = ""
