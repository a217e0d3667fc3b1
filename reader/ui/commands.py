"""Command palette (Ctrl+P) entries: views, feeds, tags, following, refresh.

Themes come from Textual's own "Change theme" command.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.store import name_key
from reader.ui.query import ListQuery
from reader.ui.text import display_line
from reader.ui.widgets.entity_panel import followable


class ReaderCommands(Provider):
    """Commands that act on the main screen."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        narrowed = screen.query_state.narrowed_like
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Show all articles", partial(screen.show_view, narrowed(ListQuery())),
             "List every stored article"),
            ("Show starred articles", partial(screen.show_view, ListQuery(starred_only=True)),
             "List the articles you starred"),
            ("Toggle unread only", screen.action_toggle_unread_only, "Show only unread articles"),
            ("Cycle date filter", screen.action_cycle_dates,
             "Any time, the last 24 hours, 7 days or 30 days"),
            ("Mark all listed read", screen.action_mark_all_read, "Mark every listed article read"),
            ("Refresh all feeds", screen.action_refresh, "Fetch every configured feed"),
            ("Search all articles", screen.action_search_all, "Full-text search"),
            ("Find in story", screen.action_find, "Search within the opened story"),
            ("Toggle full text", screen.action_full_text,
             "The article's web page instead of the feed's text, or back"),
            ("Feeds and tags", screen.action_feeds, "Pick a feed or tag to list"),
            ("Toggle side panels", screen.action_toggle_panels, "Show or hide Sources and People"),
        ]
        for feed in screen.config.feeds:
            title = display_line(feed.title, 80)
            commands.append(
                (
                    f"Feed: {title}",
                    partial(screen.show_view, ListQuery(feed_id=feed.id, feed_title=title)),
                    "List this feed's articles",
                )
            )
            commands.append(
                (f"Refresh feed: {title}", partial(screen.refresh_feeds, [feed], title),
                 "Fetch just this feed")
            )
        for tag in sorted({tag for feed in screen.config.feeds for tag in feed.tags}):
            clean = display_line(tag, 60)
            commands.append(
                (f"Tag: {clean}", partial(screen.show_view, ListQuery(tag=tag)),
                 "List the articles of feeds with this tag")
            )
        entities = screen.current_entities
        if entities is not None:
            offered: set[str] = set()  # a person who is also a source, once
            for role, group in (("person", entities.people), ("source", entities.sources)):
                for entity in group:
                    name = display_line(entity.name, 80)
                    if not followable(entity) or name_key(name) in offered:
                        continue
                    offered.add(name_key(name))
                    commands.append(
                        (f"Follow: {name}", partial(screen.follow, entity),
                         f"Every stored story that mentions this {role}")
                    )
        return commands

    # A name holds feed titles, tags and people's names: it reaches the palette as
    # Content, never as a string (which the palette would parse as markup).  The help
    # texts are ours; the palette parses them, so they hold no square brackets.

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, name)
            if score > 0:
                shown = Content(name)
                for offset in offsets:
                    if not name[offset].isspace():
                        shown = shown.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, shown, callback, text=name, help=help_text)
