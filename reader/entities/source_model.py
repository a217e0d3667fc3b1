"""Which candidate sources a story really draws on: a decision learned from labelled news.

The rules and the attribution patterns propose sources; this module adds the outlets
the story names that they did not find cited, and the speakers they could not sort
("the data showed"), then keeps each candidate whose learned score says it is a source
(an outlet that reports, not one merely mentioned; a phrase that attributes, not one
that only looks like it).  The weights are a logistic regression over the features of
``source_features``, trained by ``benchmarks/entities/train_sources.py`` and shipped in
``data/source_model.tsv.gz``; without that file every candidate of the rules is kept.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from reader.entities import _lexicon as L
from reader.entities.attribution import (
    add_sources,
    claims_of,
    names_a_body,
    quoted_mask,
    sentence_at,
)
from reader.entities.outlets import listed_outlets, named_here
from reader.entities.source_features import source_features
from reader.entities.weight_file import read_weight_file
from reader.models import Entity

MODEL_FILE = "source_model.tsv.gz"
MODEL_VERSION = "1"


@dataclass(frozen=True, slots=True)
class SourceWeights:
    """One table of weights for outlets and one for every other kind of source: outlets
    learn from the team's gold sets alone, whose idea of a cited outlet ("told the BBC",
    a wire credit) PolNeAR does not share."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    threshold: float
    loose_threshold: float
    """For the speakers of wider cues, where a wrong source is likelier ("the bill")."""


def table(kind: str) -> str:
    """The weight table that decides a source of ``kind``."""
    return "outlet" if kind == "outlet" else "other"


@dataclass(slots=True)
class Candidate:
    source: Entity
    origin: str
    """"rules" (credited by the patterns), "named" (an outlet only named) or "loose"."""


@lru_cache(maxsize=1)
def source_weights() -> SourceWeights | None:
    got = read_weight_file(MODEL_FILE, MODEL_VERSION)
    if got is None:
        return None
    header, columns = got
    weights: dict[str, dict[str, float]] = {"outlet": {}, "other": {}}
    for name, feat, w in zip(*columns, strict=True):
        weights[name][feat] = float(w)
    bias = {name: float(header.get(f"bias.{name}", 0.0)) for name in weights}
    threshold = float(header.get("threshold", 0.5))
    return SourceWeights(weights, bias, threshold,
                         float(header.get("threshold.loose", threshold)))


def _named_outlets(text: str, taken: Sequence[Entity]) -> list[Entity]:
    """The listed outlets the story names that no candidate already stands for."""
    have = {s.name for s in taken if s.kind == "outlet"}
    spans = [m for s in taken for m in s.mentions]
    by_form = L.lexicon().outlet_by_form
    found: dict[str, Entity] = {}
    for s, e, form in listed_outlets(text):
        outlet = by_form[form]
        if outlet.canonical in have or any(a < e and s < b for a, b in spans):
            continue
        if not named_here(text, s, form, outlet):
            continue
        ent = found.get(outlet.canonical)
        if ent is None:
            ent = found[outlet.canonical] = Entity(name=outlet.canonical, kind="outlet")
        ent.mentions.append((s, e))
        if form != outlet.canonical and form not in ent.aliases:
            ent.aliases.append(form)
    return list(found.values())


def candidates(text: str, rule_sources: list[Entity],
               people: Sequence[Entity]) -> list[Candidate]:
    """Every source the story might draw on, each with where it came from."""
    loose: list[Entity] = []
    sources = add_sources(text, rule_sources, people, loose)
    out = [Candidate(s, "rules") for s in sources]
    out += [Candidate(s, "named") for s in _named_outlets(text, sources)]
    out += [Candidate(s, "loose") for s in loose]
    return out


def probability(kind: str, feats: Sequence[str], w: SourceWeights) -> float:
    """The learned probability that a candidate of ``kind`` with ``feats`` is a source."""
    weights = w.weights[table(kind)]
    z = w.bias[table(kind)] + sum(map(weights.get, feats, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def decide(text: str, rule_sources: list[Entity], people: Sequence[Entity]) -> list[Entity]:
    """The sources of the story: the candidates the learned model keeps."""
    found = candidates(text, rule_sources, people)
    w = source_weights()
    if w is None:
        return [c.source for c in found if c.origin == "rules"]
    quoted = quoted_mask(text)
    out: list[Entity] = []
    kept: dict[tuple[str, str], Entity] = {}
    for c in found:
        feats = source_features(text, c.source, c.origin, quoted)
        cut = w.loose_threshold if c.origin == "loose" else w.threshold
        if probability(c.source.kind, feats, w) < cut:
            continue
        src = c.source
        if src.kind == "anonymous" and names_a_body(src.name):
            # (decided as the unnamed source the model learned it as; shown as what it is)
            src.kind = "organization"
        if not src.citations:
            src.citations = [sentence_at(text, s) for s, _ in src.mentions[:1]]
            src.claims = claims_of(text, src.citations, quoted)
        same = kept.get((src.kind, src.name.lower()))
        if same is not None:  # a person the rules credit, found again by a wider cue
            same.citations = sorted({*same.citations, *src.citations})
            same.claims = claims_of(text, same.citations, quoted)
            continue
        kept[(src.kind, src.name.lower())] = src
        out.append(src)
    return out
