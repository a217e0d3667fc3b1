"""Outlets: the curated list scanned longest-match first, unlisted papers ("the
Charlotte Observer"), publications named with what they are ("the site TidBITS") and a
link blog's credits; then which of them the story cites (an attribution around them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reader.entities import _lexicon as L
from reader.entities.rules_doc import Doc
from reader.entities.rules_text import scan, trie, word_scan
from reader.models import Entity, Span

# A link blog's credit at a paragraph's start: "Hadas Gold, writing for Politico:",
# "Serenity Caldwell, at iMore:" (matched from the ", " before "writing"/"at")
_CREDIT_OUTLET_RE = re.compile(
    r", (?:(?:writing|reporting) (?:for|in|at) |at )(?:the )?"
    r"([A-Za-z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3}):"
)
_CREDIT_LINE_RE = re.compile(r"(?:^|\n)[A-Z][^\n,:]{2,50}$")  # (the name before it)
# A piece credited to a publication: "Great investigative work by Kashmir Hill and Surya
# Mattu for Gizmodo:", "quite a scoop for The Outline:" (matched from "for ")
_FOR_OUTLET_RE = re.compile(r"for (?:the )?([A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3}):")
_PIECE_BEFORE_RE = re.compile(
    r"\b(?:" + "|".join(L.word_list("piece nouns")) + r")\b[^.:\n]{0,60}$"
)
_OUTLET_NAME = (r"[A-Z][\w&!\-]*(?:[ ][A-Z][\w&!\-]*){0,3}"
                r"(?:\.(?:com|net|org|co\.uk|io|tv)(?![\w.]))?")  # "fan site MakingStarWars.net"
# What a publication is: "marketing magazine New Media Age", "Uefa's Champions magazine"
_KIND_WORDS = L.word_list("publication kinds")
_KIND_WORD_RE = re.compile("|".join(_KIND_WORDS))
_NAME_AFTER_KIND_RE = re.compile(rf" (?:the )?({_OUTLET_NAME})(?![\w'’])")
_NAME_BEFORE_KIND_RE = re.compile(rf"(?<![\w'’])({_OUTLET_NAME}) $")
_KINDS_AFTER_NAME = L.words("publication kinds after the name")
# What follows an outlet that cites it (also an organisation that speaks)
OUTLET_AFTER_RE = re.compile(
    # ("the Liverpool Echo newspaper has said": what the outlet is may come first)
    r"(?:['’]s?)?(?:\s+(?:newspaper|magazine|paper|website|tabloid|daily|weekly|"
    r"news\s+agency))?\s*(?:\)\s*[-–—]|(?:\s*(?:on|late|early|last|this)?\s*"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"earlier|previously|also|first|has|had|have|was|were|just|now|exclusively)\s*){0,2})?"
    r"(?:" + "|".join(L.word_list("outlet verbs")) + "))"
    # "the BBC's Sarah Rainsford in Moscow says": the outlet's own journalist
    r"|['’]s\s+(?:[A-Z][\w'’\-]*\s+){1,3}(?:in\s+[A-Z][\w\-]*\s+)?"
    r"(?:says|said|reports|reported|writes|wrote)\b"
    # "Maxim magazine, which ranked her", "an article by New York magazine that claimed"
    r"|(?:\s+(?:magazine|newspaper|paper|website|journal))?,?\s+(?:which|that)\s+"
    r"(?:has\s+|had\s+)?(?:reported|reports|claimed|claims|ranked|"
    r"revealed|said|says|found|named|described|broke\s+the\s+news)\b"
)
# A newspaper's name ends with one of these; it is searched for first (it is rare),
# then up to three capitalised words before it make the name.
_PAPER_HEAD_RE = re.compile(r"(?:" + "|".join(L.word_list("paper heads")) + r")(?![\w\-])")
# A paper's name ending with one of these has "the" before it or says when it is out ("the
# Birmingham Mail", "Manchester Evening News"): "American Express", "Royal Mail" are firms
_FIRM_PAPER_HEADS = L.words("paper heads a firm may end with")
_WHEN_OUT = frozenset(("Daily", "Sunday", "Evening", "Morning", "Weekly"))
_PAPER_WORDS_BEFORE_RE = re.compile(r"(?:\s+[\w.'’&\-]*[A-Z]){1,3}")  # on reversed text


_OUTLET_POSS_RE = re.compile(
    r"(?:['’]s)?\s+(?:[\w\-]+\s+){0,4}?(?:"
    + "|".join(w.replace("_", " ") for w in L.word_list("outlet's nouns"))
    + r")\b"
)
_OUTLET_BEFORE_RE = re.compile(
    # A cue, then maybe what kind of outlet it is ("told the Norwegian newspaper X",
    # "according to local newspaper the X") ...
    # (The cue may start a sentence: "According to ...", "Writing for ...".)
    r"(?:\b(?i:told|tell|tells|telling|according\s+to|citing|cited\s+by|reported\s+by|"
    r"quoted\s+by|quoted\s+in|speaking\s+to|spoke\s+to|interview\s+with|writing\s+in|"
    # "an email seen by The Real Deal", "documents obtained by the Guardian"
    r"(?:seen|obtained|reviewed)\s+by|(?-i:[Pp]er)|"
    r"wrote\s+in|said\s+in|told\s+the|in\s+an\s+interview\s+with|reports\s+in|"
    r"reported\s+in|confirmed\s+to|said\s+to|claimed\s+to|admitted\s+to|h/t|hat\s+tip\s+to|"
    # "the claim was made in The Times", "a letter printed in the Guardian"
    r"(?:made|printed|carried|stated|claimed|revealed)\s+in|"
    r"according|(?:writing|reporting)\s+at|"
    # "said on CNN's New Day", "a minister said earlier on ZDF", "speaking on Radio 4"
    r"(?:said|says|speaking|spoke|told\s+\w+)(?:\s+(?:earlier|later|today|"
    r"yesterday|[A-Z][a-z]+day))?\s+on|"
    r"(?:reporting|writing|writes|wrote|reports)\s+for|"
    # "in his column for The Wall Street Journal", "a piece in the New Yorker", "published
    # a scary first-hand tale in USA Today"
    r"(?:column|piece|op-ed|essay|article|feature|editorial|interview|profile|report|story|"
    r"tale|investigation)\s+(?:for|in)|published\s+(?:[\w\-]+\s+){0,5}?in|"
    # "confirmed the meeting to X", "said in a statement to X"
    r"(?:confirmed|denied|revealed|explained|described|admitted|disclosed|said)"
    r"(?:\s+(?:in\s+)?(?:a|an|the|his|her|its|their|this|that)\s+[\w\-]+(?:\s+[\w\-]+)?"
    r"|\s+it|\s+this|\s+that)\s+to)\s+(?:both\s+)?(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:[\w\-]+\s+){0,2}?(?:"
    + "|".join(w.replace("_", r"\s+") for w in L.word_list("outlet kinds"))
    + r")\s+"
    r"(?:the\s+)?)?"
    r"(?:[A-Z][\w.]*\s+(?:and|or)\s+(?:the\s+)?)?"
    # ... or an attribution put after the claim: "..., reports Reuters".
    r"|[,;:(—–]\s*(?:reports|reported|writes|wrote|says|said|notes|noted)\s+(?:[Tt]he\s+)?)$"
)
# "(via Bloomberg)", "the photos, via The Verge, show": a link blog's credit, which
# ends a clause (not "via the Al-Jazeera channel", a medium)
_VIA_BEFORE_RE = re.compile(r"\b[Vv]ia\s+(?:the\s+)?$")
_CLAUSE_END_RE = re.compile(r"[).,;:]|$")
_OUTLET_NOT_AFTER_RE = re.compile(r"[\w.’'\-]")
# listed names that are outlets only with "the" before them
_WITH_ARTICLE = L.words("outlets only with the")


@lru_cache(maxsize=1)
def _outlet_rx() -> re.Pattern[str]:
    """Outlet forms starting with A-Z or 0-9, longest first (see outlet_matches)."""
    forms = [f for f in L.lexicon().outlet_by_form if "A" <= f[:1] <= "Z" or "0" <= f[:1] <= "9"]
    return re.compile("(?:" + trie(forms) + r")(?![\w\-])")


def outlet_matches(text: str) -> Iterator[re.Match[str]]:
    """Every listed outlet form in ``text`` (a whole word, longest first)."""
    return scan(_outlet_rx(), text, _OUTLET_NOT_AFTER_RE)


@lru_cache(maxsize=4)
def listed_outlets(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, form)`` of every listed outlet form in a story: the rules, the
    attribution and the source model each read them, so a story is scanned once."""
    return tuple((m.start(), m.end(), m.group()) for m in outlet_matches(text)
                 if not _FIRM_GOES_ON_RE.match(text, m.end()))


# A broadcaster's service named after it: "BBC Radio Sheffield", "ABC Radio National"
_SERVICE_AFTER_RE = re.compile(r" (?:Radio|TV|Television)(?: (?:[A-Z][a-z]+|\d+))+")
# An outlet's name that goes on to name a firm or a body is not the outlet ("Asahi
# Breweries", "Guardian Media Group", "Reuters Foundation")
_FIRM_GOES_ON_RE = re.compile(
    r" (?:[A-Z][\w&'’\-]* ){0,2}(?:Breweries|Brewery|Group|Inc|Plc|Corp|Corporation|Holdings|"
    r"Bank|Airlines|Airways|Motors|Foundation|Institute|University|College|Club|Industries|"
    r"Electric|Chemicals?|Pharmaceuticals?|Insurance|Partners|Ltd|Limited|Company)\b")


def needs_the(outlet: L.Outlet, form: str) -> bool:
    """Whether ``form`` names ``outlet`` only after "the" ("the Sun", not "Sun said")."""
    return outlet.needs_article or form in _WITH_ARTICLE


def named_here(text: str, start: int, form: str, outlet: L.Outlet) -> bool:
    """Whether ``form`` at ``start`` names ``outlet``: one named only with "the" has it,
    or comes right after "told" ("told Variety")."""
    return (not needs_the(outlet, form) or form.startswith("The ")
            or text[max(0, start - 4):start] in ("the ", "The ")
            or text[max(0, start - 5):start] == "told ")


def find_outlets(doc: Doc) -> None:
    """Fill ``doc.outlet_spans`` (in text order) and ``doc.credited``."""
    lex = doc.lex
    for start, end, form in listed_outlets(doc.text):
        outlet = lex.outlet_by_form[form]
        if not named_here(doc.text, start, form, outlet):
            continue
        if form.isupper() and len(form) <= 3 and doc.text[end : end + 1] == "-":
            continue
        if service := _SERVICE_AFTER_RE.match(doc.text, end):
            end = service.end()  # "BBC Radio Sheffield": the BBC, by the name written
            form = doc.text[start:end]
        doc.outlet_spans.append((start, end, outlet, form))
    # Papers not in the list, known by their name's last word: "the Charlotte
    # Observer", "the Union Leader" (cited only in an attribution, like the others).
    text = doc.text
    for m in _PAPER_HEAD_RE.finditer(text):
        e = m.end()
        if m.start() < 2 or text[m.start() - 1] != " ":
            continue
        words = _PAPER_WORDS_BEFORE_RE.match(text[max(0, m.start() - 60): m.start()][::-1])
        if words is None:
            continue
        s = m.start() - words.end()
        while text[s:s + 1].isspace():  # (the words start with the space before them)
            s += 1
        if text.startswith("The ", s) and e - s > 4 + len(m.group()):
            s += 4  # "writes The Dominion Post": the paper's name after its article
        first = text[s:e].split()[0]
        if first in L.FUNCTION_WORDS or first in L.TITLE_HEADS or doc.in_outlet(s, e):
            continue
        name = text[s:e]
        if _not_a_publication(doc, name) or (
                m.group() in _FIRM_PAPER_HEADS and not text.endswith(("the ", "The "), 0, s)
                and _WHEN_OUT.isdisjoint(name.split())):
            continue
        doc.outlet_spans.append((s, e, L.Outlet(name, (name,), False), name))
    # Publications named with what they are: "marketing magazine New Media Age",
    # "the technology site TidBITS", "Uefa's Champions magazine" (cited, like the
    # others, only in an attribution)
    for span in _kind_named(text):
        s, e = span
        name = text[s:e]
        if name.split()[0] in L.FUNCTION_WORDS or doc.in_outlet(s, e) or (
            _not_a_publication(doc, name)
            or name in L.DEMONYMS  # "Norwegian newspaper", "Local newspaper"
            # "Local newspaper", unless the word goes on to cite ("newspaper Variety said")
            or (name[1:].islower() and name.lower() in lex.common
                and not OUTLET_AFTER_RE.match(text, e))
        ):
            continue
        doc.outlet_spans.append((s, e, L.Outlet(name, (name,), False), name))
    # A link blog's credit: "Hadas Gold, writing for Politico:", "Serenity Caldwell, at
    # iMore:" at a paragraph's start, or a piece "for Gizmodo:", cites the publication,
    # listed or not.
    for s, e in _credits(text):
        name = text[s:e]
        rest = name.removeprefix("The ")  # "The Outline" names itself with its article
        function_word = rest == name and name.split()[0] in L.FUNCTION_WORDS
        if function_word or (" " not in name and _not_a_publication(doc, rest)):
            continue
        if not doc.in_outlet(s, e):
            # "at BuzzFeed:" is the listed BuzzFeed News
            outlet = next(
                (o for o in lex.outlets if o.canonical.startswith(name + " ")),
                L.Outlet(name, (name,), False),
            )
            doc.outlet_spans.append((s, e, outlet, name))
        doc.credited.add(s)
    doc.outlet_spans.sort(key=lambda span: span[0])


def _not_a_publication(doc: Doc, name: str) -> bool:
    """A known organisation, firm or place: not an unlisted publication's name."""
    return name in L.KNOWN_ORGS or name in doc.lex.notable_orgs or name in doc.lex.places


def _kind_named(text: str) -> Iterator[Span]:
    """Spans of names next to what they are: "magazine New Media Age", "the site
    TidBITS", "Champions magazine" (found from the kind word, which is rare)."""
    for k in word_scan(_KIND_WORD_RE, _KIND_WORDS, text):
        a, b = k.span()
        if (a and text[a - 1].isalnum()) or (b < len(text) and text[b].isalnum()):
            continue  # "websites", "opposite"
        after = _NAME_AFTER_KIND_RE.match(text, b)
        if after is not None:
            yield after.span(1)
        if k.group(0) in _KINDS_AFTER_NAME and (
            before := _NAME_BEFORE_KIND_RE.search(text, max(0, a - 60), a)
        ):
            yield before.span(1)


def _credits(text: str) -> Iterator[Span]:
    """Spans of publications a link blog credits (see _CREDIT_OUTLET_RE and
    _FOR_OUTLET_RE), found from ", at"/", writing" and "for ", which are rare."""
    for m in _CREDIT_OUTLET_RE.finditer(text):
        if _CREDIT_LINE_RE.search(text, max(0, m.start() - 52), m.start()):
            yield m.span(1)
    for m in _FOR_OUTLET_RE.finditer(text):
        if (m.start() == 0 or not text[m.start() - 1].isalnum()) and (
            _PIECE_BEFORE_RE.search(text, max(0, m.start() - 80), m.start())
        ):
            yield m.span(1)


def cited_outlets(doc: Doc) -> list[Entity]:
    """The outlets the story cites, each with all its mentions and the sentences that
    cite it."""
    text = doc.text
    out: list[Entity] = []
    by_outlet: dict[str, Entity] = {}
    cited: set[str] = set()
    for s, e, outlet, form in doc.outlet_spans:
        ent = by_outlet.get(outlet.canonical)
        if ent is None:
            ent = Entity(name=outlet.canonical, kind="outlet")
            by_outlet[outlet.canonical] = ent
        ent.mentions.append((s, e))
        if form != outlet.canonical and form not in ent.aliases:
            ent.aliases.append(form)
        s_i = doc.sent_index(s)
        s_end = doc.sents[s_i][1]
        after = text[e : min(s_end + 1, e + 80)]
        before = text[max(doc.sents[s_i][0], s - 60) : s]
        if (
            OUTLET_AFTER_RE.match(after)
            or _OUTLET_POSS_RE.match(after)
            or _OUTLET_BEFORE_RE.search(before)
            or (_VIA_BEFORE_RE.search(before) and _CLAUSE_END_RE.match(after))
            or s in doc.credited
            # a paragraph that opens "CBS News: ..." quotes it (link blogs)
            or (after.startswith(": ") and (s == 0 or text[s - 1] == "\n"))
        ):
            cited.add(outlet.canonical)
            span = doc.sents[s_i]
            if span not in ent.citations:
                ent.citations.append(span)
    for name, ent in by_outlet.items():
        if name in cited:
            ent.citations.sort()
            out.append(ent)
    return out
