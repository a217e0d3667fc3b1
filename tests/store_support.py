"""Helpers for tests that reach articles in the store by their feed's id."""

from __future__ import annotations

from reader.store import Store


def key(store: Store, article_id: str) -> int:
    """The store key of the one article with this id (the test fails if there are several)."""
    (found,) = store.keys_of(article_id)
    return found
