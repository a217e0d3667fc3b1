"""The hand-set weights of the rules' person decision, in one place.

Multi-word candidates (rules_scoring.score_multi) add these up: a candidate is a person
at ``ACCEPT`` or more and undecided from ``UNDECIDED`` (then a person only when joined to
an accepted one: "X and Y", "X, 31,"); below, its last word may still be a surname.  A
one-word name that matches no full name in the story (rules_scoring.single_is_person) is
a person at ``SINGLE_ACCEPT`` or more.  Document cues on a surname (rules_cues.DocCues)
count for both.
"""

from __future__ import annotations

# ---------------------------------------------------------------- multi-word candidates
ACCEPT = 2
UNDECIDED = 0
VETO = -10  # a place, an organisation, a well-known non-person, "Cyber Monday"
ORG_WORD = -3  # each organisation word that is also a surname ("Katie Hill")
TITLED = 3  # a title or a role stripped in front ("President", "Engineers")
GIVEN_NAME = 2  # first word a given name, or initials
SURNAME = 1  # last word a surname
MIDDLE_INITIAL = 1  # "William J. Brennan"
COMMON_WORD = -2  # each common word that is not a name
PLACE_WORD = -1  # each place that is not a name
SHAPE = 1  # three words or fewer, no common word, no country
COUNTRY = -3
PARTICLE = 2  # a particle inside: "Jeroen van der Veer"
LONG_NAME = -1  # each word beyond three (particles aside)
ROLE_BEFORE = 2  # "sculptor X", "analysts X"
COMPANY_BEFORE = -3  # "firm X", "market analyst X"
POSSESSIVE_BEFORE = 1  # "Apple's Tim Cook"
SPEECH = 2  # "X said", "said X"
APPOSITIVE_ROLE = 2  # "X, president of ..."
PERSON_AFTER = 3  # a party tag, tweet signature or by-line (and then never below ACCEPT)
PERSON_BEFORE = 2  # "interview with X", "a developer named X"
NOTABLE = 3  # a well-known person's full name
LISTED = 2  # an item of "people such as X and Y"
PAIRED = 2  # one of a pair of people: "Trump-Xi summit"
# A tagger's PERSON span around a multi-word candidate counts as much as a role noun
# before it.  One-word PERSON spans and the tagger's other labels are not used: on the
# stories outside the gold set, spaCy's small model added more false people than real
# ones through them (companies, products, bands).
NER_PERSON = 2
SENTENCE_INITIAL_WORD = -2  # a capitalised common word opening a sentence

# ---------------------------------------------------------------- document cues
CUE_HONORIFIC = 3  # "Mr X" somewhere in the story
CUE_CONTEXT = 2  # "X, 31,", "X, who", "X's wife", a team sheet's "X"

# ---------------------------------------------------------------- one-word names
SINGLE_ACCEPT = 3
SINGLE_POSSESSIVE = 1  # "Trump's Lies" (a well-known surname)
SINGLE_NOTABLE = 3  # a well-known person's surname ("Lavrov") ...
SINGLE_NOTABLE_WORD = 2  # ... that is also a word
SINGLE_KNOWN = 2  # a surname known from another story (KnownNames) ...
SINGLE_KNOWN_WORD = 1  # ... that is also a word ("Fox", "Mulligan")
SINGLE_ALSO_ORG = -2  # "Swift", "Ford", "Dell": as often a firm or a product
SINGLE_SURNAME = 1
SINGLE_GIVEN_NAME = -1
SINGLE_ROLE_OR_LIST = 3  # "sculptor X", "people such as X"
SINGLE_SPEECH = 2
