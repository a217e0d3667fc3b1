"""Linear scans of hostile HTML for a few tags and their attributes (read by
:func:`reader.html_tokens.attributes`, the tokenizer's own).

Every pattern stops at the next ``<`` or ``>``, or is one forward search, so no
page can make them quadratic.  (The stdlib ``HTMLParser`` is: 20,000
characters of ``<a `` took it seconds, and a 2 MB page hours.)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from reader.html_tokens import attributes

_ANY_TAG = re.compile(r"<[^<>]*>")


def start_tags(page: str, *names: str) -> Iterator[tuple[str, dict[str, str]]]:
    """``(name, attributes)`` of every start tag called one of ``names``, in order."""
    pattern = re.compile(rf"<({'|'.join(map(re.escape, names))})\b([^<>]*)>", re.I)
    for match in pattern.finditer(page):
        yield match[1].lower(), attributes(match[2])


def element_text(page: str, tag: str) -> str:
    """The text of the first ``<tag>`` element, markup stripped."""
    opening = re.search(rf"<{tag}\b[^<>]*>", page, re.I)
    if opening is None:
        return ""
    closing = re.compile(rf"</{tag}\s*>", re.I).search(page, opening.end())
    inner = page[opening.end(): closing.start() if closing else opening.end()]
    return html.unescape(_ANY_TAG.sub("", inner))
