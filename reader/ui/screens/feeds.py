"""The feeds view (``t``): pick a feed, a tag, or the starred articles to list;
add, rename, retag or remove feeds (feeds.toml is edited in place, comments kept)."""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Protocol

import httpx
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.config import Config, ConfigError, parse_config
from reader.discover import discover_feed
from reader.errors import ReaderError
from reader.feeds_file import add_feeds, edit_feed, writable_config
from reader.ingest.fetch import make_client
from reader.models import FeedConfig
from reader.store import FeedState
from reader.ui.query import ListQuery
from reader.ui.screens.feed_edit import ConfirmDialog, InputDialog
from reader.ui.text import display_line, short_error
from reader.ui.widgets.footer import ReaderFooter

DISCOVERY_TIMEOUT = 20.0

FeedsCallback = Callable[[dict[str, FeedState]], None]


class FeedsHost(Protocol):
    """What the feeds view needs from the screen that opened it (the main screen)."""

    config: Config

    def config_changed(self, config: Config, then: FeedsCallback | None = None) -> None: ...

    def refresh_feeds(self, feeds: list[FeedConfig] | None, label: str) -> None: ...


def advertised_feed(feed: FeedState) -> str | None:
    """The first feed link an HTML page served in place of the feed advertised."""
    return feed.last_status.advertised[0] if feed.last_status.advertised else None


def parse_tags(text: str) -> list[str]:
    """Tags typed with spaces or commas between them, each once, in order."""
    tags: list[str] = []
    for tag in re.split(r"[,\s]+", text):
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class FeedsScreen(ModalScreen[ListQuery | None]):
    """Every feed with its unread and total counts, and every tag."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t,q", "dismiss_none", "Close", id="feeds_close"),
        Binding("j", "move(1)", "Down", show=False, id="feeds_down"),
        Binding("k", "move(-1)", "Up", show=False, id="feeds_up"),
        Binding("g,home", "move(-1_000_000)", "Top", show=False, id="feeds_top"),
        Binding("G,end", "move(1_000_000)", "Bottom", show=False, id="feeds_bottom"),
        Binding("a", "add_feed", "Add", id="feeds_add",
                tooltip="Add a feed by URL (a web page's advertised feed is found)"),
        Binding("R", "rename_feed", "Rename", id="feeds_rename",
                tooltip="Rename the highlighted feed"),
        Binding("T", "retag_feed", "Tags", id="feeds_retag",
                tooltip="Set the highlighted feed's tags (spaces or commas between)"),
        Binding("x", "remove_feed", "Remove", id="feeds_remove",
                tooltip="Remove the highlighted feed from feeds.toml (asks y/n)"),
        Binding("F", "use_advertised", "Use advertised feed", id="feeds_advertised",
                tooltip="Replace a feed that is an HTML page by the first feed it advertises"),
    ]

    def __init__(self, feeds: dict[str, FeedState], host: FeedsHost | None = None) -> None:
        super().__init__()
        self._host = host
        self._choices: list[ListQuery] = []
        self._options: list[Option] = []
        self._feeds: list[FeedState | None] = []
        self._build(feeds)

    def _build(self, feeds: dict[str, FeedState]) -> None:
        self._choices, self._options, self._feeds = [], [], []
        if self._host is not None:  # a feed removed from feeds.toml stays in the store
            configured = {feed.id for feed in self._host.config.feeds}
            feeds = {key: feed for key, feed in feeds.items() if key in configured}
        self._add(ListQuery(), Content.styled("All articles", "bold"))
        self._add(ListQuery(starred_only=True), Content.styled("★ Starred", "bold"))
        tags = sorted({tag for feed in feeds.values() for tag in feed.tags}, key=str.casefold)
        for tag in tags:
            unread = sum(f.unread for f in feeds.values() if tag in f.tags)
            label = Content.assemble(("# ", "dim"), display_line(tag, 80), (f"  {unread:,}", "dim"))
            self._add(ListQuery(tag=tag), label)
        for feed in feeds.values():
            title = display_line(feed.title, 120) or feed.id
            parts: list[str | tuple[str, str]] = [
                (title, "bold" if feed.unread else ""),
                (f"  {feed.unread:,}/{feed.total:,}", "dim"),
            ]
            if feed.last_error:
                parts.append(("  ⚠ " + short_error(feed.last_error, feed.id, 60), "italic dim"))
                if feed.last_status.gone:
                    parts.append(("  (x removes it)", "bold"))
                elif advertised_feed(feed):
                    parts.append(("  (F uses the advertised feed)", "bold"))
            elif feed.last_status.web_page:
                parts.append(("  web page, not a feed: read as one article", "italic dim"))
            self._add(ListQuery(feed_id=feed.id, feed_title=title), Content.assemble(*parts), feed)

    def _add(self, query: ListQuery, label: Content, feed: FeedState | None = None) -> None:
        self._choices.append(query)
        self._options.append(Option(label))
        self._feeds.append(feed)

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-dialog"):
            yield OptionList(*self._options, id="feeds-list")
        yield ReaderFooter()  # this view's keys, over the main screen's

    def on_mount(self) -> None:
        dialog = self.query_one("#feeds-dialog")
        dialog.border_title = "Feeds and tags"
        dialog.border_subtitle = (
            "Enter show · a add · R rename · T tags · x remove · Esc close"
        )
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def set_feeds(self, feeds: dict[str, FeedState]) -> None:
        """Show fresh feed states (after an edit), keeping the cursor where it was."""
        if not self.is_attached:
            return  # closed meanwhile
        options = self.query_one(OptionList)
        at = options.highlighted or 0
        before = self._choices[at] if at < len(self._choices) else None
        self._build(feeds)
        options.clear_options()
        options.add_options(self._options)
        same = [
            index
            for index, query in enumerate(self._choices)
            if before is not None
            and (query.feed_id, query.tag, query.starred_only)
            == (before.feed_id, before.tag, before.starred_only)
        ]
        options.highlighted = same[0] if same else min(at, len(self._options) - 1)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._choices[event.option_index])

    def action_move(self, step: int) -> None:
        """Move the highlight, stopping at the ends (as every list here does)."""
        options = self.query_one(OptionList)
        if options.option_count:
            at = options.highlighted if options.highlighted is not None else 0
            options.highlighted = max(0, min(options.option_count - 1, at + step))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    # Editing feeds.toml ------------------------------------------------------

    def _say(self, message: str, error: bool = False) -> None:
        self.notify(message, severity="error" if error else "information", markup=False)

    def _highlighted_feed(self) -> FeedState | None:
        at = self.query_one(OptionList).highlighted
        feed = self._feeds[at] if at is not None and at < len(self._feeds) else None
        if feed is None:
            self._say("Highlight a feed first")
        return feed

    def _config_file(self) -> Path | None:
        if self._host is None:
            self._say("Feeds cannot be edited here", error=True)
            return None
        try:
            return writable_config(self._host.config.path)
        except OSError as exc:
            self._say(f"cannot create a config file: {exc}", error=True)
            return None

    def _key(self, path: Path, feed: FeedState) -> str:
        """What identifies the feed in feeds.toml for edit_feed: its URL, else the path
        as written there (the store has it resolved), else its title."""
        if feed.url:
            return feed.url
        with contextlib.suppress(OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            entries = tomllib.loads(path.read_text(encoding="utf-8")).get("feed", [])
            for entry in entries if isinstance(entries, list) else []:
                local = entry.get("path") if isinstance(entry, dict) else None
                if isinstance(local, str) and feed.path == str(
                    (path.parent / Path(local).expanduser()).resolve()
                ):
                    return local
        return feed.title

    def _edited(self, path: Path, message: str, refresh: FeedConfig | None = None) -> None:
        """feeds.toml changed: reload it, hand it to the host, say what happened."""
        assert self._host is not None
        try:
            config = parse_config(path)
        except ConfigError as exc:
            self._say(str(exc), error=True)
            return
        self._say(message)
        self._host.config_changed(config, self.set_feeds)
        if refresh is not None:
            self._host.refresh_feeds([refresh], display_line(refresh.title, 60))

    def _edit(
        self,
        feed: FeedState,
        message: str,
        *,
        title: str | None = None,
        tags: list[str] | None = None,
        remove: bool = False,
    ) -> None:
        path = self._config_file()
        if path is None:
            return
        try:
            edit_feed(path, self._key(path, feed), title=title, tags=tags, remove=remove)
        except ConfigError as exc:
            self._say(str(exc), error=True)
            return
        self._edited(path, message)

    def action_rename_feed(self) -> None:
        feed = self._highlighted_feed()
        if feed is None:
            return

        def renamed(title: str | None) -> None:
            if title is None or title == feed.title:
                return
            if not title:
                self._say("A title cannot be empty", error=True)
                return
            self._edit(feed, f"Renamed {display_line(feed.title, 60)} to {title}", title=title)

        self.app.push_screen(InputDialog("Rename feed", "New title:", feed.title), renamed)

    def action_retag_feed(self) -> None:
        feed = self._highlighted_feed()
        if feed is None:
            return

        def retagged(text: str | None) -> None:
            if text is None:
                return
            tags = parse_tags(text)
            shown = ", ".join(tags) or "no tags"
            self._edit(feed, f"Tagged {display_line(feed.title, 60)}: {shown}", tags=tags)

        prompt = "Tags (spaces or commas between them):"
        self.app.push_screen(InputDialog("Feed tags", prompt, " ".join(feed.tags)), retagged)

    def action_remove_feed(self) -> None:
        feed = self._highlighted_feed()
        if feed is None:
            return
        title = display_line(feed.title, 60)

        def answered(yes: bool | None) -> None:
            if yes:
                self._edit(feed, f"Removed {title}", remove=True)

        stored = "" if not feed.total else (  # (the count holds the starred ones)
            f" Of its {feed.total:,} stored article{'s' if feed.total != 1 else ''}, all but"
            " the starred ones go too."
        )
        self.app.push_screen(ConfirmDialog(f"Remove {title}?{stored}"), answered)

    def action_add_feed(self) -> None:
        if self._host is None:
            self._say("Feeds cannot be edited here", error=True)
            return

        def entered(url: str | None) -> None:
            if url:
                self._say(f"Looking for a feed at {url}…")
                self._discover(url)

        prompt = "URL of a feed, or of a web page that advertises one:"
        self.app.push_screen(InputDialog("Add feed", prompt), entered)

    @work(thread=True, exclusive=True, group="discover")
    def _discover(self, url: str) -> None:
        """Network: never on the UI thread."""
        try:
            with make_client(DISCOVERY_TIMEOUT) as client:
                found = discover_feed(url, client)
        except (ReaderError, httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            self.app.call_from_thread(self._say, display_line(str(exc), 300), True)
            return
        self.app.call_from_thread(self._subscribe, found)

    def _subscribe(self, feed: FeedConfig, replacing: FeedState | None = None) -> None:
        path = self._config_file()
        if path is None:
            return
        title = display_line(feed.title, 60)
        try:
            added = add_feeds(path, [feed])
            if replacing is not None:
                edit_feed(path, self._key(path, replacing), remove=True)
        except ConfigError as exc:
            self._say(str(exc), error=True)
            return
        if replacing is not None:
            message = f"Replaced {display_line(replacing.title, 60)} by {feed.url}"
        elif added:
            message = f"Added {title}"
        else:
            message = f"Already subscribed: {feed.url}"
        self._edited(path, message, refresh=feed if added else None)

    def action_use_advertised(self) -> None:
        feed = self._highlighted_feed()
        if feed is None:
            return
        url = advertised_feed(feed)
        if url is None:
            self._say("This feed's last error lists no advertised feed")
            return
        self._subscribe(FeedConfig(title=feed.title, url=url, tags=list(feed.tags)), feed)
