"""The Sources panel: outlets, agencies and people the story cites."""

from __future__ import annotations

from typing import ClassVar

from reader.ui.widgets.entity_panel import EntityPanel


class SourcesPanel(EntityPanel):
    """The sources the opened story attributes something to."""

    ROLE: ClassVar[str] = "source"
    TITLE: ClassVar[str] = "Sources"
    NOUN: ClassVar[str] = "sources"
