"""The application object: thin, as in toolong and frogmouth.

It holds the config, applies the theme and the user's keymap, and pushes the
main screen; everything else lives in the screens and widgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.screen import Screen
from textual.worker import WorkerFailed

from reader.config import Config
from reader.store import CorruptDatabase, Store
from reader.ui.commands import ReaderCommands
from reader.ui.keys import clashing_keys
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.story_view import StoryView
from reader.ui.widgets.type_ahead import hand_to_input


class ReaderApp(App[None]):
    """A terminal news reader that knows who is in the story."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl+Q and F1 work where q and ? are typed (the find box): the footer shows them there.
        Binding("q,ctrl+q", "quit", "Quit", id="quit", tooltip="Quit reader"),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Show every key"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette",
                tooltip="Command palette: feeds, tags, following, themes"),
        Binding("e", "show_all", "Show all", show=False, id="show_all",
                tooltip="Show all of a story too long to show at once"),
    ]

    def __init__(
        self,
        config: Config,
        db_path: Path,
        *,
        refresh_at_start: bool = True,
        notice: str | None = None,
    ) -> None:
        """Open the store now, so a broken database raises :class:`StoreError` here, where
        the CLI turns it into one line, not inside the running app.

        ``refresh_at_start=False`` skips the start-up refresh (tests, benchmarks);
        ``notice`` is shown at start (the database was just rebuilt).
        """
        super().__init__()
        self.config = config
        self.db_path = Path(db_path)
        self.store = Store(self.db_path)
        self.notice = notice
        self.damage: CorruptDatabase | None = None
        """Set when the store turned out damaged: the app then ends, for the CLI to
        set the file aside, rebuild it and start again."""
        self.refresh_at_start = refresh_at_start
        self.keymap: dict[str, str] = dict(config.keys)
        self._settings_applied = False

    def on_mount(self) -> None:
        unknown = unknown_binding_ids(self.keymap)
        if unknown:
            self.notify(
                f"Unknown key binding ids in [keys]: {', '.join(unknown)} (see ? for ids)",
                severity="warning",
                markup=False,
            )
        if self.keymap and (clashes := clashing_keys(self.keymap, self.BINDINGS)):
            self.notify(f"Keys given twice in [keys] ({'; '.join(clashes)}): only one of "
                        "each acts (see ?)", severity="warning", markup=False, timeout=30)
        for notice in (*self.config.warnings, self.notice or ""):
            if notice:
                self.notify(notice, severity="warning", markup=False, timeout=30)
        self.set_keymap(self.keymap)
        theme = self.config.settings.theme
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notify(f"Unknown theme {theme!r}", severity="warning", markup=False)
        self._settings_applied = True

    def _handle_exception(self, error: Exception) -> None:
        """Damage found in the store, on any thread, ends the app quietly (no traceback)
        so that the CLI can repair the file and start again; anything else as Textual does."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, CorruptDatabase):
            if self.damage is None:
                self.damage = cause
                self.exit(return_code=2)
            return
        super()._handle_exception(error)

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
        """Keys typed right after a key that opened an input reach it (see type_ahead;
        the main screen does this before its bindings, other screens here)."""
        hand_to_input(self.focused, event)

    def action_show_all(self) -> None:
        for story in self.screen.query(StoryView):
            story.show_all()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, but this app's help for its "Keys" panel (whose Esc
        did not close it) and no "Maximize" (the story pane has its own layout)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize"):
                yield command
        yield SystemCommand("Help", "Every key, for the focused part first", self.action_help)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            from reader.config import files_in_use

            files = files_in_use(self.config.path, self.db_path)
            self.push_screen(HelpScreen(self.keymap, self.focused, files))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open ``url`` in a browser, or say that there is none (never a silent no-op)."""
        if self.is_web:
            super().open_url(url, new_tab=new_tab)
            return
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        if not opened:
            self.notify(
                "No web browser found to open the link (y copies it)", severity="warning",
                markup=False,
            )


def unknown_binding_ids(keymap: dict[str, str]) -> list[str]:
    """The ids in ``[keys]`` that no binding has (the app warns; `reader doctor` says so).
    The check loads every screen's bindings, so it runs only when there is a keymap."""
    if not keymap:
        return []
    from reader.ui.keys import all_binding_ids

    return sorted(set(keymap) - all_binding_ids(ReaderApp.BINDINGS))
