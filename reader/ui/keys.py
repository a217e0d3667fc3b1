"""Every key binding of the app, grouped for the help screen, with the user's keymap applied.

Each binding has an ``id``; ``[keys]`` in feeds.toml maps ids to keys
(``refresh = "ctrl+r"``), applied with :meth:`textual.app.App.set_keymap`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One line of the help screen."""

    id: str
    keys: list[str]
    description: str


def binding_groups(
    app_bindings: Sequence[BindingType],
) -> list[tuple[str, type[DOMNode], list[BindingType]]]:
    """(section title, the class that owns the bindings, its bindings) for every part of
    the UI, in help-screen order.  ``app_bindings`` are the app's own (passed in, so
    this module never imports the app)."""
    from reader.ui.screens.feeds import FeedsScreen
    from reader.ui.screens.main import MainScreen
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.article_search import ArticleSearch
    from reader.ui.widgets.entity_panel import EntityPanel
    from reader.ui.widgets.find_bar import FindBar
    from reader.ui.widgets.story_view import StoryView

    return [
        ("Anywhere", MainScreen, [*app_bindings, *MainScreen.BINDINGS]),
        ("Article list", ArticleList, list(ArticleList.BINDINGS)),
        ("Story", StoryView, list(StoryView.BINDINGS)),
        ("Sources and People", EntityPanel, list(EntityPanel.BINDINGS)),
        ("Find in story", FindBar, list(FindBar.BINDINGS)),
        ("Search all articles", ArticleSearch, list(ArticleSearch.BINDINGS)),
        ("Feeds view", FeedsScreen, list(FeedsScreen.BINDINGS)),
    ]


def all_binding_ids(app_bindings: Sequence[BindingType]) -> set[str]:
    return {
        binding.id
        for _, _, group in binding_groups(app_bindings)
        for binding in group
        if isinstance(binding, Binding) and binding.id
    }


def effective_help(
    keymap: Mapping[str, str],
    app_bindings: Sequence[BindingType],
    focused: DOMNode | None = None,
    last: tuple[str, type[DOMNode], list[BindingType]] | None = None,
) -> list[tuple[str, list[KeyHelp]]]:
    """The help table: each binding's keys after the user's keymap, in order; the
    section of the ``focused`` widget (or of the pane holding it) comes first, ``last``
    (the help screen's own keys) last."""
    groups = binding_groups(app_bindings) + ([last] if last else [])
    if focused is not None:
        here = next(
            (
                group
                for node in focused.ancestors_with_self
                for group in groups[1:]
                if isinstance(node, group[1])
            ),
            None,
        )
        if here is not None:
            groups.remove(here)
            groups.insert(0, (f"{here[0]} (where you are)", here[1], here[2]))
    sections: list[tuple[str, list[KeyHelp]]] = []
    for title, _, group in groups:
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


def clashing_keys(keymap: Mapping[str, str], app_bindings: Sequence[BindingType]) -> list[str]:
    """The keys ``[keys]`` gives to two bindings of one part of the UI ("k: list_down,
    list_up"): only one of them can act.  Keys that a focused widget takes over from the
    screen ("escape" closing find) are meant and not reported."""
    clashes: set[str] = set()
    for _, lines in effective_help(keymap, app_bindings):
        by_key: dict[str, set[str]] = {}
        for line in lines:
            for key in line.keys:
                by_key.setdefault(key, set()).add(line.id)
        clashes |= {f"{key}: {', '.join(sorted(ids))}" for key, ids in by_key.items()
                    if len(ids) > 1 and not ids.isdisjoint(keymap)}
    return sorted(clashes)
