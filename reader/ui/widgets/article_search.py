"""The search box above the article list: full-text search across every stored article."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class ArticleSearch(Input):
    """Typing filters the list (debounced); Enter moves to the results; Esc leaves the search."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", id="search_close"),
        Binding("down", "results", "Results", show=False, id="search_results"),
    ]

    class Closed(Message):
        """Esc in the search box: leave the search and return to the previous list."""

    class ResultsRequested(Message):
        """Down in the search box: move focus to the results."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            placeholder="search all articles (words match as prefixes)",
            id=id,
            classes=classes,
            select_on_focus=False,
        )

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_results(self) -> None:
        self.post_message(self.ResultsRequested())
