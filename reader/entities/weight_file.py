"""The learned models' data files: gzip text in ``reader/entities/data``, ``#key=value``
header lines (``#version=`` must match what the reader expects), then tab-separated rows."""

from __future__ import annotations

import gzip
from importlib import resources


def read_weight_file(name: str, version: str | None = None
                     ) -> tuple[dict[str, str], list[list[str]]] | None:
    """The header values and rows of ``data/name`` (None when the file is absent); a
    ``version`` other than the expected one is an error that names the file."""
    path = resources.files("reader.entities").joinpath("data", name)
    if not path.is_file():
        return None
    header: dict[str, str] = {}
    rows: list[list[str]] = []
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            header[key] = value
        elif line:
            rows.append(line.split("\t"))
    if version is not None and header.get("version") != version:
        raise RuntimeError(f"{name}: version {header.get('version')}, expected {version}")
    return header, rows
