"""The find-in-story bar: an input and a ``2/7`` counter under the story."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class FindBar(Horizontal):
    """Typing searches incrementally; Enter returns to the story (then Enter/n, N move)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find_close"),
        Binding("down", "step(1)", "Next match", show=False, id="find_next"),
        Binding("up", "step(-1)", "Previous match", show=False, id="find_previous"),
    ]

    class Closed(Message):
        """Esc was pressed in the bar: close it and clear the highlights."""

    class Stepped(Message):
        """Up/Down were pressed in the bar: move to the previous/next match."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    counter_text = ""
    """The counter as shown (``2/7``, ``no matches`` or empty)."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Find", "bold"), id="find-label")
        yield Input(placeholder="find in story", id="find-input", select_on_focus=False)
        yield Static(Content(""), id="find-counter")

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    def set_counter(self, current: int, total: int, query: str) -> None:
        counter = self.query_one("#find-counter", Static)
        if not query:
            self.counter_text = ""
        elif total == 0:
            self.counter_text = "no matches"
        else:
            self.counter_text = f"{current}/{total}"
        counter.update(Content(self.counter_text), layout=False)
        self.set_class(bool(query) and total == 0, "-no-match")

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_step(self, step: int) -> None:
        self.post_message(self.Stepped(step))
