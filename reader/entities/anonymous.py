"""Unnamed sources: a head noun ("official", "sources", "people familiar with the
talks" ...) followed by a speech verb, trimmed back to its determiner ("a senior U.S.
administration official"), and what follows "according to" / "citing" / "quoting"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.entities import _lexicon as L
from reader.entities.rules_doc import Doc
from reader.entities.rules_text import UPPER
from reader.models import Entity

_ANON_HEAD_ALTS = L.word_list("anonymous heads")
# Grouped by first letter (one branch per letter instead of ~30 in turn).  Each head is a
# whole word, so at any position at most one span can match and the order is immaterial.
_ANON_HEADS = "|".join(
    f"{c}(?:{'|'.join(a[1:] for a in _ANON_HEAD_ALTS if a[0] == c)})"
    for c in sorted({a[0] for a in _ANON_HEAD_ALTS})
)
# \b before a head is tested as "a non-word character, or the start" (see _anon_heads):
# a pattern that starts with a character class lets the regex engine skip ahead in C.
_ANON_HEAD_RE = re.compile(rf"\W({_ANON_HEADS})\b")
_ANON_HEAD_AT_START_RE = re.compile(rf"(?:{_ANON_HEADS})\b")
_ANON_VERB_RE = re.compile(
    r"((?:\s+(?:who(?:['’]s)?|familiar|close)\s+[^,.;:\"“”]{1,60}?)?)"
    r"\s*(?:,\s*[^,]{0,60},\s*)?(?:(?:also|have|has|had|then|later|privately|publicly|"
    r"[a-z]+ly)\s+)?(?:" + "|".join(L.word_list("anonymous verbs")) + r")\b"
)
# the words before a head that end the phrase (it starts after them)
_ANON_STOP = frozenset(
    w.lower() for w in L.FUNCTION_WORDS if w not in L.words("anonymous function words")
) | L.words("anonymous stop words")
_ANON_DETS = L.words("anonymous determiners")  # (the phrase starts with them)
_ANON_MODS_RE = re.compile(r"((?:[\w.’'\-]+\s+){0,6})$")
_ANON_AFTER_CITED_RE = re.compile(
    # (?<![\w'’]) before each cue, written after its first letter so that the pattern
    # starts with a literal and a search skips ahead in C
    r"(?:a(?<![\w'’].)ccording\s+to|c(?<![\w'’].)iting|q(?<![\w'’].)uoting|"
    r"i(?<![\w'’].)n\s+the\s+words\s+of)"
    r"\s+((?:(?:an?|one|two|three|four|five|"
    r"several|some|many|the|\d+)\s+)?(?:[\w.’'\-]+\s+){0,5}?"
    rf"(?:{_ANON_HEADS}))\b"
)
_SPACE_CAP_RE = re.compile(rf"\s+[{UPPER}]")


def anonymous(doc: Doc) -> list[Entity]:
    """The unnamed sources of the story, each phrase once (case aside)."""
    text = doc.text
    found: dict[str, Entity] = {}

    def record(s: int, e: int) -> None:
        phrase = text[s:e]
        if not phrase or "\n" in phrase:
            return
        key = phrase.lower()
        ent = found.get(key)
        if ent is None:
            ent = Entity(name=phrase, kind="anonymous")
            found[key] = ent
        if (s, e) not in ent.mentions:
            ent.mentions.append((s, e))
        span = doc.sents[doc.sent_index(s)]
        if span not in ent.citations:
            ent.citations.append(span)

    for hs, he in _anon_heads(text):
        v = _ANON_VERB_RE.match(text, he)
        if v is None:
            continue
        # a named person follows ("official Mauricio Claver-Carone"): not anonymous
        if not v.group(1) and _SPACE_CAP_RE.match(text[he : he + 2]):
            continue
        s_start = doc.sents[doc.sent_index(hs)][0]
        mm = _ANON_MODS_RE.search(text, max(s_start, hs - 70), hs)
        words = mm.group(1).split() if mm else []
        tail: list[str] = []
        for w in reversed(words):
            lw = w.lower()
            if lw in _ANON_DETS:
                tail.insert(0, w)
                break
            if lw in _ANON_STOP or w in L.FUNCTION_WORDS or w.endswith((",", ":")):
                break
            tail.insert(0, w)
        while tail and tail[0].lower() in {"and", "or"}:
            tail.pop(0)
        start = hs
        if tail:
            prefix = " ".join(tail)
            cand = text.rfind(prefix, max(0, hs - 80), hs)
            if cand >= 0 and not text[cand + len(prefix) : hs].strip():
                start = cand
        record(start, he + len(v.group(1)))
    for m in _ANON_AFTER_CITED_RE.finditer(text):
        record(m.start(1), m.end(1))
    return list(found.values())


def _anon_heads(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the anonymous head nouns ("officials", "sources" ...), each a whole word."""
    m = _ANON_HEAD_AT_START_RE.match(text)
    pos = 0
    if m is not None:
        yield m.start(), m.end()
        pos = m.end()
    for m in _ANON_HEAD_RE.finditer(text, pos):
        yield m.start(1), m.end(1)
