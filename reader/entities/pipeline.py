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

from reader.entities import _lexicon as L
from reader.entities.bylines import bylines
from reader.entities.extractor import NerSpans
from reader.entities.extractor import extract as rules_extract
from reader.entities.known import KnownNames
from reader.entities.lineups import lineup_names
from reader.entities.source_model import decide
from reader.entities.span_model import Mention, find_people, group
from reader.models import Entities, Entity, Span

# What a person is called by nationality before the name ("Dane Kenneth Carlsen",
# "Spaniard Rafael Nadal"): not part of it.  ("Finn" and "Scot" are given names.)
_DEMONYM_NOUNS = frozenset(
    """Dane Swede Spaniard Frenchman Frenchwoman Englishman Englishwoman Scotsman Scotswoman
    Welshman Welshwoman Irishman Irishwoman Dutchman Serb Croat Slovene Kiwi Aussie Brit
    Briton""".split()
)


def _without_demonym(text: str, start: int, end: int) -> int:
    """Where the name at ``text[start:end]`` starts once a demonym before a full name is
    left out."""
    first, _, rest = text[start:end].partition(" ")
    return start + len(first) + 1 if first in _DEMONYM_NOUNS and " " in rest.strip() else start


def _person(text: str, mentions: list[Mention], known: KnownNames | None) -> Entity:
    spans = sorted((_without_demonym(text, m.start, m.end), m.end) for m in mentions)
    head = next(sp for sp in spans if sp[1] == mentions[0].end)
    name = " ".join(text[head[0]:head[1]].split())
    forms = dict.fromkeys(" ".join(text[s:e].split()) for s, e in spans)
    aliases = [f for f in forms if f != name]
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


# Lower-case words after a name that make it a place ("Walter Reed hospital", "Hoa Lo
# prison"); capitalised, any word of an organisation's name does ("Ludwig Maximilian
# University", "Trump Tower").
_PLACE_AFTER = frozenset(
    """hospital prison jail university airport school college stadium street road avenue
    square park bridge station hotel museum centre center institute foundation tower
    building hall library cathedral church mosque temple""".split()
)
_WORD_AFTER_RE = re.compile(r" ([A-Za-z]+)")


# The last word of a firm's or a street's name, never of a person's ("Intelsat Ltd.", "St
# Leonards Place")
_FIRM_ENDS = frozenset("""Ltd Ltd. Inc Inc. Corp Corp. Plc PLC plc LLC GmbH Co. Road Avenue
    Boulevard Terrace Crescent Square Place""".split())  # (not Lane, Street: surnames too)

# What no person's name holds: a town's particle between hyphens ("Stockton-on-Tees",
# "Stratford-upon-Avon", "Chester-le-Street"), the writer's "I'd" ("Like Kevin I'd like")
_NOT_A_NAME_RE = re.compile(
    r"[A-Z][a-z]+-(?:on|upon|under|le|super|by|in|en)-[A-Z]|(?:^|\s)I['’](?:d|m|ll|ve)\b")

# A stock exchange's prefix before a ticker ("IPO: NASDAQ:GOOG", "(NYSE: IBM)")
_TICKER_BEFORE_RE = re.compile(r"\b(?:NASDAQ|Nasdaq|NYSE|Nyse|LSE|TSX|AMEX|OTC)\s*:\s*$")


def _no_person(text: str, person: Entity) -> bool:
    """Whether what the model took for a person is a place, a firm, a street, a ticker or
    a name that no person's holds."""
    return (_named_place(text, person) or bool(_NOT_A_NAME_RE.search(person.name))
            or person.name.rsplit(" ", 1)[-1] in _FIRM_ENDS
            or all(_TICKER_BEFORE_RE.search(text, max(0, s - 12), s) for s, _ in person.mentions))


def _named_place(text: str, person: Entity) -> bool:
    """Whether every mention of ``person`` is the start of a place's or an organisation's
    name, not a person's."""
    for _, e in person.mentions:
        after = _WORD_AFTER_RE.match(text, e)
        word = after.group(1) if after else ""
        if not (word in _PLACE_AFTER or (word[:1].isupper() and word in L.ORG_WORDS)):
            return False
    return True


_GIVEN_AND_RE = re.compile(r"(?<![\w'’])([A-Z][a-z]+) and $")
_CAPITALISED_BEFORE_RE = re.compile(r"[A-Z][\w.'’\-]* $")


def _shared_surnames(text: str, people: list[Entity]) -> list[Entity]:
    """The people named by a given name alone before another's full name ("Jim and
    Margaret Cuthbert"; not in "Prince William and Prince Harry")."""
    given_names = L.lexicon().first_names
    taken = {p.name for p in people}
    named = [x for q in people for x in q.mentions]
    out: list[Entity] = []
    for p in people:
        parts = p.name.split()
        if len(parts) != 2 or parts[0] not in given_names:
            continue
        for s, _ in p.mentions:
            m = _GIVEN_AND_RE.search(text, max(0, s - 24), s)
            name = f"{m.group(1)} {parts[1]}" if m else ""
            if m and m.group(1) in given_names and name not in taken and not (
                    _CAPITALISED_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
                    or _overlaps([m.span(1)], named)):
                taken.add(name)
                out.append(Entity(name=name, aliases=[m.group(1)], mentions=[m.span(1)]))
    return out


def _lineup_people(text: str, people: list[Entity]) -> list[Entity]:
    """The players a line-up lists that ``people`` lack (a listed surname of one of them
    is a mention of that person: "Kalman" of "Ed Kalman")."""
    named = [x for q in people for x in q.mentions]
    out: list[Entity] = []
    by_name = {p.name: p for p in people}
    by_surname = {p.name.rsplit(" ", 1)[-1]: p for p in people if " " in p.name}
    for s, e in lineup_names(text):
        if _overlaps([(s, e)], named):
            continue
        name = text[s:e]
        person = by_name.get(name) or by_surname.get(name)
        if person is None:
            person = by_name[name] = Entity(name=name)
            out.append(person)
        elif name != person.name and name not in person.aliases:
            person.aliases.append(name)
        person.mentions.append((s, e))
        person.mentions.sort()
    return out


def people_and_rule_sources(text: str, known: KnownNames | None = None,
                            ner: NerSpans | None = None) -> tuple[list[Entity], list[Entity]]:
    """The story's people (the learned model's) and the sources the rules credited."""
    rules = rules_extract(text, known, ner)
    rule_spans = sorted(m for p in rules.people for m in p.mentions)
    mentions = find_people(text, rule_spans)
    people = [p for p in (_person(text, g, known) for g in group(mentions))
              if not _no_person(text, p)]
    people += _shared_surnames(text, people)
    people += _lineup_people(text, people)
    for (s, e), name in bylines(text):
        if not any(a < e and s < b for p in people for a, b in p.mentions):
            people.append(Entity(name=name, aliases=[text[s:e]], mentions=[(s, e)]))
    people.sort(key=lambda p: p.mentions[0][0])
    return people, _sources(text, rules.sources, people)


def _every_mention(text: str, sources: list[Entity]) -> None:
    """Add to each organisation, unnamed source and document the other places the story
    names it as written ("officials" where officials are cited, and where they are only
    mentioned), so that its mentions say where the story speaks of it; not where another
    source or a longer phrase is named ("U.S. officials" is not "officials")."""
    taken = [m for src in sources for m in src.mentions]
    for src in sources:
        if src.kind not in ("organization", "anonymous", "document"):
            continue
        forms = {src.name, *src.aliases}
        if src.kind != "organization":  # "Analysts said" ... "analysts expect"
            forms |= {f[0].swapcase() + f[1:] for f in forms if f[:1].isalpha()}
        for form in sorted(forms, key=lambda f: (-len(f), f)):  # (longest first)
            s = text.find(form)
            while s >= 0:
                e = s + len(form)
                if (_whole_word(text, s, e) and not any(a < e and s < b for a, b in taken)
                        and not _WORD_BEFORE_NAME_RE.search(text, max(0, s - 30), s)):
                    src.mentions.append((s, e))
                    taken.append((s, e))
                s = text.find(form, s + 1)
        src.mentions.sort()


def _whole_word(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    return not (before.isalnum() or before in "_'’.-" or after.isalnum() or after in "_'’-")


# a capitalised word or a possessive right before: a longer phrase ("U.S. officials",
# "the company's analysts")
_WORD_BEFORE_NAME_RE = re.compile(r"(?:[A-Z][\w.\-]*|['’]s?) $")


def extract(text: str, known: KnownNames | None = None, ner: NerSpans | None = None) -> Entities:
    """Find the people a story mentions and the sources it cites."""
    if not text or not text.strip():
        return Entities()
    people, rule_sources = people_and_rule_sources(text, known, ner)
    sources = decide(text, rule_sources, people)
    _every_mention(text, sources)
    for src in sources:
        src.citations = _one_per_sentence(src.citations)
    return Entities(people=people, sources=sources)


def _one_per_sentence(citations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The citing sentences once each: two steps may have read one sentence with or
    without its closing quote, and a reader counts sentences ("cited 2 times")."""
    out: list[tuple[int, int]] = []
    for s, e in citations:
        if not any(a < e and s < b for a, b in out):
            out.append((s, e))
    return out
