"""The Sources panel: outlets, agencies and people the story cites."""

from __future__ import annotations

from typing import ClassVar

from reader.models import Entity
from reader.ui.widgets.entity_panel import EntityPanel

KIND_TAGS = {"outlet": "N", "person": "P", "anonymous": "A", "organization": "O",
             "document": "D"}
"""The one-letter mark before each source, for every kind the extractor gives."""

LEGEND = ("N news outlet · P person · A anonymous · O organization · D document;"
          " ×N: cited N times")


class SourcesPanel(EntityPanel):
    """The sources the opened story attributes something to."""

    ROLE: ClassVar[str] = "source"
    TITLE: ClassVar[str] = "Sources"
    NOUN: ClassVar[str] = "sources"

    def on_mount(self) -> None:
        self.tooltip = LEGEND

    @staticmethod
    def rank(entity: Entity) -> tuple[int, int, str]:
        """Most cited first (a person only mentioned often is no big source), then the
        first named."""
        return (-len(entity.citations), min(entity.mentions, default=(0, 0))[0],
                entity.name.casefold())

    @staticmethod
    def count(entity: Entity) -> int:
        return len(entity.citations)

    @staticmethod
    def tag(entity: Entity) -> str:
        return KIND_TAGS.get(entity.kind, entity.kind[:1].upper() or "?")
