"""Builders for UI tests and benchmarks: a small hand-written store and big synthetic ones.

Everything is deterministic (fixed dates, fixed text) so snapshots are stable,
and entities are written by hand so UI tests never depend on the extractor.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from reader.config import Config
from reader.models import Article, Entities, Entity, FeedConfig, FeedResult
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.story_view import StoryView

HOSTILE_TITLE = "[bold red]x[/] [@click=app.quit]"
"""A title that would quit the app if it were ever parsed as markup."""

BASE_DATE = datetime(2024, 5, 3, 9, 30, tzinfo=UTC)

CABELLO_TEXT = (
    "CARACAS (Reuters) - Venezuela's Diosdado Cabello said on Tuesday that the "
    "government would not negotiate with the opposition.\n\n"
    "Cabello, the interior minister, spoke to reporters in Caracas. \"We will not "
    "give in,\" Cabello said, according to state television VTV.\n\n"
    "The opposition leader Maria Corina Machado said the vote had been stolen, "
    "Reuters reported. Machado called for calm.\n\n"
    "Analysts said the standoff could last for months. The government, the "
    "opposition and the military all claim the support of the people."
)

ELECTION_TEXT = (
    "Election officials in Caracas began counting votes late on Sunday.\n\n"
    "Diosdado Cabello, a senior figure in the ruling party, told supporters the "
    "result would be announced soon, El Pais reported.\n\n"
    "Observers said turnout was high in the capital."
)

MARKET_TEXT = (
    "Stocks rose on Wednesday as investors weighed fresh data on inflation.\n\n"
    "\"The market is looking for direction,\" said Jane Doe, an analyst at Example "
    "Capital, told Bloomberg. Bond yields fell.\n\n"
    "Oil prices were little changed."
)


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    out = []
    start = text.find(word)
    while start >= 0:
        out.append((start, start + len(word)))
        start = text.find(word, start + len(word))
    return out


def person(text: str, name: str, *forms: str, hint: str | None = None) -> Entity:
    """A person whose mentions are every occurrence of ``forms`` (default: ``name``)."""
    found = sorted(m for form in (forms or (name,)) for m in _spans(text, form))
    # A short form ("Cabello") also matches inside the long one: keep the outer span.
    mentions = [
        m for m in found if not any(o != m and o[0] <= m[0] and m[1] <= o[1] for o in found)
    ]
    return Entity(name=name, aliases=list(forms), mentions=mentions, hint=hint)


def source(text: str, name: str, kind: str = "outlet") -> Entity:
    return Entity(name=name, mentions=_spans(text, name), kind=kind)


@dataclass(slots=True)
class SampleWorld:
    """What :func:`build_sample` made."""

    config: Config
    db_path: Path
    wire: FeedConfig
    markets: FeedConfig


def build_sample(tmp_path: Path) -> SampleWorld:
    """A store with two local feeds, four articles (one hostile) and hand-made entities."""
    wire = FeedConfig(title="Local Wire", path=str(tmp_path / "wire"), tags=["world"])
    markets = FeedConfig(title="Markets", path=str(tmp_path / "markets"), tags=["money"])
    config = Config(path=tmp_path / "feeds.toml", feeds=[wire, markets])
    db_path = tmp_path / "db.sqlite"
    articles_wire = [
        Article(
            id="wire-1", feed_id=wire.id, title="Cabello rejects talks with opposition",
            text=CABELLO_TEXT, url="https://example.com/cabello",
            published=BASE_DATE, author="Staff",
        ),
        Article(
            id="wire-2", feed_id=wire.id, title="Votes counted in Caracas",
            text=ELECTION_TEXT, url="https://example.com/election",
            published=BASE_DATE - timedelta(days=1),
        ),
        Article(
            id="wire-3", feed_id=wire.id,
            title=HOSTILE_TITLE + " \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07done",
            text="A hostile story [b]not bold[/b] \x1b[2J and [@click=app.quit]click[/].",
            url="https://example.com/hostile",
            published=BASE_DATE - timedelta(days=2),
        ),
    ]
    articles_markets = [
        Article(
            id="mkt-1", feed_id=markets.id, title="Stocks rise as inflation cools",
            text=MARKET_TEXT, url="https://example.com/markets",
            published=BASE_DATE - timedelta(hours=5),
        ),
        Article(
            id="mkt-long", feed_id=markets.id, title="The long read: how markets work",
            text=long_story(3000), url="https://example.com/long",
            published=BASE_DATE - timedelta(days=3),
        ),
    ]
    with Store(db_path) as store:
        store.sync_feeds(config.feeds)
        store.save_result(FeedResult(wire, articles_wire))
        store.save_result(FeedResult(markets, articles_markets))
        rowids = dict(store._db.execute("SELECT id, rowid FROM articles"))
        store.save_entities(
            [
                (
                    rowids["wire-1"],
                    Entities(
                        people=[
                            person(CABELLO_TEXT, "Diosdado Cabello", "Diosdado Cabello", "Cabello"),
                            person(
                                CABELLO_TEXT, "Maria Corina Machado",
                                "Maria Corina Machado", "Machado",
                            ),
                        ],
                        sources=[
                            source(CABELLO_TEXT, "Reuters"),
                            source(CABELLO_TEXT, "VTV"),
                        ],
                    ),
                ),
                (
                    rowids["wire-2"],
                    Entities(
                        people=[person(ELECTION_TEXT, "Diosdado Cabello")],
                        sources=[source(ELECTION_TEXT, "El Pais")],
                    ),
                ),
                (
                    rowids["mkt-1"],
                    Entities(
                        people=[
                            person(MARKET_TEXT, "Jane Doe", hint="Jane Q. Doe"),
                        ],
                        sources=[source(MARKET_TEXT, "Bloomberg")],
                    ),
                ),
                (rowids["wire-3"], Entities()),
                (rowids["mkt-long"], Entities()),
            ]
        )
    return SampleWorld(config, db_path, wire, markets)


WORDS = (
    "government minister said election market oil talks court police president "
    "opposition reporters capital analysts vote economy border trade bank rates"
).split()


def long_story(words: int) -> str:
    """A deterministic story of about ``words`` words in paragraphs of 60."""
    out: list[str] = []
    for i in range(words):
        out.append(WORDS[(i * 7 + i // 13) % len(WORDS)])
        if i % 60 == 59:
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n")


def build_big(db_path: Path, count: int, feeds: int = 50) -> Config:
    """A store with ``count`` short articles spread over ``feeds`` local feeds.

    Writes rows straight into SQLite in one transaction (the public API does one
    upsert per article, far too slow for 100,000 rows), after letting Store
    create the schema.
    """
    configs = [
        FeedConfig(title=f"Feed {n:02d}", path=str(db_path.parent / f"feed{n}"), tags=["t"])
        for n in range(feeds)
    ]
    with Store(db_path) as store:
        store.sync_feeds(configs)
    db = sqlite3.connect(str(db_path), isolation_level=None)
    base = BASE_DATE.timestamp()
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO articles (id, feed_id, title, url, published, text, read, added) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                f"a{i}", configs[i % feeds].id, f"Story number {i} about {WORDS[i % len(WORDS)]}",
                f"https://example.com/{i}", base - i * 60, f"Body {i}. " + WORDS[i % 20],
                int(i % 3 == 0), time.time(),
            )
            for i in range(count)
        ),
    )
    # Every article counts as extracted (nothing found), like a store after a refresh.
    db.execute("UPDATE articles SET entities = '{\"people\": [], \"sources\": []}'")
    db.execute(
        "INSERT INTO names (key, article, role, display) "
        "SELECT 'diosdado cabello', rowid, 'person', 'Diosdado Cabello' "
        "FROM articles WHERE rowid % 1000 = 0"
    )
    db.execute("COMMIT")
    db.close()
    return Config(path=db_path.parent / "feeds.toml", feeds=configs)


def make_app(world: SampleWorld, **kwargs: Any) -> ReaderApp:
    """The app on the sample world, without the start-up refresh."""
    return ReaderApp(world.config, world.db_path, refresh_at_start=False, **kwargs)


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):  # superseded by a newer one
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@asynccontextmanager
async def running(
    world: SampleWorld, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[ReaderApp, Pilot[Any]]]:
    """The app running headless on ``world``, settled after start-up."""
    app = make_app(world)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield app, pilot


def main(app: ReaderApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def listing(app: ReaderApp) -> ArticleList:
    return app.screen.query_one(ArticleList)


def story(app: ReaderApp) -> StoryView:
    return app.screen.query_one(StoryView)


def ids(app: ReaderApp) -> list[str]:
    return [row.id for row in listing(app).rows]


async def select(pilot: Pilot[Any], article_id: str) -> None:
    """Put the list cursor on ``article_id`` (focus on the list)."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    listing(app).focus()
    listing(app).move_to(ids(app).index(article_id))
    await pilot.pause()


async def open_article(pilot: Pilot[Any], article_id: str, *, wait: bool = True) -> None:
    """Open ``article_id`` from the list; with ``wait``, until its workers are done."""
    await select(pilot, article_id)
    await pilot.press("enter")
    if wait:
        await settle(pilot)
    else:
        await pilot.pause()
