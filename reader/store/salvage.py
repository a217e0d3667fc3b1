"""Read and starred flags read out of a damaged database file, page by page.

SQLite refuses a whole query as soon as it meets one bad page, and cannot open
a file whose header or tree pages are gone (a truncated copy, a torn write).
The rows themselves still sit in the table's leaf pages, each readable on its
own, so this reads the file as the format describes it (sqlite.org/fileformat):
every leaf page of a table, every cell on it, and of each article record only
its feed, id and flags.  A page or cell that does not parse is skipped; the
write-ahead log, when present, is read over the main file as SQLite would.
"""

from __future__ import annotations

import struct
from pathlib import Path

Flags = tuple[str, str, int, int]
"""``(feed_id, id, read, starred)`` of one article."""

_MAGIC = b"SQLite format 3\x00"
_LEAF_TABLE = 0x0D
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_DEFAULT_COLUMNS = (
    "rowid id feed_id title url published author section topic path text html html_base "
    "body_hash read starred added indexed entities"
).split()
"""The articles table as a new database lays it out, for a file whose schema is lost."""
_FLAG_VALUES = ((0, 0), (0, 1), (1, 0), (1, 1))
_NOT_COLUMNS = {"UNIQUE", "PRIMARY", "CHECK", "FOREIGN", "CONSTRAINT"}


class _Pages:
    """The file's pages, each as the write-ahead log (if any) last wrote it."""

    def __init__(self, main: bytes, wal: bytes, size: int, reserved: int) -> None:
        self.main, self.size, self.usable = main, size, size - reserved
        self.logged: dict[int, int] = {}
        if (
            len(wal) >= 32 and struct.unpack(">I", wal[:4])[0] in _WAL_MAGIC
            and struct.unpack(">I", wal[8:12])[0] == size
        ):
            for frame in range(32, len(wal) - 24 - size + 1, 24 + size):
                number = struct.unpack(">I", wal[frame:frame + 4])[0]
                self.logged[number] = frame + 24
        self.wal = wal
        self.count = max(len(main) // size, max(self.logged, default=0))

    def get(self, number: int) -> bytes:
        if number in self.logged:
            start = self.logged[number]
            return self.wal[start:start + self.size]
        start = (number - 1) * self.size
        return self.main[start:start + self.size] if number >= 1 else b""


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """The varint at ``at`` and the offset after it (raises IndexError past the end)."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _width(serial: int) -> int:
    if serial < 12:
        return (0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0)[serial]
    return (serial - 12) // 2 if serial % 2 == 0 else (serial - 13) // 2


def _value(serial: int, raw: bytes) -> object:
    if serial == 0:
        return None
    if serial in (8, 9):
        return serial - 8
    if serial <= 6:
        return int.from_bytes(raw, "big", signed=True)
    if serial == 7:
        return struct.unpack(">d", raw)[0]
    if serial >= 13 and serial % 2:
        return raw.decode("utf-8", "replace")
    return bytes(raw) if serial >= 12 else None


def _cells(pages: _Pages, number: int, wanted: int) -> list[list[object]]:
    """The first ``wanted`` columns of every record on a table leaf page (none if not one)."""
    page = pages.get(number)
    head = 100 if number == 1 else 0
    if len(page) < pages.size or page[head] != _LEAF_TABLE:
        return []
    records = []
    (count,) = struct.unpack(">H", page[head + 3:head + 5])
    for i in range(count):
        try:
            (start,) = struct.unpack(">H", page[head + 8 + 2 * i:head + 10 + 2 * i])
            records.append(_record(pages, page, start, wanted))
        except (IndexError, ValueError, struct.error):
            continue  # one damaged cell: the others on the page may still be fine
    return records


def _record(pages: _Pages, page: bytes, start: int, wanted: int) -> list[object]:
    size, at = _varint(page, start)
    _, at = _varint(page, at)  # the rowid
    usable = pages.usable
    most = usable - 35
    if size <= most:
        payload = page[at:at + size]
    else:  # the rest of the record is on a chain of overflow pages
        least = (usable - 12) * 32 // 255 - 23
        local = least + (size - least) % (usable - 4)
        local = local if local <= most else least
        parts = [page[at:at + local]]
        (following,) = struct.unpack(">I", page[at + local:at + local + 4])
        have, seen = local, set[int]()
        while following and have < size and following not in seen and len(seen) < 100_000:
            seen.add(following)
            overflow = pages.get(following)
            if len(overflow) < pages.size:
                raise ValueError("overflow page missing")
            parts.append(overflow[4:usable])
            have += usable - 4
            (following,) = struct.unpack(">I", overflow[:4])
        payload = b"".join(parts)[:size]
    header, at = _varint(payload, 0)
    serials: list[int] = []
    while at < header and len(serials) < wanted:
        serial, at = _varint(payload, at)
        serials.append(serial)
    values: list[object] = []
    body = header
    for serial in serials:
        width = _width(serial)
        if body + width > len(payload):
            raise ValueError("record cut short")
        values.append(_value(serial, payload[body:body + width]))
        body += width
    return values


def _columns(sql: str) -> list[str]:
    """Column names, in order, of a ``CREATE TABLE`` statement."""
    inside = sql[sql.index("(") + 1:sql.rindex(")")]
    names, depth, piece = [], 0, ""
    for char in inside + ",":
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            word = piece.split()[0].strip('"`[]') if piece.split() else ""
            if word and word.upper() not in _NOT_COLUMNS:
                names.append(word)
            piece = ""
        else:
            piece += char
    return names


def _articles_layout(pages: _Pages) -> list[str]:
    """The articles table's columns as the file's own schema records them (they differ
    between a new database and one upgraded from version 1), else today's layout."""
    for number in range(1, pages.count + 1):
        for record in _cells(pages, number, 5):
            if record[:2] == ["table", "articles"] and isinstance(record[4], str):
                try:
                    return _columns(record[4])
                except ValueError:
                    continue
    return list(_DEFAULT_COLUMNS)


def _flags_in(pages: _Pages) -> dict[tuple[str, str], tuple[int, int]]:
    columns = _articles_layout(pages)
    try:
        key, ident, feed, title, read, starred = (
            columns.index(name) for name in ("rowid", "id", "feed_id", "title", "read", "starred")
        )
    except ValueError:
        return {}
    wanted = max(ident, feed, title, read, starred) + 1
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for number in range(1, pages.count + 1):
        for record in _cells(pages, number, wanted):
            if len(record) != wanted or record[key] is not None:
                continue
            feed_id, article_id = record[feed], record[ident]
            flags = (record[read], record[starred])
            if (
                isinstance(feed_id, str) and isinstance(article_id, str)
                and isinstance(record[title], str) and flags in _FLAG_VALUES
            ):
                was = found.get((feed_id, article_id), (0, 0))
                # A stale copy of a row may survive on a freed page: keep what was set.
                found[(feed_id, article_id)] = (
                    max(was[0], int(flags[0] == 1)), max(was[1], int(flags[1] == 1))
                )
    return found


def salvage_flags(path: Path) -> list[Flags]:
    """Every read or starred flag of the articles still legible in the file at ``path``."""
    try:
        main = path.read_bytes()
    except OSError:
        return []
    wal_path = path.with_name(path.name + "-wal")
    try:
        wal = wal_path.read_bytes() if wal_path.exists() else b""
    except OSError:
        wal = b""
    if main.startswith(_MAGIC) and len(main) >= 100:
        (size,) = struct.unpack(">H", main[16:18])
        size = 65536 if size == 1 else size
        candidates = [size] if size in _PAGE_SIZES else list(_PAGE_SIZES)
        reserved = main[20]
    else:  # the header itself is gone: try each page size, keep the best reading
        candidates, reserved = list(_PAGE_SIZES), 0
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for size in candidates:
        found = _flags_in(_Pages(main, wal, size, reserved))
        if len(found) > len(best):
            best = found
    return [
        (feed, ident, read, starred)
        for (feed, ident), (read, starred) in sorted(best.items())
        if read or starred
    ]

