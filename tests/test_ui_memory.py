"""Huge items: what is stored per item is capped, and a story too long to show at once is
shown in part, with a note and the rest on demand (``e``); find stays bounded.

(Issue 12: opening one 49 MB item took 3.1 GB and froze the UI; find in it 22.5 s.
benchmarks/memory_peak.py measures it; these tests count characters, never time.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config
from reader.ingest import load_path, parse_feed_bytes
from reader.ingest.limits import MAX_ITEM_CHARS, MAX_ITEM_HTML, MAX_LINE_CHARS, cap_text
from reader.models import Article, FeedConfig, FeedResult
from reader.refresh import index_pending
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.widgets.story_view import SHOWN_AT_ONCE, StoryView
from tests.ui_support import settle, story

PARAGRAPH = "Words of a very long story, one paragraph after another, without end. " * 10
NOTE_END = "more characters not stored]"


def note(view: StoryView) -> str:
    """The last paragraph of the story as shown (the wrapped lines after the last blank)."""
    lines = [view.line_text(i) for i in range(view.line_count)]
    blank = max(i for i, line in enumerate(lines) if not line)
    return " ".join(lines[blank + 1 :])


def long_text(chars: int, marker_at: int | None = None) -> str:
    text = ((PARAGRAPH + "\n\n") * (chars // (len(PARAGRAPH) + 2) + 1))[:chars]
    if marker_at is not None:
        text = text[:marker_at] + " needle " + text[marker_at:]
    return text


def test_cap_text_cuts_at_a_paragraph_and_says_how_much() -> None:
    text = long_text(3 * MAX_ITEM_CHARS)
    capped = cap_text(text)
    body, note = capped.rsplit("\n\n", 1)
    assert len(body) <= MAX_ITEM_CHARS and text.startswith(body)
    assert note == f"[… {len(text) - len(body):,} {NOTE_END}"
    assert cap_text("short") == "short"


@pytest.mark.parametrize("html", [False, True])
def test_a_huge_feed_item_is_stored_capped(tmp_path: Path, html: bool) -> None:
    body = long_text(3 * MAX_ITEM_CHARS)
    if html:
        body = "<p>" + body.replace("\n\n", "</p><p>") + "</p>"
    kind = 'type="html"' if html else 'type="text"'
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id>'
        f"<title>Huge</title><content {kind}>{body.replace('<', '&lt;')}</content></entry></feed>"
    )
    feed = FeedConfig(title="t", url="https://example.com/feed")
    (article,) = parse_feed_bytes(atom.encode(), feed).articles
    assert len(article.text) <= MAX_ITEM_CHARS + 100 and article.text.endswith(NOTE_END)
    # The refresh keeps HTML to convert later: that is capped too, and so is its text.
    (lazy,) = parse_feed_bytes(atom.encode(), feed, lazy_html=True).articles
    if html:
        assert lazy.html is not None and len(lazy.html) <= MAX_ITEM_HTML
        with Store(tmp_path / "db.sqlite") as store:
            store.save_result(FeedResult(feed, [lazy]))
            index_pending(store)
            stored = store.article(lazy.id)
        assert stored is not None and len(stored.text) <= MAX_ITEM_CHARS + 100


def test_a_huge_local_file_is_stored_capped(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Huge\n\n" + long_text(2 * MAX_ITEM_CHARS))
    ((article,),) = [r.articles for r in load_path(path)]
    assert len(article.text) <= MAX_ITEM_CHARS + 100 and article.text.endswith(NOTE_END)


async def test_a_story_too_long_to_show_is_shown_in_part_and_the_rest_on_demand(
    tmp_path: Path,
) -> None:
    """An item stored before the cap (or by something else): 5 MB of text."""
    feed = FeedConfig(title="big", path=str(tmp_path / "big"))
    db = tmp_path / "db.sqlite"
    text = long_text(5 * MAX_ITEM_CHARS, marker_at=SHOWN_AT_ONCE * 3)
    with Store(db) as store:
        store.sync_feeds([feed])
        store.save_result(FeedResult(feed, [Article(id="big", feed_id=feed.id, title="Big",
                                                    text=text)]))
    app = ReaderApp(Config(path=tmp_path / "feeds.toml", feeds=[feed]), db,
                    refresh_at_start=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = story(app)
        assert 0 < len(view.text) <= SHOWN_AT_ONCE
        assert view.hidden == len(text) - len(view.text)
        assert note(view) == f"… {view.hidden:,} more characters — press e to show all"
        await pilot.press("slash", *"needle")
        await pilot.pause()
        assert view.match_position == (0, 0)  # find searches what is shown, no more
        await pilot.press("escape", "e")
        await settle(pilot)
        assert SHOWN_AT_ONCE < len(view.text) <= MAX_ITEM_CHARS
        assert note(view).endswith("more characters, too many to show")
        await pilot.press("slash", *"needle")
        await pilot.pause()
        assert view.match_position == (1, 1)


def test_huge_titles_authors_ids_and_links_are_capped(tmp_path: Path) -> None:
    """A 5 MB title, author or guid was stored whole and cleaned again at every draw."""
    huge = "word " * 1_000_000
    rss = (
        f'<rss version="2.0"><channel><title>{huge}</title><item><title>{huge}</title>'
        f"<author>{huge}</author><guid>{huge}</guid><link>https://e.example/{'a' * 9000}</link>"
        "<description>x</description></item></channel></rss>"
    )
    result = parse_feed_bytes(rss.encode(), FeedConfig(title="t", url="https://e.example/f"))
    (article,) = result.articles
    for value in (article.title, article.author or "", result.feed_title or ""):
        assert len(value) == MAX_LINE_CHARS and value.endswith("…")
    assert article.id.startswith("sha1:") and article.url is None
    path = tmp_path / "one-line.txt"
    path.write_text(huge)
    ((local,),) = [r.articles for r in load_path(path)]
    assert len(local.title) <= MAX_LINE_CHARS
