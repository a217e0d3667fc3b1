"""Replacing a user's file atomically: a failed write leaves the old file untouched.

Every rewrite of a file the user owns (``feeds.toml``, its settings) goes
through :func:`replace_text`: the new content is written to a temporary file
in the same folder, flushed to disk, then renamed over the old one.  A full
disk, a crash or a kill at any moment leaves either the old file or the new
one, never a truncated mix.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def replace_text(path: Path, text: str) -> None:
    """Make ``path`` hold ``text`` (UTF-8), atomically, keeping its permissions.

    A symlink is followed: the file it points to is replaced and the link kept.
    Raises :class:`OSError` when the write fails; ``path`` is then as it was
    and no temporary file is left behind.
    """
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None  # a new file keeps mkstemp's owner-only permissions
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system can sync a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
