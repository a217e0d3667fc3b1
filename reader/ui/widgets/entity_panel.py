"""The shared base of the Sources and People panels: a short list of entities.

Highlighting an entry highlights its mentions in the story; ``f``, Enter, or a
click on the already highlighted entry follows it across every stored story.
A first click only highlights, so a mouse user can look before following.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events, on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Entity
from reader.ui.messages import EntityFollowed, EntitySelected
from reader.ui.text import display_line
from reader.ui.widgets.line_view import set_virtual_size

_NOTHING = object()
"""Nothing listed yet."""


class EntityPanel(OptionList):
    """A list of people or sources found in the opened story."""

    ROLE: ClassVar[str] = "person"
    TITLE: ClassVar[str] = "Entities"
    NOUN: ClassVar[str] = "entities"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Stop at the ends, as the article list does (OptionList's own keys wrap).
        Binding("j,down", "step(1)", "Down", show=False, id="panel_down"),
        Binding("k,up", "step(-1)", "Up", show=False, id="panel_up"),
        Binding("g", "first", "Top", show=False, id="panel_top"),
        Binding("G", "last", "Bottom", show=False, id="panel_bottom"),
        Binding("f", "follow", "Follow", id="follow",
                tooltip="Follow: list every stored story that mentions them (also Enter)"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entities: list[Entity] = []
        self._listed: object = _NOTHING
        """What the entries list: the sorted entities, None for "Finding…"."""
        self.border_title = Content(self.TITLE)

    @property
    def entities(self) -> list[Entity]:
        return self._entities

    @property
    def entity(self) -> Entity | None:
        """The highlighted entity, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._entities):
            return None
        return self._entities[index]

    def show_idle(self) -> None:
        """Say what the panel will list once a story is open (none is yet)."""
        self._entities = []
        self._listed = _NOTHING
        self._set_entries([Option(Content.styled("No story open",
                                                 "dim italic"), disabled=True)])
        self.border_title = Content(self.TITLE)

    def show_entities(self, entities: list[Entity] | None) -> None:
        """List ``entities`` (``None``: not extracted yet) in :meth:`rank` order.

        The entries are rebuilt only when what they list changes: most stories in a
        big store have no sources, and a story opened again has the same people.
        """
        listed = None if entities is None else sorted(entities, key=self.rank)
        self._entities = listed or []
        if listed == self._listed:
            self.highlighted = None  # as after a rebuild: the new story shows no mentions
            return
        self._listed = listed
        if listed is None:
            self._set_entries([Option(Content.styled("Finding…", "dim italic"), disabled=True)])
        elif not listed:
            self._set_entries(
                [Option(Content.styled(f"No {self.NOUN} found", "dim italic"), disabled=True)]
            )
        else:
            self._set_entries(self._prompts(listed))
        count = f" {len(listed)}" if listed else ""
        self.border_title = Content.assemble(self.TITLE, (count, "dim"))

    def _set_entries(self, options: list[Option]) -> None:
        """Replace the entries, none highlighted.  Each is one line (prompts are fitted to
        the width), so the panel's new size is known: set first, OptionList finds it
        unchanged and asks for no layout of the screen (see :func:`set_virtual_size`)."""
        set_virtual_size(self, Size(self.virtual_size.width, len(options)))
        self.set_options(options)

    @staticmethod
    def rank(entity: Entity) -> tuple[int, int, str]:
        """The sort key of an entry: most mentioned first, then by name."""
        return (-len(entity.mentions), 0, entity.name.casefold())

    @staticmethod
    def count(entity: Entity) -> int:
        """The number shown after an entry (×N when above one): its mentions."""
        return len(entity.mentions)

    @staticmethod
    def tag(entity: Entity) -> str:
        """A one-cell mark before the name ("" for none)."""
        return ""

    def _prompt(self, entity: Entity, count_width: int) -> Content:
        """One row, exactly as wide as the panel: the kind's mark, the name (and a fuller
        name, dimmed) cut with an ellipsis to fit, then the count right-aligned in a
        column ``count_width`` wide, so nothing is ever pushed to a second line."""
        name = display_line(entity.name, 200)
        hint = display_line(entity.hint, 200)
        more = f" ({hint})" if hint and hint.casefold() != entity.name.casefold() else ""
        tag = self.tag(entity)
        head = (f"{tag} ", "bold $text-secondary") if tag else ("", "")
        count = self.count(entity)
        tail = (f"×{count}" if count > 1 else "").rjust(count_width)
        tail = f" {tail}" if count_width else ""
        width = self.scrollable_content_region.width or 24
        room = max(1, width - cell_len(head[0]) - cell_len(tail))
        if cell_len(name + more) > room:  # cut, with the fuller name's dimming dropped
            return Content.assemble(head, set_cell_size(name + more, room - 1) + "…",
                                    (tail, "dim"))
        pad = " " * (room - cell_len(name + more))
        return Content.assemble(head, name, (more, "dim"), pad, (tail, "dim"))

    def _prompts(self, entities: list[Entity]) -> list[Option]:
        counts = [self.count(e) for e in entities]
        count_width = max((len(f"×{c}") for c in counts if c > 1), default=0)
        return [Option(self._prompt(e, count_width)) for e in entities]

    def on_resize(self) -> None:
        if self._entities:  # prompts are fitted to the width
            highlighted = self.highlighted
            self.set_options(self._prompts(self._entities))
            self.highlighted = highlighted

    def select_first(self) -> None:
        """Highlight the first entry if none is (Tab into the panel: f and Enter then act
        at once; a click still only highlights what it hits)."""
        if self.highlighted is None and self._entities:
            self.highlighted = 0

    def action_step(self, step: int) -> None:
        if not self._entities:
            return
        if self.highlighted is None:
            self.highlighted = 0
        else:
            self.highlighted = max(0, min(len(self._entities) - 1, self.highlighted + step))

    # Events ----------------------------------------------------------------

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(EntitySelected(self.entity, self.ROLE))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_follow()

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if isinstance(clicked, int) and clicked != self.highlighted:
            event.prevent_default()
            if 0 <= clicked < len(self._entities):
                self.highlighted = clicked

    def action_follow(self) -> None:
        entity = self.entity
        if entity is None:
            return
        if not followable(entity):
            self.notify(f"“{display_line(entity.name, 60)}” is no one person or body across "
                        "stories: there is nobody to follow", markup=False)
            return
        self.post_message(EntityFollowed(entity, self.ROLE))


def followable(entity: Entity) -> bool:
    """Whether following ``entity`` across stories means one someone: a person, an outlet,
    a named organisation; not "officials", "a new study" or "the energy ministry", which
    are others in each story."""
    from reader.entities.attribution import names_a_body  # (not at the first paint)

    return entity.kind not in ("anonymous", "document") and not (
        entity.kind == "organization" and names_a_body(entity.name))
