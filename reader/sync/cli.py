"""``reader sync`` and the sync lines of ``reader doctor`` (plain text on stdout/stderr)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reader.config import Config
from reader.sanitize import sanitize_line
from reader.store import Store
from reader.sync.backend import Backend, SyncError
from reader.sync.engine import make_backend, sync
from reader.sync.state import sync_status


def run_sync(config: Config, db_path: Path, args: argparse.Namespace) -> int:
    """Sync, reporting each step on stderr; 1 with a one-line reason when a step fails."""

    def report(step: str) -> None:
        print(f"sync: {step}", file=sys.stderr, flush=True)

    try:
        server = make_backend(config)
        try:
            if args.subscribe or args.unsubscribe:
                _subscriptions(server, db_path, args, report)
            summary = sync(
                config, db_path, backend=server, report=report, index=not args.no_index
            )
        finally:
            server.close()
    except SyncError as exc:
        print(f"reader: sync failed: {sanitize_line(str(exc))}", file=sys.stderr)
        with Store(db_path) as store:
            status = sync_status(store)
        if status and status[1]:
            print(f"reader: {status[1]:,} changes wait for the next sync", file=sys.stderr)
        return 1
    print(
        f"synced: {summary.pushed:,} changes pushed, {summary.feeds:,} feeds, "
        f"{summary.new:,} new articles, {summary.flags:,} flags taken from the server, "
        f"{summary.waiting:,} changes waiting"
    )
    return 0


def _subscriptions(
    server: Backend, db_path: Path, args: argparse.Namespace, report: Callable[[str], None]
) -> None:
    server.login()
    if args.subscribe:
        report(f"subscribe {args.subscribe}")
        server.subscribe(args.subscribe, args.category)
    if args.unsubscribe:
        key = args.unsubscribe
        found = [f for f in server.feeds() if key in (f.url, f.title, f.id)]
        if not found:
            raise SyncError(f"unsubscribe: no feed {key!r} on the server")
        report(f"unsubscribe {found[0].title}")
        server.unsubscribe(found[0].id)


def check_sync(config: Config, db_path: Path) -> int:
    """Print the sync lines of ``reader doctor``; return how many problems were found."""
    sync_config = config.sync
    assert sync_config is not None
    print(f"sync:     {sync_config.backend} at {sync_config.url} as {sync_config.user}")
    if db_path.exists():
        with Store(db_path) as store:
            status = sync_status(store)
        if status is None:
            print("sync:     never synced")
        else:
            last, waiting = status
            when = datetime.fromtimestamp(last).strftime("%Y-%m-%d %H:%M") if last else "never"
            print(f"sync:     last sync {when}, {waiting:,} changes waiting")
    started = time.monotonic()
    try:
        server = make_backend(config)
        try:
            server.login()
            counters = server.counters()
        finally:
            server.close()
    except SyncError as exc:
        print(f"problem:  sync: {sanitize_line(str(exc))}")
        return 1
    print(
        f"sync:     login ok ({time.monotonic() - started:.1f} s); the server has "
        f"{counters.feeds:,} feeds, {counters.unread:,} unread"
    )
    return 0
