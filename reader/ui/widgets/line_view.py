"""The base of the line-API widgets (the article list and the story): a cached base style.

Also :func:`set_virtual_size`, which the scrolling widgets use to change how much
they hold without laying the whole screen out again.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give a scrolling widget a new content size (its lines, its entries).

    Assigning ``virtual_size`` asks Textual for a layout of the whole screen (every
    widget placed again, every scrollbar redrawn), as if the widget could change size.
    A widget whose box the stylesheet fixes (no ``auto`` height or width) cannot:
    only its own scrollbar needs the new size, which ``_scroll_update`` gives it (what
    Textual's OptionList calls after a change of its lines).  A scrollbar that must
    appear or go still brings the layout: ``show_vertical_scrollbar`` asks for one.
    """
    if size == widget.virtual_size:
        return
    if widget.styles.auto_dimensions:
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


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
