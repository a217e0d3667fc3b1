"""The help screen (``?``): every binding, with the user's keymap applied, and its id.

As in posting, it starts from the widget that had focus: that pane's keys come
first.  It reads the app's own bindings from the running app, never importing it.
"""

from __future__ import annotations

from textwrap import wrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keys import effective_help
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.sources_panel import LEGEND

KEY_WIDTH = 16


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; any of Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help_up"),
    ]

    def __init__(
        self,
        keymap: dict[str, str],
        focused: DOMNode | None = None,
        files: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.keymap = keymap
        self.focused_before = focused
        self.files = files or []
        """(what, where) of the config and database in use, shown last."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Content(""), id="help-table")
        yield ReaderFooter()  # this view's keys, over the main screen's

    def on_mount(self) -> None:
        dialog = self.query_one("#help-dialog")
        dialog.border_title = "Keys"
        dialog.border_subtitle = Content("Esc to close · remap by id in [keys] of feeds.toml")
        self._show_table()

    def on_resize(self) -> None:
        self._show_table()

    def _show_table(self) -> None:
        dialog = self.query_one("#help-dialog", VerticalScroll)
        width = dialog.scrollable_content_region.width or 96
        table = self.query_one("#help-table", Static)
        table.update(self._table(width))

    def _table(self, width: int) -> Content:
        """One line per binding: keys, description, id; a long description wraps under
        itself."""
        # (q closes this help: it says so, under "Anywhere"'s q that quits)
        sections = effective_help(self.keymap, self.app.BINDINGS, self.focused_before,
                                  ("This help", HelpScreen, list(self.BINDINGS)))
        ids = max(len(line.id) for _, lines in sections for line in lines)
        key_width = KEY_WIDTH if width >= 90 else 12
        parts: list[str | tuple[str, str]] = []
        for title, lines in sections:
            if parts:
                parts.append("\n")
            parts.append((title, "bold underline"))
            parts.append("\n")
            for line in lines:
                keys = " ".join(self.app.get_key_display(Binding(k, "")) for k in line.keys)
                room = max(8, width - key_width - max(ids, len(line.id)) - 2)
                # a description too long for its column goes on under itself, never cut
                first, *more = wrap(line.description, room) or [""]
                parts.append((keys.ljust(key_width), "bold $accent"))
                parts.append(first.ljust(room + 1))
                parts.append((line.id, "dim"))
                parts.append("\n")
                for rest in more:
                    parts.append(" " * key_width + rest + "\n")
        parts.append("\n")
        parts.append(("Mouse", "bold underline"))
        parts.append(
            "\nClick a row to open it; click a person or source to highlight it, "
            "click again to follow.\nThe wheel scrolls whatever is under the pointer.\n"
        )
        parts.append("\n")
        parts.append(("Sources", "bold underline"))
        parts.append(f"\nEach starts with its kind: {LEGEND}.\n")
        if self.files:
            parts.append("\n")
            parts.append(("Files in use", "bold underline"))
            parts.append("\n")
            room = max(8, width - key_width - 1)
            for what, where in self.files:
                if len(where) > room:  # one line each: the end of a path says the most
                    where = "…" + where[-(room - 1):]
                parts.append((what.ljust(key_width), "bold $accent"))
                parts.append(f"{where}\n")
        return Content.assemble(*parts)

    def action_scroll(self, step: int) -> None:
        dialog = self.query_one("#help-dialog", VerticalScroll)
        if step > 0:
            dialog.scroll_down(animate=False)
        else:
            dialog.scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
