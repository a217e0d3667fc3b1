"""People and sources extraction: ``extract(text, known) -> Entities``.

Pure Python, deterministic, no Textual and no third-party runtime dependency; the
gazetteers it uses are shipped in ``reader/entities/data`` (see data/NOTICE.md).
"""

from __future__ import annotations

from reader.entities.extractor import extract
from reader.entities.known import KnownNames

__all__ = ["KnownNames", "extract"]
