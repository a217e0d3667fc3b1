"""The status line: store counts on the left, refresh progress and quiet errors on the right."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from reader.ui.text import display_line, friendly_error, plural

PROBLEM_SECONDS = 30.0
"""A problem is cleared this long after it was reported (the feeds view keeps feed errors)."""


class StatusBar(Static):
    """One line of state; never markup, since feed titles and errors come from outside.

    It never cuts a problem mid-sentence: when the whole line does not fit, the
    activity goes first, then the problem's short form, then the counts shrink;
    only what still does not fit is cut, at a word, with an ellipsis.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.counts: tuple[int, int, int] = (0, 0, 0)
        self.activity = ""
        self.problem = ""
        self.sync = ""
        self._problem_short = ""
        self._expiry: Timer | None = None

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

    def set_problem(self, text: str, short: str = "") -> None:
        """A quiet, one-line problem report (a feed that failed, offline), cleared after
        :data:`PROBLEM_SECONDS`; ``short`` is said instead when the line is too narrow."""
        self.problem = friendly_error(display_line(text, 300))
        self._problem_short = display_line(short, 120)
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        if self.problem:
            self._expiry = self.set_timer(PROBLEM_SECONDS, self._expire)
        self._redraw()

    def _expire(self) -> None:
        self._expiry = None
        self.set_problem("")

    def on_resize(self) -> None:
        self._redraw()

    def set_sync(self, text: str) -> None:
        """When the last sync was and how many changes wait ("synced 14:02 · 3 waiting")."""
        self.sync = display_line(text, 60)
        self._redraw()

    def _redraw(self) -> None:
        feeds, total, unread = self.counts
        width = self.size.width or 1000
        counts = f" {unread:,} unread · {plural(total, 'article')} · {plural(feeds, 'feed')}"
        activity = f"  {self.activity}" if self.activity else ""
        problem = self.problem
        if problem:
            fits = width - 4  # "  ⚠ " before it
            if cell_len(counts + activity + problem) > fits:
                activity = ""
            if cell_len(counts + problem) > fits and self._problem_short:
                problem = self._problem_short
            if cell_len(counts + problem) > fits:
                counts = f" {unread:,} unread"
            if cell_len(counts + problem) > fits:
                problem = _cut_at_word(problem, fits - cell_len(counts))
        parts: list[str | tuple[str, str]] = [
            (counts.partition(" · ")[0], "bold"),
            ("".join(counts.partition(" · ")[1:]), ""),
        ]
        sync = f" · {self.sync}" if self.sync and not problem else ""
        if sync:
            parts.append((sync, "dim"))
        if activity:
            parts.append((activity, "italic"))
        if problem:
            parts.append(("  ⚠ ", "bold"))
            parts.append((problem, ""))
        self.update(Content.assemble(*parts), layout=False)


def _cut_at_word(text: str, width: int) -> str:
    """``text`` in ``width`` cells, cut after a whole word, with an ellipsis."""
    if width <= 1:
        return ""
    cut = set_cell_size(text, width - 1)
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:·") + "…"
