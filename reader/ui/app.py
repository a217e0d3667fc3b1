"""The application object: thin, as in toolong and frogmouth.

It holds the config, applies the theme and the user's keymap, and pushes the
main screen; everything else lives in the screens and widgets.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Input

from reader.config import Config
from reader.store import Store
from reader.ui.commands import ReaderCommands
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.story_view import StoryView


class ReaderApp(App[None]):
    """A terminal news reader that knows who is in the story."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit reader"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette",
                tooltip="Command palette: feeds, tags, following, themes"),
        Binding("e", "show_all", "Show all", show=False, id="show_all",
                tooltip="Show all of a story too long to show at once"),
    ]

    def __init__(self, config: Config, db_path: Path, *, refresh_at_start: bool = True) -> None:
        """Open the store now, so a broken database raises :class:`StoreError` here, where
        the CLI turns it into one line, not inside the running app.

        ``refresh_at_start=False`` skips the start-up refresh (tests, benchmarks).
        """
        super().__init__()
        self.config = config
        self.db_path = Path(db_path)
        self.store = Store(self.db_path)
        self.refresh_at_start = refresh_at_start
        self.keymap: dict[str, str] = dict(config.keys)
        self._settings_applied = False

    def on_mount(self) -> None:
        from reader.ui.keys import all_binding_ids

        unknown = sorted(set(self.keymap) - all_binding_ids())
        if unknown:
            self.notify(
                f"Unknown key binding ids in [keys]: {', '.join(unknown)} (see ? for ids)",
                severity="warning",
                markup=False,
            )
        self.set_keymap(self.keymap)
        theme = self.config.settings.theme
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notify(f"Unknown theme {theme!r}", severity="warning", markup=False)
        self._settings_applied = True

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept for next time, in feeds.toml."""
        if not self._settings_applied or theme == self.config.settings.theme:
            return
        from reader.config import ConfigError
        from reader.feeds_file import set_setting, writable_config

        self.config.settings.theme = theme
        try:
            set_setting(writable_config(self.config.path), "theme", theme)
        except ConfigError as exc:
            self.notify(str(exc), severity="warning", markup=False)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.config, self.db_path, self.store, refresh_at_start=self.refresh_at_start
        )

    def on_key(self, event: Key) -> None:
        """Hand type-ahead to the input that just took focus.

        Keys typed (or pasted) straight after ``/`` or ``S`` were routed to the
        pane focused at the time and bubble up here unhandled, after the binding
        that moved focus to the input ran.  Without this they would be lost, or
        worse, run bindings (``p`` would toggle the panels).
        """
        focused = self.focused
        if isinstance(focused, Input) and event.is_printable and event.character:
            event.prevent_default()
            event.stop()
            focused.insert_text_at_cursor(event.character)

    def action_show_all(self) -> None:
        for story in self.screen.query(StoryView):
            story.show_all()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))
