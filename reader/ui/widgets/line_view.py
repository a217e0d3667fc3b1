"""The base of the line-API widgets (the article list and the story): a cached base style."""

from __future__ import annotations

from rich.style import Style
from textual.scroll_view import ScrollView


class LineView(ScrollView):
    """A ScrollView that renders line by line and reuses its base style between lines.

    ``rich_style`` walks every ancestor; a widget that draws each visible line
    separately would otherwise compute it once per line, per frame.
    """

    _cached_style: Style | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cached_style = None
        self.refresh()

    @property
    def base_style(self) -> Style:
        if self._cached_style is None:
            self._cached_style = self.rich_style
        return self._cached_style
