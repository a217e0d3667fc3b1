"""Who speaks: the subject of a speech verb ("Qwest has said", "officials on Sunday
estimated", "the RFU said in a statement", "Google and Yahoo announced").

The noun phrase right before the verb (after any time words or auxiliaries) is read
back to the start of its clause and sorted by how it is written: a name of capitalised
words is an organisation (or an outlet, or a person where the people model found one
there), a phrase with a lower-case head is an unnamed source ("Polish officials", "some
e-mail experts", "the head of Microsoft's Japan unit"), a document noun makes a document
("Study Says").  Pronouns and relative words are nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from operator import methodcaller

from reader.entities import _lexicon as L
from reader.entities.cue_words import cue_participles, cue_verbs
from reader.entities.rules_text import trie

# (Not the verbs that are also plural nouns, "reports", "claims", "states", "estimates",
# "fears": "Charley Damage Estimates", "the United States".)
_VERBS = (
    "said|says|say|told|tells|added|announced|announces|reported|warned|warns|"
    "claimed|admitted|admits|acknowledged|acknowledges|confirmed|confirms|denied|"
    "denies|deny|estimated|feared|revealed|reveals|insisted|insists|"
    "argued|argue|argues|predicted|predicts|stated|raise\\s+doubts|raised\\s+doubts|"
    "believe|believes|contend|contends|maintain|maintains|raised\\s+concerns|"
    "raise\\s+concerns|voiced\\s+concerns"
)
# Nouns that end like an adverb ("The family hopes": not "The ... hopes")
_LY_NOUNS = frozenset(
    "family ally assembly supply rally monopoly anomaly reply bully folly homily elderly "
    "july italy".split())
_LY_NOUNS_RX = "(?:" + "|".join(sorted(_LY_NOUNS)) + ")"
# Words that may stand between a speaker and the verb ("has", "on Sunday", "earlier this
# week"), read backwards from the verb.
_BETWEEN_BEFORE_RE = re.compile(
    r"(?:\s+(?:has|have|had|also|both|would|will|now|later|earlier|previously|already|"
    r"afterwards|afterward|since|"
    r"not|always|never|still|just|long|"
    rf"repeatedly|publicly|privately|(?!{_LY_NOUNS_RX}\s)[a-z]+ly|"
    r"(?:on|last|this|next|late|early)\s+"
    r"(?:[A-Z][a-z]+day|week|month|year|night|morning|evening|afternoon)|"
    r"[A-Z][a-z]+day|today|yesterday|earlier\s+this\s+(?:week|month|year)))*\s+$"
)


_BETWEEN_WORDS = frozenset(
    """has have had also both would will now later earlier previously already today
    afterwards afterward since
    yesterday week month year night morning evening afternoon not always never still just
    long""".split()
)


def _between_start(text: str, verb: int) -> int | None:
    """Where the words between a speaker and its verb start (see _BETWEEN_BEFORE_RE), or
    None when no space comes before the verb.  Most verbs follow their speaker directly,
    so the word before is looked at first and the pattern run only when it may be one."""
    k = verb
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == verb:
        return None
    j = k
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:k]
    if word in _BETWEEN_WORDS or word.endswith("day") or (
            word.endswith("ly") and word.lower() not in _LY_NOUNS):
        between = _BETWEEN_BEFORE_RE.search(text, max(0, verb - 60), verb)
        return None if between is None else between.start()
    return k


def _verb_forms(words: str) -> list[str]:
    """ "said|says" -> "said", "Said", "says", "Says": a headline's "Study Says" too."""
    forms = [w.replace("\\s+", " ") for w in words.split("|")]
    return [f for w in forms for f in (w, w[0].upper() + w[1:])]


def _verbs_rx(words: str) -> str:
    """A trie of ``_verb_forms(words)``, tried one branch per character rather than one
    word after another."""
    return trie(_verb_forms(words))


# Cue verbs the patterns leave to the source model ("Scientists warn", "a new study
# found", "analysts expect"): read only with ``loose``.
_MORE_VERBS = "|".join(L.word_list("wider cue verbs"))
# A state of mind after "are", "remain", "have been" ("AI experts are increasingly
# troubled by", "Legal experts have been surprised by", "many donors remain skeptical")
_MIND_RE = (
    r"(?:is|are|was|were|remain|remains|remained|seem|seemed|has\s+been|have\s+been)\s+"
    rf"(?:[a-z]+ly\s+)?{trie(L.word_list('states of mind'))}"
)
# Any past tense that takes a "that" clause, which reports what someone said or thought
# ("scientists have suspected that", "governments have recognized that")
_THAT_VERB_RE = re.compile(r"(?<![\w'’-])[a-z]{2,}ed(?=\s+that\b)")

_VERB_RE = re.compile(rf"(?<![\w'’-])(?:{_verbs_rx(_VERBS)})\b")
_PROGRESSIVE = ("saying", "reporting", "warning", "urging", "calling", "claiming")
# ... and the cue verbs learned from annotated news (``cue_words``: "decried", "conceded"),
# in lower case only: a headline's "Speed Reads" names a column, not a speaker
# (The listed verbs and the learned ones are one trie, tried once at each word: it matches
# what the listed verbs' trie, then the learned verbs' one, would match, as no learned verb
# goes on past the end of a listed one's last word; test_entities_scans checks both.)
_ANY_VERB_RE = re.compile(
    rf"(?<![\w'’-])(?:{trie(_verb_forms(_VERBS + '|' + _MORE_VERBS) + cue_verbs())}|"
    rf"(?:is|are|was|were|been)\s+{trie(sorted({*cue_participles(), *_PROGRESSIVE}))}|"
    rf"{_MIND_RE})\b")
_STOP = frozenset(
    """that which who whom whose but and or while whilst as when after before because if instead
    since although though so then however meanwhile also yet where whereas than unless until
    nor not cannot be been being was were is are am can could would should may might must will
    shall do does did has have had he she it they we us i you him her them his its their
    our with following about despite during over under without""".split()
)
_NOBODY = frozenset(
    """i you he she it we they this that these those there here who which what one none
    everyone everybody someone somebody anyone anybody nobody all many"""
    .split()
)
# A speech verb right before a speaker: the speaker is inside what another says
_REPORTED_BEFORE_RE = re.compile(
    r"\b(?:said|says|say|added|adds|told\s+\w+|tells\s+\w+|insisted|warned|argued)\s+"
    r"(?:that\s+)?$")
_REPORTING = frozenset("said says told tells added adds".split())
_POSSESSIVES = frozenset("his her its their our".split())
_NEGATION_RE = re.compile(r"\b(?:not|never|cannot)\b")
_PREPOSITIONS = frozenset("in of for at from on with to by".split())
# First words of no speaker's phrase, however long: the writer, a pronoun, a question
_NO_SPEAKER_FIRST = frozenset("i you we it he she they there what why how whether".split())
_APOSTROPHE_RE = re.compile(r"['’]")
_ALLOWED_LOWER = frozenset("of for to at in from on the a an by with and de".split())
_DOC_HEADS = L.words("document heads")
_MAX_WORDS = 10
_QUANTIFIERS = frozenset("many some several few most".split())
# Bodies named by a common noun, which speak as organisations ("the government reported").
BODIES = frozenset(
    """government ministry company firm court council committee commission agency department
    board union party club bank group army military regulator watchdog parliament
    administration cabinet league federation association institute university hospital
    authority police office campaign""".split()
)
_ABBREV_RE = re.compile(r"(?:[A-Z]\.)+|Corp\.|Inc\.|Co\.|Ltd\.|Bros\.|Mr\.|Mrs\.|Ms\.|Dr\.|St\.")
# Head nouns of unnamed sources, capitalised or not ("Critics say", "Polish officials").
_UNNAMED_HEADS = frozenset(
    """official officials source sources spokesman spokeswoman spokesperson aide aides analyst
    analysts diplomat diplomats insider insiders expert experts observer observers economist
    economists residents witnesses lawmakers critics investigators prosecutors authorities
    officers executive executives negotiators police traders dealers brokers strategists
    doctors scientists researchers activists campaigners ministers mps fans investors
    opponents supporters proponents delegates members leaders workers users customers
    shareholders bankers people groups firms companies sources organisations organizations
    consumers voters citizens parents students teachers farmers employees staff protesters
    demonstrators senators settlers advocates businesses adviser advisers advisor
    advisors""".split()
)

# "Roger Bennett, director general of ELSPA, said": a name, its role set off by commas,
# then the verb (read only with ``loose``).
_COMMA_BEFORE_RE = re.compile(r",\s+(?:\w+ly\s+)?$")
_APPOSED_NAME_RE = re.compile(
    r"(?<![\w'’])(?P<name>[A-Z][\w'’\-]*(?: [A-Z][\w.'’\-]*){1,3}), "
    # (a role, not "speaking on condition of anonymity" or "who asked not to be named")
    r"(?:(?!(?:speaking|who|which|declining|asking|requesting|citing|according)\b)"
    r"(?:[a-z][^,\n]{2,100}|[A-Z][^,\n]{2,60} (?:of|at|for) [^,\n]{2,60}), ){1,2}"
    r"(?:\w+ly )?$"
)
# An aside between a speaker and its verb, set off by commas or spaced dashes ("Heineken
# and Carlsberg, two of the world's largest brewers, have reported", "EADS - Airbus'
# majority owner - admitted")
_APPOSITION_RE = re.compile(
    r"(?P<mark>,|\s[-—–])\s(?:(?!\s[-—–]\s)[^,;:\n\"“”—–]){3,100}(?P=mark)\s*$"
)
# ... or with no comma after the role: "Mark Serwotka, the leader of the Public and
# Commercial Services Union said"
_APPOSED_ROLE_OF_RE = re.compile(
    r"(?<![\w'’])(?P<name>[A-Z][\w'’\-]*(?: [A-Z][\w.'’\-]*){1,3}), (?:the|a|an) "
    r"[a-z][\w\-]*(?: [a-z][\w\-]*){0,3} (?:of|at|for) [^,\n]{2,60} $"
)


def _apposed_name(text: str, verb: int) -> tuple[int, int] | None:
    """The name set off before its role right before ``verb``, if any."""
    lo = max(0, verb - 160)
    if _COMMA_BEFORE_RE.search(text[max(0, verb - 16):verb]):
        found = _APPOSED_NAME_RE.search(text, lo, verb)
    elif ", the " in text[lo:verb] or ", a" in text[lo:verb]:
        found = _APPOSED_ROLE_OF_RE.search(text, lo, verb)
    else:
        return None
    return found.span("name") if found else None


_DESCRIBED_RE = re.compile(r",\s(?:the|a|an)\s[a-z]")
# An aside that is only a name ("Manafort's lawyer, Kevin Downing, told")
_ASIDE_NAME_RE = re.compile(
    r",\s(?P<name>[A-Z][\w'’\-]+(?: (?:[A-Z]\.|[A-Z][\w'’\-]+)){1,3}),\s*")
_PAREN_BEFORE_RE = re.compile(r" \([^()\n]{1,50}\)$")
_CAP_BEFORE_RE = re.compile(r"[A-Z][\w&'’\-.]* $")
_NAME_TAIL_RE = re.compile(
    r"(?<= )[A-Z][\w&'’\-]*\.?(?:(?: (?:for|of|and|on|de))? [A-Z][\w&'’\-]*\.?)*$")


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int
    end: int
    kind: str
    """"name" (capitalised words), "unnamed" (a lower-case head the lists know, or a
    body named by a common noun: "the military"), "document" or "other" (a lower-case
    head they do not)."""
    loose: bool = False
    """Found only with ``loose``: a phrase of kind "other", or a wider cue verb."""


_WORD_CHARS = frozenset("_.&'’-/")


def _word_start(text: str, end: int) -> int:
    """Where the word (letters, digits and ``_.&'’-/``) that ends at ``end`` starts, at
    most 40 characters back (``end`` itself when no word ends there)."""
    lo = max(0, end - 40)
    k = end
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in _WORD_CHARS):
        k -= 1
    return k


def _that_verbs(text: str) -> Iterator[re.Match[str]]:
    """``_THAT_VERB_RE.finditer(text)``, tried only at the word before each " that"."""
    find = text.find
    p = find(" that")
    while p >= 0:
        if text[p - 2:p] == "ed" and (m := _THAT_VERB_RE.match(text, _word_start(text, p))):
            yield m
        p = find(" that", p + 1)


# What a document does, whatever the verb ("a recent report from Continental Research
# reflects", "The rule states", "a probe linked him"), after a head that is a noun there:
# after an article, a possessive or a lower-case modifier, not a subject ("Gartner reports").
_DOC_HEAD_RE = re.compile(rf" ({trie(sorted(_DOC_HEADS))})(?= )")  # (a literal first: fast)
_LOWER_END = frozenset("abcdefghijklmnopqrstuvwxyz'’")
_FINITE_RE = re.compile(r"[a-z]{2,}(?:ed|[^su'’\W]s)\b")
_NOT_BEFORE_A_VERB = _STOP | _PREPOSITIONS | frozenset("a an the".split())
_NOT_BEFORE_A_DOCUMENT = _STOP - _POSSESSIVES  # ("its report" is one, "he reports" not)
_CLAUSE_BREAK_RE = re.compile(r"[,;:.!?\"“”()\n]|\s(?:that|which|who|whose|and|but)\s")


def _document_verbs(text: str) -> Iterator[re.Match[str]]:
    """The first word in "-ed" or "-s" form within six words after a document's head (not
    one after a preposition or an article, nor past a clause break)."""
    for head in _DOC_HEAD_RE.finditer(text):
        if not head.start() or text[head.start() - 1] not in _LOWER_END:
            continue
        before = text[max(0, head.start() - 19):head.start()].rsplit(" ", 1)[-1]
        if before.lower() in _NOT_BEFORE_A_DOCUMENT:
            continue  # "he reports", "that report": not a document's phrase
        stop = _CLAUSE_BREAK_RE.search(text, head.end(), head.end() + 70)
        end = stop.start() if stop else min(len(text), head.end() + 70)
        previous = ""
        for n, w in enumerate(_NEXT_WORD_RE.finditer(text, head.end(), end)):
            if n == 6:
                break
            if previous not in _NOT_BEFORE_A_VERB and (v := _FINITE_RE.fullmatch(
                    text, w.start(), w.end())) and w.group() not in _DOC_HEADS:
                yield v
                break
            previous = w.group().lower()


def _antecedent(text: str, relative_start: int) -> int | None:
    """Where the word before a relative "who"/"which" ends, when that word can be what it
    refers to (a head noun the lists know, or a capitalised word): "opinion polls which
    suggest", "Some consumers who sought help"."""
    gap = relative_start
    while gap > 0 and text[gap - 1] == " ":
        gap -= 1
    if gap == relative_start:
        return None
    word = text[_word_start(text, gap):gap]
    plural = word.islower() and word.endswith("s") and not word.endswith("ss")
    return gap if word and (word[0].isupper() or plural or word.lower() in _HEADS) else None


def _phrase_before(text: str, end: int) -> tuple[int, int, bool] | None:
    """The noun phrase that ends at ``end``, read back to its clause's start, and whether
    it was read through a relative "who"/"which" (the subject of the verb is the phrase the
    relative refers to)."""
    if text[end - 1:end] == ")" and (paren := _PAREN_BEFORE_RE.search(text, max(0, end - 60),
                                                                        end)):
        end = paren.start()  # "the European Legal Affairs Committee (JURI) said"
    pos = end
    start = end
    words = 0
    relative = False
    most = _MAX_WORDS
    while words < most:
        word_start = _word_start(text, pos)
        if word_start == pos:
            break
        word = text[word_start:pos]
        before = _antecedent(text, word_start) if word in ("who", "which") else None
        through = before is not None
        if before is not None:
            relative = True
            if not words:  # "polls which suggest": the phrase is the antecedent's, read
                pos = start = end = before  # no further back than three words
                most = 3
                continue
        if most == 3 and word in _ALLOWED_LOWER - {"the", "a", "an", "and", "de"}:
            break  # "pressure from exporter organisations which": not "from"
        if words and word.endswith(".") and not _ABBREV_RE.fullmatch(word):
            break  # the end of the sentence before
        # "Google and Yahoo announced": two names, split by the caller
        names_joined = word == "and" and words > 0 and text[start].isupper() and bool(
            _CAP_BEFORE_RE.search(text, max(0, word_start - 40), word_start))
        if not word[0].isalnum():
            break  # "TORONTO - Aber Diamond Corp. said"
        # "Two people familiar with the budget talks told": the phrase goes on past "with"
        familiar = word in ("with", "to") and text[max(0, word_start - 9):word_start].rstrip(
            ).endswith(("familiar", "close"))
        # "two officials in her office": a possessive inside the phrase
        possessive = words > 0 and word.lower() in _POSSESSIVES
        if word in _REPORTING:
            break  # "Duric said Finance Minister Tomas Varga had agreed": not past "said"
        if words and word in _QUANTIFIERS:
            start = word_start  # "surprised by the announcement many analysts had said":
            break               # "many" starts the phrase
        if not (names_joined or familiar or through or possessive) and not word.isupper() and (
                word.lower().strip(".") in _STOP):
            if words:
                break
            return None
        start = word_start
        words += 1
        gap = start
        while gap > 0 and text[gap - 1] in " \t":
            gap -= 1
        if gap == start or gap == 0 or text[gap - 1] == "\n":
            break
        if possessive and text[_word_start(text, gap):gap] not in _PREPOSITIONS:
            break  # the possessive starts the phrase: not "told her father"
        pos = gap
    if start == end:
        return None
    while end > start and text[end - 1] in ".’'":  # "Corp." keeps its point below
        if text[end - 1] == "." and re.search(r"\b(?:Corp|Inc|Co|Ltd|Bros)\.$", text[start:end]):
            break
        end -= 1
    return (start, end, relative) if end > start else None


def _kind(phrase: str) -> str | None:
    words = phrase.split()
    first = words[0].lower()
    if _APOSTROPHE_RE.split(first, maxsplit=1)[0] in _NO_SPEAKER_FIRST:
        return None  # "I'd say", "What of those who argue": the writer or a question
    if len(words) == 1 and first in _SOME:
        return "unnamed"  # "Some say", "Many argue", "Another said"
    if (first in _NOBODY or first in ("a", "an", "the")) and len(words) == 1:
        return None  # "he", and "an" of "an alleged drug kingpin": nobody
    if phrase.endswith(("'s", "’s")):
        return None  # "Trump's demands for ...": a possessive, not a subject
    if first in _NOBODY and words[1:2] and words[1].lower() in ("of",):
        return "unnamed"  # "one of the officials", "many of the fans"
    if first in ("the", "a") and words[1:2] == ["journal"]:
        return "document"  # "the journal Nature reports"
    words = _before_participle(words)  # "analysts surveyed by Refinitiv": analysts
    phrase = " ".join(words)
    if _FAMILIAR_RE.search(phrase):
        return "unnamed"  # "people familiar with the talks", "a source close to the king"
    head = words[-1].lower().strip("'’")
    if head in _EVENTS and words[-1].islower():
        return None  # "An 11-day dock strike showed how fragile ...": no one speaks
    # "the Institute for Fiscal Studies", "Pew Research": a name, not a document
    named = words[-1][:1].isupper() and len(words) > 1 and (
        words[-2][:1].isupper() or words[-2] in ("for", "of", "on"))
    if head in _DOC_HEADS and not named:
        return "document"
    # the head of "the head of Microsoft's Japan unit", "a spokesperson for the police"
    core = re.split(r" (?:of|for|to|at|in|from|on|with|by) ", phrase, maxsplit=1)[0]
    last = core.split()[-1]
    noun = last.lower().strip("'’")
    if noun in _DOC_HEADS:
        return "document"  # "a report from OPEC"
    singular = last[:1].islower() and f"{noun}s" in _UNNAMED_HEADS  # "one user"
    if noun in _UNNAMED_HEADS or singular or noun in L.ROLE_NOUNS:
        return "unnamed"
    if noun in BODIES and last[:1].islower():
        return "body"  # not "The United Nations and European Union": a name
    if noun[-1:] == "s" and noun[:-1] in BODIES:
        return "unnamed"  # "Unions for Deutsche Boerse staff", "Local councils"
    if len(words) == 1 and (phrase in L.DEMONYMS or (
            phrase.endswith("s") and phrase.lower() in L.lexicon().common)):
        return "unnamed"  # "Commentators say", "British say": a capital only to start
    content = [w for w in words if w.lower() not in _ALLOWED_LOWER]
    if content and all(w[:1].isupper() or w[:1].isdigit() for w in content):
        if len(content) == 1 and (content[0] in L.FUNCTION_WORDS or content[0] in L.MONTHS_DAYS):
            return None
        return "name"
    return "other"  # a lower-case phrase whose head names no one the lists know


# Events, which show or prove but say nothing
_EVENTS = frozenset(
    """strike strikes war wars storm storms fire fires flood floods crash crashes attack
    attacks crisis season game games match matches summer winter spring autumn weekend
    drought earthquake""".split())
_FAMILIAR_RE = re.compile(r"\b(?:familiar\s+with|close\s+to)\b")
_SOME = frozenset("some many others most several another".split())
_HEADS = _UNNAMED_HEADS | BODIES | _DOC_HEADS | L.ROLE_NOUNS


_IRREGULAR_PARTICIPLES = frozenset(
    "sent written made given seen taken shown held drawn known told led brought kept".split())


def _before_participle(words: list[str]) -> list[str]:
    """The words before a participle or a relative that follows the phrase's head ("Police
    investigating the murder", "a case study published Monday in the BMJ", "a company email
    sent by the chairman", "Some consumers who sought help"), or all of them."""
    for i in range(1, len(words)):
        w = words[i]
        if w in ("who", "which"):
            return words[:i]
        if (w.islower() and (w.endswith(("ed", "ing")) or w in _IRREGULAR_PARTICIPLES)
                and words[i - 1].lower() in _HEADS
                and w not in _DOC_HEADS):  # not "a court ruling"
            return words[:i]
    return words


def _named_tail(text: str, s: int, e: int) -> int | None:
    """Where the name that ends the phrase ``text[s:e]`` starts, when the phrase goes on
    from common words to it ("US phone company Qwest", "market analysts Chart-Track")."""
    tail = _NAME_TAIL_RE.search(text, s, e)
    if (tail is not None and tail.start() > s and tail.end() == e
            and _kind(text[tail.start():e]) is not None):  # not "liberty I hope"
        return tail.start()
    return None


def _body_kind(phrase: str) -> str:
    """A body named by a common noun ("the military") is unnamed; by a name ("the Kessel
    Port Workers' Union"), a name."""
    return "unnamed" if phrase.split()[-1][:1].islower() else "name"


def _sorted_kind(phrase: str) -> str | None:
    """``_kind`` with a body sorted by how it is named (see ``_body_kind``)."""
    kind = _kind(phrase)
    return _body_kind(phrase) if kind == "body" else kind


_START = methodcaller("start")


def speakers(text: str, loose: bool = False) -> Iterator[Speaker]:
    """Every subject of a speech verb in ``text``, with what kind of phrase it is; with
    ``loose``, also the phrases of kind "other", whose head no list knows ("the data")."""
    verbs = _ANY_VERB_RE.finditer(text) if loose else _VERB_RE.finditer(text)
    if loose:
        # (sorted, stable: a tie keeps the listed verb first, as heapq.merge would, and the
        # sort runs in C)
        verbs = iter(sorted(chain(verbs, _that_verbs(text), _document_verbs(text)),
                            key=_START))
    last = -1
    for m in verbs:
        if m.start() == last:
            continue  # "warned that": a cue verb the lists know, found twice
        last = m.start()
        wider = loose and _VERB_RE.fullmatch(m.group()) is None
        if loose and (apposed := _apposed_name(text, m.start())):
            yield Speaker(*apposed, "name", wider)  # "X, a spokesman, said"
            continue
        between = _between_start(text, m.start())
        if between is None or _NEGATION_RE.search(text, between, m.start()):
            continue  # "has not publicly opposed the bill": no claim to attribute
        if text.endswith(" to", 0, between):
            continue  # "declined to comment": an infinitive, whose subject is read elsewhere
        aside = _APPOSITION_RE.search(text, max(0, between - 120), between) if loose else None
        if aside is not None:  # "Officials, who asked not to be named, said": officials
            if named := _ASIDE_NAME_RE.fullmatch(text, aside.start(), aside.end()):
                # "Manafort's lawyer, Kevin Downing, told reporters": the name speaks
                yield Speaker(*named.span("name"), "name", True)
                continue
            # a listed verb after a described name is no wider cue ("Motorola Inc., the
            # world's second-largest mobile phone maker, said")
            described = _DESCRIBED_RE.match(text, aside.start()) is not None
            between, wider = aside.start(), wider or not described
        span = _phrase_before(text, between)
        if span is None and loose and text.endswith(" and", 0, between):
            # "Police investigating the murder dismissed its influence and said": the
            # sentence's subject
            subject = _sentence_subject(text, between - 4)
            if subject and (kind := _sorted_kind(text[subject[0]:subject[1]])):
                if kind == "other" and (tail_start := _named_tail(text, *subject)):
                    subject, kind = (tail_start, subject[1]), "name"  # "Monitoring firm Netcraft"
                yield Speaker(*subject, kind, True)
            continue
        if span is None or (span[2] and not loose):
            continue
        s, e, relative = span
        if when := _TIME_FIRST_RE.match(text, s, e):
            s = when.end()  # "Last month Australia's competition watchdog said"
        wider = wider or relative
        if _REPORTED_BEFORE_RE.search(text, max(0, s - 24), s):
            continue  # "Duric said Finance Minister Tomas Varga had agreed": Duric's words
        kind = _kind(text[s:e])
        if kind in ("body", "other", None) and (tail_start := _named_tail(text, s, e)):
            s, kind = tail_start, "name"  # "US phone company Qwest"
        if kind is None or (kind == "other" and not loose):
            continue
        if kind == "body":
            kind = _body_kind(text[s:e])
        wider = wider or kind == "other"
        if kind == "name" and " and " in text[s:e]:
            left, _, right = text[s:e].partition(" and ")
            if left[:1].isupper() and right[:1].isupper():
                yield from _listed_before(text, s, wider)  # "Paramount, Universal and"
                yield Speaker(s, s + len(left), kind, wider)
                yield Speaker(e - len(right), e, kind, wider)
                continue
        yield Speaker(s, e, kind, wider)


_LISTED_NAME_RE = re.compile(
    r"(?:(?<=[\s(])|^)[A-Z][\w&'’.\-]*(?: [A-Z][\w&'’.\-]*){0,3}, $")


def _listed_before(text: str, start: int, wider: bool) -> Iterator[Speaker]:
    """The names listed with commas before "A and B" that speak ("Paramount, Universal and
    Warner Brothers said"), at most three."""
    found: list[Speaker] = []
    while len(found) < 3 and (m := _LISTED_NAME_RE.search(text, max(0, start - 50), start)):
        found.append(Speaker(m.start(), m.end() - 2, "name", wider))
        start = m.start()
    yield from reversed(found)


_NEXT_WORD_RE = re.compile(r"[\w'’\-]+")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n)(?=[A-Z\"“])", re.M)
_SUBJECT_WORDS = 6
_TIME_FIRST_RE = re.compile(
    r"(?:(?:Last|Next|This|Earlier\s+this|Later\s+this)\s+(?:week|month|year|[A-Z][a-z]+day)|"
    r"(?:On\s+)?[A-Z][a-z]+day|Yesterday|Today|"
    r"In\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|\d{4}))\s+(?=\S)")
_DATELINE_START_RE = re.compile(r"[A-Z][A-Z .,'’\-]*(?:\([^()\n]{1,40}\))?\s*[-–—]+\s+")
_NOT_SUBJECT_START = (_STOP | _ALLOWED_LOWER) - {"the", "a", "an"}


def _sentence_subject(text: str, cue: int) -> tuple[int, int] | None:
    """The words a sentence starts with, up to its first comma, auxiliary or past tense
    ("Downing Street would not be drawn", "The firm rejected the claim")."""
    starts = list(_SENTENCE_START_RE.finditer(text, max(0, cue - 300), cue))
    if not starts:
        return None
    s = e = starts[-1].end()
    if dateline := _DATELINE_START_RE.match(text, s, cue):
        s = e = dateline.end()  # "BEIJING (Reuters) - China battled ..."
    if _ANY_VERB_RE.search(text, s, cue):
        return None  # "X said ..., adding": the speaker of "said" is read already
    for n, w in enumerate(_NEXT_WORD_RE.finditer(text, s, cue)):
        word = w.group()
        if not n and word.lower() in _NOT_SUBJECT_START:
            return None  # "In Paris, ...", "But ..."
        if n == _SUBJECT_WORDS or text[e:w.start()].strip():
            return None  # no verb to end the subject: "The trouble began on the show, ..."
        if n and (word.lower() in _STOP or word.endswith("ed")):
            break
        e = w.end()
    return (s, e) if e > s else None
