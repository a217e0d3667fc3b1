"""Pilot tests of the full-text view: ``v``, the per-feed option, the cache, races.

Article pages come from a loopback server started here (127.0.0.1 only).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.models import Article, Entities, FeedConfig, FeedResult
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.page_text import FETCHING
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.people_panel import PeoplePanel
from tests.loopback import QuietHandler, base_url, serving
from tests.ui_support import (
    BASE_DATE,
    SampleWorld,
    build_sample,
    ids,
    main,
    open_article,
    running,
    select,
    settle,
    story,
)

DATA = Path(__file__).parent / "data" / "fulltext"
NEWS = (DATA / "news.html").read_bytes()
GRAIN = (DATA / "article.html").read_bytes()
HOSTILE = (
    b"<article><p>Hostile [@click=app.quit]quit[/] and [bold red]red[/] markup, an escape "
    b"\x1b[2J and an OSC 52 \x1b]52;c;aGk=\x07 write, in a page long enough to be a story.</p>"
    b"</article>"
)
SUMMARY = "Dock workers voted to end the strike."

pytestmark = pytest.mark.usefixtures("utc_clock")

REQUESTS: Counter[str] = Counter()
GATE = threading.Event()
"""Holds back the answer for /gated until a test sets it."""


class Pages(QuietHandler):
    def do_GET(self) -> None:
        REQUESTS[self.path] += 1
        if self.path == "/gated":
            GATE.wait(10)
        body = {"/story": NEWS, "/gated": GRAIN, "/grain": GRAIN, "/hostile": HOSTILE}.get(
            self.path
        )
        if body is None:
            self.send(404, b"no", Content_Type="text/html")
        else:
            self.send(200, body, Content_Type="text/html; charset=utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Pages) as httpd:
        yield base_url(httpd)


@pytest.fixture(autouse=True)
def fresh_counts() -> Iterator[None]:
    REQUESTS.clear()
    GATE.clear()
    yield
    GATE.set()  # never leave a server thread waiting


@pytest.fixture
def world(tmp_path: Path, server: str) -> SampleWorld:
    """The sample world plus a web feed, a ``full_text = true`` feed and a local note."""
    world = build_sample(tmp_path)
    web = FeedConfig(title="Harbour Gazette", url=f"{server}/feed.xml")
    auto = FeedConfig(title="Grain Daily", url=f"{server}/auto.xml", full_text=True)
    newer = BASE_DATE + timedelta(days=1)

    def story(article_id: str, path: str | None, title: str, hours: int) -> Article:
        return Article(
            id=article_id, feed_id=web.id, title=title, text=SUMMARY,
            url=f"{server}{path}" if path else None, published=newer - timedelta(hours=hours),
        )

    web_articles = [
        story("web-1", "/story", "Harbour strike ends after nine days", 0),
        story("web-gated", "/gated", "Grain corridor reopens", 1),
        story("web-404", "/missing", "A page that is gone", 2),
        story("web-hostile", "/hostile", "A hostile page", 3),
        story("note", None, "A local note", 4),
    ]
    auto_article = Article(
        id="auto-1", feed_id=auto.id, title="Grain corridor reopens", text="Ships sail again.",
        url=f"{server}/grain", published=newer - timedelta(hours=5),
    )
    world.config.feeds.extend([web, auto])
    with Store(world.db_path) as store:
        store.sync_feeds(world.config.feeds)
        store.save_result(FeedResult(web, web_articles))
        store.save_result(FeedResult(auto, [auto_article]))
        rowids = dict(store._db.execute("SELECT id, rowid FROM articles"))
        # The feed texts name nobody (entities written by hand, as in ui_support).
        store.save_entities(
            (rowids[a.id], Entities()) for a in [*web_articles, auto_article]
        )
        store.index_search()
    return world




def people(app: ReaderApp) -> list[str]:
    return [entity.name for entity in app.screen.query_one(PeoplePanel).entities]





async def until(pilot: Pilot[Any], ready: Callable[[], bool], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")



async def test_v_shows_the_full_text_and_v_again_the_summary(
    world: SampleWorld, server: str
) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-1")
        view = story(app)
        assert view.text == SUMMARY and view.view == "Feed summary"
        assert view.full_text is None and people(app) == []
        assert REQUESTS["/story"] == 0  # nothing is fetched unless asked

        await pilot.press("v")
        await settle(pilot)
        assert REQUESTS["/story"] == 1
        assert view.full_text is not None
        assert view.text.startswith("Dock workers at the port of Kessel voted on Thursday")
        assert "Ingrid Halvorsen" in view.text and "cookie" not in view.text
        assert view.view == "Full text · 127.0.0.1"
        assert view.line_text(3) == "Full text · 127.0.0.1"  # under title, byline and link
        assert {"Ingrid Halvorsen", "Tomas Varga"} <= set(people(app))
        assert main(app).status.activity == "" and main(app).status.problem == ""

        await pilot.press("v")
        await pilot.pause()
        assert view.text == SUMMARY and view.view == "Feed summary" and people(app) == []

        await pilot.press("v")  # from the cache: no second request
        await settle(pilot)
        assert view.full_text is not None and REQUESTS["/story"] == 1

        await open_article(pilot, "wire-1")
        assert view.full_text is None and view.view == "Feed summary"  # an https link
        await open_article(pilot, "web-1")  # opens on its cached full text
        assert view.full_text is not None and view.text.startswith("Dock workers at the port")
        assert "Ingrid Halvorsen" in people(app)
        assert REQUESTS["/story"] == 1


async def test_search_and_follow_find_what_only_the_full_text_says(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-1")
        await pilot.press("S", *"Halvorsen")
        await pilot.pause(0.3)
        await settle(pilot)
        assert ids(app) == []  # the summary does not name her
        await pilot.press("escape")
        await settle(pilot)
        await open_article(pilot, "web-1")
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("S", *"Halvorsen")
        await pilot.pause(0.3)
        await settle(pilot)
        assert ids(app) == ["web-1"]
        await pilot.press("escape")
        await settle(pilot)
        panel = app.screen.query_one(PeoplePanel)
        panel.focus()
        panel.highlighted = people(app).index("Ingrid Halvorsen")
        await pilot.press("f")
        await settle(pilot)
        assert ids(app) == ["web-1"]


async def test_v_on_another_row_opens_it_on_its_full_text(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "wire-2")
        await select(pilot, "web-1")
        await pilot.press("v")
        await settle(pilot)
        assert main(app).opened is not None and main(app).opened.id == "web-1"
        assert story(app).full_text is not None
        assert story(app).text.startswith("Dock workers at the port")


async def test_fetching_shows_in_the_status_line_and_never_blocks(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-gated")
        await pilot.press("v")
        await until(pilot, lambda: REQUESTS["/gated"] == 1)
        screen = main(app)
        assert screen.status.activity == FETCHING
        assert FETCHING in str(screen.status.render())
        assert story(app).view == "Feed summary · fetching full text…"
        assert story(app).text == SUMMARY
        # The UI goes on while the page is on its way.
        await pilot.press("j")
        await pilot.pause()
        assert screen.query_one(ArticleList).cursor == ids(app).index("web-gated") + 1
        GATE.set()
        await until(pilot, lambda: story(app).full_text is not None)
        assert story(app).text.startswith("The grain corridor through the strait reopened")
        assert story(app).view == "Full text · 127.0.0.1"
        assert screen.status.activity == ""


async def test_errors_are_one_line_naming_the_url(world: SampleWorld, server: str) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-404")
        await pilot.press("v")
        await settle(pilot)
        screen = main(app)
        assert screen.status.problem == f"{server}/missing: HTTP 404 Not Found (not found)"
        assert screen.status.activity == ""
        assert story(app).full_text is None and story(app).text == SUMMARY
        assert story(app).view == "Feed summary"
        # The next fetch clears it.
        await open_article(pilot, "web-1")
        await pilot.press("v")
        await settle(pilot)
        assert screen.status.problem == "" and story(app).full_text is not None


async def test_a_full_text_feed_fetches_when_an_article_is_opened(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "auto-1")
        assert REQUESTS["/grain"] == 1
        assert story(app).full_text is not None
        assert story(app).text.startswith("The grain corridor through the strait reopened")
        await pilot.press("v")  # the feed's text is still one key away
        await pilot.pause()
        assert story(app).text == "Ships sail again." and story(app).view == "Feed summary"
        await open_article(pilot, "web-1")
        await open_article(pilot, "auto-1")
        assert story(app).full_text is not None and REQUESTS["/grain"] == 1


async def test_a_local_article_has_no_web_page(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "note")
        assert story(app).view == ""
        await pilot.press("v")
        await settle(pilot)
        assert main(app).status.problem == "no web page for this article"
        assert story(app).full_text is None and sum(REQUESTS.values()) == 0


async def test_switching_article_mid_fetch_keeps_the_new_article(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-gated")
        await pilot.press("v")
        await until(pilot, lambda: REQUESTS["/gated"] == 1)
        # Another article, and its full text, while the first page is on its way.
        await open_article(pilot, "web-1", wait=False)
        await pilot.press("v")
        await until(pilot, lambda: story(app).full_text is not None)
        assert main(app).opened is not None and main(app).opened.id == "web-1"
        GATE.set()
        await settle(pilot)
        assert main(app).opened.id == "web-1"
        assert story(app).text.startswith("Dock workers at the port of Kessel")
        assert "Ingrid Halvorsen" in people(app)
        assert main(app).status.activity == ""
        # The late page was cached all the same.
        await open_article(pilot, "web-gated")
        assert story(app).text.startswith("The grain corridor") and REQUESTS["/gated"] == 1


async def test_a_late_page_does_not_replace_the_summary_of_another_article(
    world: SampleWorld,
) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-gated")
        await pilot.press("v")
        await until(pilot, lambda: REQUESTS["/gated"] == 1)
        await open_article(pilot, "wire-1", wait=False)
        GATE.set()
        await settle(pilot)
        assert main(app).opened is not None and main(app).opened.id == "wire-1"
        assert story(app).full_text is None
        assert story(app).text.startswith("CARACAS (Reuters)")
        assert "Diosdado Cabello" in people(app)


async def test_a_hostile_page_is_inert(world: SampleWorld) -> None:
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-hostile")
        await pilot.press("v")
        await settle(pilot)
        assert app.is_running
        text = story(app).text
        assert "[@click=app.quit]quit[/]" in text and "[bold red]red[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        body = [story(app).line_text(y) for y in range(story(app).line_count)]
        assert any("[@click=app.quit]quit[/]" in line for line in body)


async def test_the_key_can_be_remapped(world: SampleWorld) -> None:
    world.config.keys["full_text"] = "f2"
    async with running(world) as (app, pilot):
        await open_article(pilot, "web-1")
        await pilot.press("v")
        await settle(pilot)
        assert story(app).full_text is None
        await pilot.press("f2")
        await settle(pilot)
        assert story(app).full_text is not None
