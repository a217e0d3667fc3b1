"""Golden output of the rules extractor over every document of the shared corpora.

``extract()`` is run on the 200 BBC stories, every entry of the real feeds (text built
as benchmarks/entities_eval.py builds it) and the CoNLL-2003 training and development
stories (never the test split), and the hash of each result's JSON is compared with
``tests/data/entities/golden_hashes.json``.  Only hashes are stored: no corpus text.

The default extractor (``reader.entities.extract``: the rules, then the learned people
and source models) is held the same way in ``golden_pipeline_hashes.json``.

A change that is meant to alter what the extractor finds regenerates the files with
``python tests/test_entities_golden.py --write`` (and says so in its commit message); a
change that is not (a refactoring, a speed-up) must leave every hash as it is.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLDEN = ROOT / "tests" / "data" / "entities" / "golden_hashes.json"
GOLDEN_PIPELINE = ROOT / "tests" / "data" / "entities" / "golden_pipeline_hashes.json"
sys.path.insert(0, str(ROOT))

from benchmarks.entities_eval import (  # noqa: E402
    bbc_paths,
    feed_entries,
    feed_text,
    read_bytes_text,
)
from reader.entities import extract as default_extract  # noqa: E402
from reader.entities.extractor import extract  # noqa: E402 (the rules alone)
from reader.models import Entities  # noqa: E402

# CoNLL-2003 splits read here: training and development only (eng.testb is held out)
CONLL_SPLITS = ("eng.train", "eng.testa")
_NO_SPACE_BEFORE = frozenset(
    ", . ; : ! ? % ) ] 's n't 're 've 'll 'd 'm".split()
)
_NO_SPACE_AFTER = frozenset("( [ $".split())


def conll_stories(path: Path) -> Iterator[str]:
    """The documents of a CoNLL file as plain text, one sentence a line (the first is the
    headline), tokens joined as ../shared/corpus/conll2003/README.md says."""
    sents: list[str] = []
    toks: list[str] = []

    def sentence() -> None:
        if toks:
            out = toks[0]
            for prev, tok in pairwise(toks):
                sep = "" if tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER else " "
                out += sep + tok
            sents.append(out)
            toks.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            sentence()
            if sents:
                yield "\n".join(sents)
            sents.clear()
        elif not line.strip():
            sentence()
        else:
            toks.append(line.split()[0])
    sentence()
    if sents:
        yield "\n".join(sents)


def corpus_documents() -> Iterator[tuple[str, str]]:
    """(key, text) for every document the shared corpora offer, in a fixed order."""
    for path in bbc_paths():
        yield str(path.relative_to(CORPUS)), read_bytes_text(path)
    for path in sorted((CORPUS / "real-feeds").iterdir()):
        if path.is_file() and path.suffix not in (".tsv", ".md"):
            for i, entry in enumerate(feed_entries(path)):
                yield f"{path.relative_to(CORPUS)}#{i}", feed_text(entry)
    for name in CONLL_SPLITS:
        path = CORPUS / "conll2003" / name
        for i, text in enumerate(conll_stories(path)):
            yield f"{path.relative_to(CORPUS)}#{i}", text


def digest(text: str, extractor: Callable[[str], Entities] = extract) -> str:
    """The hash of the JSON of ``extractor(text)`` (the rules' ``extract`` by default)."""
    data = json.dumps(extractor(text).to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


def text_digest(text: str) -> str:
    """A short hash of the text, to tell a changed corpus from a changed extractor."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def golden() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Document key -> [hash of its text, hash of the rules' entities' JSON], and
    document key -> hash of the default extractor's entities' JSON."""
    rules: dict[str, list[str]] = {}
    default: dict[str, str] = {}
    for key, text in corpus_documents():
        rules[key] = [text_digest(text), digest(text)]
        default[key] = digest(text, default_extract)
    return rules, default


def test_extract_output_is_unchanged_on_the_corpora() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    want: dict[str, list[str]] = json.loads(GOLDEN.read_text(encoding="utf-8"))["documents"]
    want_default: dict[str, str] = json.loads(
        GOLDEN_PIPELINE.read_text(encoding="utf-8"))["documents"]
    got, got_default = golden()
    assert len(got) > 3000  # (the corpora were read: BBC, feeds and CoNLL)
    texts_changed = [k for k in want if k in got and got[k][0] != want[k][0]]
    assert not texts_changed and got.keys() == want.keys() == want_default.keys(), (
        "the corpus differs from the one the hashes were made from: "
        f"{sorted(got.keys() ^ want.keys())[:5]} {texts_changed[:5]}"
    )
    changed = [k for k in want if got[k][1] != want[k][1]]
    assert not changed, f"{len(changed)} documents' entities changed, e.g. {changed[:10]}"
    changed = [k for k in want if got_default[k] != want_default[k]]
    assert not changed, (
        f"{len(changed)} documents' entities (default extractor) changed, e.g. {changed[:10]}")


def _write(path: Path, docs: Mapping[str, object]) -> None:
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(docs.items())]
    path.write_text('{"documents": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")
    print(f"wrote {len(docs)} hashes to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/test_entities_golden.py --write")
    rules_docs, default_docs = golden()
    _write(GOLDEN, rules_docs)
    _write(GOLDEN_PIPELINE, default_docs)
