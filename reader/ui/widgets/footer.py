"""The footer: the keys of the focused pane, with ``?`` Help and ``q`` Quit always shown.

Textual's footer lists the focused widget's keys, then the screen's, then the
app's, and cuts what does not fit: on a narrow terminal the app's own keys go
first.  Here they are pinned to the right edge, where nothing pushes them off.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class ReaderFooter(Footer):
    """A compact footer whose Help and Quit keys never scroll out of sight."""

    PINNED: ClassVar[tuple[str, ...]] = ("help", "quit")
    """Actions shown at any width."""

    DEFAULT_CSS = """
    ReaderFooter #pinned-keys {
        dock: right;
        width: auto;
        height: 1;
        padding-left: 1;
        background: $footer-background;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._recompose_pending = False

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
        keys: list[Widget] = list(super().compose())
        # Footer keys carry their action (FooterKey is not public API: read it by name).
        pinned = [key for key in keys if getattr(key, "action", None) in self.PINNED]
        yield from (key for key in keys if key not in pinned)
        # One group docked right, over whatever the other keys leave at that edge.
        yield HorizontalGroup(*pinned, id="pinned-keys")
