"""The feeds view (``t``): pick a feed, a tag, or the starred articles to list."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.store import FeedState
from reader.ui.query import ListQuery
from reader.ui.text import display_line, short_error


class FeedsScreen(ModalScreen[ListQuery | None]):
    """Every feed with its unread and total counts, and every tag."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t,q", "dismiss_none", "Close", id="feeds_close"),
        Binding("j", "move(1)", "Down", show=False, id="feeds_down"),
        Binding("k", "move(-1)", "Up", show=False, id="feeds_up"),
    ]

    def __init__(self, feeds: dict[str, FeedState]) -> None:
        super().__init__()
        self._choices: list[ListQuery] = []
        self._options: list[Option] = []
        self._add(ListQuery(), Content.styled("All articles", "bold"))
        self._add(ListQuery(starred_only=True), Content.styled("★ Starred", "bold"))
        tags = sorted({tag for feed in feeds.values() for tag in feed.tags}, key=str.casefold)
        for tag in tags:
            unread = sum(f.unread for f in feeds.values() if tag in f.tags)
            label = Content.assemble(("# ", "dim"), display_line(tag, 80), (f"  {unread:,}", "dim"))
            self._add(ListQuery(tag=tag), label)
        for feed in feeds.values():
            title = display_line(feed.title, 120) or feed.id
            parts: list[str | tuple[str, str]] = [
                (title, "bold" if feed.unread else ""),
                (f"  {feed.unread:,}/{feed.total:,}", "dim"),
            ]
            if feed.last_error:
                parts.append(("  ⚠ " + short_error(feed.last_error, feed.id, 60), "italic dim"))
            self._add(ListQuery(feed_id=feed.id, feed_title=title), Content.assemble(*parts))

    def _add(self, query: ListQuery, label: Content) -> None:
        self._choices.append(query)
        self._options.append(Option(label))

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-dialog"):
            yield OptionList(*self._options, id="feeds-list")

    def on_mount(self) -> None:
        dialog = self.query_one("#feeds-dialog")
        dialog.border_title = "Feeds and tags"
        dialog.border_subtitle = "Enter: show · Esc: close"
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._choices[event.option_index])

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
