"""Case 5: latencies inside the app, measured in-process with Textual's ``run_test``.

    python benchmarks/bench_ui.py --db STORE --config FEEDS.toml --out ui.json

Every latency is *keypress to paint*: from just before a key event is handed
to the app's driver until the end of the first screen update (``App._display``)
whose state shows the key's effect, for example the list cursor on the next row.
The hook also turns each update into the terminal byte string (what a real
terminal would be sent), so that work is counted; writing the bytes to a tty is
not.  The app runs headless at 120x40, the same size as the tmux runs.

Measured (100,000-article store unless ``--quick`` made it smaller):

* ``keys``: ``j`` 150 times then ``k`` 50 times in the article list;
* ``open``: ``j`` then ``Enter`` 30 times (time of ``Enter`` until the story
  of the new row is painted; opening also marks it read in the store);
* ``search``: open a 25,000-word story, ``/``, type the search word; time from
  the last keystroke until the paint where every match is highlighted
  (the story view computes all matches and paints the visible ones);
* ``follow``: open a story naming the followed person, highlight that person in
  the People panel, ``f``; time until the list shows every story naming them;
* ``refresh_frame``: a second app on an empty store with the 100 feeds of case
  1 served on loopback; ``r``; the longest event-loop stall (a 10 ms ticker's
  worst delay) while refreshing, plus ``j`` latencies during the refresh and the
  number of times the list was refreshed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from bench_common import REPO, FeedServer, percentile

sys.path.insert(0, str(REPO))

KEY_CHARS = {"enter": "\r", "escape": "\x1b", "slash": "/", "tab": "\t"}


class Frames:
    """Hooks ``App._display``: each screen update is timestamped and checked."""

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.count = 0
        self.times: list[float] = []
        self._want: Callable[[], bool] | None = None
        self._hit: asyncio.Future[float] | None = None
        self.watchers: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            now = time.perf_counter()
            self.count += 1
            self.times.append(now)
            for want, future in self.watchers:
                if not future.done():
                    try:
                        if want():
                            future.set_result(now)
                    except Exception:
                        pass
            if self._want is not None and self._hit is not None and not self._hit.done():
                try:
                    ok = self._want()
                except Exception:
                    ok = False
                if ok:
                    self._hit.set_result(now)

        app._display = display

    async def press(self, key: str, done: Callable[[], bool], timeout: float = 10.0) -> float:
        """Send ``key``; seconds until the first paint after which ``done()`` holds."""
        from textual import events

        loop = asyncio.get_running_loop()
        self._hit = loop.create_future()
        self._want = done
        char = KEY_CHARS.get(key, key if len(key) == 1 else None)
        start = time.perf_counter()
        self.app._driver.send_message(events.Key(key, char))
        try:
            end = await asyncio.wait_for(self._hit, timeout)
        finally:
            self._want = None
        return end - start


def _result(samples_s: list[float], value: str = "p95") -> dict[str, Any]:
    samples = [s * 1000 for s in samples_s]
    figure = percentile(samples, 95) if value == "p95" else percentile(samples, 50)
    return {
        "samples": samples,
        "value": figure,
        "notes": [
            f"n={len(samples)}, p50 {percentile(samples, 50) or 0:.1f} ms, "
            f"p95 {percentile(samples, 95) or 0:.1f} ms, max {max(samples or [0]):.1f} ms"
        ],
        "errors": [],
    }


async def _wait(cond: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.perf_counter()
    while not cond():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{what} not reached in {timeout:.0f} s")
        await asyncio.sleep(0.005)
    return time.perf_counter() - start


async def browse(config_path: Path, db: Path, out: dict[str, Any]) -> None:
    from gen_data import FOLLOW_NAME

    from reader.config import load_config
    from reader.store import Store
    from reader.ui.app import ReaderApp

    with Store(db) as store:
        total = len(store.rows())
        followed = store.rows(follow=FOLLOW_NAME)
        follow_query: list[float] = []
        for _ in range(5):
            start = time.perf_counter()
            store.rows(follow=FOLLOW_NAME)
            follow_query.append(time.perf_counter() - start)
    config = load_config(str(config_path))
    app = ReaderApp(config, db, refresh_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        frames = Frames(app)
        screen = app.screen
        listing = screen.article_list
        await _wait(
            lambda: screen.list_pane.loaded and len(listing.rows) == total, 120, "list loaded"
        )
        await pilot.pause()

        # Moving through the list.
        keys: list[float] = []
        for key, times in (("j", 150), ("k", 50)):
            for _ in range(times):
                want = listing.cursor + (1 if key == "j" else -1)
                keys.append(await frames.press(key, lambda w=want: listing.cursor == w))
                await asyncio.sleep(0.01)
        out["keys"] = _result(keys)

        # Opening articles.
        opens: list[float] = []
        for _ in range(30):
            want = listing.cursor + 1
            await frames.press("j", lambda w=want: listing.cursor == w)
            await asyncio.sleep(0.05)  # a fast typist's gap: j's own paint is not counted
            row = listing.row
            assert row is not None
            opens.append(await frames.press(
                "enter",
                lambda r=row.rowid: screen.opened is not None and screen.opened.rowid == r,
            ))
            listing.focus()
            await pilot.pause()
        out["open"] = _result(opens)

        # Search in a 25,000-word story.
        long_index = listing.index_of(screen.store.keys_of("urn:bench:long")[0])
        if long_index is None:
            out["search"] = {"errors": ["the long story is not in the store"]}
        else:
            out["search"] = await _search(app, pilot, frames, long_index)

        # Following a person.
        out["follow"] = await _follow(app, pilot, frames, FOLLOW_NAME, len(followed))
        out["follow"]["notes"].append(
            f"store.rows(follow=...) alone: median "
            f"{sorted(follow_query)[2] * 1000:.1f} ms for {len(followed)} of {total} articles"
        )


async def _search(app: Any, pilot: Any, frames: Frames, index: int) -> dict[str, Any]:
    from gen_data import long_story

    screen = app.screen
    listing = screen.article_list
    story = screen.story
    text, needle = long_story()
    expected = text.lower().count(needle)
    samples: list[float] = []
    per_key: list[float] = []
    errors: list[str] = []
    listing.focus()
    listing.move_to(index)
    await pilot.pause()
    await frames.press("enter", lambda: screen.opened is not None
                       and screen.opened.id == "urn:bench:long")
    await pilot.pause()
    for _ in range(5):
        await frames.press("slash", lambda: screen.story_pane.find_bar.input.has_focus)
        await pilot.pause()
        for n, char in enumerate(needle, start=1):
            prefix = needle[:n]
            seconds = await frames.press(char, lambda p=prefix: story.query_text == p)
            per_key.append(seconds)
            await asyncio.sleep(0.01)
        samples.append(per_key[-1])
        found = len(story.matches)
        if found != expected:
            message = f"{found} matches highlighted, {expected} in the text"
            if message not in errors:
                errors.append(message)
        await frames.press("escape", lambda: story.query_text == "")
        await pilot.pause()
    result = _result(samples, value="p50")
    result["notes"] = [
        f"last keystroke of {needle!r} to paint with all {expected} matches: "
        f"median of {len(samples)} = {percentile([s * 1000 for s in samples], 50):.1f} ms; "
        f"every keystroke of the word: p95 {percentile([s * 1000 for s in per_key], 95):.1f}"
        f" ms, max {max(per_key) * 1000:.1f} ms; story {len(text.split())} words"
    ]
    result["errors"] = errors
    return result


async def _follow(app: Any, pilot: Any, frames: Frames, name: str, expected: int
                  ) -> dict[str, Any]:
    from reader.store import name_key
    from reader.ui.widgets.people_panel import PeoplePanel

    screen = app.screen
    listing = screen.article_list
    errors: list[str] = []
    samples: list[float] = []
    naming = [row.rowid for row in screen.store.rows(follow=name)]
    full: list[float] = []
    for attempt in range(5):
        # Open the attempt-th story naming the person, from the plain list.
        target = listing.index_of(naming[attempt]) if attempt < len(naming) else None
        if target is None:
            errors.append(f"no story naming {name} in the list")
            break
        listing.focus()
        listing.move_to(target)
        await pilot.pause()
        row_id = listing.rows[target].id
        await frames.press("enter", lambda r=row_id: screen.opened is not None
                           and screen.opened.id == r)
        await pilot.pause()
        people = screen.query_one(PeoplePanel)
        keys = [name_key(e.name) for e in people.entities]
        if name_key(name) not in keys:
            errors.append(f"{name} not in the People panel: {keys}")
            break
        people.focus()
        people.highlighted = keys.index(name_key(name))
        await pilot.pause()

        def following() -> bool:
            follow = screen.query_state.follow
            return follow is not None and name_key(follow) == name_key(name)

        def first_page() -> bool:  # the followed view is on screen, its rows from the query
            return following() and bool(listing.rows) and listing.rows[0].rowid == naming[0]

        def complete() -> bool:
            return following() and len(listing.rows) == expected

        done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        frames.watchers = [(complete, done)]
        start = time.perf_counter()
        samples.append(await frames.press("f", first_page))
        full.append(await asyncio.wait_for(done, 10) - start)
        frames.watchers = []
        await pilot.pause()
        await frames.press("escape", lambda: screen.query_state.follow is None
                           and len(listing.rows) > expected)
        await pilot.pause()
    result = _result(samples, value="p50")
    result["notes"] = [
        f"'f' on {name} in the People panel to the first paint of the followed list "
        f"(its first rows on screen): median of {len(samples)} = "
        f"{percentile([x * 1000 for x in samples], 50) or 0:.1f} ms; to the complete list of "
        f"all {expected} stories: median {percentile([x * 1000 for x in full], 50) or 0:.1f} ms"
    ]
    result["errors"] = errors
    return result


async def refresh_in_app(workdir: Path, out: dict[str, Any]) -> None:
    """Press ``r`` on an empty store while 100 feeds are served; watch the event loop."""
    from bench_reader import write_feeds_toml

    from reader.config import load_config
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.article_list import ArticleList

    try:  # as `reader` does before the app takes over stdio (worker processes)
        from reader.refresh import start_worker_server
    except ImportError:
        pass
    else:
        start_worker_server()
    with FeedServer(100, 100) as server:
        config_path = write_feeds_toml(workdir / "refresh-feeds.toml",
                                       [server.url(i) for i in range(100)])
        db = workdir / "refresh.db"
        for suffix in ("", "-wal", "-shm"):  # an empty store: a cold refresh
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        config = load_config(str(config_path))
        app = ReaderApp(config, db, refresh_at_start=False)
        set_rows_calls: list[tuple[float, int]] = []
        original = ArticleList.set_rows

        def counting(self: ArticleList, rows: Any, *args: Any, **kwargs: Any) -> None:
            set_rows_calls.append((time.perf_counter(), len(rows)))
            original(self, rows, *args, **kwargs)

        ArticleList.set_rows = counting  # type: ignore[method-assign]
        moves = [0]
        original_down = ArticleList.action_cursor_down

        def counting_down(self: ArticleList) -> None:
            moves[0] += 1
            original_down(self)

        ArticleList.action_cursor_down = counting_down  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            frames = Frames(app)
            screen = app.screen
            listing = screen.article_list
            set_rows_calls.clear()
            stalls: list[float] = []
            running = True

            async def ticker() -> None:
                while running:
                    start = time.perf_counter()
                    await asyncio.sleep(0.01)
                    stalls.append(time.perf_counter() - start - 0.01)

            tick = asyncio.create_task(ticker())
            frames_before = frames.count
            start = time.perf_counter()
            await frames.press("r", lambda: screen.refresher.running
                               or bool(getattr(screen.status, "problem", "")))
            problem = getattr(screen.status, "problem", "")
            if problem and not screen.refresher.running:
                raise RuntimeError(f"the refresh stopped at once: {problem}")
            key_lat: list[float] = []
            key_timeouts = 0
            while screen.refresher.running and time.perf_counter() - start < 300:
                if listing.rows:
                    # Done when the move was handled and a paint followed (the list may be
                    # reloaded in between, so the cursor's index is no test).
                    want = moves[0] + 1
                    try:
                        key_lat.append(await frames.press("j", lambda w=want: moves[0] >= w))
                    except TimeoutError:
                        key_timeouts += 1
                await asyncio.sleep(0.1)
            refresh_seconds = time.perf_counter() - start
            during_stalls = len(stalls)
            # Background work after the refresh (list reload, indexing, extraction):
            # keep pressing j and watching the loop until no worker runs (at most 60 s).
            after_keys: list[float] = []
            settle_end = time.perf_counter() + 60
            await asyncio.sleep(0.2)
            while time.perf_counter() < settle_end and any(
                w.is_running for w in app.workers
            ):
                if listing.rows:
                    want = moves[0] + 1
                    try:
                        after_keys.append(
                            await frames.press("j", lambda w=want: moves[0] >= w))
                    except TimeoutError:
                        key_timeouts += 1
                await asyncio.sleep(0.1)
            after_seconds = time.perf_counter() - start - refresh_seconds
            await asyncio.sleep(0.5)
            running = False
            await tick
            worst_after = max(stalls[during_stalls:] or [0])
            frame_times = [t for t in frames.times if t >= start]
            gaps = [b - a for a, b in pairwise(frame_times)]
            worst = max(stalls) if stalls else None
            during = [t for t, _ in set_rows_calls if t <= start + refresh_seconds]
            out["refresh_frame"] = {
                "samples": [s * 1000 for s in stalls],
                "value": worst * 1000 if worst is not None else None,
                "notes": [
                    f"in-app refresh of 100 feeds took {refresh_seconds:.1f} s; event-loop "
                    f"stall p50 {percentile(stalls, 50) or 0:.3f} s, p95 "
                    f"{percentile(stalls, 95) or 0:.3f} s, max {worst or 0:.3f} s",
                    f"{frames.count - frames_before} screen updates; longest gap between "
                    f"updates {max(gaps or [0]) * 1000:.0f} ms (a gap is not a stall when "
                    "nothing changed)",
                    f"j during refresh: n={len(key_lat)}, p50 "
                    f"{(percentile(key_lat, 50) or 0) * 1000:.0f} ms, p95 "
                    f"{(percentile(key_lat, 95) or 0) * 1000:.0f} ms",
                    f"after the refresh, background work for {after_seconds:.1f} s: worst "
                    f"stall {worst_after * 1000:.0f} ms; j then: n={len(after_keys)}, p95 "
                    f"{(percentile(after_keys, 95) or 0) * 1000:.0f} ms",
                    f"article list refreshed {len(during)} time(s) during the refresh and "
                    f"{len(set_rows_calls) - len(during)} after it (issue: in batches, "
                    "not once per feed)",
                ],
                "errors": [f"{key_timeouts} j presses got no paint within 10 s"]
                if key_timeouts else [],
            }
            if not key_lat and not during:
                out["refresh_frame"]["errors"].append(
                    "the list stayed empty during the whole refresh (no batch updates)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--config", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--skip-refresh", action="store_true")
    ap.add_argument("--skip-browse", action="store_true")
    args = ap.parse_args()
    from bench_reader import long_story_store

    long_story_store(args.db)
    out: dict[str, Any] = {}
    try:
        if not args.skip_browse:
            asyncio.run(browse(args.config, args.db, out))
    except Exception as exc:  # report what was measured so far
        import traceback

        traceback.print_exc()
        out.setdefault("keys", {}).setdefault("errors", []).append(
            f"browse: {type(exc).__name__}: {exc}")
    if not args.skip_refresh:
        try:
            asyncio.run(refresh_in_app(args.db.parent, out))
        except Exception as exc:
            import traceback

            traceback.print_exc()
            out["refresh_frame"] = {"errors": [f"{type(exc).__name__}: {exc}"]}
    args.out.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
