"""The footer: the keys of the focused pane, with ``?`` Help and ``q`` Quit always shown.

Textual's footer lists the focused widget's keys, then the screen's, then the
app's, and cuts what does not fit: on a narrow terminal the app's own keys go
first.  Here they are pinned to the right edge, where nothing pushes them off, and
the other keys that do not fit beside them are dropped whole, last ones first, never
cut mid-word.  Where ``?`` and ``q`` are typed (the find box) their other keys, F1 and
Ctrl+Q, are the ones shown.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input


class ReaderFooter(Footer):
    """A compact footer whose Help and Quit keys never scroll out of sight."""

    PINNED: ClassVar[tuple[str, ...]] = ("help", "quit")
    """Actions shown at any width."""

    DEFAULT_CSS = """
    ReaderFooter #pinned-keys {
        dock: right;
        width: auto;
        height: 1;
        background: $footer-background;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._recompose_pending = False
        self._composed_width = 0
        """The width the keys were chosen for."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild once per frame however many times the bindings changed in it (a
        follow moves focus and changes what Esc does: two signals, one rebuild)."""
        if self._recompose_pending and screen is self.screen:
            return
        self._recompose_pending = bool(
            screen.app.app_focus and self.is_attached and screen is self.screen
        )
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._recompose_pending = False
        self._composed_width = self.size.width
        keys: list[Widget] = list(super().compose())
        if isinstance(self.screen.focused, Input):  # "/ Find" while / is typed into a box
            keys = [key for key in keys if len(getattr(key, "key_display", "") or "") != 1
                    or getattr(key, "action", None) in self.PINNED]
        # Footer keys carry their action (FooterKey is not public API: read it by name).
        pinned = [key for key in keys if getattr(key, "action", None) in self.PINNED]
        for key in pinned:  # "q", not "^q", wherever q quits
            self._shortest_key(key)
        room = (self.size.width or self.app.size.width) - sum(map(_width, pinned))
        for key in keys:
            if key in pinned:
                continue
            room -= _width(key)
            if room < 0:
                break
            yield key
        # One group docked right, after the keys that fit beside it.
        yield HorizontalGroup(*pinned, id="pinned-keys")

    def _shortest_key(self, key: Widget) -> None:
        """Show the shortest of the active keys that run ``key``'s action."""
        action = getattr(key, "action", None)
        shown = [
            (self.app.get_key_display(binding), binding.key)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.action == action and enabled
        ]
        if shown:
            display, name = min(shown, key=lambda pair: cell_len(pair[0]))
            key.key_display, key.key = display, name  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        if self.size.width != self._composed_width:
            self.refresh(recompose=True)


def _width(key: Widget) -> int:
    """The cells a compact footer key takes: its key, a space, its label and a margin."""
    shown = cell_len(str(getattr(key, "key_display", "")))
    label = str(getattr(key, "description", ""))
    return shown + (1 + cell_len(label) if label else 0) + 1
