"""Type-ahead: keys typed faster than focus moves still reach the widget they were for.

The app hands each key to the widget focused *when the key arrives*, in that
widget's queue.  So keys typed straight after ``S`` or ``/`` (or pasted) are
queued to the list before its binding moves focus to an input, and keys typed
straight after Esc are queued to the input the Esc closes.  Two repairs:

* :func:`hand_to_input`: a printable key that bubbled up from a pane while an
  input has focus belongs in that input (run it before any binding sees it:
  ``q`` would quit, ``n`` would step a find);
* :class:`TypeAheadInput`: an input that is handed keys after it lost focus
  passes them on to whatever has focus now, in order.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input


def hand_to_input(focused: Widget | None, event: events.Key) -> bool:
    """Type ``event`` into ``focused`` if that is an input and the key is printable;
    True when done (the caller stops the event)."""
    if isinstance(focused, Input) and event.is_printable and event.character:
        event.prevent_default()
        event.stop()
        focused.insert_text_at_cursor(event.character)
        return True
    return False


class TypeAheadInput(Input):
    """An input that passes on keys queued to it after it lost focus."""

    def on_key(self, event: events.Key) -> None:
        if self.has_focus:
            return
        # Runs before Input's own key handling, which prevent_default skips.
        event.prevent_default()
        event.stop()
        target = self.screen.focused
        (target if target is not None else self.screen).post_message(
            events.Key(event.key, event.character)
        )
