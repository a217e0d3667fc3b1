"""The find-in-story bar: an input and a ``2/7`` counter under the story."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from reader.ui.widgets.type_ahead import TypeAheadInput


class FindBar(Horizontal):
    """Typing searches incrementally; Enter goes to the next match and back to the story
    (where Enter/n and N keep stepping); Esc closes (the screen's Esc).  It only
    reports: the story pane runs the find."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The screen's Esc, run at once: keys typed after it find focus on the story.
        Binding("escape", "screen.back", "Back", id="find_close", tooltip="Close find"),
        Binding("down", "step(1)", "Next match", show=False, id="find_next"),
        Binding("up", "step(-1)", "Previous match", show=False, id="find_previous"),
    ]

    class Changed(Message):
        """The text to find changed."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Stepped(Message):
        """Move to the next (``step=1``) or previous match; ``leave``: and back to the story."""

        def __init__(self, step: int, leave: bool = False) -> None:
            super().__init__()
            self.step = step
            self.leave = leave

    counter_text = ""
    """The counter as shown (``2/7``, ``no matches`` or empty)."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Find", "bold"), id="find-label")
        yield TypeAheadInput(placeholder="find in story", id="find-input", select_on_focus=False)
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

    def clear(self) -> None:
        """Hide the bar and empty it (no Changed message)."""
        self.display = False
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.set_counter(0, 0, "")

    @on(Input.Changed, "#find-input")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Stepped(1, leave=True))

    def action_step(self, step: int) -> None:
        self.post_message(self.Stepped(step))
