"""Refuse a stale write-ahead log: a ``-wal`` file that cannot belong to the database.

A -wal left by a crash is normal and SQLite replays it (that is how committed
changes survive). A -wal without its database, or one whose header is damaged or
written for another page size, was left by something else; opening would make
SQLite discard or, worse, apply it. leadtui refuses and changes nothing.
"""

from __future__ import annotations

import struct
from pathlib import Path

from leadtui.i18n import _

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_VERSION = 3007000
WAL_HEADER = 32


def wal_path(path: Path) -> Path:
    """The write-ahead log beside ``path``."""
    return path.with_name(path.name + "-wal")


def wal_checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum over ``data`` (a multiple of 8 bytes)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    s0 = s1 = 0
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[index + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_header_ok(header: bytes, page_size: int | None) -> bool:
    """True when ``header`` is a valid WAL header (for ``page_size``, if given)."""
    if len(header) < WAL_HEADER:
        return False
    magic, version, size, _seq, _salt1, _salt2, sum1, sum2 = struct.unpack(">8I", header[:32])
    if magic not in WAL_MAGIC or version != WAL_VERSION:
        return False
    if page_size is not None and size != page_size:
        return False
    return wal_checksum(header[:24], big_endian=bool(magic & 1)) == (sum1, sum2)


def check_wal(path: Path, *, page_size: int | None) -> None:
    """Raise :class:`DatabaseRefused` if the -wal beside ``path`` is stale; change nothing."""
    from leadtui.domain.errors import DatabaseRefused

    wal = wal_path(path)
    try:
        size = wal.stat().st_size
    except OSError:
        return
    if size == 0:
        return
    if page_size is None:
        raise DatabaseRefused(
            _(
                "{wal} is a leftover journal without its database {path}. Nothing was changed; "
                "move it away (or restore the database beside it) and try again."
            ).format(wal=wal, path=path.name)
        )
    with wal.open("rb") as handle:
        header = handle.read(WAL_HEADER)
    if not wal_header_ok(header, page_size):
        raise DatabaseRefused(
            _(
                "{wal} is a damaged or foreign journal file that does not belong to {path}. "
                "Nothing was changed; move it away (or restore a backup) and try again."
            ).format(wal=wal, path=path.name)
        )
