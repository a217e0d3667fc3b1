"""Evaluate reader.entities on a gold file (default tests/data/entities/gold.json).

    python benchmarks/entities_eval.py [--gold PATH] [--details] [--split NAME]
                                       [--no-spacy] [--no-speed] [--store]

Prints document-level precision / recall / F1 for people (one entry per person, the
canonical full form must match) and for cited outlets, per split (whatever the gold file
calls them), per split for sports and other stories where a split has both, and for all
documents; then stories per CPU-second.  When spaCy and an English pipeline are
importable, the same scores are printed for "ours+spaCy" (reader's spaCy backend: spaCy's
entities as evidence for the rules) and, as a baseline, for spaCy alone (PERSON entities,
surname merged into the longest form), with a summary table of the columns.

Texts are read from ../shared (relative to the repo root) and never copied.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "data" / "entities" / "gold.json"
sys.path.insert(0, str(ROOT))

from reader.entities import extract  # noqa: E402
from reader.models import Entities  # noqa: E402

Names = list[list[str]]


def read_bytes_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def feed_text(entry: dict[str, object]) -> str:
    title = str(entry.get("title") or "")
    summary = str(entry.get("summary") or "")
    body = re.sub(r"<[^>]+>", " ", summary)
    body = html.unescape(re.sub(r"\s+", " ", body)).strip()
    return f"{title}\n\n{body}"


_feed_cache: dict[str, list[dict[str, object]]] = {}


def feed_entries(path: Path) -> list[dict[str, object]]:
    """A feed's entries in document order: feedparser's, or a JSON Feed's items.

    feedparser has no JSON Feed support, so a .json file's items are read directly,
    their summary being content_html, else content_text, else summary.
    """
    if path.suffix == ".json":
        items = json.loads(path.read_bytes()).get("items") or []
        return [
            {
                "title": item.get("title") or "",
                "summary": item.get("content_html")
                or item.get("content_text")
                or item.get("summary")
                or "",
            }
            for item in items
        ]
    import feedparser

    return list(feedparser.parse(str(path)).entries)


def load_text(doc: dict[str, object]) -> str:
    path = SHARED / str(doc["path"])
    if "entry" in doc:
        key = str(path)
        if key not in _feed_cache:
            _feed_cache[key] = feed_entries(path)
        return feed_text(_feed_cache[key][int(str(doc["entry"]))])
    return read_bytes_text(path)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", " ".join(s.split())).casefold()
    return s[4:] if s.startswith("the ") else s


def _listed(doc: dict[str, object], key: str) -> Names:
    """``alts`` of a gold document's list under ``key`` (none when it is absent)."""
    items = doc.get(key)
    return alts(items) if isinstance(items, list) else []


def alts(items: Iterable[object]) -> Names:
    out: Names = []
    for it in items:
        out.append([norm(x) for x in it] if isinstance(it, list) else [norm(str(it))])
    return out


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(
        self, pred: list[list[str]], gold: Names, optional: Names
    ) -> tuple[list[str], list[str]]:
        """pred: each prediction as its list of acceptable strings (name + aliases)."""
        used = [False] * len(gold)
        fps: list[str] = []
        for forms in pred:
            idx = next(
                (i for i, g in enumerate(gold) if not used[i] and any(f in g for f in forms)),
                None,
            )
            if idx is not None:
                used[idx] = True
                self.tp += 1
            elif any(f in o for f in forms for o in optional):
                continue
            else:
                self.fp += 1
                fps.append(forms[0])
        fns = [g[0] for i, g in enumerate(gold) if not used[i]]
        self.fn += len(fns)
        return fps, fns

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def line(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


Scorer = Callable[[str], list[list[str]]]


def scorers(ents: Callable[[str], Entities]) -> tuple[Scorer, Scorer]:
    """People and cited outlets as the scores want them (each as its acceptable forms)
    from an extractor ``ents``."""

    def people_fn(text: str) -> list[list[str]]:
        return [[norm(p.name)] for p in ents(text).people]

    def outlets_fn(text: str) -> list[list[str]]:
        return [[norm(s.name)] + [norm(a) for a in s.aliases]
                for s in ents(text).sources if s.kind == "outlet"]

    return people_fn, outlets_fn


def bbc_paths() -> list[Path]:
    """The 200 BBC stories of the shared corpus, in path order."""
    return sorted((SHARED / "corpus" / "news-articles" / "bbc").glob("*/*.txt"))


def store_texts(docs: list[dict[str, object]]) -> list[str]:
    """What a reader's store would hold next to ``docs``: every entry of each feed they
    come from and, when any is a BBC story, all 200 BBC stories."""
    texts: list[str] = []
    for path in dict.fromkeys(str(d["path"]) for d in docs if "entry" in d):
        entries = feed_entries(SHARED / path)
        texts.extend(feed_text(e) for e in entries)
    if any("entry" not in d for d in docs):
        texts.extend(read_bytes_text(p) for p in bbc_paths())
    return texts


def store_fns(docs: list[dict[str, object]]) -> tuple[Scorer, Scorer]:
    """Ours as the app runs it after a first pass: each story extracted with the full
    names (two words or more) found in every story of its store (see store_texts)."""
    from reader.entities import KnownNames

    known = KnownNames(
        p.name for t in store_texts(docs) for p in extract(t).people if " " in p.name
    )
    return scorers(lambda text: extract(text, known))


def spacy_people_fn() -> Scorer | None:
    """spaCy alone (the baseline): PERSON entities, titles cut, surnames merged."""
    try:
        from reader.entities import spacy_backend
    except Exception:
        return None
    if spacy_backend.problem() is not None:
        return None
    nlp = spacy_backend.load()
    titles = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|President|Prime Minister|"
                        r"Prince|King|Queen)\.?\s+)+")

    def run(text: str) -> list[list[str]]:
        doc = nlp(text)
        forms = []
        for e in doc.ents:
            if e.label_ == "PERSON":
                t = titles.sub("", re.sub(r"['’]s$", "", e.text.strip()))
                if t:
                    forms.append(t)
        full = sorted(set(forms), key=lambda f: -len(f.split()))
        canon: dict[str, str] = {}
        for f in full:
            target = next((g for g in full if len(g.split()) > len(f.split())
                           and g.split()[-1] == f.split()[-1]), f)
            canon[f] = target
        return [[norm(n)] for n in sorted(set(canon.values()))]

    return run


def spacy_merged_fns() -> tuple[Scorer, Scorer] | None:
    """ours+spaCy: reader's own spaCy backend (spaCy entities as evidence for the rules)."""
    try:
        from reader.entities import spacy_backend
    except Exception:
        return None
    if spacy_backend.problem() is not None:
        return None
    cache: dict[str, Entities] = {}

    def ents(text: str) -> Entities:
        if text not in cache:
            cache[text] = spacy_backend.extract_spacy(text)
        return cache[text]

    return scorers(ents)


Selector = Callable[[dict[str, object]], bool]


def groups_for(docs: list[dict[str, object]]) -> dict[str, Selector]:
    """One group per split (whatever the names), per split sport / non-sport where a split
    has both, all non-sport and all sport stories where there are several splits, then all
    documents."""
    groups: dict[str, Selector] = {}
    splits = list(dict.fromkeys(str(d.get("split", "?")) for d in docs))
    for sp in splits:
        groups[sp] = lambda d, sp=sp: str(d.get("split", "?")) == sp  # type: ignore[misc]
    for sp in splits:
        cats = {d.get("category") == "sport" for d in docs if str(d.get("split", "?")) == sp}
        if cats == {True, False}:
            groups[f"{sp} non-sport"] = (
                lambda d, sp=sp: str(d.get("split", "?")) == sp  # type: ignore[misc]
                and d.get("category") != "sport"
            )
            groups[f"{sp} sport"] = (
                lambda d, sp=sp: str(d.get("split", "?")) == sp  # type: ignore[misc]
                and d.get("category") == "sport"
            )
    if len(splits) > 1 and any(d.get("category") == "sport" for d in docs):
        # across splits (feed descriptions count as non-sport): the bars
        groups["all non-sport"] = lambda d: d.get("category") != "sport"
        groups["all sport"] = lambda d: d.get("category") == "sport"
    groups["all"] = lambda d: True
    return groups


def evaluate(
    docs: list[dict[str, object]],
    texts: list[str],
    people_fn: Scorer,
    outlets_fn: Scorer | None,
    details: bool,
) -> dict[str, tuple[Score, Score]]:
    groups = groups_for(docs)
    ppl = {g: Score() for g in groups}
    outs = {g: Score() for g in groups}
    for doc, text in zip(docs, texts, strict=True):
        gp, op = _listed(doc, "people"), _listed(doc, "optional_people")
        go, oo = _listed(doc, "outlets"), _listed(doc, "optional_outlets")
        pred_p = people_fn(text)
        pred_o = outlets_fn(text) if outlets_fn else []
        fps: list[str] = []
        fns: list[str] = []
        ofp: list[str] = []
        ofn: list[str] = []
        for g, sel in groups.items():
            if sel(doc):
                fps, fns = ppl[g].add(pred_p, gp, op)
                if outlets_fn:
                    ofp, ofn = outs[g].add(pred_o, go, oo)
        if details and (fps or fns or ofp or ofn):
            tag = f"{doc['path']}" + (f"#{doc['entry']}" if "entry" in doc else "")
            print(f"  {doc.get('split', '?')!s:8} {tag}")
            if fps:
                print(f"      people FP: {fps}")
            if fns:
                print(f"      people FN: {fns}")
            if ofp:
                print(f"      outlet FP: {ofp}")
            if ofn:
                print(f"      outlet FN: {ofn}")
    width = max(len(g) for g in groups)
    for g in groups:
        print(f"  people  {g:{width}} {ppl[g].line()}")
    if outlets_fn:
        for g in groups:
            print(f"  outlets {g:{width}} {outs[g].line()}")
    return {g: (ppl[g], outs[g]) for g in groups}


def summary(results: dict[str, dict[str, tuple[Score, Score]]]) -> None:
    """People F1 (and outlets P/R) per group, one column per system."""
    names = list(results)
    groups = list(next(iter(results.values())))
    width = max(len(g) for g in groups)
    print("summary, people F1 (outlets P/R):")
    print(f"  {'':{width}}  " + "  ".join(f"{n:>22}" for n in names))
    for g in groups:
        cells = []
        for n in names:
            pp, oo = results[n][g]
            _, _, f = pp.prf()
            op, orc, _ = oo.prf()
            out = f" ({op:.2f}/{orc:.2f})" if oo.tp + oo.fp + oo.fn else ""
            cells.append(f"{f:.3f}{out}".rjust(22))
        print(f"  {g:{width}}  " + "  ".join(cells))


def speed(fn: Callable[[str], object], corpus: list[str], passes: int) -> tuple[float, float]:
    """Stories per CPU-second of one process (one core): median and best of ``passes``."""
    rates = []
    for _ in range(passes):
        t0 = time.process_time()
        for t in corpus:
            fn(t)
        rates.append(len(corpus) / max(1e-9, time.process_time() - t0))
    return statistics.median(rates), max(rates)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true", help="list errors per document")
    ap.add_argument("--split", help="only documents of this split")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="gold file (default tests/data/entities/gold.json)")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy columns")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    ap.add_argument("--store", action="store_true",
                    help="also score ours with the names known from a store of the "
                    "documents' whole feeds and the BBC corpus (as the app extracts)")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"shared corpus not found at {SHARED}; nothing to evaluate")
        return
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    docs = [d for d in gold["documents"] if not args.split or d.get("split") == args.split]
    texts = [load_text(d) for d in docs]
    print(f"gold: {args.gold.name}: {len(docs)} documents, "
          f"{sum(len(d.get('people', [])) for d in docs)} people, "
          f"{sum(len(d.get('outlets', [])) for d in docs)} cited outlets")
    results: dict[str, dict[str, tuple[Score, Score]]] = {}
    print("ours (rules):")
    results["ours"] = evaluate(docs, texts, *scorers(extract), args.details)

    if args.store:
        print("ours with a store (names known from the documents' feeds and the BBC corpus):")
        results["ours+store"] = evaluate(docs, texts, *store_fns(docs), args.details)

    corpus = [read_bytes_text(p) for p in bbc_paths()]
    if not args.no_speed:
        words = sum(len(t.split()) for t in corpus) / max(1, len(corpus))
        for t in corpus[:5]:
            extract(t)
        med, best = speed(extract, corpus, 7)
        print(f"speed: {med:,.0f} stories per CPU-second, median of 7 passes (best {best:,.0f}; "
              f"{len(corpus)} BBC stories, mean {words:.0f} words; load average "
              f"{os.getloadavg()[0]:.2f})")

    merged = None if args.no_spacy else spacy_merged_fns()
    if merged is not None:
        from reader.entities import spacy_backend

        print(f"ours+spaCy ({spacy_backend.model_name()}):")
        results["ours+spaCy"] = evaluate(docs, texts, merged[0], merged[1], args.details)
        if not args.no_speed:
            med, _ = speed(spacy_backend.extract_spacy, corpus[:40], 1)
            print(f"ours+spaCy speed: {med:,.1f} stories per CPU-second (40 BBC stories)")
    sp = None if args.no_spacy else spacy_people_fn()
    if sp is not None:
        print("spaCy alone (people only):")
        results["spaCy alone"] = evaluate(docs, texts, sp, None, False)
    elif not args.no_spacy:
        print("spaCy: not installed (see reader/entities/README.md); no spaCy columns")
    summary(results)


if __name__ == "__main__":
    main()
