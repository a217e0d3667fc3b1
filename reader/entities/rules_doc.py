"""The state the rule stages share for one document, and the pieces they pass on:
tokens, name candidates and people being built."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from reader.entities import _lexicon as L
from reader.entities.known import KnownNames
from reader.entities.rules_text import word_before
from reader.entities.sentences import headline_end, lead_ends, sentences
from reader.models import Span


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Cand:
    """A name candidate: its tokens (title stripped) and what was seen around it."""

    toks: list[Tok]
    run_start: int
    title: str | None = None
    titled_person: bool = False
    initial: bool = False
    headline: bool = False
    speech_: bool | None = None
    table: bool = False
    salvage: bool = False
    demonym_only: bool = False
    paired: bool = False  # one of a hyphenated pair of names ("Trump-Xi summit")
    ner: bool = False  # the optional tagger calls it a person (see NerSpans)

    @property
    def name(self) -> str:
        return " ".join(t.text for t in self.toks)

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


@dataclass(slots=True)
class Person:
    forms: dict[str, int] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)
    speech_sents: list[int] = field(default_factory=list)
    best: str = ""
    first: int = 0


@dataclass(frozen=True, slots=True)
class NerSpans:
    """Entities found by a statistical tagger (the optional spaCy backend), as evidence
    for the rules: ``people`` are its PERSON spans ``[start, end)``."""

    people: tuple[Span, ...] = ()


class Doc:
    """One story and what the stages found in it that later stages read."""

    def __init__(self, text: str, known: KnownNames | None, ner: NerSpans | None = None) -> None:
        self.text = text
        self.known = known
        self.ner = ner
        self.lex = L.lexicon()
        self.sents = sentences(text)
        self.sent_starts = [s for s, _ in self.sents]
        self.sent_lead_ends = lead_ends(text, self.sents)
        self.outlet_spans: list[tuple[int, int, L.Outlet, str]] = []
        self.credited: set[int] = set()  # starts of outlets a link-blog credit cites
        self.cap_mid: set[str] = set()  # words used capitalised mid-sentence
        self.listed: frozenset[int] | None = None  # (see rules_cues.listed_ends)
        self.paired: set[int] = set()  # starts of names split from "A-B" pairs
        self.headline_end = headline_end(text)

    def sent_index(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return i if i > 0 else 0

    def is_sentence_initial(self, pos: int) -> bool:
        """Only quotes, brackets, dashes and spaces between the sentence start and pos."""
        return pos <= self.sent_lead_ends[self.sent_index(pos)]

    def in_outlet(self, start: int, end: int) -> bool:
        for s, e, _, _ in self.outlet_spans:  # noqa: SIM110 (no generator: hot path)
            if s < end and start < e:
                return True
        return False

    def prev_word(self, c: Cand) -> str:
        return word_before(self.text, c.run_start)
