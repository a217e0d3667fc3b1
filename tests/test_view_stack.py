"""The view stack and the name hints, driven without Pilot (plain Python)."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.models import FeedConfig, FeedResult
from reader.store import Store
from reader.ui.name_hints import NameHints
from reader.ui.query import ListQuery
from reader.ui.view_stack import Move, ViewStack

FEED = ListQuery(feed_id="f", feed_title="Feed")
FOLLOW = ListQuery(follow="Diosdado Cabello")


def test_filtered_views_stack_and_esc_returns_to_the_row_left() -> None:
    views = ViewStack()
    assert not views.can_go_back
    assert views.show(FEED, "a1") == Move(FEED)
    assert views.show(FOLLOW, "a7") == Move(FOLLOW)
    assert views.depth == 2
    assert views.back() == Move(FEED, "a7")
    assert views.back() == Move(ListQuery(), "a1")
    assert views.back() is None and views.current == ListQuery()


def test_showing_the_current_view_again_is_nothing_and_all_clears_the_stack() -> None:
    views = ViewStack()
    views.show(FEED, None)
    assert views.show(FEED, None) is None
    assert views.show(ListQuery(), None) == Move(ListQuery())
    assert views.depth == 0


def test_a_search_narrows_its_base_and_leaving_it_returns_there() -> None:
    views = ViewStack()
    views.show(FEED.with_unread(True), "a1")
    views.begin_search("a3")
    assert views.searching and views.can_go_back
    move = views.search("  caracas ")
    assert move is not None and move.query.search == "caracas"
    assert move.query.unread_only  # the base's filters stay
    assert move.query.feed_id is None  # a search spans every feed
    assert views.search("") == Move(FEED.with_unread(True), "a3")
    assert views.end_search() == Move(FEED.with_unread(True), "a3")
    assert not views.searching and views.end_search() is None


def test_following_from_search_results_returns_to_them() -> None:
    views = ViewStack()
    views.begin_search(None)
    results = views.search("vote")
    assert results is not None
    views.show(FOLLOW, "a2")
    assert not views.searching
    assert views.back() == Move(results.query, "a2")


def test_replace_changes_filters_in_place() -> None:
    views = ViewStack()
    views.show(FEED, None)
    assert views.replace(FEED.with_next_window()).query.within_days == 1
    assert views.depth == 1


def _store_with_people(path: Path) -> Path:
    feed = FeedConfig(title="W", path=str(path / "w"))
    db = path / "db.sqlite"
    with Store(db) as store:
        store.sync_feeds([feed])
        store.save_result(FeedResult(feed, []))
    return db


def test_name_hints_are_read_once_learned_and_read_again_when_stale(tmp_path: Path) -> None:
    db = _store_with_people(tmp_path)
    hints = NameHints()
    reads: list[int] = []
    with Store(db) as store:
        original = store.known_people

        def counting(limit: int = 20000) -> list[str]:
            reads.append(1)
            return original(limit)

        store.known_people = counting  # type: ignore[method-assign]
        first = hints.known(store)
        assert hints.known(store) is first and len(reads) == 1
        hints.learn(["Tomas Varga", "Varga"])  # one-word names are no hints
        assert first.full_name_for("Varga") == "Tomas Varga"
        hints.stale()
        assert hints.known(store) is not first and len(reads) == 2


def test_name_hints_survive_workers_learning_while_others_read(tmp_path: Path) -> None:
    db = _store_with_people(tmp_path)
    hints = NameHints()
    with Store(db) as store:
        known = hints.known(store)
    errors: list[BaseException] = []

    def learn(n: int) -> None:
        try:
            hints.learn(f"Person{n}-{i} Varga" for i in range(300))
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        try:
            for _ in range(3000):
                known.full_name_for("Varga")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=learn, args=(n,)) for n in range(4)]
    threads += [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(known) == 1200
