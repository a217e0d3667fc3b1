"""Opening a damaged database: the file is moved aside, never overwritten, and rebuilt."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from reader.store.database import Store
from reader.store.records import CorruptDatabase, StoreError
from reader.store.salvage import salvage_flags


def open_store(path: str | os.PathLike[str]) -> tuple[Store, str | None]:
    """Open the store; a corrupt file is moved aside (never overwritten) and rebuilt.

    Returns the store and, when it had to recover, a one-line notice for the user.
    """
    try:
        return Store(path), None
    except CorruptDatabase as exc:
        notice = recover(path, str(exc))
    return Store(path), notice


def recover(path: str | os.PathLike[str], reason: str) -> str:
    """Move a damaged database aside (never overwriting an earlier copy) and start an
    empty one in its place; return a one-line notice saying so.

    Damage found while the store is in use (``reason`` says what SQLite found) is
    recovered the same way as a file that does not open.  Read and starred flags
    still legible in the damaged file are kept and applied as their articles come
    back on the next refresh.
    """
    original = Path(path)
    flags = salvage_flags(original)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = original.with_name(f"{original.name}.corrupt-{stamp}")
    serial = 1
    while aside.exists():  # corrupt twice in one second: never overwrite the first copy
        serial += 1
        aside = original.with_name(f"{original.name}.corrupt-{stamp}-{serial}")
    try:
        os.replace(original, aside)
        for suffix in ("-wal", "-shm"):
            companion = original.with_name(original.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
    except OSError as exc:  # a read-only folder: say so, and touch nothing more
        raise StoreError(
            f"{original}: the database is corrupt and cannot be moved aside: "
            f"{exc.strerror or exc}"
        ) from None
    with Store(original) as store, store.transaction() as db:
        db.executemany("INSERT OR REPLACE INTO salvaged_flags VALUES (?, ?, ?, ?)", flags)
    detail = reason.removeprefix(f"{original}: ")
    return (
        f"{original}: the database was corrupt; moved to {aside.name} and rebuilt "
        f"({len(flags)} read/starred flags recovered; SQLite said: {detail})"
    )
