"""The words that cue an attribution, with how often they do: learned from PolNeAR's
annotated training stories by ``benchmarks/entities/build_cues.py`` ("decried" 1.0,
"said" 0.92, "called" 0.61) and shipped in ``data/cue_words.tsv.gz``."""

from __future__ import annotations

from functools import lru_cache

from reader.entities.weight_file import read_weight_file

CUE_FILE = "cue_words.tsv.gz"
CUE_VERSION = "2"
VERB_RATE = 0.6
"""The least rate at which a word's subject is read as a candidate speaker."""
WIDE_RATE = 0.35
"""The same for the wider cues (see ``cue_verbs``)."""


@lru_cache(maxsize=1)
def cue_rates() -> dict[str, float]:
    """Each learned cue word's rate (empty without the data file)."""
    got = read_weight_file(CUE_FILE, CUE_VERSION)
    if got is None:
        return {}
    words, rates, _ = got[1]
    return dict(zip(words, map(float, rates), strict=True))


def cue_verbs(wide: bool = True) -> list[str]:
    """The learned cue words that read as a finite verb after its subject: "-ed" and "-s"
    forms (a learned "-ing" form giving its "-ed" form), and a base form whose "-ed" or
    "-s" form is learned too ("warn", "portray"); not "-ing" forms, adverbs, or nouns
    with no verb form among them ("assumption").  With ``wide``, also the verbs that cue
    less often but still often enough for the source model to weigh their subjects
    ("testified", "worry", "doubt"), down to ``WIDE_RATE``."""
    rates = cue_rates()
    words = {w for w, r in rates.items() if r >= VERB_RATE}
    # the past tense of a learned "-ing" form: "pledging" -> "pledged" ("saying" has "said")
    words |= {f"{w[:-3]}ed" for w in words if w.endswith("ing") and not w[:-3].endswith("y")}
    if wide:  # not their "-s" forms, which are as often plural nouns ("calls", "forecasts")
        words |= {w for w, r in rates.items() if r >= WIDE_RATE and not w.endswith("s")}
    # British spelling, as the BBC writes: "criticised", "apologised"
    words |= {w.replace("ize", "ise") for w in words if w.endswith(("ized", "izes"))}
    return sorted(w for w in words if _verb_form(w, rates))


def _verb_form(w: str, rates: dict[str, float]) -> bool:
    """Whether ``w`` reads as a finite verb: a past tense, or a base or "-s" form whose
    other forms are learned too ("worry" with "worried", "doubts" with "doubted")."""
    if w.endswith(("ing", "ly")) or "'" in w or "’" in w:
        return False
    if w.endswith("ed") or (w.endswith("s") and rates.get(w, 0.0) >= VERB_RATE):
        return True  # "writes", "tells": a frequent cue needs no other form
    base = w[:-1] if w.endswith("s") else w
    forms = (f"{base}ed", f"{base}d", f"{base[:-1]}ied", f"{base}s")
    return any(f in rates for f in forms if f != w) or (w.endswith("s") and base in rates)


def cue_participles() -> list[str]:
    """The learned "-ing" cue words ("are urging", "is warning": read after is/are/was/were)."""
    return sorted(w for w, r in cue_rates().items() if r >= VERB_RATE and w.endswith("ing"))
