"""Train the learned source decision (one command).

    pip install scikit-learn          # training only; the reader needs no numpy
    python benchmarks/entities/train_sources.py [--no-write] [--folds 5] [--without NAME]

Every candidate source of ``reader.entities.source_model.candidates`` (the rules' and
the attribution patterns' sources, outlets only named, speakers the patterns could not
sort) is labelled from the team's gold sets:

* the six document-level sets in tests/data/entities (texts from ../shared) list each
  story's cited outlets: an outlet candidate is a source when the gold lists it, left
  out when the gold calls it optional, and not a source otherwise (their other
  candidates are not labelled and not used);
* PolNeAR's training stories (see polnear.py) label every candidate: a source when one
  of its mentions is part of an annotated attribution source;
* the span-labelled sets (gold_fresh, gold_sources_train, gold_fresh3 to 12; texts
  outside the repository, rebuilt from public corpora as their descriptions say,
  skipped when absent) label
  every candidate: a source when one of its mentions overlaps a gold source of a
  fitting kind (or, for a person, when the names agree).

Prints the decision's precision and recall, out of fold (folds by story) and on
PolNeAR's development stories (never trained on), against the rules' own verdict, then
trains on everything and writes
reader/entities/data/source_model.tsv.gz.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from entities import polnear  # noqa: E402
from entities.modern_gold import (  # noqa: E402
    GOLD_DIR,
    GOLD_FILES,
    SOURCE_SPAN_SETS,
    span_set_documents,
)
from entities_eval import load_text, norm  # noqa: E402

from reader.entities.attribution import quoted_mask  # noqa: E402
from reader.entities.pipeline import people_and_rule_sources  # noqa: E402
from reader.entities.source_features import source_features  # noqa: E402
from reader.entities.source_model import (  # noqa: E402
    MODEL_FILE,
    MODEL_VERSION,
    SourceWeights,
    candidates,
    probability,
    table,
)
from reader.models import Entity  # noqa: E402

DATA = ROOT / "reader" / "entities" / "data"
_FITS = {"anonymous": {"anonymous", "document"}, "document": {"anonymous", "document"},
         "organization": {"organization", "anonymous"}, "person": {"person"},
         "outlet": {"outlet"}}


@dataclass(frozen=True, slots=True)
class Model:
    weights: dict[str, dict[str, float]]
    bias: dict[str, float]


@dataclass(frozen=True, slots=True)
class Example:
    story: str
    origin: str
    kind: str
    feats: list[str]
    label: bool


def _names(entry: object) -> set[str]:
    return {norm(str(x)) for x in entry} if isinstance(entry, list) else {norm(str(entry))}


def _gold_outlets(doc: dict[str, object], key: str) -> list[set[str]]:
    return [_names(x) for x in doc.get(key) or []]  # type: ignore[attr-defined]


def _labelled(story: str, text: str,
              label: Callable[[Entity], bool | None]) -> Iterator[Example]:
    """Every candidate source of ``text`` with its features and ``label`` (None: unused)."""
    people, rule_sources = people_and_rule_sources(text)
    quoted = quoted_mask(text)
    for c in candidates(text, rule_sources, people):
        verdict = label(c.source)
        if verdict is not None:
            yield Example(story, c.origin, c.source.kind,
                          source_features(text, c.source, c.origin, quoted), verdict)


_CITING = ("citing ", "quoting ")


def _polnear_examples(story: polnear.Story) -> Iterator[Example]:
    """A candidate is a source when one of its mentions is (part of) an annotated source.
    Outlets are left out: PolNeAR credits "told The New York Times" to the speaker alone,
    marks no wire credit, and counts an endorsing paper, against this reader's idea.  So
    is what follows "citing" or "quoting": PolNeAR reads it as the content (none of 34 in
    its training stories is a source), this reader as the source ("citing unnamed people
    briefed on the matter", "citing internal documents")."""
    def label(src: Entity) -> bool | None:
        if src.kind == "outlet" or all(
                story.text.endswith(_CITING, 0, s) for s, _ in src.mentions):
            return None
        return any(a < e and s < b for a, b in src.mentions for s, e in story.sources) or (
            src.kind == "person" and any(  # "he said", credited to the person named last
                a <= s and e <= b and story.text[s:e].lower() in ("he", "she")
                for a, b in src.citations for s, e in story.sources))

    return _labelled(story.key, story.text, label)


def _examples(story: str, text: str, doc: dict[str, object], spans: bool) -> Iterator[Example]:
    """Outlets labelled by the gold's cited (and optional) outlets; with ``spans``, every
    other candidate by the gold sources its mentions overlap."""
    cited = _gold_outlets(doc, "outlets")
    optional = _gold_outlets(doc, "optional_outlets")
    gold_sources = list(doc.get("sources") or []) if spans else []  # type: ignore[call-overload]

    def label(src: Entity) -> bool | None:
        forms = {norm(f) for f in (src.name, *src.aliases)}
        if src.kind == "outlet":
            if any(forms & o for o in optional) and not any(forms & o for o in cited):
                return None
            return any(forms & o for o in cited)
        if not spans:
            return None
        return any(
            src.kind in _FITS[str(g["kind"])] and (
                any(a < g["span"][1] and g["span"][0] < b for a, b in src.mentions)
                or (g["kind"] == "person" and norm(str(g.get("name", ""))) in forms))
            for g in gold_sources)

    return _labelled(story, text, label)


def read_examples(without: set[str]) -> list[Example]:
    out: list[Example] = []
    for name in GOLD_FILES:
        if name in without:
            continue
        data = json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
        for n, doc in enumerate(data["documents"]):
            try:
                text = load_text(doc)
            except OSError:
                continue
            out += _examples(f"{name}-{n}", text, doc, spans=False)
    for name in SOURCE_SPAN_SETS:
        if name in without:
            continue
        for doc, text in span_set_documents(name):
            out += _examples(f"{name}-{doc['id']}", text, doc, spans=True)
    if "polnear" not in without:
        if polnear.repo_path().is_dir():
            for story in polnear.read("train"):
                out += _polnear_examples(story)
        else:
            print(f"(skipping PolNeAR: no copy at {polnear.repo_path()})")
    return out


def polnear_dev() -> list[Example]:
    """PolNeAR's development stories, never trained on: the held-out check."""
    if not polnear.repo_path().is_dir():
        return []
    return [e for story in polnear.read("dev") for e in _polnear_examples(story)]


def _fit(examples: list[Example], c: float, modern_weight: float) -> Model:
    """One logistic regression per weight table (see source_model.table).  A story from
    the modern gold sets weighs ``modern_weight`` times a PolNeAR story's (they were
    labelled by the conventions this reader is judged by: "in a letter posted on Twitter"
    is a document source there, only a medium in PolNeAR).  1 since gold_fresh4 and
    gold_fresh5 joined the training sets; 3 had suited the smaller modern share before."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for name in ("outlet", "other"):
        rows = [e for e in examples if table(e.kind) == name]
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(e.feats, 1) for e in rows])
        model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
        model.fit(x, [e.label for e in rows], sample_weight=[
            1.0 if e.story.startswith(polnear.KEY_PREFIX) else modern_weight for e in rows])
        weights[name] = {f: float(w) for f, w in zip(vec.get_feature_names_out(), model.coef_[0],
                                                   strict=True) if abs(w) >= 1e-4}
        bias[name] = float(model.intercept_[0])
    return Model(weights, bias)


def _prob(e: Example, m: Model) -> float:
    return probability(e.kind, e.feats, SourceWeights(m.weights, m.bias, 0.5, 0.5))


def _line(name: str, pairs: list[tuple[bool, bool]]) -> str:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if g and not p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f"{name:28} P {prec:.3f} R {rec:.3f} F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})"


def _kept(e: Example, m: Model, threshold: float, loose_threshold: float) -> bool:
    return _prob(e, m) >= (loose_threshold if e.origin == "loose" else threshold)


def cross_validate(examples: list[Example], folds: int, c: float, modern_weight: float,
                   threshold: float, loose_threshold: float) -> None:
    stories = sorted({e.story for e in examples})
    random.Random(1).shuffle(stories)
    fold_of = {s: i % folds for i, s in enumerate(stories)}
    model: list[tuple[Example, bool]] = []
    for k in range(folds):
        train = [e for e in examples if fold_of[e.story] != k]
        fitted = _fit(train, c, modern_weight)
        model += [(e, _kept(e, fitted, threshold, loose_threshold))
                  for e in examples if fold_of[e.story] == k]
    print(f"out of fold ({folds} folds by story, C={c}, thresholds {threshold} and "
          f"{loose_threshold} for wider cues):")
    report([e for e, _ in model], [p for _, p in model])


def report(examples: list[Example], predicted: list[bool]) -> None:
    """Precision and recall of the learned decision and of the rules' verdict."""
    for group in ("outlet", "person", "other"):
        sel = [(e, p) for e, p in zip(examples, predicted, strict=True)
               if group == e.kind or (group == "other" and e.kind not in ("outlet", "person"))]
        print(_line(f"{group}: rules' verdict", [(e.origin == "rules", e.label) for e, _ in sel]))
        print(_line(f"{group}: learned", [(p, e.label) for e, p in sel]))


def write(m: Model, threshold: float, loose_threshold: float) -> None:
    lines = [f"#version={MODEL_VERSION}", f"#threshold={threshold}",
             f"#threshold.loose={loose_threshold}"]
    lines += [f"#bias.{name}={b:.6f}" for name, b in sorted(m.bias.items())]
    lines += [f"{name}\t{f}\t{w:.5f}" for name, table_ in sorted(m.weights.items())
              for f, w in sorted(table_.items())]
    (DATA / MODEL_FILE).write_bytes(
        gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"wrote {DATA / MODEL_FILE}: {sum(len(t) for t in m.weights.values())} weights")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    # The wider cues' speakers scored 0.5 to 0.6 were right 25 times in 36 on PolNeAR dev
    # (never trained on; its F1 0.848 at 0.5 against 0.817 at 0.6), but only about 15 to
    # 18 in 37 on the 200 BBC stories, read by hand ("Reuters beat profit", "the
    # percentage of people using BT lines"): a wrong source costs a reader more.
    ap.add_argument("--loose-threshold", type=float, default=0.6)
    ap.add_argument("--without", action="append", default=[], help="leave a gold set out")
    ap.add_argument("--modern-weight", type=float, default=1.0)
    args = ap.parse_args()
    examples = read_examples(set(args.without))
    pos = sum(e.label for e in examples)
    print(f"{len(examples)} candidates from {len({e.story for e in examples})} stories, "
          f"{pos} sources")
    cross_validate(examples, args.folds, args.c, args.modern_weight, args.threshold,
                   args.loose_threshold)
    fitted = _fit(examples, args.c, args.modern_weight)
    held_out = polnear_dev()
    if held_out:
        print(f"PolNeAR dev (held out, {len({e.story for e in held_out})} stories):")
        report(held_out, [_kept(e, fitted, args.threshold, args.loose_threshold)
                          for e in held_out])
    if not args.no_write:
        write(fitted, args.threshold, args.loose_threshold)


if __name__ == "__main__":
    main()
