"""Opening a damaged database: the file is moved aside, never overwritten, and rebuilt."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reader.store.database import Store
from reader.store.records import CorruptDatabase


def open_store(path: str | os.PathLike[str]) -> tuple[Store, str | None]:
    """Open the store; a corrupt file is moved aside (never overwritten) and rebuilt.

    Read and starred flags that can still be read from the corrupt file are
    kept and applied as the articles come back on the next refresh.  Returns
    the store and, when it had to recover, a one-line notice for the user.
    """
    try:
        return Store(path), None
    except CorruptDatabase:
        pass
    original = Path(path)
    flags = _salvage_flags(original)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = original.with_name(f"{original.name}.corrupt-{stamp}")
    serial = 1
    while aside.exists():  # corrupt twice in one second: never overwrite the first copy
        serial += 1
        aside = original.with_name(f"{original.name}.corrupt-{stamp}-{serial}")
    os.replace(original, aside)
    for suffix in ("-wal", "-shm"):
        companion = original.with_name(original.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    store = Store(original)
    if flags:
        with store.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO salvaged_flags VALUES (?, ?, ?, ?)", flags)
        store._salvaged = True
    notice = (
        f"{original}: the database was corrupt; moved to {aside.name} and rebuilt "
        f"({len(flags)} read/starred flags recovered)"
    )
    return store, notice


def _salvage_flags(path: Path) -> list[tuple[str, str, int, int]]:
    """Whatever read/starred flags a damaged database still yields; nothing on failure."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    flags: list[tuple[str, str, int, int]] = []
    try:
        query = "SELECT feed_id, id, read, starred FROM articles WHERE read OR starred"
        for row in db.execute(query):
            flags.append((str(row[0]), str(row[1]), int(row[2]), int(row[3])))
    except sqlite3.Error:
        pass
    finally:
        db.close()
    return flags
