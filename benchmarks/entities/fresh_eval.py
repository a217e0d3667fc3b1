"""Score people and sources on a span-labelled gold set (tests/data/entities/gold_fresh.json).

    python benchmarks/entities/fresh_eval.py [--gold PATH] [--texts DIR] [--rules] [--details]

Sets: gold_fresh.json (first scored 2026-12-07, then tuned on and trained on) and
gold_fresh2.json (the second fresh set, held out: never trained on) and gold_fresh3.json
(the third, labelled 2026-12-07 by a helper from texts alone, first scored and then
trained on), gold_fresh4.json (the fourth, labelled the same way, first scored mid-round
and then tuned on, never trained on) and gold_fresh5.json (the fifth, scored once at the
end of the round, then tuned on), gold_fresh6.json (the sixth, with modern feed items,
labelled 2026-12-07 by a helper from texts alone and kept unscored until the end of its
round) and gold_fresh7.json (the seventh, labelled the same way by another helper, also
kept unscored until then); gold_fresh6 and gold_fresh7 were first scored at 6921a76 and
tuned on after; gold_fresh8.json (the eighth: web news pages of trafilatura's evaluation
set, BBC stories, AG News snippets) was labelled while they were tuned on and was scored
once, at that round's end; gold_fresh9.json and gold_fresh10.json (the ninth and tenth,
web pages, BBC stories and AG News snippets on disjoint draws, labelled by two helpers
working apart) were scored once at the end of the next round and tuned on after.

The set's texts are not in the repository (they come from public research corpora
that may not be copied); ``--texts`` names the folder that holds them (default
../fresh_eval/texts beside the repository).  Prints, per category and overall:
people P/R/F1 (document level, fullest form), cited outlets P/R/F1, and the recall
of each kind of source (a gold source counts as found when a source of a fitting kind
has a mention overlapping its phrase; unnamed = anonymous and document sources).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from entities_eval import Score, alts, norm  # noqa: E402

from reader.models import Entities, Entity  # noqa: E402

GOLD = ROOT / "tests" / "data" / "entities" / "gold_fresh.json"
TEXTS = ROOT.parent / "fresh_eval" / "texts"
TEXTS_OF = {"gold_fresh2": ROOT.parent / "fresh_eval2" / "texts",
            "gold_fresh3": ROOT.parent / "fresh_eval3" / "texts",
            "gold_fresh4": ROOT.parent / "fresh_eval4" / "texts",
            "gold_fresh5": ROOT.parent / "fresh_eval5" / "texts",
            "gold_fresh6": ROOT.parent / "fresh_eval6" / "texts",
            "gold_fresh7": ROOT.parent / "fresh_eval7" / "texts",
            "gold_fresh8": ROOT.parent / "fresh_eval8" / "texts",
            "gold_fresh9": ROOT.parent / "fresh_eval9" / "texts",
            "gold_fresh10": ROOT.parent / "fresh_eval10" / "texts",
            "gold_fresh11": ROOT.parent / "fresh_eval11" / "texts",
            "gold_fresh12": ROOT.parent / "fresh_eval12" / "texts",
            "gold_fresh13": ROOT.parent / "fresh_eval13" / "texts",
            "gold_fresh14": ROOT.parent / "fresh_eval14" / "texts",
            "gold_fresh15": ROOT.parent / "fresh_eval15" / "texts",
            "gold_fresh16": ROOT.parent / "fresh_eval16" / "texts",
            "gold_fresh17": ROOT.parent / "fresh_eval17" / "texts",
            "gold_fresh18": ROOT.parent / "fresh_eval18" / "texts"}
_FITS = {"anonymous": {"anonymous", "document"}, "document": {"anonymous", "document"},
         "organization": {"organization", "anonymous"}, "person": {"person"},
         "outlet": {"outlet"}}


class Recall:
    def __init__(self) -> None:
        self.found = self.total = 0

    def line(self) -> str:
        r = self.found / self.total if self.total else 1.0
        return f"R {r:.3f} ({self.found} of {self.total})"


def _touches(src: Entity, span: list[int]) -> bool:
    s, e = span
    return any(a < e and s < b for a, b in src.mentions)


def score(docs: list[dict[str, object]], texts: Path, ents: Callable[[str], Entities],
          details: bool) -> None:
    categories = sorted({str(doc.get("category")) for doc in docs})
    groups = ("all", *categories, "non-sport", "sport")
    people = {g: Score() for g in groups}
    outlets = {g: Score() for g in groups}
    kinds = ("outlet", "person", "organization", "anonymous", "document", "unnamed")
    recall = {(g, k): Recall() for g in groups for k in kinds}
    precision = {g: Recall() for g in groups}  # found: predicted sources a gold one backs
    for doc in docs:
        text = (texts / Path(str(doc["text_file"])).name).read_text(encoding="utf-8")
        found = ents(text)
        cat = str(doc.get("category"))
        keys = ["all", cat, "sport" if doc.get("sport") else "non-sport"]
        pred = [[norm(p.name)] for p in found.people]
        pred_out = [[norm(s.name)] + [norm(a) for a in s.aliases]
                    for s in found.sources if s.kind == "outlet"]
        for g in keys:
            if g not in people:
                continue
            fps, fns = people[g].add(pred, alts(doc.get("people") or []),  # type: ignore[arg-type]
                                     alts(doc.get("optional_people") or []))  # type: ignore[arg-type]
            ofp, ofn = outlets[g].add(pred_out, alts(doc.get("outlets") or []),  # type: ignore[arg-type]
                                      alts(doc.get("optional_outlets") or []))  # type: ignore[arg-type]
        spans = [src["span"] for src in doc.get("sources") or []]  # type: ignore[union-attr]
        unbacked: list[str] = []
        for src in found.sources:
            if src.kind in ("anonymous", "organization", "document"):
                backed = any(a < e and s < b for a, b in src.mentions for s, e in spans)
                for g in keys:
                    if g in precision:
                        precision[g].total += 1
                        precision[g].found += backed
                if not backed:
                    unbacked.append(f"{src.kind}:{src.name}")
        missed: list[str] = []
        for src in doc.get("sources") or []:  # type: ignore[union-attr]
            kind = str(src["kind"])
            named = norm(str(src.get("name") or src["text"]))
            hit = any(s.kind in _FITS[kind] and (_touches(s, src["span"]) or (
                kind == "person" and named in {norm(f) for f in (s.name, *s.aliases)}))
                for s in found.sources)
            for g in keys:
                if g not in people:
                    continue
                for k in (kind, "unnamed") if kind in ("anonymous", "document") else (kind,):
                    recall[(g, k)].total += 1
                    recall[(g, k)].found += hit
            if not hit:
                missed.append(f"{kind}:{src['text']}")
        if details and (fps or fns or ofp or ofn or missed or unbacked):
            print(f"{doc['id']}: people FP {fps} FN {fns}; outlets FP {ofp} FN {ofn}; "
                  f"sources missed {missed}; not in the gold {unbacked}")
    for g in groups:
        print(f"people  {g:9} {people[g].line()}")
    for g in groups:
        print(f"outlets {g:9} {outlets[g].line()}")
    for g in groups:
        print(f"sources {g:9} " + "  ".join(f"{k} {recall[(g, k)].line()}" for k in kinds))
    for g in groups:
        print(f"unnamed, organisation and document sources found that the gold backs, {g:9} "
              + precision[g].line().replace("R ", "P "))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--texts", default=None,
                    help="the folder of the set's texts (default: ../fresh_eval/texts for "
                    "gold_fresh, ../fresh_eval2/texts for gold_fresh2)")
    ap.add_argument("--rules", action="store_true", help="the rules alone")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    data = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    if args.rules:
        from reader.entities.extractor import extract as fn
    else:
        from reader.entities import extract as fn
    texts = Path(args.texts) if args.texts else TEXTS_OF.get(Path(args.gold).stem, TEXTS)
    score(data["documents"], texts, fn, args.details)


if __name__ == "__main__":
    main()
