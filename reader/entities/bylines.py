"""Wire bylines in capitals: "By MICHAEL LIEDTKE SAN FRANCISCO (AP) --".

A wire story's byline is a person the statistics cannot see: every word is in capitals
and the dateline's city follows without a break.  The byline is read as a given name
(known to the lexicon), an optional initial, and one surname; the name is shown in title
case and the capitals are kept as the form the story uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.entities import _lexicon as L
from reader.models import Span

# "By" at the start or after white space, tested once the "B" is read (a pattern that
# starts with a literal lets the regex engine skip ahead in C)
_BYLINE_RE = re.compile(
    r"B(?<!\S.)y\s+(?P<first>[A-Z][A-Z'’\-]+)(?P<initial>\s+[A-Z]\.)?\s+(?P<last>[A-Z][A-Z'’\-]+)"
    r"(?![a-z])"
)


# a wire dateline right after the name: "WASHINGTON (AP) --"
_DATELINE_AFTER_RE = re.compile(r"\s+[A-Z][A-Z.,'’\- ]{1,40}\([A-Za-z .]{2,20}\)\s*[-–—]")


def bylines(text: str) -> Iterator[tuple[Span, str]]:
    """The span of each capitals byline's name, and the name in title case: a given name
    the lexicon knows, or any before a wire dateline ("By DIEDTRA HENDERSON WASHINGTON
    (AP) --")."""
    lex = L.lexicon()
    for m in _BYLINE_RE.finditer(text):
        first = m.group("first")
        if first.capitalize() not in lex.first_names and (
                first.lower() in lex.common or m.group("last").lower() in lex.common
                or not _DATELINE_AFTER_RE.match(text, m.end())):
            continue
        s, e = m.start("first"), m.end("last")
        words = [first, *(m.group("initial") or "").split(), m.group("last")]
        yield (s, e), " ".join(w if w.endswith(".") else w.capitalize() for w in words)
