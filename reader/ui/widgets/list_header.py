"""The line above the article list naming the view: ``Following Diosdado Cabello — 3 articles``."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.ui.query import ListQuery
from reader.ui.text import display_line


class ListHeader(Static):
    """What the list shows and how many articles that is."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.text = ""
        self._shown: tuple[ListQuery, int | None] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, query: ListQuery, count: int | None) -> None:
        """The view's title, then its count and filters; a title too long for the line is
        cut rather than the filters ("[unread only]  [last 24 hours]" stay in sight)."""
        self._shown = (query, count)
        parts: list[str | tuple[str, str]] = []
        if count is None:
            parts.append((" — loading…", "dim"))
        else:
            noun = "article" if count == 1 else "articles"
            parts.append((f" — {count:,} {noun}", ""))
        if query.unread_only:
            parts.append(("  [unread only]", "dim italic"))
        window = query.window_label()
        if window:
            parts.append((f"  [{window}]", "dim italic"))
        room = self.size.width - sum(len(p if isinstance(p, str) else p[0]) for p in parts)
        title = display_line(query.title(), max(12, room) if self.size.width else 300)
        content = Content.assemble((title, "bold"), *parts)
        self.text = content.plain
        self.update(content, layout=False)
