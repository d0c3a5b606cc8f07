"""A compact list of strings for a workbook's shared string table (:mod:`.xlsx_rows`)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import overload


class PackedStrings(Sequence[str]):
    """Strings kept as UTF-8 bytes end to end, with their end offsets (an ``array``).

    A workbook's shared string table holds each distinct cell text: about three per
    row of an export (unique emails, phones, names), so 3 million at a million rows. As
    ``str`` objects (49 bytes of header each, plus a list slot) that was ~4x the text
    itself; packed it is the text plus 8 bytes a string, decoded when a cell is read.
    """

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array("Q")

    def append(self, text: str) -> None:
        """Add ``text`` at the end."""
        self._data += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._data))

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ends = self._ends
        end = ends[index]  # IndexError as a list gives, negative indexes too
        position = index % len(ends)
        start = ends[position - 1] if position else 0
        return self._data[start:end].decode("utf-8", "surrogatepass")
