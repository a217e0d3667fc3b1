"""Time every text-processing entry point on adversarial inputs (super-linear regexes).

Run: python fuzz/pathological.py [SIZE]   (default 20,000 characters)
Prints the slowest (function, pattern) pairs; anything over a second is a finding.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from reader.entities import extract
from reader.html_text import html_to_line, html_to_text
from reader.ingest.items import clean_author
from reader.ingest.local import parse_html_article, parse_text_article
from reader.ingest.markdown import markdown_to_text, split_front_matter
from reader.sanitize import sanitize_line, sanitize_text

UNITS = [
    "<", "<a", "<a ", '<a "x', "<a 'x", '<a href="', "<!", "<!--", "<?", "</", "</a",
    "&", "&#", "&#x", "&amp", "\x1b[", "\x1b]", "\x9d", "\x1b[0", "a", " ", "\n", "\n\n",
    "*", "**", "_", "__", "~~", "`", "[", "](", "[a](", "![", "[a]", "<http://", "#",
    "> ", "- ", "1. ", "---\n", "a@b", "(", "<a@b.c>", "\u202e", "\u200b", "\t", "\r",
    "Mr ", "Smith ", "said ", '"', "'", "\u201c", "A. ", "Dr. ", "John Smith, ",
]
FUNCTIONS: dict[str, Callable[[str], object]] = {
    "html_to_text": html_to_text,
    "html_to_line": html_to_line,
    "sanitize_text": sanitize_text,
    "sanitize_line": sanitize_line,
    "markdown_to_text": markdown_to_text,
    "split_front_matter": split_front_matter,
    "parse_text_article": parse_text_article,
    "parse_html_article": parse_html_article,
    "clean_author": clean_author,
    "extract": extract,
}


def main(size: int) -> None:
    timings: list[tuple[float, str, str]] = []
    for name, function in FUNCTIONS.items():
        for unit in UNITS:
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            function(text)
            elapsed = time.perf_counter() - start
            timings.append((elapsed, name, unit))
            if elapsed > 1:
                print(f"SLOW {elapsed:7.2f}s {name}({unit!r} * {size // len(unit)})", flush=True)
    for elapsed, name, unit in sorted(timings, reverse=True)[:15]:
        print(f"{elapsed:7.3f}s {name}({unit!r})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
