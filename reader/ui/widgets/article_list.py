"""The article list: a line-API scroll view that renders only the rows on screen.

A ``ListView`` or ``OptionList`` builds an object (or a widget) per row; with
100,000 stored articles that alone takes seconds.  Here the rows are the
store's light :class:`~reader.store.ArticleRow` objects and ``render_line``
draws just the visible ones, so paint cost depends on the terminal height,
not on the size of the store.
"""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.strip import Strip

from reader.store import ArticleRow
from reader.ui.messages import ArticleOpened
from reader.ui.text import display_line, short_date, wrap_spans
from reader.ui.widgets.line_view import LineView

FEED_WIDTH = 12
BIG_LIST = 20_000


def _discard(rows: list[ArticleRow]) -> None:
    """Free a big list a slice at a time in a thread.

    Dropping 100,000 rows at once frees them in one C call that holds the GIL for
    about 10 ms: a dropped frame when following a person out of a big list.
    """

    def run() -> None:
        while rows:
            del rows[-2000:]
            time.sleep(0)  # let the UI thread have the GIL between slices

    threading.Thread(target=run, name="discard-rows", daemon=True).start()
DATE_WIDTH = 6


def _fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ArticleList(LineView, can_focus=True):
    """Every article of the current view, newest first; unread rows are bold."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list_up"),
        Binding("g,home", "first", "Top", show=False, id="list_top"),
        Binding("G,end", "last", "Bottom", show=False, id="list_bottom"),
        Binding("pagedown", "page_down_rows", "Page down", show=False, id="list_page_down"),
        Binding("pageup", "page_up_rows", "Page up", show=False, id="list_page_up"),
        Binding("enter", "open", "Open", id="open", tooltip="Open the article in the story pane"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--marker",
        "article-list--star",
        "article-list--feed",
        "article-list--date",
        "article-list--empty",
        "article-list--opened",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[ArticleRow] = []
        self._index: dict[int, int] | None = None
        self._cursor = 0
        self._titles: dict[int, str] = {}
        self.empty_text = "Loading…"
        self._opened: int | None = None

    # Data ------------------------------------------------------------------

    @property
    def rows(self) -> list[ArticleRow]:
        return self._rows

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def row(self) -> ArticleRow | None:
        """The row under the cursor."""
        if 0 <= self._cursor < len(self._rows):
            return self._rows[self._cursor]
        return None

    def set_rows(self, rows: list[ArticleRow], cursor: int) -> None:
        """Show ``rows`` with the cursor on row ``cursor`` (clamped).

        The list is owned from now on: the previous one is emptied in the background.
        """
        old, self._rows = self._rows, rows
        if len(old) >= BIG_LIST:
            _discard(old)
        self._index = None
        self._titles.clear()
        self._cursor = max(0, min(cursor, len(rows) - 1))
        self.virtual_size = Size(self.size.width, len(rows))
        self._scroll_cursor_visible(center=True)
        self.refresh()

    def index_of(self, key: int) -> int | None:
        row = self.row
        if row is not None and row.rowid == key:
            return self._cursor  # the usual case, without building the index
        if self._index is None:
            self._index = {row.rowid: i for i, row in enumerate(self._rows)}
        return self._index.get(key)

    def mark_opened(self, key: int | None) -> None:
        """Show which row is open in the story, even after the cursor moves on."""
        previous, self._opened = self._opened, key
        for changed in (previous, key):
            if changed is not None:
                self.refresh_row(changed)

    def refresh_row(self, key: int) -> None:
        """Repaint one row after its read or starred flag changed."""
        index = self.index_of(key)
        if index is not None:
            self._refresh_index(index)

    def move_to(self, index: int) -> None:
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index == self._cursor:
            return
        old = self._cursor
        self._cursor = index
        self._refresh_index(old)
        self._refresh_index(index)
        self._scroll_cursor_visible()

    # Actions ---------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.move_to(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self._cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._rows) - 1)

    def action_page_down_rows(self) -> None:
        self.move_to(self._cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up_rows(self) -> None:
        self.move_to(self._cursor - max(1, self.scrollable_content_region.height - 1))

    def action_open(self) -> None:
        row = self.row
        if row is not None:
            self.post_message(ArticleOpened(row))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self._rows):
            self.move_to(index)
            self.action_open()

    # Rendering -------------------------------------------------------------

    def _scroll_cursor_visible(self, center: bool = False) -> None:
        """Bring the cursor into view.  Stepping past an edge scrolls half a page (as
        emacs and mutt do), not one row: a scroll repaints the whole list, so one row
        at a time made every key past the edge a full repaint."""
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_offset.y)
        if top <= self._cursor < top + height:
            return
        above = height // 3 if center else height // 2
        # Forced: a list that just grew from a few rows has no scrollbar until the next
        # layout, and without one Textual ignores the scroll (the cursor stayed off-screen
        # after Esc from a short followed list back to a long one).
        self.scroll_to(y=max(0, self._cursor - above), animate=False, immediate=True,
                       force=True)

    def _refresh_index(self, index: int) -> None:
        y = index - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows))
        self._scroll_cursor_visible()

    def _title(self, row: ArticleRow) -> str:
        title = self._titles.get(row.rowid)
        if title is None:
            if len(self._titles) > 4096:
                self._titles.clear()
            title = display_line(row.title, 300) or "(untitled)"
            self._titles[row.rowid] = title
        return title

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        index = int(self.scroll_offset.y) + y
        if not self._rows:  # the empty text, wrapped (a feed's error can be long)
            lines = wrap_spans(self.empty_text, max(1, width - 1))
            if y < len(lines):
                start, end = lines[y]
                style = base + self.get_component_rich_style("article-list--empty")
                text = " " + self.empty_text[start:end]
                return Strip([Segment(_fit(text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        return self._render_row(self._rows[index], index == self._cursor, width, base)

    def _render_row(self, row: ArticleRow, is_cursor: bool, width: int, base: Style) -> Strip:
        get = self.get_component_rich_style
        cursor = get("article-list--cursor") if is_cursor else Style()
        if is_cursor:
            base = base + cursor

        def component(name: str) -> Style:
            # The cursor's colours win over a column's, so the bar is one colour.
            return get(name) + cursor

        title_style = base + component("article-list--unread") if not row.read else base
        if row.rowid == self._opened and not is_cursor:
            title_style = title_style + get("article-list--opened")
        marker = Segment("●" if not row.read else " ", base + component("article-list--marker"))
        star = Segment("★" if row.starred else " ", base + component("article-list--star"))
        show_feed = width >= 70
        tail = DATE_WIDTH + 1 + ((FEED_WIDTH + 1) if show_feed else 0)
        title_width = max(1, width - 3 - tail)
        segments = [
            marker,
            star,
            Segment(" ", base),
            Segment(_fit(self._title(row), title_width), title_style),
        ]
        if show_feed:
            feed = _fit(display_line(row.feed_title, 80), FEED_WIDTH)
            segments.append(Segment(" ", base))
            segments.append(Segment(feed, base + component("article-list--feed")))
        segments.append(Segment(" ", base))
        date = short_date(row.published)
        segments.append(Segment(_fit(date, DATE_WIDTH), base + component("article-list--date")))
        return Strip(segments).adjust_cell_length(width, base)
