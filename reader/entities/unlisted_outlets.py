"""Outlets that are not on the curated list but that the story cites by a name saying what
they are: "told France's LCI Television", "A report in the Sunday Business claimed",
"According to the Spokesman-Review", "OBSERVER ONLINE has learnt", and the credit line
"KVELLER via JTA —".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.entities.outlets import outlet_matches
from reader.models import Span

# An outlet not on the list, told or cited by name with what it is: "he told France's LCI
# Television", "according to Radio Free Asia".
_TOLD_UNLISTED_RE = re.compile(
    r"\b(?:told|according\s+to|in\s+an\s+interview\s+with|speaking\s+to|quoted\s+by)\s+"
    r"(?:the\s+)?(?:[A-Z][\w\-]*['’]s\s+)?(?P<o>(?:[A-Z][\w&\-]*\s+){0,3}"
    r"(?:Television|TV|Radio|Channel|Newspaper|Magazine|Broadcasting|News\s+Agency))"
    r"(?![\w'’])(?!\s+[A-Z0-9])"
)
# A news site named by its domain after a cue: "In an interview with PolitickerNJ.com",
# "according to TheWrap.com"
DOMAIN_ENDS = ("com", "net", "org", "co.uk", "com.au", "ca")
"""The endings of a news site's domain that a name may carry ("PanARMENIAN.Net")."""
DOMAIN_END_RX = "|".join(map(re.escape, DOMAIN_ENDS))
_DOMAIN_AFTER_CUE_RE = re.compile(
    r"\b(?:told|according\s+to|interview\s+with|quoted\s+by|reported\s+by|speaking\s+to)"
    rf"\s+(?P<o>[A-Za-z][\w\-]*\.(?:{DOMAIN_END_RX}))(?![\w.\-])")
# (one of these is in every match of _TOLD_UNLISTED_RE)
_UNLISTED_KINDS = ("Television", "TV", "Radio", "Channel", "Newspaper", "Magazine",
                   "Broadcasting", "News")
# The words a paper's name ends with
_PAPER_WORDS = ("Times", "Post", "Journal", "News", "Herald", "Tribune", "Gazette", "Telegraph",
                "Mail", "Express", "Business", "Independent", "Chronicle", "Star", "Standard",
                "Magazine", "Review", "Weekly", "Daily", "Nation", "Globe", "Record", "Courier",
                "Examiner", "Observer", "Online", "Gleaner")
_PIECES = ("report", "article", "story", "interview", "editorial", "column", "piece")
# ... and what several of them are, with no article before it
_PIECES_MANY = ("reports", "articles", "stories", "interviews", "editorials", "columns",
                "disclosures", "revelations", "allegations", "claims")
# An unlisted paper a claim is made in: "A report in the Sunday Business claimed", "an
# article in the Daily Nation said", "disclosures in the East Anglian Daily Times"
_PIECE_IN_UNLISTED_RE = re.compile(
    rf"\b(?:(?:[Aa]n?|[Tt]he)\s+(?:{'|'.join(_PIECES)})|{'|'.join(_PIECES_MANY)})\s+in\s+"
    rf"(?:the\s+|[Tt]oday['’]s\s+)?(?P<o>(?:[A-Z][\w&\-]*\s+){{0,3}}(?:{'|'.join(_PAPER_WORDS)}))"
    r"(?![\w'’])(?!\s+[A-Z0-9])"
)
_PAPER_NAME = (rf"(?:[A-Z][\w&'’.]*[ -]){{1,3}}(?:{'|'.join(_PAPER_WORDS)}|"
               rf"{'|'.join(w.upper() for w in _PAPER_WORDS)})")
# A paper named with a paper word after "according to" or "told" (two words at least, or a
# compound: "Spokesman-Review"), not the start of a longer name ("the Independent
# Manchester United Supporters' Association")
_PAPER_AFTER_CUE_RE = re.compile(
    rf"\s+(?:the\s+)?(?P<o>{_PAPER_NAME})(?![\w'’\-])(?! [A-Z0-9])")
# ... or before the verb of its report: "OBSERVER ONLINE has learnt"
_PAPER_BEFORE_VERB_RE = re.compile(rf"(?<![\w'’\-])(?P<o>{_PAPER_NAME})\s+(?:has\s+|have\s+)?$")
_CUES_BEFORE = ("according to", "According to", "told")
_VERBS_AFTER = ("learnt", "learned", "understands", "reported", "reports", "revealed")
# "KVELLER via JTA — ": a credit line naming an outlet and the wire it came through
_VIA_CREDIT_RE = re.compile(
    r"^[ \t]*(?P<a>[A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3}) via "
    r"(?P<b>[A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3})[ \t]+(?:--|[-–—])[ \t]",
    re.M,
)


def via_credits(text: str) -> Iterator[Span]:
    """The two names of each "A via B —" credit line."""
    if " via " not in text:
        return
    for m in _VIA_CREDIT_RE.finditer(text):
        yield m.span("a")
        yield m.span("b")


def _paper_names(text: str) -> Iterator[Span]:
    """Unlisted papers named with a paper word and cited: "according to the
    Spokesman-Review", "OBSERVER ONLINE has learnt" (found from the cues, which are few)."""
    for cue in _CUES_BEFORE:
        p = text.find(cue)
        while p >= 0:
            if m := _PAPER_AFTER_CUE_RE.match(text, p + len(cue)):
                yield m.span("o")
            p = text.find(cue, p + 1)
    for verb in _VERBS_AFTER:
        p = text.find(verb)
        while p >= 0:
            if p and text[p - 1] == " " and (
                    m := _PAPER_BEFORE_VERB_RE.search(text, max(0, p - 70), p)):
                yield m.span("o")
            p = text.find(verb, p + 1)


def unlisted_cited(text: str) -> list[Span]:
    """The spans, in text order, of the unlisted outlets the story cites by such names (not
    a listed outlet's programme or station, named from its start: the rules cite the
    outlet; but "the East Anglian Daily Times" is not The Times)."""
    found: list[Span] = [m.span("o") for m in _PIECE_IN_UNLISTED_RE.finditer(text)] if any(
        f"{piece} in " in text for piece in _PIECES + _PIECES_MANY) else []
    if any(kind in text for kind in _UNLISTED_KINDS):  # (most stories have none)
        found += [m.span("o") for m in _TOLD_UNLISTED_RE.finditer(text)]
    found += _paper_names(text)
    if any(f".{end}" in text for end in DOMAIN_ENDS):
        found += [m.span("o") for m in _DOMAIN_AFTER_CUE_RE.finditer(text)]
    out: list[Span] = []
    for s, e in sorted(set(found)):
        name = text[s:e].removeprefix("The ")
        if any(m.start() == 0 for m in outlet_matches(name)) or any(
                a < e and s < b for a, b in out):
            continue
        out.append((s, e))
    return out
