"""Full names learned from other stories, used as hints (never as a story's own name)."""

from __future__ import annotations

from collections.abc import Iterable


class KnownNames:
    """A set of full personal names, e.g. every multi-word person stored so far.

    ``KnownNames(["Donald Trump", "Theresa May"])``.  A story that only says "Trump"
    gets ``hint="Donald Trump"`` on its Trump entity, and the extractor may treat a
    bare "Trump" as a person; the entity's ``name`` stays "Trump".
    """

    __slots__ = ("_by_last", "_names")

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names: set[str] = set()
        self._by_last: dict[str, set[str]] = {}
        for n in names:
            self.add(n)

    def add(self, name: str) -> None:
        """Remember ``name`` if it has at least two words."""
        clean = " ".join(name.split())
        parts = clean.split(" ")
        if len(parts) < 2:
            return
        self._names.add(clean)
        # A new set, not an update in place: a worker reading this one meanwhile
        # (full_name_for) never sees it change size under its iterator.
        self._by_last[parts[-1]] = {*self._by_last.get(parts[-1], ()), clean}

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and " ".join(name.split()) in self._names

    def __len__(self) -> int:
        return len(self._names)

    def full_name_for(self, surname: str) -> str | None:
        """The single known full name ending in ``surname``, or None if none or several."""
        found = self._by_last.get(surname)
        if found and len(found) == 1:
            return next(iter(found))
        return None

    def hint_for(self, name: str) -> str | None:
        """The hint for a person a story names ``name``: the single known full name ending
        in it when ``name`` is one word, else None (a story's full name needs none)."""
        return self.full_name_for(name) if " " not in name else None

    def has_surname(self, surname: str) -> bool:
        return surname in self._by_last
