"""Full names known from stored stories: hints for the extractor, shared by workers.

The extract and full-text workers both read these names and add the ones they
find; the UI thread only marks them stale after a refresh brings new stories.
So they live here, behind a lock, not on the screen (workers never touch UI
state).  Plain Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.entities import KnownNames
    from reader.store import Store


class NameHints:
    """One :class:`~reader.entities.KnownNames`, built on first use and rebuilt when stale."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: KnownNames | None = None
        self._stale = False

    def known(self, store: Store) -> KnownNames:
        """The names (in a worker): reading every stored name takes longer than extracting
        one story, so they are read once and then reused until :meth:`stale`."""
        from reader.entities import KnownNames

        with self._lock:
            if self._known is None or self._stale:
                self._stale = False
                self._known = KnownNames(store.known_people())
            return self._known

    def learn(self, names: Iterable[str]) -> None:
        """Names a worker just found, for the next story's hints."""
        with self._lock:
            if self._known is not None:
                for name in names:
                    self._known.add(name)

    def stale(self) -> None:
        """New stories were stored (UI thread): read the names again on next use.  Never
        waits for the lock, so the UI thread never blocks on a worker."""
        self._stale = True
