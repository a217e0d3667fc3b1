"""Which extractor runs: the rules (default) or the rules with spaCy's entities as evidence.

The choice is the ``extractor`` setting in feeds.toml (``"rules"`` or ``"spacy"``).  When
spaCy or an English pipeline is missing, ``extractor_problem`` says so in one line and
``extractor_for`` gives the rules, so a story always gets its people and sources.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.entities.known import KnownNames
from reader.entities.pipeline import extract
from reader.models import Entities

Extractor = Callable[[str, KnownNames | None], Entities]
EXTRACTORS = ("rules", "spacy")


def extractor_problem(name: str) -> str | None:
    """Why the ``name`` extractor cannot run here, in one line, or None (imports no spaCy)."""
    if name != "spacy":
        return None
    from reader.entities.spacy_backend import problem

    why = problem()
    return None if why is None else f'extractor "spacy": {why}; using the rules instead'


def extractor_for(name: str) -> Extractor:
    """The extract function for the ``extractor`` setting (the rules if spaCy cannot run)."""
    if name != "spacy" or extractor_problem(name) is not None:
        return extract
    from reader.entities.spacy_backend import SpacyUnavailable, extract_spacy, load

    try:
        load()
    except SpacyUnavailable:
        return extract
    return extract_spacy
