"""Train the learned people model from ../shared (one command, reproducible).

    pip install scikit-learn          # training only; the reader needs no numpy
    python benchmarks/entities/train_people.py [--eval-only] [--no-write] [--with-dev]

Reads CoNLL-2003's training split (never its test split) from ../shared, builds the
word statistics (per-word entity rates from the gold tags, jackknifed in five folds for
the training rows so that no row sees its own labels; capitalisation rates from all the
unlabelled news text in ../shared), trains the two logistic-regression stages (stage 2
on stage-1 scores predicted out of fold), prints document-level people F1 on CoNLL dev,
and writes reader/entities/data/people_model.tsv.gz and word_stats.tsv.gz.
``--with-dev`` also trains on the development split (the shipped model); its dev
figures are then no evidence, so the dev figures to report come from a run without it.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from entities.conll import SHARED, Doc, read  # noqa: E402
from entities.modern_gold import GOLD, read_modern  # noqa: E402
from entities_eval import Score, alts, bbc_paths, norm, read_bytes_text  # noqa: E402

from reader.entities.extractor import extract as rules_extract  # noqa: E402
from reader.entities.span_features import FeatureCache  # noqa: E402
from reader.entities.span_model import (  # noqa: E402
    MODEL_FILE,
    MODEL_VERSION,
    STATS_FILE,
    Scored,
    choose,
    gazetteer,
    group,
    score,
    stage1,
    stage2_features,
)
from reader.entities.spans import tokenize  # noqa: E402

DATA = ROOT / "reader" / "entities" / "data"
FOLDS = 5
Stats = dict[str, tuple[int, int, int, int, int, int, int]]
_KINDS = {"PER": 1, "ORG": 2, "LOC": 3, "MISC": 4}


def labelled_counts(docs: Iterable[Doc]) -> dict[str, list[int]]:
    """Per capitalised token: [seen, PER, ORG, LOC, MISC] in the gold tags."""
    out: dict[str, list[int]] = {}
    for doc in docs:
        ents = sorted(doc.entities)
        k = 0
        for t in tokenize(doc.text):
            if not t.text[:1].isupper():
                continue
            while k < len(ents) and ents[k][1] <= t.start:
                k += 1
            row = out.setdefault(t.text, [0, 0, 0, 0, 0])
            row[0] += 1
            if k < len(ents) and ents[k][0] <= t.start < ents[k][1]:
                row[_KINDS[ents[k][2]]] += 1
    return out


def unlabelled_texts() -> list[str]:
    texts = [d.text for split in ("train", "dev") for d in read(split)]
    texts += [read_bytes_text(p) for p in bbc_paths()]
    return texts


def case_counts(texts: Iterable[str]) -> dict[str, list[int]]:
    """Per capitalised form: [seen capitalised not starting a sentence, seen lower case]."""
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for text in texts:
        for t in tokenize(text):
            if t.text[:1].isupper():
                if not t.sent_start:
                    cap[t.text] += 1
            elif t.text.isalpha():
                low[t.text] += 1
    out: dict[str, list[int]] = {}
    for w, n in cap.items():
        out[w] = [n, low.get(w.lower(), 0)]
    return out


def make_stats(lab: dict[str, list[int]], case: dict[str, list[int]]) -> Stats:
    stats: Stats = {}
    for w in set(lab) | set(case):
        a, b, c, d, e = lab.get(w, [0, 0, 0, 0, 0])
        f, g = case.get(w, [0, 0])
        if a or f >= 2:
            stats[w] = (a, b, c, d, e, f, g)
    return stats


def rule_spans(text: str) -> list[tuple[int, int]]:
    return sorted(m for p in rules_extract(text).people for m in p.mentions)


def rows(doc: Doc, stats: Stats,
         ignore: list[tuple[int, int]]) -> tuple[Scored, list[int]]:
    """A story's candidates and their labels (those touching ``ignore`` left out)."""
    s = stage1(doc.text, rule_spans(doc.text), FeatureCache(gazetteer(), stats))
    if ignore:
        keep = [k for k, (i, j) in enumerate(s.spans)
                if not any(a < s.toks[j - 1].end and s.toks[i].start < b for a, b in ignore)]
        s = Scored(s.toks, [s.spans[k] for k in keep], [s.feats1[k] for k in keep])
    gold = set(doc.spans)
    labels = [int((s.toks[i].start, s.toks[j - 1].end) in gold) for i, j in s.spans]
    return s, labels


def fit(feats: list[list[str]], labels: list[int], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feats])
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    model.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) >= 1e-3}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return weights


def people_of(text: str, s: Scored, w1: dict[str, float], w2: dict[str, float],
              threshold: float) -> list[str]:
    p1 = [score(f, w1) for f in s.feats1]
    p2 = [score(f, w2) for f in stage2_features(text, s, p1)]
    groups = group(choose(s, p2, threshold))
    return [" ".join(text[g[0].start:g[0].end].split()) for g in groups]


def evaluate(docs: list[Doc], scored: list[Scored], w1: dict[str, float],
             w2: dict[str, float], threshold: float, label: str) -> None:
    res = {"all": Score(), "sport": Score(), "non-sport": Score()}
    for doc, s in zip(docs, scored, strict=True):
        pred = [[norm(n)] for n in people_of(doc.text, s, w1, w2, threshold)]
        gold = alts(doc.people())
        for key in ("all", "sport" if doc.sport else "non-sport"):
            res[key].add(pred, gold, [])
    for key, sc in res.items():
        print(f"{label} t={threshold:.2f} {key:9} {sc.line()}")


def write_model(w1: dict[str, float], w2: dict[str, float], threshold: float) -> None:
    lines = [f"#version={MODEL_VERSION}", f"#threshold={threshold}"]
    for stage, w in (("1", w1), ("2", w2)):
        lines += [f"{stage}\t{f}\t{v:.4f}" for f, v in sorted(w.items())]
    (DATA / MODEL_FILE).write_bytes(gzip.compress("\n".join(lines).encode(), mtime=0))


def write_stats(stats: Stats) -> None:
    lines = ["#word\tseen\tper\torg\tloc\tmisc\tcap\tlower"]
    lines += ["\t".join([w, *map(str, v)]) for w, v in sorted(stats.items())]
    (DATA / STATS_FILE).write_bytes(gzip.compress("\n".join(lines).encode(), mtime=0))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--with-dev", action="store_true", help="train on train + dev (ship)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--modern-holdout", action="store_true",
                    help="train on half the team's gold sets and score the other half")
    ap.add_argument("--conll-only", action="store_true",
                    help="leave out the team's gold sets (tests/data/entities)")
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.5)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    if not (SHARED / "corpus" / "conll2003" / "eng.train").is_file():
        sys.exit("needs ../shared/corpus/conll2003")
    rng = random.Random(2003)
    train = [d for d in read("train", "lines")]
    para = {d.key: d for d in read("train", "para")}
    # half the stories in each layout, so that the model knows both
    train = [d if rng.random() < 0.5 else para[d.key] for d in train]
    dev = read("dev", "lines")
    if args.with_dev:
        train += dev
    conll_keys = {d.key for d in train}
    modern, ignore = read_modern()
    held = modern[1::2] if args.modern_holdout else []
    if not args.conll_only:
        train += modern[0::2] if args.modern_holdout else modern
    print(f"{len(train)} training stories", flush=True)
    case = case_counts(unlabelled_texts())
    folds = [train[k::FOLDS] for k in range(FOLDS)]
    fold_rows: list[list[tuple[Scored, list[int]]]] = []
    for k in range(FOLDS):
        others = [d for m, f in enumerate(folds) if m != k for d in f if d.key in conll_keys]
        stats = make_stats(labelled_counts(others), case)
        fold_rows.append([rows(d, stats, ignore.get(d.key, [])) for d in folds[k]])
        print(f"fold {k}: {sum(len(s.spans) for s, _ in fold_rows[-1])} candidates", flush=True)
    feats1 = [f for fr in fold_rows for s, _ in fr for f in s.feats1]
    labels = [y for fr in fold_rows for _, ys in fr for y in ys]
    print(f"{len(feats1)} rows, {sum(labels)} people", flush=True)
    # stage 2 rows: stage-1 probabilities predicted by a model that never saw the fold
    feats2: list[list[str]] = []
    for k in range(FOLDS):
        idx = [m for m in range(FOLDS) if m != k]
        w1k = fit([f for m in idx for s, _ in fold_rows[m] for f in s.feats1],
                  [y for m in idx for _, ys in fold_rows[m] for y in ys], args.c1)
        for doc, (s, _) in zip(folds[k], fold_rows[k], strict=True):
            p1 = [score(f, w1k) for f in s.feats1]
            feats2 += stage2_features(doc.text, s, p1)
    w1 = fit(feats1, labels, args.c1)
    w2 = fit(feats2, labels, args.c2)
    stats = make_stats(labelled_counts(d for d in train if d.key in conll_keys), case)
    cache = FeatureCache(gazetteer(), stats)
    dev_scored = [stage1(d.text, rule_spans(d.text), cache) for d in dev]
    for t in sorted({args.threshold, 0.4, 0.5, 0.6}):
        evaluate(dev, dev_scored, w1, w2, t, "dev lines")
    dev_para = read("dev", "para")
    para_scored = [stage1(d.text, rule_spans(d.text), cache) for d in dev_para]
    evaluate(dev_para, para_scored, w1, w2, args.threshold, "dev para")
    if held:
        res = {"all": Score(), "sport": Score(), "non-sport": Score()}
        for doc in held:
            s = stage1(doc.text, rule_spans(doc.text), cache)
            pred = [[norm(n)] for n in people_of(doc.text, s, w1, w2, args.threshold)]
            gold, optional = GOLD[doc.key]
            for key in ("all", "sport" if doc.sport else "non-sport"):
                res[key].add(pred, alts(gold), alts(optional))
        for key, sc in res.items():
            print(f"modern held-out half {key:9} {sc.line()}")
    print(f"weights: stage 1 {len(w1)}, stage 2 {len(w2)}; words {len(stats)}")
    if not args.no_write:
        write_model(w1, w2, args.threshold)
        write_stats(stats)
        print(f"wrote {DATA / MODEL_FILE} and {DATA / STATS_FILE}")


if __name__ == "__main__":
    main()
