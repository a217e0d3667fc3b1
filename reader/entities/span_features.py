"""Features of candidate spans for the learned people model.

Every feature is a short string; the model is a weight per string (a linear model), so
what matters here is that the same text always gives the same strings, in training
(``benchmarks/entities/train_people.py``) and at run time.  Word-level features are
computed once per token and reused by every span the token is in.

Families, in the order the feasibility study found them useful: the words around the
span, whether the words just outside it are name-shaped, per-word rates learned from
labelled and unlabelled news (``WordStats``), gazetteer hits (the rules' lists),
the rules' own decision, document consistency (stage 2), and word shapes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import filterfalse, islice
from operator import attrgetter

from reader.entities import _lexicon as L
from reader.entities.spans import MAX_LEN, Token, shape

# Per capitalised word, counts learned from data: in labelled news (seen, as a person, as
# an organisation, as a place, as another entity), then in all news text (seen capitalised
# not starting a sentence, written in lower case).  See benchmarks/entities/train_people.py.
WordStats = Mapping[str, tuple[int, int, int, int, int, int, int]]

_ROLE = L.ROLE_NOUNS
_SPEECH = L.SPEECH_VERBS
_COMPANY = L.COMPANY_NOUNS
_TITLES = frozenset(w.lower() for w in L.TITLE_HEADS)
_DEMONYMS = L.DEMONYMS
_ORG_WORDS = L.ORG_WORDS
_MONTHS = L.MONTHS_DAYS
_FUNCTION = L.FUNCTION_WORDS
# What may end a name after it: "Elizabeth I", "Pope John Paul II", "Al Unser Jr."
_REGNAL = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI Jr Jr. Sr Sr.".split())


def _rate_bucket(k: int, n: int) -> str:
    if n == 0:
        return "u"
    r = (k + 0.1) / (n + 0.2)
    level = "0" if r < 0.05 else "1" if r < 0.2 else "2" if r < 0.5 else "3" if r < 0.8 else "4"
    return level + ("r" if n < 3 else "f")


@dataclass(slots=True)
class Gazetteer:
    """The lexicon's sets the features consult (resolved once per process)."""

    first: L.WordSet
    surnames: L.WordSet
    common: L.WordSet
    places: L.WordSet
    countries: frozenset[str]
    outlets: frozenset[str]
    notable_orgs: frozenset[str]
    notable_surnames: frozenset[str]
    lex: L.Lexicon

    @classmethod
    def load(cls) -> Gazetteer:
        lex = L.lexicon()
        return cls(lex.first_names, lex.surnames, lex.common, lex.places, lex.countries,
                   frozenset(lex.outlet_by_form), lex.notable_orgs | L.NOT_PEOPLE,
                   lex.notable_surnames, lex)


def word_features(w: str, gaz: Gazetteer, stats: WordStats) -> list[str]:
    """What a word says about itself, wherever it stands in a span."""
    lower = w.lower()
    feats = [f"w={lower}", f"s={shape(w)}"]
    if w in gaz.first:
        feats.append("fn")
    if w in gaz.surnames or w.capitalize() in gaz.surnames:
        feats.append("sn")
    if lower in gaz.common:
        feats.append("cw")
    if w in gaz.places:
        feats.append("pl")
    if w in gaz.countries:
        feats.append("co")
    if w in _ORG_WORDS:
        feats.append("org")
    if lower in _TITLES:
        feats.append("ti")
    if w in _DEMONYMS:
        feats.append("dem")
    if w in _MONTHS:
        feats.append("mon")
    if w in _FUNCTION:
        feats.append("fw")
    if w in gaz.notable_surnames:
        feats.append("ns")
    if w in gaz.outlets:
        feats.append("out")
    if w in _REGNAL:
        feats.append("regnal")
    st = stats.get(w) or (stats.get(w.capitalize()) if w.isupper() else None)
    if st is None:
        feats.append("st=u")
    else:
        seen, per, org, loc, misc, cap, low = st
        feats.append("sp=" + _rate_bucket(per, seen))
        feats.append("so=" + _rate_bucket(org, seen))
        feats.append("sl=" + _rate_bucket(loc, seen))
        feats.append("sm=" + _rate_bucket(misc, seen))
        feats.append("lc=" + _rate_bucket(low, cap + low))
    return feats


def context_word(w: str) -> list[str]:
    """What a neighbouring word says (before or after a span)."""
    lower = w.lower()
    feats = [f"w={lower}"]
    if w[0].isupper():
        feats.append("cap")
    if lower in _ROLE:
        feats.append("role")
    if lower in _TITLES:
        feats.append("ti")
    if lower in _SPEECH:
        feats.append("say")
    if lower in _COMPANY:
        feats.append("firm")
    if w in _DEMONYMS:
        feats.append("dem")
    if w[0].isdigit():
        feats.append("num")
    return feats


WORD_PREFIXES = frozenset("SFLM")
"""Prefixes of a span's own words (single, first, last, middle); "P" and "N" prefix the
words just before and after it."""


class FeatureCache:
    """Word and context features by word, for one gazetteer and one table of statistics
    (a word's features never change, and most words recur across stories).  They are
    kept as tuples of strings, which the garbage collector stops tracking: as lists, tens
    of thousands of them made each of its full collections cost twice as much."""

    __slots__ = ("context", "gaz", "stats", "words")
    LIMIT = 200_000

    def __init__(self, gaz: Gazetteer, stats: WordStats) -> None:
        self.gaz = gaz
        self.stats = stats
        self.words: dict[str, tuple[str, ...]] = {}
        self.context: dict[str, tuple[str, ...]] = {}

    def word(self, w: str) -> tuple[str, ...]:
        got = self.words.get(w)
        if got is None:
            if len(self.words) > self.LIMIT:
                self.words.clear()
            got = self.words[w] = tuple(word_features(w, self.gaz, self.stats))
        return got

    def near(self, w: str) -> tuple[str, ...]:
        got = self.context.get(w)
        if got is None:
            if len(self.context) > self.LIMIT:
                self.context.clear()
            got = self.context[w] = tuple(context_word(w))
        return got


class DocFeatures:
    """Per-document caches: token features and neighbours' features."""

    __slots__ = ("cache", "line_caps", "text", "toks")

    def __init__(self, text: str, toks: Sequence[Token], cache: FeatureCache) -> None:
        self.text = text
        self.toks = toks
        self.cache = cache
        self.line_caps = _all_caps_lines(text, toks)

    def span(self, i: int, j: int, rule: str) -> list[str]:
        """Stage-1 features of the span of tokens ``[i, j)``; ``rule`` is the rules'
        verdict on it (``exact``, ``inside``, ``contains``, ``cross`` or ``none``)."""
        direct, parts = self.span_parts(i, j, rule)
        for prefix, w in parts:
            feats = self.cache.word(w) if prefix in WORD_PREFIXES else self.cache.near(w)
            direct += [prefix + f for f in feats]
        return direct

    def span_parts(self, i: int, j: int, rule: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The features of ``span`` as the strings proper to the span, and the
        (prefix, word) pairs whose cached word or context features complete them (a
        scorer can then cache each pair's weight sum)."""
        toks = self.toks
        n = j - i
        feats = list(_HEADS[rule, n])
        parts: list[tuple[str, str]]
        if n == 1:
            parts = [("S", toks[i].text)]
        else:
            parts = [("F", toks[i].text), ("L", toks[j - 1].text)]
            if n > 2:
                parts += [("M", t.text) for t in toks[i + 1:j - 1]]
            feats.append("shape=" + "_".join(map(shape, map(_TEXT, toks[i:j]))))
        last = len(toks)
        if i:
            parts.append(("P", toks[i - 1].text))
        else:
            feats.append("Pnone")
        if j < last:
            parts.append(("N", toks[j].text))
        else:
            feats.append("Nnone")
        feats.append(f"P2w={toks[i - 2].lower}" if i > 1 else "P2none")
        feats.append(f"N2w={toks[j + 1].lower}" if j + 1 < last else "N2none")
        # the words just before and after, lower-cased ("none" at either end of the text)
        if i and j < last:
            feats.append(f"Pw={toks[i - 1].lower}|Nw={toks[j].lower}")
        elif i:
            feats.append(f"Pw={toks[i - 1].lower}|Nnone")
        else:
            feats.append(f"Pnone|Nw={toks[j].lower}" if j < last else "Pnone|Nnone")
        first = toks[i]
        if first.sent_start:
            feats += _SENT0[min(n, 3)]
        if first.line_start:
            feats.append("line0")
        if self.line_caps[i]:
            feats.append("caps_line")
        left_cap = i > 0 and toks[i - 1].nameish and not first.line_start
        right_cap = j < last and toks[j].nameish and not toks[j].line_start
        feats.append(_EDGE[left_cap][right_cap])
        name = first.text if n == 1 else self.text[first.start:toks[j - 1].end]
        gaz = self.cache.gaz
        if n > 1 and name in gaz.lex.notable:
            feats.append("notable")
        if name in gaz.notable_orgs:
            feats.append("norg")
        if name in gaz.outlets:
            feats.append("outlet")
        if n > 1 and name in gaz.places:
            feats.append("place")
        return feats, parts


# The strings of span_parts that depend on a few small values only, made once.
_RULES = ("exact", "inside", "contains", "cross", "none")
_HEADS = {(rule, n): ("bias", f"len={n}", f"rule={rule}", f"rule={rule}|len={min(n, 3)}")
          for rule in _RULES for n in range(1, MAX_LEN + 1)}
_SENT0 = {n: ("sent0", f"sent0|len={n}") for n in (1, 2, 3)}
_TEXT = attrgetter("text")
_LINE_START = attrgetter("line_start")
_LOWER = attrgetter("lower")
_NAMEISH = attrgetter("nameish")
_EDGE = (("edge=00", "edge=01"), ("edge=10", "edge=11"))


def _all_caps_lines(text: str, toks: Sequence[Token]) -> list[bool]:
    """Per token: whether its line is written in capitals (sports headlines)."""
    out = [False] * len(toks)
    starts = list(map(_LINE_START, toks))
    ends: list[int] = []
    k = 0
    try:  # (the line starts, found in C rather than token by token)
        while True:
            k = starts.index(True, k + 1)
            ends.append(k)
    except ValueError:
        ends.append(len(toks))
    start = 0
    for end in ends:
        letters = 0
        for t in toks[start:end]:
            if t.text[0].isalpha():
                if not t.text.isupper():
                    break  # (most lines: their first word)
                letters += 1
        else:
            if letters >= 2:
                out[start:end] = [True] * (end - start)
        start = end
    return out


def rule_verdict(start: int, end: int, rule_spans: Sequence[tuple[int, int]]) -> str:
    """How the span ``[start, end)`` relates to the rules' person mentions (sorted)."""
    verdict = "none"
    for s, e in islice(rule_spans, max(0, bisect_left(rule_spans, (start,)) - 3), None):
        if s >= end:
            break
        if e <= start:
            continue
        if s == start and e == end:
            return "exact"
        if s <= start and end <= e:
            verdict = "inside"
        elif start <= s and e <= end:
            verdict = "contains" if verdict == "none" else verdict
        elif verdict == "none":
            verdict = "cross"
    return verdict


_BUCKET_EDGES = (0.1, 0.3, 0.5, 0.7, 0.9)
"""A probability's bucket is how many of these it reaches ("0" below 0.1, "5" from 0.9)."""


def _bucketed(name: str) -> tuple[str, ...]:
    """The feature ``name`` of each bucket, by bucket (made once, not per candidate)."""
    return tuple(f"{name}={k}" for k in range(len(_BUCKET_EDGES) + 1))


_D_SELF = _bucketed("d_self")
_D_SAME = _bucketed("d_same")
_D_LAST_OF = _bucketed("d_last_of")
_D_FIRST_OF = _bucketed("d_first_of")
_D_TAIL = _bucketed("d_tail")


def doc_features(
    cands: Sequence[tuple[int, int]], probs: Sequence[float], toks: Sequence[Token],
    text: str, wanted: Sequence[int] | None = None,
) -> list[list[str]]:
    """Stage-2 features: what the rest of the story says about each candidate, from the
    stage-1 probabilities of the others (the same string elsewhere, a longer name that
    ends or starts with it, the string written in lower case); for the candidates at
    ``wanted`` only, when given (all of them are still the evidence)."""
    strings = [text[toks[i].start:toks[j - 1].end] for i, j in cands]
    count_same = Counter(strings)
    # the highest probability of each string (or first or last word of a longer one):
    # the last written to a dict filled in rising order of probability
    rising = sorted(range(len(cands)), key=probs.__getitem__)
    best_same = dict(zip(map(strings.__getitem__, rising), map(probs.__getitem__, rising),
                         strict=True))
    longer = [(cands[k], probs[k]) for k in rising if cands[k][1] - cands[k][0] >= 2]
    best_last = {toks[j - 1].text: p for (_, j), p in longer}
    best_first = {toks[i].text: p for (i, _), p in longer}
    # the words written without a capital (a token that is not name-shaped has none)
    lowered = set(map(_LOWER, filterfalse(_NAMEISH, toks)))
    lowered.update([t.lower for t in filter(_NAMEISH, toks) if not t.text[0].isupper()])
    out: list[list[str]] = []
    for k in range(len(cands)) if wanted is None else wanted:
        (i, j), s = cands[k], strings[k]
        feats = [_D_SELF[bisect_right(_BUCKET_EDGES, probs[k])]]
        if count_same[s] > 1:
            feats.append(_D_SAME[bisect_right(_BUCKET_EDGES, best_same[s])])
        if j - i == 1:
            w = toks[i].text
            if w in best_last:
                feats.append(_D_LAST_OF[bisect_right(_BUCKET_EDGES, best_last[w])])
            if w in best_first:
                feats.append(_D_FIRST_OF[bisect_right(_BUCKET_EDGES, best_first[w])])
            if toks[i].lower in lowered:
                feats.append("d_lower")
        else:
            last = toks[j - 1].text
            feats.append(_D_TAIL[bisect_right(_BUCKET_EDGES, best_same.get(last, 0.0))])
        out.append(feats)
    return out
