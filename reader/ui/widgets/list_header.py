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

    def show(self, query: ListQuery, count: int | None) -> None:
        title = display_line(query.title(), 300)
        parts: list[str | tuple[str, str]] = [(title, "bold")]
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
        content = Content.assemble(*parts)
        self.text = content.plain
        self.update(content, layout=False)
