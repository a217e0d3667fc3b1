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

from bisect import bisect_left
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

    first: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    places: frozenset[str]
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
    (a word's features never change, and most words recur across stories)."""

    __slots__ = ("context", "gaz", "stats", "words")
    LIMIT = 200_000

    def __init__(self, gaz: Gazetteer, stats: WordStats) -> None:
        self.gaz = gaz
        self.stats = stats
        self.words: dict[str, list[str]] = {}
        self.context: dict[str, list[str]] = {}

    def word(self, w: str) -> list[str]:
        got = self.words.get(w)
        if got is None:
            if len(self.words) > self.LIMIT:
                self.words.clear()
            got = self.words[w] = word_features(w, self.gaz, self.stats)
        return got

    def near(self, w: str) -> list[str]:
        got = self.context.get(w)
        if got is None:
            if len(self.context) > self.LIMIT:
                self.context.clear()
            got = self.context[w] = context_word(w)
        return got


# What stands before a span: the word before it, the lower case of the one before that,
# and whether the span's first token starts a sentence, starts a line, or is on a line in
# capitals; and after it: the word after it, and the lower case of the next one.
BeforeKey = tuple[str | None, str | None, bool, bool, bool]
AfterKey = tuple[str | None, str | None]


def before_features(key: BeforeKey) -> tuple[list[str], list[tuple[str, str]]]:
    """The features of what stands before a span (see ``DocFeatures.span_parts``)."""
    prev, prev2, sent_start, line_start, caps_line = key
    if prev is None:
        feats = ["Pnone", "P2none"]
        parts = []
    else:
        feats = ["P2none" if prev2 is None else f"P2w={prev2}"]
        parts = [("P", prev)]
    if sent_start:
        feats.append("sent0")
    if line_start:
        feats.append("line0")
    if caps_line:
        feats.append("caps_line")
    return feats, parts


def after_features(key: AfterKey) -> tuple[list[str], list[tuple[str, str]]]:
    """The features of what stands after a span (see ``DocFeatures.span_parts``)."""
    following, next2 = key
    if following is None:
        return ["Nnone", "N2none"], []
    return ["N2none" if next2 is None else f"N2w={next2}"], [("N", following)]


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
        scorer can then cache each pair's weight sum): those of :meth:`inner`,
        :meth:`before` and :meth:`after` together, the strings in the order of
        ``_FAMILIES`` (the order a score that must be exact adds their weights in)."""
        feats, parts = self.inner(i, j, rule)
        for more, words in (self.before(i), self.after(j)):
            feats += more
            parts += words
        feats.sort(key=_family_rank)
        return feats, parts

    def before(self, i: int) -> tuple[list[str], list[tuple[str, str]]]:
        """The features that only the span's first token ``i`` decides (what stands
        before it, where its sentence and line start), as in :meth:`span_parts`."""
        return before_features(self.before_key(i))

    def before_key(self, i: int) -> BeforeKey:
        """All that :meth:`before` reads of the tokens at ``i``."""
        toks = self.toks
        first = toks[i]
        return (toks[i - 1].text if i else None, toks[i - 2].lower if i > 1 else None,
                first.sent_start, first.line_start, self.line_caps[i])

    def after(self, j: int) -> tuple[list[str], list[tuple[str, str]]]:
        """The features that only the token ``j`` after the span decides."""
        return after_features(self.after_key(j))

    def after_key(self, j: int) -> AfterKey:
        """All that :meth:`after` reads of the tokens at ``j``."""
        toks = self.toks
        last = len(toks)
        return (toks[j].text if j < last else None, toks[j + 1].lower if j + 1 < last else None)

    def inner(self, i: int, j: int, rule: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The rest of the features of :meth:`span_parts`: those of :meth:`own` and
        :meth:`between`."""
        feats, parts = self.own(i, j, rule)
        feats += self.between(i, j)
        return feats, parts

    def own(self, i: int, j: int, rule: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The features that only the rules' verdict and the span's own text decide (the
        same wherever that text stands)."""
        toks = self.toks
        n = j - i
        feats = list(_HEADS[rule, n])
        parts: list[tuple[str, str]]
        first = toks[i]
        if n == 1:
            parts = [("S", first.text)]
            name = first.text
        else:
            parts = [("F", first.text), ("L", toks[j - 1].text)]
            parts += [("M", toks[k].text) for k in range(i + 1, j - 1)]
            feats.append("shape=" + "_".join([shape(t.text) for t in toks[i:j]]))
            name = self.text[first.start:toks[j - 1].end]
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

    def between(self, i: int, j: int) -> list[str]:
        """The features that the span's two ends decide together (its neighbours, and
        where it stands in its sentence)."""
        toks = self.toks
        last = len(toks)
        # the words just before and after, lower-cased ("none" at either end of the text)
        if i and j < last:
            feats = [f"Pw={toks[i - 1].lower}|Nw={toks[j].lower}"]
        elif i:
            feats = [f"Pw={toks[i - 1].lower}|Nnone"]
        else:
            feats = [f"Pnone|Nw={toks[j].lower}" if j < last else "Pnone|Nnone"]
        first = toks[i]
        if first.sent_start:
            feats.append(_SENT0[min(j - i, 3)])
        left_cap = i > 0 and toks[i - 1].nameish and not first.line_start
        right_cap = j < last and toks[j].nameish and not toks[j].line_start
        feats.append(_EDGE[left_cap][right_cap])
        return feats


# The strings of span_parts that depend on a few small values only, made once.
_RULES = ("exact", "inside", "contains", "cross", "none")
_HEADS = {(rule, n): ("bias", f"len={n}", f"rule={rule}", f"rule={rule}|len={min(n, 3)}")
          for rule in _RULES for n in range(1, MAX_LEN + 1)}
_SENT0 = {n: f"sent0|len={n}" for n in (1, 2, 3)}
# The families of span_parts' strings, in the order it gives them (one of each at most).
_FAMILIES = ("bias", "len", "rule", "rule|len", "shape", "Pnone", "Nnone", "P2", "N2", "Pw|Nw",
             "sent0", "sent0|len", "line0", "caps_line", "edge", "notable", "norg", "outlet",
             "place")
_RANK = {family: k for k, family in enumerate(_FAMILIES)}
# (what stands before the first "=" where that is not the family's name)
_RANK |= {"P2w": _RANK["P2"], "P2none": _RANK["P2"], "N2w": _RANK["N2"], "N2none": _RANK["N2"],
          "Pw": _RANK["Pw|Nw"], "Pnone|Nw": _RANK["Pw|Nw"], "Pnone|Nnone": _RANK["Pw|Nw"]}


def _family_rank(feat: str) -> int:
    head = feat.partition("=")[0]
    if head == "rule" and "|" in feat:
        return _RANK["rule|len"]
    return _RANK[head]


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


def _bucket(p: float) -> str:
    return "0" if p < 0.1 else "1" if p < 0.3 else "2" if p < 0.5 else "3" if p < 0.7 else (
        "4" if p < 0.9 else "5")


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
        (i, j), s, p = cands[k], strings[k], probs[k]
        feats = [f"d_self={_bucket(p)}"]
        if count_same[s] > 1:
            feats.append(f"d_same={_bucket(best_same[s])}")
        if j - i == 1:
            w = toks[i].text
            if w in best_last:
                feats.append(f"d_last_of={_bucket(best_last[w])}")
            if w in best_first:
                feats.append(f"d_first_of={_bucket(best_first[w])}")
            if toks[i].lower in lowered:
                feats.append("d_lower")
        else:
            last = toks[j - 1].text
            feats.append(f"d_tail={_bucket(best_same.get(last, 0.0))}")
        out.append(feats)
    return out
