"""Every key binding of the app, grouped for the help screen, with the user's keymap applied.

Each binding has an ``id``; ``[keys]`` in feeds.toml maps ids to keys
(``refresh = "ctrl+r"``), applied with :meth:`textual.app.App.set_keymap`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One line of the help screen."""

    id: str
    keys: list[str]
    description: str


def binding_groups() -> list[tuple[str, list[BindingType]]]:
    """(section title, bindings) for every part of the UI, in help-screen order."""
    from reader.ui.app import ReaderApp
    from reader.ui.screens.feeds import FeedsScreen
    from reader.ui.screens.main import MainScreen
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.article_search import ArticleSearch
    from reader.ui.widgets.entity_panel import EntityPanel
    from reader.ui.widgets.find_bar import FindBar
    from reader.ui.widgets.story_view import StoryView

    return [
        ("Anywhere", [*ReaderApp.BINDINGS, *MainScreen.BINDINGS]),
        ("Article list", list(ArticleList.BINDINGS)),
        ("Story", list(StoryView.BINDINGS)),
        ("Sources and People", list(EntityPanel.BINDINGS)),
        ("Find in story", list(FindBar.BINDINGS)),
        ("Search all articles", list(ArticleSearch.BINDINGS)),
        ("Feeds view", list(FeedsScreen.BINDINGS)),
    ]


def all_binding_ids() -> set[str]:
    return {
        binding.id
        for _, group in binding_groups()
        for binding in group
        if isinstance(binding, Binding) and binding.id
    }


def effective_help(keymap: Mapping[str, str]) -> list[tuple[str, list[KeyHelp]]]:
    """The help table: each binding's keys after the user's keymap, in order."""
    sections: list[tuple[str, list[KeyHelp]]] = []
    for title, group in binding_groups():
        lines: list[KeyHelp] = []
        for binding in group:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            key_string = keymap.get(binding.id, binding.key)
            keys = [key.strip() for key in key_string.split(",") if key.strip()]
            description = binding.tooltip or binding.description or binding.action
            lines.append(KeyHelp(binding.id, keys, description))
        sections.append((title, lines))
    return sections
