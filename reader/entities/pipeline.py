"""The default extractor: the rules propose, the learned model decides who is a person.

The rules (``extractor.extract``) find outlets, organisations, anonymous sources and a
first list of people; their person mentions become one feature of the learned span
model (``span_model``), whose choices are the story's people.  Sources that the rules
credit to a person are renamed to the person the model found at the same place, and
dropped where the model found nobody there, so that the sources panel never lists a
person the people panel does not.  The learned source model (``source_model``) then
decides which candidate sources the story really draws on.
"""

from __future__ import annotations

import re

from reader.entities.bylines import bylines
from reader.entities.extractor import NerSpans
from reader.entities.extractor import extract as rules_extract
from reader.entities.known import KnownNames
from reader.entities.source_model import decide
from reader.entities.span_model import Mention, find_people, group
from reader.models import Entities, Entity, Span


def _person(text: str, mentions: list[Mention], known: KnownNames | None) -> Entity:
    head = mentions[0]
    name = " ".join(text[head.start:head.end].split())
    forms = dict.fromkeys(" ".join(text[m.start:m.end].split()) for m in mentions)
    aliases = [f for f in forms if f != name]
    spans = sorted((m.start, m.end) for m in mentions)
    hint = known.hint_for(name) if known is not None else None
    return Entity(name=name, aliases=aliases, mentions=spans, hint=hint)


def _overlaps(a: list[Span], b: list[Span]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


_ROLE_BETWEEN_RE = re.compile(r"[ \w'’.\-]{1,40}")


def _person_after(text: str, src: Entity,
                  people: list[Entity]) -> tuple[Entity, list[Span]] | None:
    """A person named right after an organisation source with only a role between
    ("according to EU Trade Commissioner Anneke Vos") is the source of the sentences that
    say so: that person and those citations."""
    for _, e in src.mentions:
        for p in people:
            if any(e < a and _ROLE_BETWEEN_RE.fullmatch(text, e, a) for a, _ in p.mentions):
                return p, [c for c in src.citations if c[0] <= e <= c[1]]
    return None


def _sources(text: str, rule_sources: list[Entity], people: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for src in rule_sources:
        speaker = _person_after(text, src, people) if src.kind == "organization" else None
        if speaker is not None:
            person, cites = speaker
            rest = [c for c in src.citations if c not in cites]
            if rest:
                out.append(Entity(name=src.name, aliases=src.aliases, mentions=src.mentions,
                                  kind=src.kind, citations=rest))
            src = Entity(name=person.name, mentions=list(person.mentions), kind="person",
                         citations=cites)
        elif src.kind != "person":
            out.append(src)
            continue
        match = next((p for p in people if _overlaps(src.mentions, p.mentions)), None)
        if match is None:
            continue
        same = next((o for o in out if o.kind == "person" and o.name == match.name), None)
        if same is not None:  # two of the rules' people are one person to the model
            same.citations = sorted({*same.citations, *src.citations})
            continue
        out.append(Entity(name=match.name, aliases=list(match.aliases),
                          mentions=list(match.mentions), kind="person",
                          citations=list(src.citations), hint=match.hint))
    return out


def people_and_rule_sources(text: str, known: KnownNames | None = None,
                            ner: NerSpans | None = None) -> tuple[list[Entity], list[Entity]]:
    """The story's people (the learned model's) and the sources the rules credited."""
    rules = rules_extract(text, known, ner)
    rule_spans = sorted(m for p in rules.people for m in p.mentions)
    mentions = find_people(text, rule_spans)
    people = [_person(text, g, known) for g in group(mentions)]
    for (s, e), name in bylines(text):
        if not any(a < e and s < b for p in people for a, b in p.mentions):
            people.append(Entity(name=name, aliases=[text[s:e]], mentions=[(s, e)]))
    people.sort(key=lambda p: p.mentions[0][0])
    return people, _sources(text, rules.sources, people)


def extract(text: str, known: KnownNames | None = None, ner: NerSpans | None = None) -> Entities:
    """Find the people a story mentions and the sources it cites."""
    if not text or not text.strip():
        return Entities()
    people, rule_sources = people_and_rule_sources(text, known, ner)
    return Entities(people=people, sources=decide(text, rule_sources, people))
