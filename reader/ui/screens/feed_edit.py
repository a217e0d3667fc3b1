"""Small dialogs of the feeds view: one line of text (a URL, a title, tags), or y/n.

Prompts are built with :class:`Content` objects, never markup, since they carry feed titles.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.ui.widgets.footer import ReaderFooter


class InputDialog(ModalScreen[str | None]):
    """Ask for one line: Enter gives it back (stripped), Esc gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="feed_edit_cancel"),
    ]

    def __init__(self, title: str, prompt: str, value: str = "") -> None:
        super().__init__()
        self._title = title
        self._prompt = prompt
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="feed-edit-dialog"):
            yield Static(Content(self._prompt), id="feed-edit-prompt")
            yield Input(value=self._value, id="feed-edit-input")
        yield ReaderFooter()  # this dialog's keys, not the view's behind it

    def on_mount(self) -> None:
        dialog = self.query_one("#feed-edit-dialog")
        dialog.border_title = Content(self._title)
        dialog.border_subtitle = Content("Enter: OK · Esc: cancel")
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A one-key question: y answers yes; n or Esc, no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="feed_edit_yes"),
        Binding("n,escape", "answer(False)", "No", id="feed_edit_no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="feed-edit-dialog"):
            yield Static(Content(self._question + " y/n"), id="feed-edit-prompt")
        yield ReaderFooter()

    def on_mount(self) -> None:
        dialog = self.query_one("#feed-edit-dialog")
        dialog.border_title = Content("Confirm")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
