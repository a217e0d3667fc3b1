"""PolNeAR (Political News Attribution Relations corpus) as source-labelled stories.

PolNeAR (networkdynamics/PolNeAR on GitHub) annotates every attribution in 1,008 US
news stories of 2016 (source, cue and content spans, standoff files over the plain
text).  It is read at training time from a local git copy of the repository (the
``fetch`` tool puts one in ../.mirror/networkdynamics+PolNeAR/repo; ``--polnear`` or
$POLNEAR_REPO names another); nothing of it is copied into this repository.  Only the
``train`` and ``dev`` compartments are read: ``test`` is PolNeAR's withheld split and
is never opened.  A story annotated twice is read from its first annotator's file.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPO = ROOT.parent / ".mirror" / "networkdynamics+PolNeAR" / "repo"
SPLITS = ("train", "dev")
KEY_PREFIX = "polnear-"
"""How every story's key starts."""


@dataclass(frozen=True, slots=True)
class Story:
    key: str
    text: str
    sources: list[tuple[int, int]]
    """The spans annotated as the source of an attribution."""
    cues: list[tuple[int, int]]
    """The spans annotated as an attribution's cue ("said", "according to")."""


def repo_path() -> Path:
    return Path(os.environ.get("POLNEAR_REPO", str(DEFAULT_REPO)))


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True,
                          capture_output=True).stdout.decode("utf-8")


def _blobs(repo: Path, paths: list[str]) -> list[str]:
    """The contents of ``paths`` at HEAD, read in one ``git cat-file --batch``."""
    query = "".join(f"HEAD:{p}\n" for p in paths).encode("utf-8")
    raw = subprocess.run(["git", "--git-dir", str(repo), "cat-file", "--batch"], input=query,
                         check=True, capture_output=True).stdout
    out: list[str] = []
    pos = 0
    for _ in paths:
        header_end = raw.index(b"\n", pos)
        size = int(raw[pos:header_end].split()[2])
        out.append(raw[header_end + 1:header_end + 1 + size].decode("utf-8"))
        pos = header_end + 1 + size + 1
    return out


def read(split: str, repo: Path | None = None) -> list[Story]:
    """The stories of ``split`` ("train" or "dev") with their source spans."""
    if split not in SPLITS:
        raise ValueError(f"PolNeAR split {split!r} is not read here")
    repo = repo or repo_path()
    names = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", f"data/{split}/").split("\n")
    texts = sorted(n for n in names if n.startswith(f"data/{split}/text/"))
    anns = sorted(n for n in names if n.startswith(f"data/{split}/attributions/"))
    first_ann: dict[str, str] = {}
    for a in anns:
        stem = a.rsplit("/", 1)[1].rsplit("_", 1)[0]
        first_ann.setdefault(stem, a)
    pairs = [(t, first_ann[t.rsplit("/", 1)[1].removesuffix(".txt")]) for t in texts
             if t.rsplit("/", 1)[1].removesuffix(".txt") in first_ann]
    blobs = _blobs(repo, [p for pair in pairs for p in pair])
    stories: list[Story] = []
    for k in range(len(pairs)):
        text, ann = blobs[2 * k], blobs[2 * k + 1]
        spans: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": []}
        for line in ann.splitlines():
            parts = line.split("\t")
            label, _, where = parts[1].partition(" ") if len(parts) >= 3 else ("", "", "")
            if label not in spans:
                continue
            for piece in where.split(";"):
                s, e = (int(x) for x in piece.split())
                spans[label].append((s, e))
        stories.append(Story(f"{KEY_PREFIX}{split}-{k}", text, sorted(spans["Source"]),
                             sorted(spans["Cue"])))
    return stories
