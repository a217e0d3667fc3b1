"""The article store: SQLite with WAL, a versioned schema and FTS5 search.

``database`` holds :class:`Store` (the queries), ``schema`` the tables and their
upgrades, ``records`` what the store hands out, ``recovery`` what happens to a
damaged file.
"""

from reader.store.database import Store
from reader.store.records import (
    ArticleRow,
    CorruptDatabase,
    Extracted,
    FeedState,
    PendingArticle,
    StoreError,
    body_text,
    extracted,
    fts_query,
    name_key,
)
from reader.store.recovery import open_store, recover
from reader.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRow",
    "CorruptDatabase",
    "Extracted",
    "FeedState",
    "PendingArticle",
    "Store",
    "StoreError",
    "body_text",
    "extracted",
    "fts_query",
    "name_key",
    "open_store",
    "recover",
]
