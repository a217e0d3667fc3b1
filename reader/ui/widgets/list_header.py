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
        width = self.size.width or 10_000
        window = query.window_label()
        filters = [text for text in ("unread only" if query.unread_only else "", window) if text]
        if width - sum(len(text) + 4 for text in filters) < 12:  # the short forms
            filters = [text.removeprefix("last ").removesuffix(" only") for text in filters]
        room = width - sum(len(text) + 4 for text in filters)
        if count is None:
            counted = " — loading…"
        else:
            counted = f" — {count:,} {'article' if count == 1 else 'articles'}"
        if room - len(counted) < 12 and count is not None:
            counted = f" — {count:,}"  # (the filters matter more than the word "articles")
        title = display_line(query.title(), max(4, room - len(counted)))
        content = Content.assemble((title, "bold"), (counted, "dim" if count is None else ""),
                                   *[(f"  [{text}]", "dim italic") for text in filters])
        self.text = content.plain
        self.update(content, layout=False)
