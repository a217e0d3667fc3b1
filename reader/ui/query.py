"""What the article list shows: one filter, with a title for its header."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.store import ArticleRow, Store


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

    def rows(self, store: Store, limit: int | None = None) -> list[ArticleRow]:
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
            limit=limit,
        )

    def with_unread(self, unread_only: bool) -> ListQuery:
        return replace(self, unread_only=unread_only)

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
