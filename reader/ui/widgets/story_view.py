"""The story: a line-API scroll view over the wrapped article text.

The text is wrapped once per article and width into ``(start, end)`` spans of
the original text, so search matches and entity mentions (offsets into the
same text) map straight onto screen lines.  Only visible lines are drawn;
highlights are looked up by bisection, so a 25,000-word story costs one regex
pass to search and nothing extra to scroll.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.strip import Strip

from reader.ingest.limits import MAX_ITEM_CHARS
from reader.models import Article, FullText, Span
from reader.ui.text import (
    CleanText,
    display_line,
    find_matches,
    find_word_prefixes,
    long_date,
    merge_spans,
    overlapping,
    wrap_spans,
)
from reader.ui.widgets.line_view import LineView, set_virtual_size

TITLE, META, LINK, BODY, VIEW, NOTE = range(6)
_BLOCK_CLASSES = {
    TITLE: "story-view--title",
    META: "story-view--meta",
    LINK: "story-view--link",
    BODY: "",
    VIEW: "story-view--view",
    NOTE: "story-view--view",
}
_NO_BLOCKS = ["", "", "", "", "", ""]

SHOWN_AT_ONCE = 100_000
"""Characters of a story shown when it is opened; the rest (up to MAX_ITEM_CHARS, all
that is ever stored) when asked (``e``: ReaderApp's ``show_all``).  Wrapping, drawing
and find stay bounded."""
_HEADER = (TITLE, META, LINK, VIEW)
"""The blocks above the body, in order (VIEW says whether the body is the feed's or the page's)."""


class StoryView(LineView, can_focus=True):
    """The opened article: title, byline, link and body, with highlights."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="story_down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="story_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="story_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="story_bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="story_page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="story_page_up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-view--title",
        "story-view--meta",
        "story-view--link",
        "story-view--view",
        "story-view--view-full",
        "story-view--match",
        "story-view--match-current",
        "story-view--mention",
        "story-view--empty",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.full_text: FullText | None = None
        """The web page's full text when that is shown instead of the feed's text."""
        self._body = CleanText("", [], [])
        self._blocks: list[str] = list(_NO_BLOCKS)
        self._show_all = False
        """Whether the opened story is shown beyond SHOWN_AT_ONCE (asked for with ``e``)."""
        self._hidden = 0
        """Characters of the body not shown."""
        self._mention_spans: list[Span] = []
        self._lines: list[tuple[int, int, int]] = []
        self._body_first = 0
        self._body_starts: list[int] = []
        self._wrap_width = 0
        self._mentions: list[Span] = []
        self._mention_starts: list[int] = []
        self._matches: list[Span] = []
        self._match_starts: list[int] = []
        self._current = -1
        self.query_text = ""
        self.empty_text = "Select an article and press Enter to read it."
        """Shown before any article is opened (the screen puts the first keys here)."""

    # Content ---------------------------------------------------------------

    def show_article(
        self, article: Article | None, full_text: FullText | None = None, view: str = ""
    ) -> None:
        """Display ``article`` from the top, clearing highlights and search.

        With ``full_text`` its body is the web page's text instead of the feed's;
        ``view`` is a line under the link saying which one is shown.
        """
        if article is None or self.article is None or article.id != self.article.id:
            self._show_all = False
        self.article = article
        self.full_text = full_text if article is not None else None
        self._mentions = []
        self._mention_spans = []
        self._mention_starts = []
        self._matches = []
        self._match_starts = []
        self._current = -1
        self.query_text = ""
        self._hidden = 0
        if article is None:
            self._blocks = list(_NO_BLOCKS)
            self._body = CleanText("", [], [])
        else:
            meta = " · ".join(
                part
                for part in (
                    display_line(article.feed_title, 80),
                    display_line(article.section, 80),  # a file's source, a seed's section
                    display_line(article.author, 80),
                    long_date(article.published),
                )
                if part
            )
            body = self._shown_part(full_text.text if full_text else article.text)
            self._body = CleanText.of(body)
            self._blocks = [
                display_line(article.title, 2000) or "(untitled)",
                meta,
                display_line(article.url, 2000),
                self._body.text,
                display_line(view, 200),
                self._note(),
            ]
        self._wrap_width = 0
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _shown_part(self, text: str) -> str:
        """The part of ``text`` shown: all of it, or up to a paragraph break near the limit
        (stored offsets stay valid: it is a prefix); sets :attr:`_hidden`."""
        limit = MAX_ITEM_CHARS if self._show_all else SHOWN_AT_ONCE
        if len(text) <= limit:
            return text
        cut = text.rfind("\n\n", limit // 2, limit)
        cut = cut if cut > 0 else limit
        self._hidden = len(text) - cut
        return text[:cut]

    def _note(self) -> str:
        if not self._hidden:
            return ""
        if self._show_all:
            return f"… {self._hidden:,} more characters, too many to show"
        key = getattr(self.app, "keymap", {}).get("show_all", "e").split(",")[0]
        return f"… {self._hidden:,} more characters — press {key} to show all"

    def show_all(self) -> None:
        """Show the rest of a story too long to show at once, where the reader is."""
        if self.article is None or not self._hidden or self._show_all:
            return
        self._show_all = True
        top = self.scroll_offset.y
        query, spans = self.query_text, self._mention_spans
        self.show_article(self.article, self.full_text, self._blocks[VIEW])
        if spans:
            self.highlight_mentions(spans)
        if query:
            self.search(query)
        self.scroll_to(y=top, animate=False, immediate=True)

    @property
    def hidden(self) -> int:
        """Characters of the body not shown (0: all of it is)."""
        return self._hidden

    @property
    def view(self) -> str:
        """The line saying which text is shown ("" when there is none)."""
        return self._blocks[VIEW]

    def set_view(self, view: str) -> None:
        """Change that line in place, keeping the scroll position."""
        view = display_line(view, 200)
        if self.article is None or view == self._blocks[VIEW]:
            return
        self._blocks[VIEW] = view
        self._wrap_width = 0
        self._rewrap()
        self.refresh()

    @property
    def text(self) -> str:
        """The body as displayed (offsets of matches refer to this)."""
        return self._body.text

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_text(self, index: int) -> str:
        """The plain text of document line ``index`` (for tests and copying)."""
        block, start, end = self._lines[index]
        return self._blocks[block][start:end]

    def _rewrap(self) -> None:
        width = max(10, self.scrollable_content_region.width)
        if width == self._wrap_width:
            return
        self._wrap_width = width
        lines: list[tuple[int, int, int]] = []
        if self.article is not None:
            for block in _HEADER:
                if block == LINK and len(self._blocks[LINK]) > width:
                    lines.append((LINK, 0, width - 1))  # one line, cut: room for the story
                elif self._blocks[block]:
                    lines.extend((block, s, e) for s, e in wrap_spans(self._blocks[block], width))
            lines.append((BODY, 0, 0))
            self._body_first = len(lines)
            body = wrap_spans(self._blocks[BODY], width)
            self._body_starts = [s for s, _ in body]
            lines.extend((BODY, s, e) for s, e in body)
            if self._blocks[NOTE]:
                lines.append((BODY, 0, 0))
                lines.extend((NOTE, s, e) for s, e in wrap_spans(self._blocks[NOTE], width))
        else:
            self._body_first = 0
            self._body_starts = []
        self._lines = lines
        set_virtual_size(self, Size(width, len(lines)))

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    # Highlights ------------------------------------------------------------

    def highlight_mentions(self, spans: list[Span]) -> None:
        """Mark an entity's mentions (stored offsets) and bring the first into view."""
        self._mention_spans = list(spans)
        self._mentions = merge_spans(self._body.map_spans(spans))
        self._mention_starts = [s for s, _ in self._mentions]
        if self._mentions:
            self._scroll_to_offset(self._mentions[0][0])
        self.refresh()

    def search(self, query: str, *, words: bool = False) -> tuple[int, int]:
        """Highlight every match of ``query`` (``words``: of each of its words, as the
        full-text search matched them); the current one is the first at or after the top
        of the view.  Returns ``(current, total)``, current counted from 1."""
        self.query_text = query
        find = find_word_prefixes if words else find_matches
        self._matches = find(self._body.text, query)
        self._match_starts = [s for s, _ in self._matches]
        self._current = -1
        if self._matches:
            top = int(self.scroll_offset.y) - self._body_first
            offset = self._body_starts[top] if 0 <= top < len(self._body_starts) else 0
            first = bisect_right(self._match_starts, offset - 1)
            self._current = min(first, len(self._matches) - 1)
            self._scroll_to_offset(self._matches[self._current][0])
        self.refresh()
        return self.match_position

    def next_match(self, step: int = 1) -> tuple[int, int]:
        """Move to the next (or, with ``step=-1``, previous) match, wrapping around."""
        if self._matches:
            self._current = (self._current + step) % len(self._matches)
            self._scroll_to_offset(self._matches[self._current][0])
            self.refresh()
        return self.match_position

    def clear_search(self) -> None:
        self.query_text = ""
        self._matches = []
        self._match_starts = []
        self._current = -1
        self.refresh()

    @property
    def match_position(self) -> tuple[int, int]:
        return (self._current + 1 if self._matches else 0, len(self._matches))

    @property
    def matches(self) -> list[Span]:
        return self._matches

    def _line_of(self, offset: int) -> int:
        return self._body_first + max(0, bisect_right(self._body_starts, offset) - 1)

    def _scroll_to_offset(self, offset: int) -> None:
        line = self._line_of(offset)
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    # Rendering -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if max(10, width) != self._wrap_width:
            # Resized (the panels toggled) and painted before the Resize event
            # arrives: wrap now rather than flash lines cut at the old width.
            self._rewrap()
        base = self.base_style
        index = int(self.scroll_offset.y) + y
        if not self._lines:
            if self.article is None:
                hint = self.empty_text
                lines = wrap_spans(hint, max(1, width))
                if 1 <= y <= len(lines):
                    start, end = lines[y - 1]
                    style = base + self.get_component_rich_style("story-view--empty")
                    return Strip([Segment(hint[start:end], style)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        block, start, end = self._lines[index]
        text = self._blocks[block]
        if block != BODY:
            name = _BLOCK_CLASSES[block]
            if block == VIEW and self.full_text is not None:
                name = "story-view--view-full"
            style = base + self.get_component_rich_style(name)
            shown = text[start:end] + ("…" if block == LINK and end < len(text) else "")
            return Strip([Segment(shown, style)]).adjust_cell_length(width, base)
        return self._render_body(text, start, end, width, base)

    def _render_body(self, text: str, start: int, end: int, width: int, base: Style) -> Strip:
        layers: list[tuple[int, int, int]] = []
        for span in overlapping(self._mentions, self._mention_starts, start, end):
            layers.append((max(span[0], start), min(span[1], end), 0))
        for span in overlapping(self._matches, self._match_starts, start, end):
            current = self._current >= 0 and span == self._matches[self._current]
            layers.append((max(span[0], start), min(span[1], end), 2 if current else 1))
        if not layers:
            return Strip([Segment(text[start:end], base)]).adjust_cell_length(width, base)
        component = self.get_component_rich_style
        styles = (
            component("story-view--mention"),
            component("story-view--match"),
            component("story-view--match-current"),
        )
        cuts = sorted({start, end, *(a for a, _, _ in layers), *(b for _, b, _ in layers)})
        segments: list[Segment] = []
        for a, b in pairwise(cuts):
            style = base
            for layer_start, layer_end, kind in sorted(layers, key=lambda item: item[2]):
                if layer_start <= a and b <= layer_end:
                    style = style + styles[kind]
            segments.append(Segment(text[a:b], style))
        return Strip(segments).adjust_cell_length(width, base)
