"""Is a candidate a person?  ``score_multi`` weighs a multi-word candidate's words
(gazetteers, shape) and cues (titles, roles, speech, document cues); ``single_is_person``
decides a one-word name that matches no full name in the story, at document level."""

from __future__ import annotations

import re

from reader.entities import _lexicon as L
from reader.entities import rules_weights as W
from reader.entities.rules_cues import (
    DocCues,
    appositive_role,
    firm_before,
    listed_ends,
    person_after,
    person_before,
    qualifies_noun,
    speech,
)
from reader.entities.rules_doc import Cand, Doc
from reader.entities.rules_text import PARTICLE_SET, UPPER, is_initial

_COMPASS = L.words("compass")  # "Nottingham North"
_WEEKDAYS = L.words("weekdays")  # "Cyber Monday"
_NEVER_SURNAMES = L.words("titles that are never surnames")
_CONTRACTIONS = L.word_list("contractions")
_INITIALS_RE = re.compile(rf"(?:[{UPPER}]\.?){{1,3}}")
_OF_AFTER_RE = re.compile(r" of [A-Z]")
_OF_BEFORE_RE = re.compile(r"[A-Z][\w'’\-]* of (?:the )?$")
# A known person's name as a modifier: "the Obama administration", "Trump's presidency"
_PERSON_MODIFIES_RE = re.compile(
    r"(?:['’]s)? (?:"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in L.word_list("a person's era"))
    + r")\b"
)
# French, Spanish, Italian, German, Dutch articles: "Les Sylphides", "La Scala", "Die Hard"
_ARTICLES = L.words("articles")


def score_multi(doc: Doc, c: Cand, doc_cues: DocCues) -> int:
    """The score of a multi-word candidate (see rules_weights: a person at ``W.ACCEPT``
    or more, undecided from ``W.UNDECIDED``)."""
    lex = doc.lex
    words = [t.text for t in c.toks]
    name = " ".join(words)
    if name in L.NOT_PEOPLE or name in lex.places or name in lex.notable_orgs:
        return W.VETO  # ("Morgan Stanley", "Aston Martin", "Atletico Madrid")
    if (words[-1] in L.PERSON_TITLES and (
        words[-1] in _NEVER_SURNAMES or words[-1] not in lex.surnames  # "Eric Pope"
    )) or (
        # a title never ends a name: "Microsoft President (and Chief ...)"
        words[-1] in _WEEKDAYS
    ) or (words[0] in L.MONTHS_DAYS and not (
        # "Jan Egeland", "June Carter Cash"; not "May Day", "April Fools"
        words[0] in lex.first_names
        and (words[1] in lex.surnames or words[1].lower() not in lex.common)
        and words[1] not in L.ORG_WORDS and words[1] not in L.MONTHS_DAYS
    )):
        return W.VETO  # "Cyber Monday", "Helena Tuesday"
    score = 0
    org_words = [w for w in words if w in L.ORG_WORDS]
    if org_words:
        if not (
            # "Katie Hill", "Sandra Day O'Connor": a given name, then surnames that are
            # also organisation words, weigh against the name; cues can outweigh them
            len(words) <= 3 and words[0] in lex.first_names and words[0] not in org_words
            and all(w in lex.surnames for w in org_words)
        ):
            return W.VETO
        score += W.ORG_WORD * len(org_words)
    if words[-1].rstrip(".") in L.DEMONYMS and not (
        # "Oliver Irish", "Dawn French": a given name, then a surname that is also a demonym
        len(words) == 2 and words[0] in lex.first_names and words[1] in lex.surnames
    ):
        return W.VETO
    if len(words) == 2 and words[1] in _COMPASS and words[0] in lex.places and (
        words[0] not in lex.first_names and doc.prev_word(c) in ("in", "for", "of", "at")
    ):
        return W.VETO  # a constituency or district: "in Nottingham North", "MP for Leeds Central"
    common = lex.common
    in_common = [w.lower() in common for w in words]
    if c.headline and all(in_common) and not (
        # "Bill Gates Breaks Ranks ...": common words, but the story goes on to name
        # him ("Mr Gates said"): a given name and a surname the body confirms
        words[0] in lex.first_names and words[-1] in lex.surnames
        and doc_cues.get(words[-1], 0) > 0
    ):
        return W.VETO
    first = words[0]
    initials = bool(_INITIALS_RE.fullmatch(first.replace(".", "")
                                           if "." in first else first)) and len(first) <= 4
    first_head = first.split("-")[0]
    first_name = first_head in lex.first_names and not (
        # "Les Sylphides", "La Traviata": a French/Spanish/Italian/German article that
        # is also a given name ("Les Dennis") counts as one only before a known name
        first in _ARTICLES
        and not any(w in lex.surnames or w in lex.first_names for w in words[1:])
    )
    if c.titled_person:
        score += W.TITLED
    if (first_name and first not in L.MONTHS_DAYS) or initials:
        score += W.GIVEN_NAME
    last = words[-1]
    if last in lex.surnames:
        score += W.SURNAME
    for i, w in enumerate(words):
        if i == 0 and (first_name or initials):
            continue
        if w in L.ROMAN_SUFFIXES or (c.paired and c.toks[i].start in doc.paired):
            continue  # a numeral; a name split from a pair ("Xi" of "Modi-Xi Jinping")
        if 0 < i < len(words) - 1 and is_initial(w):
            score += W.MIDDLE_INITIAL  # a middle initial: "William J. Brennan"
            continue
        if in_common[i] and w not in lex.surnames and w not in lex.first_names:
            score += W.COMMON_WORD
        if w in lex.places and w not in lex.surnames and w not in lex.first_names and (
            i == 0 or not (first_name or initials)
        ):
            score += W.PLACE_WORD
    # (A given name that is also a country, "Chad Morris", "Jordan Henderson", is not.)
    has_country = any(
        w in lex.countries and not (i == 0 and first_name and last in lex.surnames)
        for i, w in enumerate(words)
    )
    if len(words) <= 3 and not any(in_common) and not has_country:
        score += W.SHAPE
    if has_country:
        score += W.COUNTRY
    if any(w in PARTICLE_SET for w in words[1:-1]):
        score += W.PARTICLE
    n_words = sum(w not in PARTICLE_SET for w in words)  # "Jeroen van der Veer": 2
    if n_words >= 4:
        score += W.LONG_NAME * (n_words - 3)
    prev = doc.prev_word(c)
    pl = prev.lower()
    if (pl in L.ROLE_NOUNS or (pl.endswith("s") and pl[:-1] in L.ROLE_NOUNS)) and (
        not firm_before(doc, c, pl)
    ):
        score += W.ROLE_BEFORE
    elif pl in L.COMPANY_NOUNS or firm_before(doc, c, pl):
        score += W.COMPANY_BEFORE
    elif prev.endswith(("'s", "’s")) and prev[:1].isupper():
        score += W.POSSESSIVE_BEFORE
    if speech(doc, c):
        score += W.SPEECH
    score += doc_cues.get(last, 0)
    if appositive_role(doc, c.end):
        score += W.APPOSITIVE_ROLE
    marked = person_after(doc, c)
    if marked:
        score += W.PERSON_AFTER
    if person_before(doc, c):
        score += W.PERSON_BEFORE
    if name in lex.notable:
        score += W.NOTABLE
    if c.end in listed_ends(doc):
        score += W.LISTED
    if c.paired:
        score += W.PAIRED
    if c.ner:
        score += W.NER_PERSON
    if c.initial and c.title is None and in_common[0] and (
        first_head not in lex.first_names
    ):  # a capitalised first word; after a title the name is not sentence-initial
        score += W.SENTENCE_INITIAL_WORD
    if marked:
        # a by-line, tweet signature or party tag outweighs how the words look
        # ("Mat Honan, writing for BuzzFeed:": a mat, and a Chinese province)
        return max(score, W.ACCEPT)
    return score


def single_is_person(doc: Doc, w: str, cs: list[Cand], doc_cues: DocCues) -> bool:
    """Whether the one-word name ``w`` (its mentions ``cs``) is a person."""
    lex = doc.lex
    if len(w) < 2 or w in L.MONTHS_DAYS or w in L.DEMONYMS or w.rstrip("s") in L.DEMONYMS:
        return False
    if w in L.ORG_WORDS or w in L.KNOWN_ORGS or w in lex.outlet_by_form or (
        w in lex.notable_orgs  # "Uber", "Swift" (the language) ...
    ):
        return False
    if w in L.TITLE_HEADS or w in L.ROMAN_SUFFIXES or "." in w or w.endswith(_CONTRACTIONS):
        return False
    if any(c.table for c in cs):
        return True
    if w.isupper():
        return False  # "LPGA pro Suzann Pettersen": an acronym
    titled = any(c.titled_person and not c.demonym_only for c in cs)
    if titled and w.lower() in lex.common and w not in lex.surnames:
        titled = False
    if not titled and any(
        form.startswith(w + " ") for _, _, _, form in doc.outlet_spans
    ):  # "Fox" where the story cites Fox News
        return False
    text = doc.text
    for c in cs:
        if _OF_AFTER_RE.match(text, c.end):  # "X of Y"
            return False
    for c in cs:  # "Duke of X", "Bank of the X" (the regex can only match after " of ")
        lo = max(0, c.run_start - 30)
        if text.endswith((" of ", " of the "), lo, c.run_start) and _OF_BEFORE_RE.search(
            text, lo, c.run_start
        ):
            return False
    notable = w in lex.notable_surnames
    place = w in lex.places
    if titled:
        return not place or any(c.title and c.title.split()[-1] in L.HONORIFICS for c in cs)
    known = doc.known is not None and doc.known.has_surname(w)
    if (notable or known) and any(_PERSON_MODIFIES_RE.match(text, c.end) for c in cs):
        return True  # "the Obama administration", "The Trump Administration's ..."
    if place and not (notable and any(speech(doc, c) for c in cs)):
        return False  # (but "Obama said": a well-known name that is also a town)
    if any(c.paired for c in cs):
        return True
    if all(doc.prev_word(c) in ("the", "The") for c in cs):
        return False  # "visitors to the Tate"
    # "Trump’s Lies, the Definitive List": a well-known name's possessive
    possessive = notable and any(text[c.end : c.end + 2] in ("'s", "’s") for c in cs)
    if w.lower() in lex.common and w not in doc.cap_mid and not known and not possessive:
        return False
    score = W.SINGLE_POSSESSIVE if possessive else 0
    if notable:
        # "Lavrov": a well-known person's surname; less where it is also a word
        score += W.SINGLE_NOTABLE_WORD if w.lower() in lex.common else W.SINGLE_NOTABLE
    elif known:
        # a name from another story; less where it is also a word ("Fox", "Mulligan")
        score += W.SINGLE_KNOWN_WORD if w.lower() in lex.common else W.SINGLE_KNOWN
    if w in lex.orgs_also_people:
        score += W.SINGLE_ALSO_ORG  # "Swift", "Ford", "Dell": as often a firm or a product
    if w in lex.surnames and (w.lower() not in lex.common or w in doc.cap_mid):
        score += W.SINGLE_SURNAME
    elif w in lex.first_names:
        score += W.SINGLE_GIVEN_NAME
    for c in cs:
        prev = doc.prev_word(c).lower()
        if prev in L.COMPANY_NOUNS or firm_before(doc, c, prev):
            return False
        if (
            # "sculptor X", but not "billionaire Bhs owner" (X qualifies the noun after it)
            prev in L.ROLE_NOUNS and prev not in ("starring", "featuring")
            and not qualifies_noun(doc, c.end)
        ) or c.end in listed_ends(doc):  # "people such as X and Y"
            score += W.SINGLE_ROLE_OR_LIST
    if score >= W.SINGLE_ACCEPT:  # the document cues below are never negative
        return True
    score += doc_cues.get(w, 0)
    if score >= W.SINGLE_ACCEPT:
        return True
    if score + W.SINGLE_SPEECH < W.SINGLE_ACCEPT:
        return False
    if any(speech(doc, c) for c in cs):
        score += W.SINGLE_SPEECH
    return score >= W.SINGLE_ACCEPT
