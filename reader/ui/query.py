"""What the article list shows: one filter, with a title for its header."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from reader.store import ArticleRow, Store
from reader.timespan import describe_days

DATE_WINDOWS: tuple[int | None, ...] = (None, 1, 7, 30)
"""What the date-filter key cycles through: any time, then the last 1, 7 and 30 days."""


@dataclass(frozen=True, slots=True)
class ListQuery:
    """The arguments of :meth:`reader.store.Store.rows`, plus labels for the header.

    Views stack: following a person, searching or picking a feed pushes a new
    query; Esc pops back to the previous one.
    """

    unread_only: bool = False
    feed_id: str | None = None
    feed_title: str | None = None
    tag: str | None = None
    starred_only: bool = False
    follow: str | None = None
    follow_also: tuple[str, ...] = ()
    """More names for the followed entity (its fuller name from other stories)."""
    search: str | None = None
    within_days: int | None = None
    """Only articles from the last so many days (counted when the list is read)."""

    def rows(self, store: Store, limit: int | None = None,
             feeds: tuple[str, ...] | None = None) -> list[ArticleRow]:
        """The rows of this view among the articles of ``feeds`` (the config in use) and
        the starred ones; every stored article when ``feeds`` is None."""
        follow: str | list[str] | None = self.follow
        if self.follow and self.follow_also:
            follow = [self.follow, *self.follow_also]
        return store.rows(
            unread_only=self.unread_only,
            feed_id=self.feed_id,
            tag=self.tag,
            starred_only=self.starred_only,
            follow=follow,
            search=self.search,
            since=time.time() - self.within_days * 86400 if self.within_days else None,
            limit=limit,
            feeds=feeds,
        )

    def with_unread(self, unread_only: bool) -> ListQuery:
        return replace(self, unread_only=unread_only)

    def narrowed_like(self, view: ListQuery) -> ListQuery:
        """``view`` with this view's unread and date filters (they persist across views)."""
        return replace(view, unread_only=self.unread_only, within_days=self.within_days)

    def with_next_window(self) -> ListQuery:
        """The same view over the next date window (any time → 24 hours → 7 → 30 days → any)."""
        at = DATE_WINDOWS.index(self.within_days) if self.within_days in DATE_WINDOWS else 0
        return replace(self, within_days=DATE_WINDOWS[(at + 1) % len(DATE_WINDOWS)])

    def window_label(self) -> str | None:
        return describe_days(self.within_days) if self.within_days else None

    @property
    def is_filtered(self) -> bool:
        """True for any view other than the plain list (what Esc can leave)."""
        return bool(
            self.feed_id or self.tag or self.starred_only or self.follow or self.search
        )

    def title(self) -> str:
        """Plain text (never markup) naming the view, e.g. ``Following Diosdado Cabello``."""
        if self.follow:
            also = f" ({', '.join(self.follow_also)})" if self.follow_also else ""
            return f"Following {self.follow}{also}"
        if self.search:
            return f"Search “{self.search}”"
        if self.feed_id:
            return f"Feed: {self.feed_title or self.feed_id}"
        if self.tag:
            return f"Tag: {self.tag}"
        if self.starred_only:
            return "Starred"
        return "All articles"
