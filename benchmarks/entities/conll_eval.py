"""Score people extraction on CoNLL-2003 dev (never test): document-level strict F1.

    python benchmarks/entities/conll_eval.py [--split dev] [--layout lines|para] [--rules]

Prints P / R / F1 overall, for sport and for non-sport stories, with the same scoring
as benchmarks/entities_eval.py (one entry per person, its fullest form must match).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from entities.conll import Doc, available, read  # noqa: E402
from entities_eval import Score, alts, norm  # noqa: E402

from reader.models import Entities  # noqa: E402


def score(docs: list[Doc], ents: Callable[[str], Entities],
          details: bool = False) -> dict[str, Score]:
    out = {"all": Score(), "sport": Score(), "non-sport": Score()}
    for doc in docs:
        pred = [[norm(p.name)] for p in ents(doc.text).people]
        gold = alts(doc.people())
        for key in ("all", "sport" if doc.sport else "non-sport"):
            fps, fns = out[key].add(pred, gold, [])
        if details and (fps or fns):
            print(f"{doc.key}: FP {fps} FN {fns}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--layout", default="lines")
    ap.add_argument("--rules", action="store_true", help="the rules alone")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    if not available():
        sys.exit("CoNLL-2003 is not in ../shared/corpus/conll2003")
    docs = read(args.split, args.layout)
    if args.rules:
        from reader.entities.extractor import extract as fn
    else:
        from reader.entities import extract as fn
    t = time.process_time()
    res = score(docs, fn, args.details)
    took = time.process_time() - t
    for key, s in res.items():
        print(f"{args.split} {args.layout} {key:9} {s.line()}")
    print(f"{len(docs)} stories in {took:.2f} CPU-s")


if __name__ == "__main__":
    main()
