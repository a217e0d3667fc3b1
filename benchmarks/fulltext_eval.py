"""Score reader's web-page extraction on two public benchmarks, each with its own scoring.

* trafilatura's evaluation set (``tests/evaldata.json``: 990 pages, each with up to six
  snippets that must be in the text and up to six that must not): scored with
  ``tests/eval_common.py``'s ``count_item`` (whitespace-normalised substring matches),
  F1 = 2tp / (2tp + fp + fn) over all snippets.
* scrapinghub's article-extraction-benchmark (181 English news pages with their
  ``articleBody``): scored with its ``evaluate.py`` (token 4-gram shingles, precision
  and recall averaged over pages, F1 of the averages).

Both repositories are read from their snapshots (``git`` object stores, read-only);
their scoring code is loaded from there, not copied.  Nothing of them is written
into this repository.  Pages are written to a temporary folder and read by::

    reader inspect --json FOLDER          (--mode inspect, the default: saved pages)

or, in-process, by :func:`reader.webpage.page_text` (``--mode fulltext``: what the
``v`` key does with a fetched page).  ``--mode trafilatura`` scores the library alone, for
reference.  Prints F1, precision, recall and the number of empty results.

    python benchmarks/fulltext_eval.py [--mode inspect|fulltext|trafilatura] [--only S]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

MIRROR = Path(os.environ.get("READER_MIRROR", "/work/.mirror"))
TRAFILATURA_REPO = MIRROR / "adbar+trafilatura" / "repo"
SCRAPINGHUB_REPO = MIRROR / "scrapinghub+article-extraction-benchmark" / "repo"
ROOT = Path(__file__).resolve().parents[1]

Pages = dict[str, bytes]


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={repo}", *args], check=True, capture_output=True
    ).stdout


def _module(repo: Path, path: str, name: str) -> types.ModuleType:
    """A Python file of a snapshot, loaded as a module (their scoring, as they wrote it)."""
    module = types.ModuleType(name)
    module.__file__ = f"{repo}:{path}"
    sys.modules[name] = module  # dataclasses look their module up there
    exec(compile(_git(repo, "show", f"HEAD:{path}"), module.__file__, "exec"), module.__dict__)
    return module


def _files(repo: Path, *folders: str) -> dict[str, bytes]:
    archive = _git(repo, "archive", "HEAD", *folders)
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is not None:
                out[member.name] = handle.read()
    return out


# -- extractors ---------------------------------------------------------------


def run_inspect(pages: Pages) -> dict[str, str]:
    """Each page saved as ``N.html`` and read by ``reader inspect --json`` (one run)."""
    keys = sorted(pages)
    with tempfile.TemporaryDirectory(prefix="fulltext-eval-") as tmp:
        for number, key in enumerate(keys):
            Path(tmp, f"{number:04d}.html").write_bytes(pages[key])
        done = subprocess.run(
            [sys.executable, "-m", "reader", "inspect", "--json", tmp],
            capture_output=True, cwd=ROOT, check=False,
        )
        texts: dict[str, str] = {}
        for line in done.stdout.decode("utf-8").splitlines():
            record = json.loads(line)
            number = int(Path(record["path"]).stem)
            texts[keys[number]] = record["text"] or ""
    return {key: texts.get(key, "") for key in keys}


def run_fulltext(pages: Pages) -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from reader.webpage import decode_page, page_text

    return {key: page_text(decode_page(body, None), None) for key, body in pages.items()}


def run_trafilatura(pages: Pages) -> dict[str, str]:
    from trafilatura import extract

    return {key: extract(body) or "" for key, body in pages.items()}


MODES: dict[str, Callable[[Pages], dict[str, str]]] = {
    "inspect": run_inspect,
    "fulltext": run_fulltext,
    "trafilatura": run_trafilatura,
}


# -- the two benchmarks ---------------------------------------------------------


def score_trafilatura_set(extract: Callable[[Pages], dict[str, str]]) -> dict[str, float]:
    common = _module(TRAFILATURA_REPO, "tests/eval_common.py", "eval_common")
    files = _files(TRAFILATURA_REPO, "tests/eval", "tests/cache")
    evaldata = json.loads(_git(TRAFILATURA_REPO, "show", "HEAD:tests/evaldata.json"))
    pages: Pages = {}
    for url, item in evaldata.items():
        body = files.get(f"tests/cache/{item['file']}") or files.get(f"tests/eval/{item['file']}")
        if body is None:
            raise SystemExit(f"{url}: {item['file']} missing from the snapshot")
        pages[url] = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
    texts = extract(pages)
    matrix = common.ConfusionMatrix()
    for url, item in evaldata.items():
        matrix.add(common.count_item(item, texts[url]))
    precision, recall, _, f1 = matrix.scores()
    empty = sum(not texts[url].strip() for url in evaldata)
    return {"pages": len(evaldata), "f1": f1, "precision": precision, "recall": recall,
            "empty": empty}


def score_scrapinghub_set(extract: Callable[[Pages], dict[str, str]]) -> dict[str, float]:
    evaluate = _module(SCRAPINGHUB_REPO, "evaluate.py", "scrapinghub_evaluate")
    truth = json.loads(_git(SCRAPINGHUB_REPO, "show", "HEAD:ground-truth.json"))
    files = _files(SCRAPINGHUB_REPO, "html")
    pages = {key: gzip.decompress(files[f"html/{key}.html.gz"]) for key in truth}
    texts = extract(pages)
    prediction = {key: {"articleBody": texts[key]} for key in truth}
    metrics = evaluate.evaluate(truth, prediction, 0)
    empty = sum(not texts[key].strip() for key in truth)
    return {"pages": len(truth), "f1": metrics["f1"], "precision": metrics["precision"],
            "recall": metrics["recall"], "empty": empty}


SETS = {"trafilatura": score_trafilatura_set, "scrapinghub": score_scrapinghub_set}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=sorted(MODES), default="inspect")
    parser.add_argument("--only", choices=sorted(SETS))
    args = parser.parse_args()
    for name, score in SETS.items():
        if args.only and name != args.only:
            continue
        started = time.perf_counter()
        result = score(MODES[args.mode])
        seconds = time.perf_counter() - started
        print(
            f"{name:<12} {args.mode:<12} pages {result['pages']:>4}  F1 {result['f1']:.3f}  "
            f"P {result['precision']:.3f}  R {result['recall']:.3f}  "
            f"empty {result['empty']:>3}  ({seconds:.0f} s)"
        )


if __name__ == "__main__":
    main()
