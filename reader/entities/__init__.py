"""People and sources extraction: ``extract(text, known) -> Entities``.

Pure Python, deterministic, no Textual; the gazetteers it uses are shipped in
``reader/entities/data`` (see data/NOTICE.md), plus the given names of the
``gender-guesser`` package when it is installed (world_given_names.py).
``extractor_for("spacy")`` adds an optional spaCy pipeline's entities as evidence
(spacy_backend.py; spaCy is imported only then, and never required).
"""

from __future__ import annotations

from reader.entities.backends import EXTRACTORS, Extractor, extractor_for, extractor_problem
from reader.entities.known import KnownNames
from reader.entities.pipeline import extract

__all__ = [
    "EXTRACTORS",
    "Extractor",
    "KnownNames",
    "extract",
    "extractor_for",
    "extractor_problem",
]
