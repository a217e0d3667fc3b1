"""The learned people model: which candidate spans are people, and who is who.

Two logistic-regression stages over the string features of ``span_features``: stage 1
scores every candidate from its own words, context, gazetteer hits and the rules'
verdict; stage 2 adds what the rest of the story says about it (stage 1's scores of the
same string and of longer names sharing a word).  Spans are then chosen greedily by
probability without overlap, and merged into people under their fullest form.

The weights and word statistics ship in ``data/people_model.tsv.gz`` and
``data/word_stats.tsv.gz``, written by ``benchmarks/entities/train_people.py`` from
CoNLL-2003's training split (and nothing else at run time: no download, no numpy).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter

from reader.entities.rules_text import without_middle_initials
from reader.entities.span_features import (
    WORD_PREFIXES,
    DocFeatures,
    FeatureCache,
    Gazetteer,
    WordStats,
    doc_features,
    rule_verdict,
)
from reader.entities.spans import Token, candidates, runs, tokenize
from reader.entities.weight_file import read_weight_file

MODEL_FILE = "people_model.tsv.gz"
STATS_FILE = "word_stats.tsv.gz"
MODEL_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Weights:
    stage1: dict[str, float]
    stage2: dict[str, float]
    threshold: float


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    tokens: tuple[str, ...]
    prob: float


def _read(name: str, version: str | None = None) -> tuple[dict[str, str], list[list[str]]]:
    got = read_weight_file(name, version)
    if got is None:
        raise RuntimeError(f"{name}: missing from reader/entities/data")
    return got


@lru_cache(maxsize=1)
def weights() -> Weights:
    header, (stages, feats, values) = _read(MODEL_FILE, MODEL_VERSION)
    ws = list(map(float, values))
    stage1 = dict(compress(zip(feats, ws, strict=True), map("1".__eq__, stages)))
    stage2 = dict(compress(zip(feats, ws, strict=True), map("1".__ne__, stages)))
    return Weights(stage1, stage2, float(header.get("threshold", 0.5)))


@lru_cache(maxsize=1)
def word_stats() -> WordStats:
    words, *counts = _read(STATS_FILE)[1]
    a, b, c, d, e, f, g = (list(map(int, column)) for column in counts)
    return dict(zip(words, zip(a, b, c, d, e, f, g, strict=True), strict=True))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@lru_cache(maxsize=1)
def feature_cache() -> FeatureCache:
    """The run-time cache (the shipped statistics); training makes its own."""
    return FeatureCache(gazetteer(), word_stats())


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def score(feats: Iterable[str], w: dict[str, float]) -> float:
    get = w.get
    return _sigmoid(sum(get(f, 0.0) for f in feats))


@dataclass(slots=True)
class Scored:
    """Every candidate of one text, with its stage-1 features when training needs them."""

    toks: list[Token]
    spans: list[tuple[int, int]]
    feats1: list[list[str]]


def stage1(text: str, rule_spans: Sequence[tuple[int, int]], cache: FeatureCache) -> Scored:
    """Candidates with their stage-1 features as strings (for training and its scoring;
    :func:`find_people` scores the same features from cached per-word sums)."""
    toks = tokenize(text)
    cands = candidates(toks, runs(toks))
    doc = DocFeatures(text, toks, cache)
    spans = [(i, j) for i, j, _ in cands]
    feats = [doc.span(i, j, rule_verdict(toks[i].start, toks[j - 1].end, rule_spans))
             for i, j in spans]
    return Scored(toks, spans, feats)


def stage2_features(text: str, s: Scored, probs: Sequence[float]) -> list[list[str]]:
    return [a + b for a, b in zip(s.feats1, doc_features(s.spans, probs, s.toks, text),
                                  strict=True)]


def choose(s: Scored, probs: Sequence[float], threshold: float) -> list[Mention]:
    """Non-overlapping spans above ``threshold``, most probable first, in text order."""
    order = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)  # (stable)
    taken = [False] * len(s.toks)
    chosen: list[Mention] = []
    for k in order:
        p = probs[k]
        if p < threshold:
            break
        i, j = s.spans[k]
        if any(taken[i:j]):
            continue
        for t in range(i, j):
            taken[t] = True
        if j - i > 1 and s.toks[i].text in _HONORIFICS:
            i += 1  # "Mr Irish" names Irish
        chosen.append(Mention(s.toks[i].start, s.toks[j - 1].end,
                              tuple(t.text for t in s.toks[i:j]), p))
    chosen.sort(key=lambda m: m.start)
    return chosen


# A span that repeats a chosen person's name (or one of its other forms) is one more
# mention of that person unless the model is nearly sure it is not a name there.
_REPEAT_FLOOR = 0.02
# Stage 2 rescores only the candidates stage 1 gives at least this; the others keep
# their stage-1 probability (far below any threshold either way).
_STAGE2_FLOOR = 0.005


_ZEROS = repeat(0.0)  # (the default of every weight look-up, for map: the same sums)
_TEXT = attrgetter("text")


class _PartSums:
    """Per (prefix, word): the summed stage-1 and stage-2 weights of that word's cached
    features, so that a span is scored with a dozen look-ups instead of fifty."""

    __slots__ = ("cache", "sums", "w")
    LIMIT = 400_000

    def __init__(self, w: Weights, cache: FeatureCache) -> None:
        self.w = w
        self.cache = cache
        self.sums: dict[tuple[str, str], tuple[float, float]] = {}

    def get(self, prefix: str, word: str) -> tuple[float, float]:
        key = (prefix, word)
        got = self.sums.get(key)
        if got is None:
            feats = self.cache.word(word) if prefix in WORD_PREFIXES else self.cache.near(word)
            g1 = self.w.stage1.get
            g2 = self.w.stage2.get
            names = [prefix + f for f in feats]
            got = (sum(map(g1, names, _ZEROS)), sum(map(g2, names, _ZEROS)))
            if len(self.sums) > self.LIMIT:
                self.sums.clear()
            self.sums[key] = got
        return got


@lru_cache(maxsize=1)
def _part_sums() -> _PartSums:
    return _PartSums(weights(), feature_cache())


# A word capitalised at least this often in the labelled news and never part of a person
# ("The", "Reuters", "Monday", "AUGUST") neither starts nor ends one: spans at it are not
# scored at all (the model gives them next to nothing; this saves a third of the work).
_NEVER_A_PERSON_SEEN = 20
_HONORIFICS = frozenset(
    f"{w}{dot}" for w in ("Mr", "Mrs", "Ms", "Miss", "Dr") for dot in ("", "."))
"""The tokens of the titles a name follows ("Mr", "Mr.")."""


@lru_cache(maxsize=1)
def _never_at_edge() -> frozenset[str]:
    return frozenset(w for w, counts in word_stats().items()
                     if counts[0] >= _NEVER_A_PERSON_SEEN and counts[1] == 0)


def find_people(text: str, rule_spans: Sequence[tuple[int, int]]) -> list[Mention]:
    """The person mentions the model finds in ``text``: the chosen spans, then every
    other place where a chosen form stands as a candidate the model does not rule out."""
    w = weights()
    sums = _part_sums()
    toks = tokenize(text)
    never = _never_at_edge()
    # a word after "Mr" or "Dr" names someone here, however rarely it does elsewhere
    # ("said Mr Irish": Oliver Irish)
    texts = list(map(_TEXT, toks))
    named = set(compress(texts[1:], map(_HONORIFICS.__contains__, texts))) & never
    if named:
        never = never - named
    spans = [(i, j) for i, j, _ in candidates(toks, runs(toks))
             if texts[i] not in never and texts[j - 1] not in never]
    if not spans:
        return []
    doc = DocFeatures(text, toks, feature_cache())
    g1 = w.stage1.get
    g2 = w.stage2.get
    summed = sums.sums.get  # (sums.get, without a call when the pair is known)
    span_parts = doc.span_parts
    probs1: list[float] = []
    directs: list[list[str]] = []
    partss: list[list[tuple[str, str]]] = []
    for i, j in spans:
        direct, parts = span_parts(i, j, rule_verdict(toks[i].start, toks[j - 1].end,
                                                      rule_spans))
        a = sum(map(g1, direct, _ZEROS))
        for part in parts:
            a += (summed(part) or sums.get(*part))[0]
        probs1.append(_sigmoid(a))
        directs.append(direct)
        partss.append(parts)
    probs2 = list(probs1)
    wanted = [k for k, p in enumerate(probs1) if p >= _STAGE2_FLOOR]
    for k, extra in zip(wanted, doc_features(spans, probs1, toks, text, wanted), strict=True):
        b = sum(map(g2, directs[k], _ZEROS)) + sum(map(g2, extra, _ZEROS))
        for part in partss[k]:
            b += (summed(part) or sums.get(*part))[1]
        probs2[k] = _sigmoid(b)
    s = Scored(toks, spans, [])
    chosen = _split_glued(toks, choose(s, probs2, w.threshold))
    return _with_repeats(s, probs2, chosen, w.threshold)


def _split_glued(toks: Sequence[Token], chosen: list[Mention]) -> list[Mention]:
    """Two people run together split apart: "by Henry Bortman Jonathan Lunine, professor
    of ..." (a byline glued to the next sentence) is Henry Bortman and Jonathan Lunine when
    both start with a given name and the second's surname stands alone later."""
    if not any(len(m.tokens) == 4 for m in chosen):
        return chosen
    first = gazetteer().first
    index = {t.start: k for k, t in enumerate(toks)}
    out: list[Mention] = []
    for m in chosen:
        t = m.tokens
        k = index[m.start]
        if (len(t) == 4 and t[0] in first and t[2] in first and t[1] not in first
                and t[1].isalpha() and any(x.text == t[3] for x in toks[k + 4:])):
            out.append(Mention(m.start, toks[k + 1].end, t[:2], m.prob))
            out.append(Mention(toks[k + 2].start, m.end, t[2:], m.prob))
        else:
            out.append(m)
    return out


def _with_repeats(s: Scored, probs2: Sequence[float], chosen: list[Mention],
                  threshold: float) -> list[Mention]:
    forms = {m.tokens for m in chosen}
    taken = [False] * len(s.toks)
    starts = {m.start for m in chosen}
    for k, (i, j) in enumerate(s.spans):
        if probs2[k] >= threshold and s.toks[i].start in starts:
            for t in range(i, j):
                taken[t] = True
    extra: list[Mention] = []
    likely = [k for k, p in enumerate(probs2) if p >= _REPEAT_FLOOR]
    for k in sorted(likely, key=lambda k: s.spans[k][0] - s.spans[k][1]):
        i, j = s.spans[k]
        if any(taken[i:j]):
            continue
        toks = tuple([t.text for t in s.toks[i:j]])
        if toks in forms and not _in_longer_name(s.toks, j):
            for t in range(i, j):
                taken[t] = True
            extra.append(Mention(s.toks[i].start, s.toks[j - 1].end, toks, probs2[k]))
    return sorted(chosen + extra, key=lambda m: m.start)


def _in_longer_name(toks: Sequence[Token], j: int) -> bool:
    """Whether the span ending before token ``j`` goes on as a longer name ("Ferrante" of
    "Ferrante Metals" is no mention of Lucia Ferrante)."""
    return j < len(toks) and toks[j].text[:1].isupper() and not toks[j].line_start


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    if n >= len(longer):
        return False
    if n == 1:
        return shorter[0] in longer
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _same_or_within(head: tuple[str, ...], bare: tuple[str, ...], form: tuple[str, ...]) -> bool:
    """Whether ``form`` is ``head`` or within it, or within it without its middle
    initials (``bare``)."""
    if head == form or _contains(head, form):
        return True
    if bare != head and (bare == form or _contains(bare, form)):
        return True
    # "Mr Kilroy-Silk" is "Robert Kilroy Silk", and the other way round (two words at
    # least: a lone "Silk" does not join "Robert Kilroy-Silk")
    if not any("-" in t for t in (*bare, *form)):
        return False
    parts, whole = _unhyphenated(form), _unhyphenated(bare)
    return len(parts) > 1 and (whole == parts or _contains(whole, parts))


def _unhyphenated(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for t in tokens for p in t.split("-") if p)


def _without_articles(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """ "Omar Hassan al-Bashir" -> ("Omar", "Hassan", "Bashir"): "Mr. Bashir" is him."""
    if not any(t[:3] in ("al-", "el-", "Al-", "El-") for t in tokens):
        return tokens
    return tuple(t[3:] if t[:3] in ("al-", "el-", "Al-", "El-") and len(t) > 4 else t
                 for t in tokens)


def group(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Mentions grouped by person: a shorter form joins the fullest form that contains
    it (the nearest one before it when several do), the fullest form coming first."""
    by_len = sorted(mentions, key=lambda m: (-len(m.tokens), m.start))
    groups: list[list[Mention]] = []
    heads: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # (head, without initials)
    for m in by_len:
        fits = [g for g, (head, bare) in enumerate(heads)
                if _same_or_within(head, bare, m.tokens)]
        if not fits:
            groups.append([m])
            heads.append((m.tokens, _without_articles(without_middle_initials(m.tokens))))
            continue
        before = [g for g in fits if groups[g][0].start <= m.start]
        target = max(before, key=lambda g: groups[g][0].start) if before else fits[0]
        groups[target].append(m)
    return groups
