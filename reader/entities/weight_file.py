"""The learned models' data files: gzip text in ``reader/entities/data``, ``#key=value``
header lines (``#version=`` must match what the reader expects), then tab-separated rows,
all of one width."""

from __future__ import annotations

import gzip
from importlib import resources


def read_weight_file(name: str, version: str | None = None
                     ) -> tuple[dict[str, str], list[list[str]]] | None:
    """The header values and the columns of ``data/name`` (None when the file is absent);
    a ``version`` other than the expected one is an error that names the file.

    The columns are cut from one split of the whole text, not row by row: the people
    model has 160,000 rows, and the reader starts with it."""
    path = resources.files("reader.entities").joinpath("data", name)
    if not path.is_file():
        return None
    header: dict[str, str] = {}
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    top = 0
    while top < len(lines) and lines[top].startswith("#"):
        key, _, value = lines[top][1:].partition("=")
        header[key] = value
        top += 1
    if version is not None and header.get("version") != version:
        raise RuntimeError(f"{name}: version {header.get('version')}, expected {version}")
    rows = [line for line in lines[top:] if line]
    width = rows[0].count("\t") + 1 if rows else 0
    cells = "\t".join(rows).split("\t") if rows else []
    if len(cells) != width * len(rows) or any(line.startswith("#") for line in rows):
        raise RuntimeError(f"{name}: rows of different widths, or a header after the rows")
    return header, [cells[k::width] for k in range(width)]
