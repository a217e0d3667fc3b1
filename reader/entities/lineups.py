"""People listed in a sports line-up: "Leeds: Balshaw; Rees, Christophers, Bell, Doherty;
... Replacements: Kalman, Regan, Hyde, Rigney, McMillan." Each name of such a list is a
player, however rare the surname (the people model, which weighs the words around a name,
finds only the surnames it knows there)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_NAME = r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?(?: \([a-z.]+\))?"  # "Palmer (capt)"
# at least five names after a label's colon, split by commas and semicolons, to the end
# of the sentence
_NAMES_RE = re.compile(rf"(?:{_NAME}[,;] ){{4,}}{_NAME}(?=[.\n]|$)")
_ONE_NAME_RE = re.compile(r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?")
_LABEL_BEFORE_RE = re.compile(r"(?:^|[.:;] |\n)[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}$")


def lineup_names(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the names in every line-up of ``text``."""
    p = text.find(": ")
    while p >= 0:
        listed = _NAMES_RE.match(text, p + 2)
        if listed is not None and _LABEL_BEFORE_RE.search(text, max(0, p - 40), p):
            for m in _ONE_NAME_RE.finditer(text, listed.start(), listed.end()):
                yield m.span()
            p = text.find(": ", listed.end())
        else:
            p = text.find(": ", p + 2)
