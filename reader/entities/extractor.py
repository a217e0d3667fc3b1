"""Rule-based people and sources extraction: ``extract(text, known, ner) -> Entities``.

The stages, each a module of plain functions over one ``Doc`` (rules_doc.py, the state
they share):

1. sentences.py: sentences and a Title-Case headline;
2. outlets.py: outlets (the curated list, unlisted papers, link-blog credits);
3. rules_candidates.py (with tables.py for result tables and team sheets): runs of
   capitalised words cut into name candidates, titles and roles stripped;
4. rules_cues.py and rules_scoring.py: context cues and the person decision;
5. propagation.py: people at document level (surname -> full name, one-word names);
6. sources: the cited outlets (outlets.py), people quoted (here), organisations that
   speak (organisations.py) and unnamed sources (anonymous.py).

Word lists live in data/rules_words.txt and _lexicon.py, weights in rules_weights.py.
"""

from __future__ import annotations

from reader.entities.anonymous import anonymous
from reader.entities.known import KnownNames
from reader.entities.organisations import org_sources
from reader.entities.outlets import cited_outlets, find_outlets
from reader.entities.propagation import find_people
from reader.entities.rules_candidates import candidates
from reader.entities.rules_doc import Doc, NerSpans, Person
from reader.models import Entities, Entity

__all__ = ["NerSpans", "extract"]


def extract(
    text: str, known: KnownNames | None = None, ner: NerSpans | None = None
) -> Entities:
    """Find the people a story mentions and the sources it cites.

    ``ner``: entities from a statistical tagger (see spacy_backend), used as one more cue
    by the same rules; without it the rules work alone."""
    if not text or not text.strip():
        return Entities()
    doc = Doc(text, known, ner)
    find_outlets(doc)
    people = [(p, _person_entity(doc, p)) for p in find_people(doc, candidates(doc))]
    return Entities(people=[e for _, e in people], sources=_sources(doc, people))


def _person_entity(doc: Doc, p: Person) -> Entity:
    return Entity(
        name=p.best,
        aliases=[f for f in p.forms if f != p.best],
        mentions=sorted(p.mentions),
        kind="person",
        hint=doc.known.hint_for(p.best) if doc.known is not None else None,
    )


def _sources(doc: Doc, people: list[tuple[Person, Entity]]) -> list[Entity]:
    """Cited outlets, people quoted, organisations that speak, unnamed sources."""
    out = cited_outlets(doc)
    for p, pe in people:
        if p.speech_sents:
            cites = sorted({doc.sents[i] for i in p.speech_sents})
            out.append(Entity(name=pe.name, aliases=list(pe.aliases),
                              mentions=list(pe.mentions), kind="person", citations=cites,
                              hint=pe.hint))
    out.extend(org_sources(doc))
    out.extend(anonymous(doc))
    return out
