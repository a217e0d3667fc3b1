"""The status line: store counts on the left, refresh progress and quiet errors on the right."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from reader.ui.text import display_line, friendly_error, plural

PROBLEM_SECONDS = 30.0
"""A problem is cleared this long after it was reported (the feeds view keeps feed errors)."""


class StatusBar(Widget):
    """One line of state; never markup, since feed titles and errors come from outside.

    The screen sets its state (``counts``, ``activity``, ``sync``, :meth:`set_problem`);
    each is a reactive, so the line is drawn once per frame however many changed.

    It never cuts a problem mid-sentence: when the whole line does not fit, the
    activity goes first, then the problem's short form, then the counts shrink;
    only what still does not fit is cut, at a word, with an ellipsis.
    """

    counts: reactive[tuple[int, int, int]] = reactive((0, 0, 0))
    """Feeds, articles, unread articles."""
    activity: reactive[str] = reactive("")
    """What is happening now (``Refreshing 3/12 · Reuters``); empty when idle."""
    sync: reactive[str] = reactive("")
    """When the last sync was and how many changes wait ("synced 14:02 · 3 waiting")."""
    problem: reactive[str] = reactive("")
    """A quiet, one-line problem report (see :meth:`set_problem`)."""
    _problem_short: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._expiry: Timer | None = None

    def validate_activity(self, text: str) -> str:
        return display_line(text, 200)

    def validate_sync(self, text: str) -> str:
        return display_line(text, 60)

    def adjust_unread(self, delta: int) -> None:
        feeds, total, unread = self.counts
        self.counts = (feeds, total, max(0, min(total, unread + delta)))

    def set_problem(self, text: str, short: str = "") -> None:
        """Report a problem (a feed that failed, offline), cleared after
        :data:`PROBLEM_SECONDS`; ``short`` is said instead when the line is too narrow."""
        self.problem = friendly_error(display_line(text, 300))
        self._problem_short = display_line(short, 120)
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        if self.problem:
            self._expiry = self.set_timer(PROBLEM_SECONDS, self._expire)

    def _expire(self) -> None:
        self._expiry = None
        self.set_problem("")

    def render(self) -> Content:
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
        return Content.assemble(*parts)


def _cut_at_word(text: str, width: int) -> str:
    """``text`` in ``width`` cells, cut after a whole word, with an ellipsis."""
    if width <= 1:
        return ""
    cut = set_cell_size(text, width - 1)
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:·") + "…"
