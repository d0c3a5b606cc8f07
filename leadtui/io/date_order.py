"""Day first or month first: decided once per date column, from all its values.

``03/11/2026`` is 3 November or 11 March; ``15/11/2026`` beside it can only be day
first. Reading each cell on its own would swap the month of some rows and not others,
so the import scans every value of each date column first (:func:`scan_date_orders`),
then reads the whole column in one order:

- values that fit only one order decide it (``decided_by="values"``);
- when every value fits both, the file's locale decides (its format's, else the
  user's) and the column is reported as ambiguous (``decided_by="locale"``);
- a column whose values need both orders is reported as mixed; it is read in the
  locale's order and the dates that cannot be read so are left out and noted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from leadtui.i18n import _

_NUMERIC = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?!\d)")


@dataclass(frozen=True, slots=True)
class DateColumn:
    """How one date column is read, and why."""

    column: str
    target: str
    day_first: bool
    decided_by: str
    """``values`` (only one order fits), ``locale`` (both fit: ambiguous) or ``mixed``."""
    ambiguous: int = 0
    """Values that fit both orders and differ between them (03/11 but not 03/03)."""
    example: str = ""
    """A value that decided the order, or an ambiguous one."""

    @property
    def order(self) -> str:
        """``day-first`` or ``month-first``."""
        return "day-first" if self.day_first else "month-first"

    @property
    def worth_saying(self) -> bool:
        """Whether any value needed an order at all (ISO or empty columns do not)."""
        return self.decided_by != "locale" or self.ambiguous > 0

    @property
    def needs_checking(self) -> bool:
        """Whether the user should look: the order was a guess, or the values disagree."""
        return self.decided_by == "mixed" or (self.decided_by == "locale" and self.ambiguous > 0)

    def message(self) -> str:
        """One line for the import report."""
        order = _("day first") if self.day_first else _("month first")
        if self.decided_by == "values":
            return _("Dates in {column}: read {order} ({example} fits only that order).").format(
                column=self.column, order=order, example=self.example
            )
        if self.decided_by == "mixed":
            return _(
                "Dates in {column} mix both orders: read {order}; dates that cannot be read "
                "so are left out and noted. Check this column."
            ).format(column=self.column, order=order)
        return _(
            "Dates in {column} are ambiguous ({count} like {example} fit both orders): read "
            "{order} from the file's locale. Check them, or fix the column and import again."
        ).format(column=self.column, count=self.ambiguous, example=self.example, order=order)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (``import --json``)."""
        return {
            "column": self.column,
            "target": self.target,
            "order": self.order,
            "decided_by": self.decided_by,
            "ambiguous": self.ambiguous,
            "example": self.example,
        }


class _Evidence:
    __slots__ = ("ambiguous", "ambiguous_example", "day_example", "month_example")

    def __init__(self) -> None:
        self.day_example = ""
        self.month_example = ""
        self.ambiguous = 0
        self.ambiguous_example = ""

    def feed(self, text: str) -> None:
        match = _NUMERIC.match(text)
        if match is None:
            return  # ISO, month names, blank: one reading only
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 and second <= 12:
            self.day_example = self.day_example or text.strip()
        elif second > 12 and first <= 12:
            self.month_example = self.month_example or text.strip()
        elif first != second and first <= 12 and second <= 12:
            self.ambiguous += 1
            self.ambiguous_example = self.ambiguous_example or text.strip()


def scan_date_orders(
    rows: Iterable[tuple[int, int, Any]],
    header: Sequence[str],
    columns: Sequence[tuple[int, str]],
    *,
    locale_day_first: bool,
) -> list[DateColumn]:
    """Read every row once and decide the order of each ``(index, target)`` date column."""
    evidence = {index: _Evidence() for index, _target in columns}
    if evidence:
        for _row, _line, cells in rows:
            if not isinstance(cells, list | tuple):
                continue  # a broken record: the import reports it
            width = len(cells)
            for index, seen in evidence.items():
                if index < width and cells[index]:
                    seen.feed(cells[index])
    decided = []
    for index, target in columns:
        seen = evidence[index]
        name = (header[index] if index < len(header) else "") or str(index + 1)
        if seen.day_example and seen.month_example:
            decided.append(DateColumn(name, target, locale_day_first, "mixed", seen.ambiguous))
        elif seen.day_example or seen.month_example:
            day_first = bool(seen.day_example)
            example = seen.day_example or seen.month_example
            decided.append(DateColumn(name, target, day_first, "values", seen.ambiguous, example))
        else:
            decided.append(
                DateColumn(
                    name, target, locale_day_first, "locale", seen.ambiguous, seen.ambiguous_example
                )
            )
    return decided


def locale_reads_day_first(locale: str | None) -> bool:
    """Whether short dates in ``locale`` put the day first (``es_ES``, ``en_GB``: yes)."""
    if locale is None:
        return False
    from babel.dates import get_date_format

    try:
        pattern = get_date_format("short", locale=locale).pattern
    except (ValueError, LookupError):
        return False
    day, month = pattern.find("d"), pattern.find("M")
    return 0 <= day < month
