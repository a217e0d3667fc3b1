"""What the text says around a candidate source, as string features for the source model.

A candidate is a source the rules and the attribution patterns credited (``rules``), an
outlet the story names but the rules did not find cited (``named``), or a speaker the
patterns could not sort (``loose``: "the survey", "the data", a lower-case head the
lists do not know).  Each feature is a short string; the model (``source_model``) adds
up their learned weights.  The features read every mention of the candidate: the words
just before and after it, punctuation that makes a wire credit or a dateline ("(AP) -",
"Reuters -"), a speech verb or "according to" next to it, quotation marks around it,
the headline; and, for a phrase, its head and first words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.entities.cue_words import cue_rates
from reader.entities.outlets import OUTLET_AFTER_RE
from reader.models import Entity

_WORDS_RE = re.compile(r"[\w'’\-]+")
_SPEECH = frozenset(
    """said says say told tells added announced reported reports warned warns claimed
    admitted confirmed denied estimated revealed insisted argued predicted stated believes
    believe found finds shows showed suggests noted writes wrote quoted cited understands
    learned according""".split()
)
# The cue a few words before a mention ("according to the", "told the Norwegian paper"),
# read from the last words before it: the word itself, or the pair it ends.
_CUE_WORDS = {
    "told": "told", "tells": "told", "telling": "told", "said": "said", "says": "said",
    "added": "said", "reports": "said", "reported": "said", "writes": "said", "wrote": "said",
    "in": "in", "on": "in", "citing": "according", "quoting": "according",
}
_CUE_PAIRS = {("according", "to"): "according", ("speaking", "to"): "told",
              ("interview", "with"): "told"}
_DASH_AFTER_RE = re.compile(r"\)?\s*[-–—]\s")
_CLAUSE_ENDS = frozenset(".,;:")
_CLOSING_QUOTES = frozenset("\"”’'")
_UNNAMED_WORDS = frozenset(("unnamed", "unidentified", "anonymous"))
_MENTIONS_READ = 6  # a story that names an outlet twenty times says nothing new after six


def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


def _quoted(spans: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _cue(words: list[str]) -> str | None:
    """The cue among the last words before a mention (at most three words before it)."""
    for back in range(1, min(4, len(words)) + 1):
        w = words[-back]
        if back < len(words) and (pair := _CUE_PAIRS.get((words[-back - 1], w))):
            return pair
        if w in _CUE_WORDS:
            return _CUE_WORDS[w]
    return None


def _mention_features(text: str, s: int, e: int, quoted: Sequence[tuple[int, int]],
                      headline_end: int, outlet: bool) -> set[str]:
    out: set[str] = set()
    line_start = text.rfind("\n", max(0, s - 40), s) + 1 or max(0, s - 40)
    before = text[line_start:s]
    line_end = text.find("\n", e, e + 60)
    after = text[e:line_end if line_end >= 0 else e + 60]
    words_before = [w.lower() for w in _WORDS_RE.findall(before)[-5:]]
    b1 = words_before[-1] if words_before and before.rstrip()[-1:] not in ".!?" else "<s>"
    next_words = [w.lower() for w in _WORDS_RE.findall(after, 0, 40)[:3]] or ["</s>"]
    out.add(f"b1={b1}")
    out.add(f"a1={next_words[0]}")
    rates = cue_rates()
    for where, word in (("a1", next_words[0]), ("b1", b1)):
        if word in rates:  # how often annotators took the word for a cue: 0.3 to 1
            rate = rates[word]
            out.add(f"{where}_cue={'high' if rate >= 0.8 else 'mid' if rate >= 0.5 else 'low'}")
    if next_words[0] in _SPEECH:
        out.add("verb_after")
    elif any(w in _SPEECH for w in next_words[1:]):
        out.add("verb_soon_after")
    if b1 in _SPEECH:
        out.add("verb_before")
        rest = after.lstrip(" ")
        if not rest or rest[0] in _CLAUSE_ENDS:
            out.add("verb_before_clause_end")  # ", says an analyst.": the speaker, not what is said
        if before.rstrip()[:-len(b1)].rstrip()[-1:] in _CLOSING_QUOTES:
            out.add("quote_verb_before")  # '"That is a city," said someone at the meeting
    cue = _cue(words_before)
    if cue is not None:
        out.add(f"cue={cue}")
    if outlet and OUTLET_AFTER_RE.match(after):
        out.add("outlet_verb_after")
    at_line_start = not before.strip("(\t ")
    if before.endswith("("):
        out.add("paren")
        if _DASH_AFTER_RE.match(after):
            out.add("dateline")
    elif _DASH_AFTER_RE.match(after) and at_line_start:
        out.add("lead_credit")
    if after[:2] in ("'s", "’s"):
        out.add("possessive")
    if s < headline_end:
        out.add("headline")
    if _quoted(quoted, s, e):
        out.add("quoted")
    if after[:1] == ":":
        out.add("colon_after_at_line_start" if at_line_start else "colon_after")
    return out


def _phrase_features(phrase: str) -> list[str]:
    words = phrase.split()
    head = words[-1].lower().strip("'’.,")
    first = words[0].lower()
    caps = sum(1 for w in words if w[:1].isupper())
    shape = "upper" if caps == len(words) else "lower" if caps == 0 else "mixed"
    common = [f"nwords={_bucket(len(words), 5)}", f"caps={shape}"]
    if shape == "upper":  # a name's words say who it is, not whether it speaks: a few
        return common     # stories had taught "China" to weigh against
    if _UNNAMED_WORDS.intersection(w.lower() for w in words):
        common.append("says_unnamed")  # "three unnamed people", "an unidentified poster"
    return [f"head={head}", f"first={first}", f"first_head={first}|{head}", *common]


def source_features(text: str, source: Entity, origin: str,
                    quoted: Sequence[tuple[int, int]]) -> list[str]:
    """The features of ``source`` as a candidate of ``origin`` (rules, named, loose)."""
    kind = source.kind
    headline_end = text.find("\n")
    if headline_end < 0:
        headline_end = 0
    seen: set[str] = set()
    for s, e in source.mentions[:_MENTIONS_READ]:
        seen |= _mention_features(text, s, e, quoted, headline_end, kind == "outlet")
    feats = [f"origin={origin}", f"kind={kind}", f"origin_kind={origin}|{kind}",
             f"mentions={_bucket(len(source.mentions), 3)}",
             f"citations={_bucket(len(source.citations), 3)}"]
    feats += [f"{kind}|{f}" for f in sorted(seen)]
    feats += sorted(seen)
    if kind != "outlet" and kind != "person" and source.mentions:
        s, e = source.mentions[0]
        feats += [f"{kind}|{f}" for f in _phrase_features(text[s:e])]
    if all(_quoted(quoted, s, e) for s, e in source.mentions):
        feats.append("all_quoted")
    return feats


