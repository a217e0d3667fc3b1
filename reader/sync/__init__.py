"""Sync with the feed servers people already run (Tiny Tiny RSS first).

The server holds subscriptions and read/starred state; ``reader`` keeps its own
store, queues what changes here, pushes it on the next sync and takes what
changed there.  See :mod:`reader.sync.engine` for the steps and the conflict
rule, :mod:`reader.sync.backend` for what a server must offer, and
:mod:`reader.sync.state` for the queue.  No Textual here.
"""

from reader.sync.backend import SyncError
from reader.sync.engine import SyncSummary, make_backend, sync
from reader.sync.state import sync_status

__all__ = ["SyncError", "SyncSummary", "make_backend", "sync", "sync_status"]
