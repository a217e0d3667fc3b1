"""Given names of 54 countries, read from the installed ``gender-guesser`` package.

Its ``nam_dict.txt`` (Jörg Michael, 2007-2008, GNU Free Documentation License 1.2) lists
about 48,000 first names with a frequency from 1 (rare) to 13 (extremely common) in each
country.  Names that are common somewhere (frequency >= ``MIN_FREQUENCY``) help the
extractor with "Henri Sivonen" or "Liisa Ecola", which the US census lists lack.  The file
is read where pip installed it and is not copied into this package; without the package
the extractor runs on its own lists alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

MIN_FREQUENCY = 4
_NAME = slice(3, 29)  # the file's fixed columns
_SORT_FLAG = 29  # "+": a second copy of a name spelt with expanded umlauts
_FREQUENCIES = slice(30, 85)
_COMMON_ENOUGH = frozenset(f"{f:X}" for f in range(MIN_FREQUENCY, 14))  # hex digits


def world_given_names() -> Iterator[str]:
    """Every one-word name with ``MIN_FREQUENCY`` or more in some country; none if the
    package is not installed or its file cannot be read."""
    try:
        data = resources.files("gender_guesser").joinpath("data", "nam_dict.txt")
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError, UnicodeDecodeError):
        return
    for line in text.splitlines():
        if line[:1] in ("#", "=") or len(line) <= _SORT_FLAG or line[_SORT_FLAG] == "+":
            continue
        name = line[_NAME].strip()
        if len(name) < 3 or " " in name or not name[0].isupper() or "." in name:
            continue
        if not _COMMON_ENOUGH.isdisjoint(line[_FREQUENCIES]):
            yield name
