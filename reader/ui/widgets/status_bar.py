"""The status line: store counts on the left, refresh progress and quiet errors on the right."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.ui.text import display_line


class StatusBar(Static):
    """One line of state; never markup, since feed titles and errors come from outside."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.counts: tuple[int, int, int] = (0, 0, 0)
        self.activity = ""
        self.problem = ""
        self.sync = ""

    def set_counts(self, counts: tuple[int, int, int]) -> None:
        self.counts = counts
        self._redraw()

    def adjust_unread(self, delta: int) -> None:
        feeds, total, unread = self.counts
        self.set_counts((feeds, total, max(0, min(total, unread + delta))))

    def set_activity(self, text: str) -> None:
        """What is happening now (``Refreshing 3/12 · Reuters``); empty when idle."""
        self.activity = display_line(text, 200)
        self._redraw()

    def set_problem(self, text: str) -> None:
        """A quiet, one-line problem report (a feed that failed, offline)."""
        self.problem = display_line(text, 300)
        self._redraw()

    def set_sync(self, text: str) -> None:
        """When the last sync was and how many changes wait ("synced 14:02 · 3 waiting")."""
        self.sync = display_line(text, 60)
        self._redraw()

    def _redraw(self) -> None:
        feeds, total, unread = self.counts
        parts: list[str | tuple[str, str]] = [
            (f" {unread:,} unread", "bold"),
            (f" · {total:,} articles · {feeds:,} feeds", ""),
        ]
        if self.sync:
            parts.append((f" · {self.sync}", "dim"))
        if self.activity:
            parts.append((f"  {self.activity}", "italic"))
        if self.problem:
            parts.append(("  ⚠ ", "bold"))
            parts.append((self.problem, ""))
        self.update(Content.assemble(*parts), layout=False)
