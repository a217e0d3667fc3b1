"""The side column: the Sources and People panels of the opened story."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from reader.models import Entities
from reader.store import name_key
from reader.ui.messages import EntitySelected
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.people_panel import PeoplePanel
from reader.ui.widgets.sources_panel import SourcesPanel


class SidePanels(Vertical):
    """Who the story cites and whom it names; one entry highlighted at a time."""

    def compose(self) -> ComposeResult:
        yield SourcesPanel(id="sources")
        yield PeoplePanel(id="people")

    def on_mount(self) -> None:
        for panel in self.query(EntityPanel):
            panel.show_idle()

    def show_entities(self, entities: Entities | None, followed: str | None) -> None:
        """List ``entities`` (``None``: still being found); the ``followed`` name, if
        the story has it, is highlighted."""
        sources = self.query_one(SourcesPanel)
        people = self.query_one(PeoplePanel)
        sources.show_entities(None if entities is None else entities.sources)
        people.show_entities(None if entities is None else entities.people)
        if entities is not None and followed:
            key = name_key(followed)
            for panel in (people, sources):
                for index, entity in enumerate(panel.entities):
                    if key in (name_key(entity.name), name_key(entity.hint or "")):
                        panel.highlighted = index
                        return

    @on(EntitySelected)
    def _selected(self, event: EntitySelected) -> None:
        # Not stopped: the screen lights the mentions up in the story.
        for panel in self.query(EntityPanel):
            if event.role != panel.ROLE and panel.highlighted is not None:
                panel.highlighted = None
