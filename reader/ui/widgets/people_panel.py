"""The People panel: everyone the opened story mentions."""

from __future__ import annotations

from typing import ClassVar

from reader.ui.widgets.entity_panel import EntityPanel


class PeoplePanel(EntityPanel):
    """People in the story, with a fuller name known from other stories dimmed beside."""

    ROLE: ClassVar[str] = "person"
    TITLE: ClassVar[str] = "People"
    NOUN: ClassVar[str] = "people"
