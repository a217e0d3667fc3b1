"""The team's own document-level gold sets as span-labelled training stories.

The gold files in tests/data/entities list each story's people (fullest forms, with
alternatives) and optional people, not spans.  A person's spans are projected back
onto the text: every occurrence of any of its forms, and, outside those, every
occurrence of its surname or given name standing alone (as CoNLL-2003 labels a bare
"Blair").  Candidates that touch an optional person are left out of training.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from entities.conll import Doc  # noqa: E402
from entities_eval import load_text  # noqa: E402

GOLD_DIR = ROOT / "tests" / "data" / "entities"
GOLD_FILES = ("gold", "gold_blind", "gold_blind2", "gold_blind3", "gold_blind4", "gold_blind5")
# Span-labelled sets whose texts live outside the repository (rebuilt from public corpora
# as each file's description says) and are skipped when absent.  gold_fresh2 is not here:
# it is the held-out set.  gold_fresh6 to 8 are not either: with them, both held-out
# checks fell (people: CoNLL dev 0.914 -> 0.910 non-sport, gold_fresh2 0.938 -> 0.930;
# sources: gold_fresh2 unnamed 0.635 -> 0.596, PolNeAR dev F1 0.833 -> 0.830).  Nor are the
# sets after them, each kept unscored until its first scoring.
SPAN_SETS = {"gold_fresh": ROOT.parent / "fresh_eval" / "texts",
             "gold_sources_train": ROOT.parent / "label_train" / "texts",
             **{f"gold_fresh{n}": ROOT.parent / f"fresh_eval{n}" / "texts"
                for n in (3, 4, 5)}}
# The source model learns from more of them: gold_fresh6 to 12 were tuned on after their
# first scorings, and with them the held-out gold_fresh2 kept its recall (unnamed 0.615,
# organisations 0.60) at a higher share backed (0.714 against 0.694), while PolNeAR dev,
# labelled by other conventions, found fewer (255 against 265 of 340, F1 0.815 against
# 0.829).  gold_fresh13 and 14 are kept unscored for the end of the round.
SOURCE_SPAN_SETS = {**SPAN_SETS, **{f"gold_fresh{n}": ROOT.parent / f"fresh_eval{n}" / "texts"
                                    for n in range(6, 13)}}


def span_set_documents(name: str) -> list[tuple[dict[str, object], str]]:
    """The documents of span-labelled set ``name`` with their texts ([] when absent)."""
    path, texts = GOLD_DIR / f"{name}.json", SOURCE_SPAN_SETS[name]
    if not path.exists() or not texts.is_dir():
        print(f"(skipping {name}: its gold or texts are absent)")
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(doc, (texts / Path(str(doc["text_file"])).name).read_text(encoding="utf-8"))
            for doc in data["documents"]]


def _forms(entry: object) -> list[str]:
    return [str(x) for x in entry] if isinstance(entry, list) else [str(entry)]


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    rx = re.compile(r"(?<![\w'’-])" + re.escape(form) + r"(?![\w-]|['’][a-rt-z])")
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def _project(text: str, people: list[object]) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    short: set[str] = set()
    for entry in people:
        for form in _forms(entry):
            spans.update(_occurrences(text, form))
            words = form.split()
            if len(words) > 1:
                short.add(words[-1])
                short.add(words[0])
    covered = [False] * (len(text) + 1)
    for s, e in spans:
        for k in range(s, e):
            covered[k] = True
    for word in short:
        if len(word) < 3 or not word[0].isupper():
            continue
        for s, e in _occurrences(text, word):
            if not covered[s]:
                spans.add((s, e))
    return sorted(spans)


GOLD: dict[str, tuple[list[object], list[object]]] = {}
"""Per story key, its gold people and optional people as the gold file lists them."""


def read_modern() -> tuple[list[Doc], dict[str, list[tuple[int, int]]]]:
    """The stories with projected person spans, and per story the spans to leave out."""
    stories: list[tuple[str, dict[str, object], str]] = []
    for name in GOLD_FILES:
        data = json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
        for n, doc in enumerate(data["documents"]):
            try:
                stories.append((f"{name}-{n}", doc, load_text(doc)))
            except OSError:
                continue
    for name in SPAN_SETS:
        stories += [(f"{name}-{doc['id']}", doc, text) for doc, text in span_set_documents(name)]
    docs: list[Doc] = []
    ignore: dict[str, list[tuple[int, int]]] = {}
    for key, doc, text in stories:
        spans = _project(text, list(doc.get("people") or []))
        optional = list(doc.get("optional_people") or [])
        GOLD[key] = (list(doc.get("people") or []), optional)
        ignore[key] = [sp for entry in optional for f in _forms(entry)
                       for sp in _occurrences(text, f)]
        sport = bool(doc.get("sport")) or str(doc.get("category", "")).lower().startswith("sport")
        docs.append(Doc(key, text, spans, sport, [(s, e, "PER") for s, e in spans]))
    return docs, ignore
