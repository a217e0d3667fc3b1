"""The help screen (``?``): every binding, with the user's keymap applied, and its id."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keys import effective_help

KEY_WIDTH = 16
DESCRIPTION_WIDTH = 58


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; any of Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help_up"),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(self._table(), id="help-table")

    def on_mount(self) -> None:
        dialog = self.query_one("#help-dialog")
        dialog.border_title = "Keys"
        dialog.border_subtitle = Content("Esc to close · remap by id in [keys] of feeds.toml")

    def _table(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for title, lines in effective_help(self.keymap):
            if parts:
                parts.append("\n")
            parts.append((title, "bold underline"))
            parts.append("\n")
            for line in lines:
                keys = " ".join(self.app.get_key_display(Binding(k, "")) for k in line.keys)
                parts.append((keys.ljust(KEY_WIDTH), "bold $accent"))
                parts.append(line.description.ljust(DESCRIPTION_WIDTH))
                parts.append((line.id, "dim"))
                parts.append("\n")
        parts.append("\n")
        parts.append(("Mouse", "bold underline"))
        parts.append(
            "\nClick a row to open it; click a person or source to highlight it, "
            "click again to follow.\nThe wheel scrolls whatever is under the pointer.\n"
        )
        return Content.assemble(*parts)

    def action_scroll(self, step: int) -> None:
        dialog = self.query_one("#help-dialog", VerticalScroll)
        if step > 0:
            dialog.scroll_down(animate=False)
        else:
            dialog.scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
