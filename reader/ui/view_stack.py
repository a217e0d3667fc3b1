"""The stack of list views: what Esc goes back to, and where the cursor was.

Plain Python (no Textual), so tests drive it directly.  Each entry is a
:class:`~reader.ui.query.ListQuery` and the article the cursor was on when the
user left it.  A search-all is not an entry of its own: it narrows the view it
started from (its *base*), and leaving it returns there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reader.ui.query import ListQuery


@dataclass(frozen=True, slots=True)
class Move:
    """A list to show and the article to put the cursor on (``None``: the top row,
    or the open article if that is listed)."""

    query: ListQuery
    keep: int | None = None


@dataclass(slots=True)
class ViewStack:
    """The current view, the views Esc returns to, and the search in progress."""

    current: ListQuery = field(default_factory=ListQuery)
    _below: list[tuple[ListQuery, int | None]] = field(default_factory=list)
    _search_base: tuple[ListQuery, int | None] | None = None

    @property
    def depth(self) -> int:
        """How many views Esc can go back through."""
        return len(self._below)

    @property
    def searching(self) -> bool:
        return self._search_base is not None

    @property
    def can_go_back(self) -> bool:
        """True when Esc leaves something: a search or a pushed view."""
        return self.searching or bool(self._below)

    def show(self, query: ListQuery, cursor: int | None) -> Move | None:
        """Switch to ``query`` (a feed, tag, follow; ``cursor``: the article under the
        cursor now, kept for Esc).  A filtered view is pushed; the plain list clears
        the stack.  ``None`` when ``query`` is already shown."""
        if query == self.current:
            return None
        self._search_base = None
        if query.is_filtered:
            self._below.append((self.current, cursor))
        else:
            self._below.clear()
        self.current = query
        return Move(query)

    def back(self) -> Move | None:
        """Esc: the previous view with the cursor where it was, or ``None`` at the bottom."""
        if not self._below:
            return None
        self.current, keep = self._below.pop()
        return Move(self.current, keep)

    def replace(self, query: ListQuery) -> Move:
        """The same place in the stack, other filters (unread only, dates)."""
        self.current = query
        return Move(query)

    # Search-all ----------------------------------------------------------------

    def begin_search(self, cursor: int | None) -> None:
        """A search starts from the current view (without an older search in it)."""
        if self._search_base is None:
            base = self.current
            if base.search:
                base = replace(base, search=None)
            self._search_base = (base, cursor)

    def search(self, text: str) -> Move | None:
        """The list for the search text typed so far (empty: the view it started from)."""
        if self._search_base is None:
            return None
        base, keep = self._search_base
        text = text.strip()
        if not text:
            self.current = base
            return Move(base, keep)
        self.current = base.narrowed_like(ListQuery(search=text))
        return Move(self.current)

    def end_search(self) -> Move | None:
        """Leave the search: back to the view it started from, cursor where it was."""
        if self._search_base is None:
            return None
        base, keep = self._search_base
        self._search_base = None
        self.current = base
        return Move(base, keep)
