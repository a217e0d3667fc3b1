"""Organisations as sources: known bodies and organisation heads ("the Foreign
Office", "the Pentagon") followed by a speech verb, "a spokesman ... said" or after
"according to"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reader.entities import _lexicon as L
from reader.entities.outlets import OUTLET_AFTER_RE
from reader.entities.rules_doc import Doc
from reader.entities.rules_text import SPEECH, scan, trie
from reader.models import Entity

_ORG_HEADS = L.word_list("organisation heads")
_ORG_SPEAKER_RE = re.compile(
    r"\s+(?:[\w\-]+\s+)?(?:spokes(?:man|woman|person)|statement|official|officials|source|"
    r"sources)\b[^.;]{0,40}?\b(?:said|says|told|added|confirmed|denied|insisted)\b"
)
_WORD_CHAR_RE = re.compile(r"\w")
_ORG_SAYS_RE = re.compile(rf"(?:['’]s)?\s+(?:has\s+|had\s+|also\s+)?(?:{SPEECH})\b")
_ACCORDING_RE = re.compile(r"according\s+to\s+(?:the\s+|a\s+)?$")
_CAPS_BEFORE_RE = re.compile(r"((?:[A-Z][\w&\-]*[ \t]+){1,3})$")  # not across a line
# "a spokesperson for the San Francisco Police Department said": the unnamed person is
# the source (see speakers), not the body named inside the phrase
_FOR_BODY_RE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|official|representative|source|aide)\s+(?:for|of|at|"
    r"with)\s+(?:the\s+)?(?:[A-Z][\w&\-]*\s+){0,3}$")


@lru_cache(maxsize=1)
def _org_rx() -> re.Pattern[str]:
    """Known organisations and organisation heads, each a whole word (see _org_iter)."""
    names = {n for n in set(L.KNOWN_ORGS) | set(_ORG_HEADS) if "A" <= n[:1] <= "Z"}
    return re.compile("(?:" + trie(names) + r")(?![\w\-])")


def _org_iter(text: str) -> Iterator[re.Match[str]]:
    return scan(_org_rx(), text, _WORD_CHAR_RE)


def org_sources(doc: Doc) -> list[Entity]:
    """The organisations that speak in the story, with the sentences where they do."""
    text = doc.text
    found: dict[str, Entity] = {}
    for m in _org_iter(text):
        s, e = m.start(), m.end()
        after = text[e : e + 80]
        before = text[max(0, s - 30) : s]
        speaking = bool(
            OUTLET_AFTER_RE.match(after)
            or _ORG_SAYS_RE.match(after)
            or _ORG_SPEAKER_RE.match(after)
            or _ACCORDING_RE.search(before)
        )
        if not speaking or _FOR_BODY_RE.search(text, max(0, s - 90), s):
            continue
        pm = _CAPS_BEFORE_RE.search(text, max(0, s - 60), s)
        if pm and pm.group(1):
            s = pm.start(1)
        name = text[s:e]
        while name.split(" ", 1)[0] in L.FUNCTION_WORDS and " " in name:
            first = name.split(" ", 1)[0]
            s += len(first) + 1
            name = text[s:e]
        if doc.in_outlet(s, e) or name in L.FUNCTION_WORDS:
            continue
        s_i = doc.sent_index(s)
        ent = found.get(name)
        if ent is None:
            ent = Entity(name=name, kind="organization")
            found[name] = ent
        ent.mentions.append((s, e))
        span = doc.sents[s_i]
        if span not in ent.citations:
            ent.citations.append(span)
    return list(found.values())
