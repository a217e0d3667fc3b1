"""From candidates to people: score the multi-word candidates, accept the undecided ones
joined to an accepted person ("X and Y"), gather the forms of each person, attach a later
"Blair" or "Mr Blair" to the nearest earlier "Tony Blair" (a unique first name to its
full name), decide the remaining one-word names at document level, and merge people
whose fullest forms differ only by middle initials."""

from __future__ import annotations

from reader.entities import _lexicon as L
from reader.entities import rules_weights as W
from reader.entities.rules_cues import DocCues, speech
from reader.entities.rules_doc import Cand, Doc, Person
from reader.entities.rules_scoring import score_multi, single_is_person
from reader.entities.rules_text import AGE_RE, without_middle_initials


def find_people(doc: Doc, cands: list[Cand]) -> list[Person]:
    """The story's people (each with its forms, mentions and the sentences where it
    speaks), in order of first mention."""
    text = doc.text
    doc_cues = DocCues(text, cands)
    people: list[Person] = []
    by_form: dict[str, Person] = {}

    def add(p: Person, c: Cand) -> None:
        form = c.name
        p.forms[form] = p.forms.get(form, 0) + 1
        span = (c.start, c.end)
        if span not in p.mentions:
            p.mentions.append(span)
        if speech(doc, c):
            p.speech_sents.append(doc.sent_index(c.start))

    multi: list[Cand] = []
    single: list[Cand] = []
    for c in cands:
        if len(c.toks) >= 2 and not (
            len(c.toks) == 2 and c.toks[1].text in L.ROMAN_SUFFIXES and not c.titled_person
        ):
            multi.append(c)
        else:
            single.append(c)

    accepted: list[Cand] = []
    pending: list[Cand] = []
    for c in multi:
        if c.table:
            accepted.append(c)
            continue
        sc = score_multi(doc, c, doc_cues)
        if sc >= W.ACCEPT:
            accepted.append(c)
        elif sc >= W.UNDECIDED:
            pending.append(c)
        else:
            # salvage the last token as a possible surname mention
            tail = c.toks[-1]
            if tail.text not in L.ORG_WORDS:
                single.append(Cand([tail], tail.start, initial=False, salvage=True))
    # coordination: "X and Y" / "X, Y" next to an accepted person; "X, 31,"
    acc_starts = {c.run_start for c in accepted}
    acc_ends = {c.end for c in accepted}
    for c in pending:
        gap_after = text[c.end : c.end + 6]
        gap_before = text[max(0, c.run_start - 6) : c.run_start]
        joined = any(
            c.end + len(gap_after[:k]) in acc_starts
            for k in range(1, 7)
            if gap_after[:k].strip(" ,") in {"and", ""}
        ) or any(
            c.run_start - k in acc_ends
            for k in range(1, 7)
            if gap_before[-k:].strip(" ,") in {"and", ""}
        )
        if joined or AGE_RE.match(text, c.end):
            accepted.append(c)

    accepted.sort(key=lambda c: c.start)
    for c in accepted:
        name = c.name.removesuffix(".")  # "Hank Williams Jr." is "Hank Williams Jr"
        p = by_form.get(name)
        if p is None:
            # a shorter multi-word form that is a suffix of a known person
            folded = " " + name.casefold()  # "De Marigny" of "Roland de Marigny"
            for q in people:
                if any(f.casefold().endswith(folded) for f in q.forms):
                    p = q
                    break
        if p is None:
            p = Person(first=c.start)
            people.append(p)
        by_form[name] = p
        add(p, c)
    # one-word mentions: a surname or given name of a person found above, else decided
    # below at document level
    last_index: dict[str, list[Person]] = {}
    first_index: dict[str, list[Person]] = {}
    for p in people:
        for f in p.forms:
            parts = f.split()
            last_index.setdefault(parts[-1].replace("’", "'"), []).append(p)
            first_index.setdefault(parts[0], []).append(p)
    pending_single: list[Cand] = []
    for c in single:
        w = c.toks[0].text
        if not w or not w[0].isupper():
            continue
        cands_p = last_index.get(w.replace("’", "'"))  # "O'Reilly" is "O’Reilly"
        if cands_p:
            # nearest preceding person with that surname
            best = None
            for p in cands_p:
                if p.first <= c.start and (best is None or p.first > best.first):
                    best = p
            add(best or cands_p[0], c)
            continue
        fp = first_index.get(w)
        if fp and len({id(p) for p in fp}) == 1 and (not c.titled_person or c.headline):
            add(fp[0], c)
            continue
        if fp and not c.titled_person and w in doc.lex.first_names:
            continue  # "guess which John ...": one of the story's Johns, not another
        pending_single.append(c)

    # decide remaining single tokens at document level
    groups: dict[str, list[Cand]] = {}
    for c in pending_single:
        if c.salvage:
            continue
        groups.setdefault(c.toks[0].text, []).append(c)
    for w, cs in groups.items():
        if single_is_person(doc, w, cs, doc_cues):
            p = Person(first=cs[0].start)
            people.append(p)
            for c in cs:
                add(p, c)

    return _merged(people)


def _merged(people: list[Person]) -> list[Person]:
    """``people`` in order of first mention, each with its fullest form as ``best``,
    those whose fullest forms differ only by middle initials merged."""
    merged: list[Person] = []
    people.sort(key=lambda p: min(s for s, _ in p.mentions) if p.mentions else 0)
    for p in people:
        best = max(p.forms, key=lambda f: (len(f.split()), p.forms[f], -len(f)))
        p.best = best
    # merge people with the same best name, middle initials aside ("Donald J. Trump")
    seen: dict[str, Person] = {}
    for p in people:
        key = _without_middle_initials(p.best)
        q = seen.get(key)
        if q is not None:
            for f, n in p.forms.items():
                q.forms[f] = q.forms.get(f, 0) + n
            q.mentions.extend(m for m in p.mentions if m not in q.mentions)
            q.speech_sents.extend(p.speech_sents)
            if len(p.best.split()) > len(q.best.split()):
                q.best = p.best
            continue
        seen[key] = p
        merged.append(p)
    return merged


def _without_middle_initials(name: str) -> str:
    words = name.split()
    return name if len(words) < 3 else " ".join(without_middle_initials(words))
