"""Sources the rules' attribution patterns leave out, added to what they found.

* Wire credits: a dateline "LONDON (Reuters) -", a paragraph that opens "AP -" or
  "washingtonpost.com -", a headline ending "(AP)".  The credited outlet is the source
  of the whole story.
* Unnamed sources whose verb is not right after them: "said a senior official",
  "officials in Baghdad said", "a spokeswoman for the ministry said", "one diplomat,
  who asked not to be named, said".
* Documents: "a new study found", "according to a report by the OECD", "media reports
  said".  Their kind is ``document``.
* An unnamed phrase inside a quotation is the speaker's words, not the story's
  attribution, and is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import chain

from reader.entities import _lexicon as L
from reader.entities.outlets import listed_outlets, named_here, needs_the
from reader.entities.rules_text import line_scan, trie, word_scan, words_before
from reader.entities.speakers import BODIES, Speaker, speakers
from reader.entities.speakers_after import speakers_after_cues
from reader.entities.unlisted_outlets import DOMAIN_END_RX, unlisted_cited, via_credits
from reader.models import Entity, Span

_DASH = r"(?:--|[-–—])"  # "Reuters -- ", as some wires type a dash
_DATELINE_RE = re.compile(
    # (a city of two words and a date of three: "ABU DHABI, 18 Aug. 04 (WAM) --")
    rf"^[ \t]*(?:[A-Z][\w.'’\-]*(?:[ ,]+[A-Z0-9][\w.'’\-]*){{0,4}},?[ \t]*)?"
    rf"\((?P<o>[A-Z][^()\n]{{1,40}})\)[ \t]*{_DASH}",
    re.M,
)
_LEAD_CREDIT_RE = re.compile(
    # (after a stray tag of a feed's HTML, and before a city in capitals: "</b> US News,
    # NEW YORK - ")
    rf"^[ \t]*(?:</?[a-z]+>[ \t]*)?(?P<o>[A-Za-z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){{0,3}})"
    rf"(?:,[ \t]+[A-Z][A-Z.]+(?: [A-Z][A-Z.]+){{0,2}})?[ \t]+{_DASH}[ \t]",
    re.M,
)
_HEADLINE_CREDIT_RE = re.compile(r"\((?P<o>[A-Z][^()\n]{1,40})\)[ \t]*$", re.M)
# "Hong Kong (CNN Business) A muddled view...": a dateline with no dash, taken only when
# the credit starts with a listed outlet's name.
_DATELINE_NO_DASH_RE = re.compile(
    r"^[ \t]*[A-Z][\w.'’\-]*(?:[ ,]+[A-Z][\w.'’\-]*){0,3}[ \t]+\((?P<o>[A-Z][^()\n]{1,40})\)"
    r"[ \t]+(?=[A-Z])",
    re.M,
)
# What an unlisted credit "CBC SPORTS ONLINE - " calls itself.
_MEDIA_WORD_RE = re.compile(
    r"\b(?i:news|online|press|times|post|wire|tv|radio|network|journal|herald|tribune|"
    r"magazine|weekly|gazette|chronicle|observer)\b"
)
_DOMAIN_RE = re.compile(
    rf"[A-Za-z][\w\-]*(?:\.[\w\-]+)*\.(?i:{DOMAIN_END_RX})$")  # "PanARMENIAN.Net"

_HEADS = (
    r"officials?|sources?|spokes(?:man|woman|person)|aides?|analysts?|diplomats?|insiders?|"
    r"experts?|observers?|economists?|residents|witnesses|lawmakers|critics|investigators|"
    r"prosecutors|authorities|officers|executives?|negotiators?|police|traders|dealers|"
    r"brokers|strategists|doctors|scientists|researchers|activists|campaigners|"
    r"(?:people|person)\s+(?:familiar\s+with|close\s+to)\s+(?:the\s+)?[\w\-]+"
)
_DET = r"(?:(?i:a|an|the|one|two|three|four|five|several|some|many|other|senior|top)\s+)"
_INVERTED_VERBS = ("said", "says", "added", "warned", "explained", "noted")
_INVERTED_RE = re.compile(
    rf"\b(?:{'|'.join(_INVERTED_VERBS)})\s+(?P<p>{_DET}?(?:[\w\-]+\s+){{0,3}}?"
    rf"(?i:{_HEADS}))\b(?=\s*(?:[,.;:)\n]|$|in\b|at\b|on\b|from\b|who\b|with\b|for\b|of\b))"
)
# The patterns below are found from their rarest part (a document noun, the anonymity
# clause); the words before it are then read back from there.
_ANONYMITY_RE = re.compile(
    r",\s+(?:who\s+(?:asked|requested|declined|spoke|did\s+not\s+want)|speaking\s+on\s+"
    r"(?:the\s+)?condition\s+of\s+anonymity)"
)
# (with what it is of or to: "an adviser to the energy ministry")
_NOUN_PHRASE_BEFORE_RE = re.compile(
    rf"(?<![\w'’]){_DET}(?:[\w\-]+\s+){{0,3}}?"
    r"(?:(?:to|for|at|of)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2})?[a-z][\w\-]*$")
_DOC_NOUNS = (
    r"report|study|survey|book|poll|memo|document|paper|analysis|review|letter|audit|"
    r"inquiry|research|statement|dossier|findings|release|complaint|filing|ruling|indictment|"
    r"affidavit|lawsuit|judgment|judgement|transcript|records|documents|data|figures|emails|"
    r"tweet|video|footage|testimony|plan|proposal|polling"
)
_DOC_NOUN_WORDS = _DOC_NOUNS.split("|")
_DOC_NOUN_RE = re.compile(rf"\b(?:{trie(_DOC_NOUN_WORDS)})\b")
_DOC_DET_BEFORE_RE = re.compile(
    r"(?<![\w'’])(?i:a|an|the|this|its|their|his|her)\s+(?:[\w\-]+\s+){0,3}?$"
)
_DOC_AFTER_RE = re.compile(
    r"(?P<by>\s+(?:by|from|of|for|published\s+by|released\s+by|commissioned\s+by)"
    r"\s+(?:the\s+)?[A-Z][\w&'’\-]*(?:\s+[A-Z][\w&'’\-]*){0,4})?\s+(?:published\s+\w+\s+)?"
    r"(?:said|says|found|finds|shows|showed|show|suggests|suggested|concluded|concludes|"
    r"revealed|reveals|warned|warns|estimated|estimates|predicted|predicts|claims|claimed|"
    r"argues|argued|states|stated|indicates|indicated|projects|projected)\b"
)
_ACCORDING_DOC_RE = re.compile(
    rf"(?i:according\s+to)\s+(?P<p>(?:(?:a|an|the|its|their)\s+)?(?:[\w\-]+\s+){{0,3}}?"
    rf"(?:{_DOC_NOUNS}|reports))\b"
)
# "after reports that Opec would cut output", "media reports said", "newspaper speculation
# that", "denied reports it was leaving", "amid rumours the group may bid": hearsay as a
# document
_HEARSAY_WORDS = ("reports", "rumours", "rumors", "speculation", "allegations", "suggestions",
                  "claims")
_HEARSAY_AFTER_RE = re.compile(r"\s+(?:that\b|say\b|said\b|suggest|claim)")
# "claims" is a noun after these ("following claims that"), a verb after a subject
_NOUN_CLAIMS_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?i:following|amid|after|denied|denies|deny|rejected|dismissed|over|"
    r"about|of|new|the|these|those|fresh|recent|earlier|unconfirmed|media|press|repeated|"
    r"despite|to|by|on)\s+$")
_DENIED_BEFORE_RE = re.compile(r"(?:denie[sd]|rejects?|rejected|dismiss(?:es|ed)?)\s+$")
_PRONOUN_AFTER_RE = re.compile(r"\s+(?:it|he|she|they)\b")
_AMID_AFTER_RE = re.compile(r"\s+(?:the|a|an|it|he|she|they)\b")
_REPORTS_KIND_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?i:media|press|news|newspaper|local|unconfirmed|earlier|recent|some)\s+$"
)


def _reports(text: str) -> list[Span]:
    """ "reports that ...", "media reports said", "denied reports it", "amid rumours the"
    (found from the words themselves, which are rare)."""
    found: list[Span] = []
    for word in _HEARSAY_WORDS:
        s = text.find(word)
        while s >= 0:
            e = s + len(word)
            if not (s and (text[s - 1].isalnum() or text[s - 1] in "'’-")) and (
                    word != "claims" or _NOUN_CLAIMS_BEFORE_RE.search(text, max(0, s - 12), s)
            ) and (
                    _HEARSAY_AFTER_RE.match(text, e)
                    or (word == "reports" and _PRONOUN_AFTER_RE.match(text, e)
                        and _DENIED_BEFORE_RE.search(text, max(0, s - 12), s))
                    or (text.endswith("amid ", 0, s) and _AMID_AFTER_RE.match(text, e))):
                kind = _REPORTS_KIND_BEFORE_RE.search(text, max(0, s - 14), s)
                found.append(((kind.start() if kind else s), e))
            s = text.find(word, e)
    return sorted(found)


_THAT_NOUNS = frozenset(
    "report suggestion claim decision ruling finding allegation assurance assertion".split())

_VERBS_TOO = frozenset(("claim", "report"))
_PLURAL_BEFORE_RE = re.compile(
    r"(?<![\w'’])(?!(?:its|his|this|was|is|has|does)\s)[a-z]+[^s'’\W]s\s+$")


def _noun_that(text: str) -> Iterator[Span]:
    """ "a High Court decision that", "the ruling that", "a suggestion that": a document
    whose content the "that" clause gives."""
    for k, e in words_before(text, " that ", _THAT_NOUNS):
        if text[k:e] in _VERBS_TOO and _PLURAL_BEFORE_RE.search(text, max(0, k - 30), k):
            continue  # "Its makers claim that": a verb after its subject
        if det := _DOC_DET_BEFORE_RE.search(text, max(0, k - 50), k):
            yield det.start(), e


def _anonymity(text: str) -> Iterator[Span]:
    """ "one diplomat, who asked not to be named" """
    for m in _ANONYMITY_RE.finditer(text):
        before = _NOUN_PHRASE_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if before is not None:
            yield before.span()


def _documents(text: str) -> Iterator[Span]:
    """ "a new study found", "the report by the OECD said" """
    for m in word_scan(_DOC_NOUN_RE, _DOC_NOUN_WORDS, text):
        after = _DOC_AFTER_RE.match(text, m.end())
        if after is None:
            continue
        before = _DOC_DET_BEFORE_RE.search(text, max(0, m.start() - 50), m.start())
        if before is not None:
            yield before.start(), m.end() + len(after.group("by") or "")


def _groups(matches: Iterator[re.Match[str]]) -> Iterator[Span]:
    for m in matches:
        yield m.span("p")


# A listed outlet, then a part of it or what it is (or neither), then its report: "BBC
# Wales understands", "The Associated Press agency reported".
_OUTLET_PART_THEN_VERB_RE = re.compile(
    r"(?P<part>(?: [A-Z][\w\-]*){1,2}| (?:agency|newspaper|paper|magazine|channel|website|"
    r"network|daily|weekly|radio|television))?\s+(?:understands|understood|reported|reports|"
    r"said|says|learned|learnt|revealed|quoted|claimed|wrote)\b"
)
# "Bloomberg, citing the ministry's own projections, reported": the outlet reports
_CITING_THEN_VERB_RE = re.compile(
    r",\s+(?:citing|quoting)\s+[^,.;\n]{1,100},\s+(?:reported|reports|said|says|wrote|writes)\b"
)
# A journalist of a listed outlet cited by name: "according to Alex Horton of the
# Washington Post", "told Jane Doe of The Times"
_JOURNALIST_OF_RE = re.compile(
    r"(?:according\s+to|told|said|says|writes|wrote|reported|reports)\s+"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’.\-]+){0,2}\s+(?:of|at|from)\s+(?:the\s+)?$"
)
_NAME_GOES_ON_RE = re.compile(r" [A-Z0-9]")
_NOT_A_PART = frozenset("Group Inc Plc Company Corp Holdings Board Trust Media Owner".split())
# "he said", "she told", "said he": the person last named before it speaks.
_PRONOUNS = ("He", "he", "She", "she")
_SAYS_PRONOUN = ("said", "says", "added")  # "said he"
_PRONOUN_SAYS_RE = re.compile(
    rf"\b(?:{'|'.join(_PRONOUNS)})\s+(?:(?:also|later|then|has|had|have|consistently|"
    r"repeatedly|previously|readily|once)\s+){0,2}(?:said|says|told|tells|added|explained|"
    r"argued|insisted|warned|admitted|admits|claimed|stressed|wrote|promised|denied|alleges|"
    r"alleged|asks|asked|believes|insists|argues|adds|explains)\b"
    # "..., said he." (not "X said he was innocent": there "he" starts what is said)
    rf"|\b(?:{'|'.join(_SAYS_PRONOUN)})\s+(?:he|she)\b(?=\s*(?:[.,;:!?\"”]|$))"
)
# (every match of _PRONOUN_SAYS_RE starts with one of these: see word_scan)
_PRONOUN_SAYS_FIRST = _PRONOUNS + _SAYS_PRONOUN
_PRONOUN_REACH = 600  # characters back to the person it stands for
_SENT_END_RE = re.compile(r"[.!?](?=\s)|\n")


def sentence_at(text: str, pos: int) -> Span:
    """The span of the sentence (or line) around ``pos``."""
    start = 0
    for m in _SENT_END_RE.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    while start < len(text) and text[start].isspace():
        start += 1
    end = _SENT_END_RE.search(text, pos)
    return start, (end.end() if end else len(text))


def quoted_mask(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (curly pairs, or straight double quotes in turn)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"", text):
        out.append((m.start() + 1, m.end() - 1))
    return out


def claims_of(text: str, citations: list[Span], quoted: list[tuple[int, int]]) -> list[Span]:
    """What a source is cited as saying: the quotations that start in a citing sentence or
    right after it ("... ," he said. "It is over."), else the citing sentence itself."""
    out: list[Span] = []
    for s, e in citations:
        inside = [(a, b) for a, b in quoted if s <= a <= e + 2]
        for span in inside or [(s, e)]:
            if span not in out:
                out.append(span)
    return sorted(out)


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _credits(text: str) -> Iterator[tuple[int, int, bool]]:
    """Spans of credited names, each with whether its form alone makes it an outlet (a
    dateline's "(Sports Network) -" does; a paragraph's "Analysis -" does not)."""
    first_line_end = text.find("\n")
    head = _HEADLINE_CREDIT_RE.search(text, 0, first_line_end if first_line_end > 0 else len(text))
    for m in line_scan(_DATELINE_RE, text):
        yield (*m.span("o"), True)
    by_form = L.lexicon().outlet_by_form
    for m in line_scan(_DATELINE_NO_DASH_RE, text):
        if m.group("o").split()[0] in by_form:
            yield (*m.span("o"), True)
    for m in line_scan(_LEAD_CREDIT_RE, text):
        name = m.group("o")
        # "NewsFactor - " under a headline that ends "(NewsFactor)"; "CBC SPORTS ONLINE - "
        yield (*m.span("o"), bool(head and head.group("o") == name)
               or (_MEDIA_WORD_RE.search(name) is not None and 2 <= len(name.split()) <= 4))
    if head:
        yield (*head.span("o"), False)
    for span in via_credits(text):
        yield (*span, True)


_DATE_RE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}\s+[A-Z][a-z]+\b")


def _outlet_for(name: str, dateline: bool) -> L.Outlet | None:
    lex = L.lexicon()
    outlet = lex.outlet_by_form.get(name)
    if outlet is not None:
        return outlet
    if _DATE_RE.match(name):
        return None  # "WASHINGTON (Aug. 13) --": a date, not a credit
    if _DOMAIN_RE.fullmatch(name) or (
        dateline and len(name.split()) <= 4 and name not in lex.places
        and name not in lex.countries and name not in L.KNOWN_ORGS
    ):
        return L.Outlet(name, (name,), False)
    return None


def _more_citations(text: str) -> Iterator[tuple[int, int, str, L.Outlet]]:
    """Outlets cited through a part or a kind of theirs, or unlisted but told by name."""
    by_form = L.lexicon().outlet_by_form
    for start, end, form in listed_outlets(text):
        journalist = (text[start - 3:start] in ("of ", "at ", "om ", "he ")
                      and not _NAME_GOES_ON_RE.match(text, end)  # "the Independent Manchester"
                      and _JOURNALIST_OF_RE.search(text, max(0, start - 80), start))
        if _CITING_THEN_VERB_RE.match(text, end) or journalist:
            yield start, end, form, by_form[form]
            continue
        after = _OUTLET_PART_THEN_VERB_RE.match(text, end)
        if after is None:
            continue
        part = after.group("part") or ""
        if part.strip() in _NOT_A_PART or not (
                part or named_here(text, start, form, by_form[form])):  # not "Sun said"
            continue
        cited_end = end + (len(part) if part.strip()[:1].isupper() else 0)
        yield start, cited_end, text[start:cited_end], by_form[form]
    for start, end in unlisted_cited(text):
        name = text[start:end]
        yield start, end, name, by_form.get(name) or L.Outlet(name, (name,), False)


def _credit(found: dict[str, Entity], out: list[Entity], key: str, name: str, kind: str,
            span: Span, cite: Span, form: str | None = None) -> None:
    """Credit ``span``, cited in sentence ``cite``, to the source ``found[key]`` (made as
    ``name`` of ``kind`` and listed in ``out`` when new); ``form`` joins its aliases."""
    ent = found.get(key)
    if ent is None:
        ent = found[key] = Entity(name=name, kind=kind)
        out.append(ent)
    if span not in ent.mentions:
        ent.mentions.append(span)
        ent.mentions.sort()
    if cite not in ent.citations:
        ent.citations.append(cite)
        ent.citations.sort()
    if form and form != ent.name and form not in ent.aliases:
        ent.aliases.append(form)


def add_sources(text: str, sources: list[Entity], people: Sequence[Entity] = (),
                loose: list[Entity] | None = None) -> list[Entity]:
    """``sources`` with the wire credits, speakers, unnamed sources and documents they
    miss; ``people`` are the story's people (a speaker who is one is a person source).
    Speakers the patterns cannot sort ("the data said") go to ``loose`` when it is given,
    for the source model to judge."""
    quoted = quoted_mask(text)
    out: list[Entity] = [
        s for s in sources
        if s.kind != "anonymous" or not all(_inside(quoted, a, b) for a, b in s.mentions)
    ]
    outlets = {s.name: s for s in out if s.kind == "outlet"}
    for s, e, dateline in _credits(text):
        outlet = _outlet_for(text[s:e], dateline)
        if outlet is None:
            continue
        _credit(outlets, out, outlet.canonical, outlet.canonical, "outlet", (s, e),
                sentence_at(text, s), form=text[s:e])
    for s, e, name, outlet in _more_citations(text):
        _credit(outlets, out, outlet.canonical, outlet.canonical, "outlet", (s, e),
                sentence_at(text, s), form=name)
    taken = [m for src in out for m in src.mentions]
    found: dict[str, Entity] = {}
    finds = (
        (_groups(word_scan(_INVERTED_RE, _INVERTED_VERBS, text)), "anonymous"),
        (_anonymity(text), "anonymous"),
        (_documents(text), "document"), (_groups(_ACCORDING_DOC_RE.finditer(text)), "document"),
        (_reports(text), "document"), (_noun_that(text), "document"),
    )
    for spans, kind in finds:
        for s, e in spans:
            phrase = text[s:e]
            if (_inside(quoted, s, e) or "\n" in phrase
                    or any(a < e and s < b for a, b in taken)):
                continue
            _credit(found, out, phrase.lower(), phrase, kind, (s, e), sentence_at(text, s))
            taken.append((s, e))
    wider: dict[str, Entity] = {}
    found_later = speakers_after_cues(text) if loose is not None else iter(())
    persons_named = {m for src in out if src.kind == "person" for m in src.mentions}
    people_ends = {b for p in people for _, b in p.mentions}
    for sp in chain(speakers(text, loose=loose is not None), found_later):
        s, e = sp.start, sp.end
        # a person named after an unnamed speaker's head is not the speaker ("a
        # spokesman for Mr Prescott said"), so the person's mention does not stop it; a
        # phrase that ends with a person's name is that person, whatever it starts with
        # ("said BBC labour affairs correspondent Stephen Cape")
        if _inside(quoted, s, e):
            continue
        hits = [(a, b) for a, b in taken if a < e and s < b]
        if hits and e not in people_ends:
            own = s + len(_head_part(text[s:e])) if sp.kind == "unnamed" else e
            if any(a < own or (a, b) not in persons_named for a, b in hits):
                continue
        if sp.loose:
            if loose is not None:
                _speaker(text, sp, people, wider, {}, loose, out)
            continue
        taken.append((s, e))
        _speaker(text, sp, people, found, outlets, out, out)
    _pronoun_speakers(text, people, out, quoted)
    for src in out + (loose or []):
        src.claims = claims_of(text, src.citations, quoted)
    return out


def _speaker(text: str, sp: Speaker, people: Sequence[Entity], found: dict[str, Entity],
             outlets: dict[str, Entity], out: list[Entity], persons: list[Entity]) -> None:
    """Credit speaker ``sp`` to the person named there (a source in ``persons``), the
    outlet it names, or a source of its own kind (both in ``out``)."""
    s, e = sp.start, sp.end
    cite = sentence_at(text, s)
    comma = len(text[:s].rstrip()) - 1
    head_part = _head_part(text[s:e])  # "a spokeswoman" of "a spokeswoman for the firm"
    head = head_part.split()[-1]
    # "Roger Bennett, director general of ELSPA, said": the name before the role speaks;
    # not before a body or a group ("... cleric Moqtada al-Sadr, the military said")
    named_before = (sp.kind != "name" and comma >= 0 and text[comma] == ","
                    and head.lower() in L.ROLE_NOUNS)
    # A document is its own source, whoever it names ("a company email sent by chairman
    # Marcelo Claure"); a person named inside a phrase whose head is a common noun is not
    # its speaker ("The Obama administration said", "Smith's lawyer said"), nor one
    # named after its head's "for", "of" ... ("a spokesman for Mr Prescott said").
    head_end = s + len(head_part)
    named_head = sp.kind != "unnamed" or not head.islower()
    person = None if sp.kind == "document" else next(
        (p for p in people if any((a < e and s < b and (
            named_head or (b >= head_end and head_end == e)))
                                  or (named_before and b == comma) for a, b in p.mentions)),
        None)
    if person is None and sp.kind == "unnamed":
        person = _person_by_role(text, text[s:e], people, s)
    if person is not None:
        _cite_person(persons, person, cite)
        return
    phrase = text[s:e]
    if sp.kind == "unnamed" and (staff := _outlet_staff(text, s, head_part)) is not None:
        (os_, oe), form = staff  # "An Associated Press journalist in the area reported"
        name = L.lexicon().outlet_by_form[form].canonical
        _credit(outlets, out, name, name, "outlet", (os_, oe), cite, form=form)
        return
    bare = phrase.removeprefix("the ").removeprefix("The ")
    outlet = L.lexicon().outlet_by_form.get(bare)
    if outlet is not None and bare == phrase and needs_the(outlet, bare):
        outlet = None  # "Sun said" is Sun Microsystems; "the Sun said" the paper
    if sp.kind == "name" and outlet is not None:
        _credit(outlets, out, outlet.canonical, outlet.canonical, "outlet", (s, e), cite)
        return
    kind = {"name": "organization", "unnamed": "anonymous", "other": "anonymous"}.get(
        sp.kind, sp.kind)
    if sp.kind == "name" and bare != phrase:  # "per the WHO": the WHO is named "WHO"
        s, phrase = e - len(bare), bare
    _credit(found, out, phrase.lower(), phrase, kind, (s, e), cite)


# A body the story has named before, or names by its owner: "the firm", "Japan's space
# agency" (not "a court", "an environmental group": some body; not the police, a force)
_THE_BODY_RE = re.compile(r"(?:[Tt]he|[Ii]ts|[A-Z][\w.\-]*['’]s) (?!.*\bpolice$)")


def names_a_body(phrase: str) -> bool:
    """Whether an unnamed source's phrase is one body the story names by a common noun
    ("the energy ministry", "Japan's space agency"): an organisation to the reader, as to
    the labelled sets (55 such phrases are organisations there, 20 unnamed sources)."""
    head_part = _head_part(phrase)
    return bool(_THE_BODY_RE.match(head_part)) and head_part.split()[-1] in BODIES


def _head_part(phrase: str) -> str:
    """``phrase`` up to its first "of"/"for"/"at" ...: "a spokeswoman" of "a spokeswoman
    for the firm", whose last word is the head."""
    after = _ROLE_HEAD_RE.search(phrase)
    return phrase[:after.start()] if after else phrase


_ROLE_HEAD_RE = re.compile(r" (?:of|for|at|in|from|with|to|on) ")


_STAFF = frozenset("journalist journalists reporter reporters correspondent correspondents "
                   "photographer photographers crew".split())


def _outlet_staff(text: str, s: int, head_part: str) -> tuple[Span, str] | None:
    """The listed outlet whose staff the phrase at ``s`` names before its head, with its
    form ("an Associated Press journalist", "a Reuters reporter in Kabul"): what they saw,
    their outlet reports."""
    if head_part.split()[-1].lower() not in _STAFF:
        return None
    for a, b, form in listed_outlets(text):
        if s <= a and b <= s + len(head_part) and named_here(
                text, a, form, L.lexicon().outlet_by_form[form]):
            return (a, b), form
    return None


# "the Florida senator", "The minister": one person named by a role
_ROLE_PHRASE_RE = re.compile(r"(?:the|The)\s+(?:[\w.'’\-]+\s+){0,3}(?P<role>[a-z][a-z\-]+)")
_TITLE_ROLES = {"sen": "senator", "gov": "governor", "rep": "representative",
                "gen": "general", "pres": "president", "prof": "professor",
                "det": "detective", "insp": "inspector", "supt": "superintendent"}


def _person_by_role(text: str, phrase: str, people: Sequence[Entity],
                    before: int) -> Entity | None:
    """The person last named before ``before`` with ``phrase``'s role word in front of
    their name ("Sen. Marcus Odell" ... "the Alabama senator said"), if any."""
    m = _ROLE_PHRASE_RE.fullmatch(phrase)
    if m is None or m.group("role") not in L.ROLE_NOUNS:
        return None
    role = m.group("role")
    best: tuple[int, Entity] | None = None
    for p in people:
        for a, _ in p.mentions:
            if a >= before or (best is not None and a <= best[0]):
                continue
            words = [w.strip(".,").lower() for w in text[max(0, a - 40):a].split()[-3:]]
            if role in {_TITLE_ROLES.get(w, w) for w in words}:
                best = (a, p)
    return best[1] if best else None


def _pronoun_speakers(text: str, people: Sequence[Entity], out: list[Entity],
                      quoted: list[tuple[int, int]]) -> None:
    """Credit "he said" to the person named last before it (within a paragraph or so)."""
    if not people:
        return
    mentions = sorted(((s, p) for p in people for s, _ in p.mentions), key=lambda m: m[0])
    starts = [s for s, _ in mentions]
    for m in word_scan(_PRONOUN_SAYS_RE, _PRONOUN_SAYS_FIRST, text):
        if _inside(quoted, m.start(), m.end()):
            continue
        k = bisect_left(starts, m.start()) - 1
        if k < 0 or m.start() - starts[k] > _PRONOUN_REACH:
            continue
        _cite_person(out, mentions[k][1], sentence_at(text, m.start()))


def _cite_person(out: list[Entity], person: Entity, cite: Span) -> None:
    """Credit ``cite`` to ``person`` as a source, listing it among ``out`` if new."""
    have = next((x for x in out if x.kind == "person" and x.name == person.name), None)
    if have is None:
        have = Entity(name=person.name, aliases=list(person.aliases),
                      mentions=list(person.mentions), kind="person", hint=person.hint)
        out.append(have)
    if cite not in have.citations:
        have.citations.append(cite)
        have.citations.sort()
