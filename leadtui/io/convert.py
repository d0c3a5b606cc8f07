"""Turn one input row (cells + mapping) into clean lead column values, or a rejection.

Works on plain tuples and dicts (no ORM objects): this is the per-row hot path.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from leadtui.domain.lead_input import TEXT_FIELDS
from leadtui.domain.validation import (
    DEFAULT_REGION,
    MAX_NOTE,
    ValidationError,
    clean_text,
)
from leadtui.i18n import _
from leadtui.io.layout import ANSWER, FORMULA_GUARD, FORMULA_STARTS, IGNORE, Format
from leadtui.io.row_outcome import Converted, Issue, RowRejected
from leadtui.io.value_fill import DATE_FIELDS, ValueFiller
from leadtui.io.values import split_tags

_SCALARS = frozenset(
    {
        *TEXT_FIELDS,
        "full_name",
        "email",
        "phone",
        "website",
        "source",
        "consent",
        "stage",
        "value",
        "value_cents",
        "currency",
        "score",
        "owner",
        *DATE_FIELDS,
    }
)
"""Targets that take one value (the rest, tags and notes, collect every cell)."""


class RowConverter(ValueFiller):
    """Validates rows of one file against its mapping."""

    def __init__(
        self,
        fmt: Format,
        header: Sequence[str],
        mapping: Sequence[str],
        *,
        stages: dict[str, str],
        source: str | None = None,
        region: str | None = DEFAULT_REGION,
        guarded: bool = False,
    ) -> None:
        self.header = [cell.strip() for cell in header]
        self.columns = [(index, target) for index, target in enumerate(mapping) if target != IGNORE]
        targets = {target for _index, target in self.columns}
        super().__init__(fmt, targets, stages=stages, source=source, region=region)
        self.notices: list[Issue] = []
        self.unguard = fmt.key == "leadtui" and guarded
        """Our own spreadsheet-safe export: each formula guard comes off again."""
        mapped = [target for _index, target in self.columns]
        # Each target once, all single-valued, no " ::: " lists: a printable row needs no
        # per-cell decisions (the common case, see :meth:`convert`).
        self._simple = not fmt.multi_values and targets <= _SCALARS and len(mapped) == len(targets)

    def convert(self, row: int, line: int, cells: Sequence[str]) -> Converted:
        """The row's lead values; raises :class:`RowRejected`."""
        if self.unguard:
            cells = [_unguarded(cell) for cell in cells]
        if self._simple and "".join(cells).isprintable():
            width = len(cells)
            raw = {
                target: cells[index].strip()
                for index, target in self.columns
                if index < width and cells[index]
            }
            return self._finish(row, line, raw, [], [], [])
        return self._convert_cells(row, line, cells)

    def _convert_cells(self, row: int, line: int, cells: Sequence[str]) -> Converted:
        """Any row: control characters, ``:::`` lists, repeated targets, tags and notes."""
        raw: dict[str, str] = {}
        extra_notes: list[str] = []
        tags: list[str] = []
        notes: list[str] = []
        answers: list[str] = []
        width = len(cells)
        for index, target in self.columns:
            cell = cells[index] if index < width else ""
            if not cell:
                continue
            if target in _SCALARS and cell.isprintable():
                if target not in raw:
                    raw[target] = cell.strip()
                    if not self.fmt.multi_values:
                        continue
                    cell = raw.pop(target)
                else:
                    cell = cell.strip()
            column = self.header[index] or str(index + 1)
            if not cell.isprintable() and target not in ("note", ANSWER):
                cleaned = clean_text(cell, max_length=sys.maxsize)  # NFC may lengthen it
                if cleaned != cell.strip() and any(
                    ch not in "\n\r\t" for ch in cell if not ch.isprintable()
                ):
                    self.notices.append(Issue(row, line, column, _("control characters removed")))
                cell = cleaned
            if (
                self.fmt.multi_values
                and " ::: " in cell
                and target in ("email", "phone", "website")
            ):
                first, *others = [part.strip() for part in cell.split(" ::: ")]
                cell = first
                extra_notes += [f"{column}: {other}" for other in others if other]
            if target == "tags":
                tags += split_tags(cell, multi_values=self.fmt.multi_values)
            elif target == "note":
                notes.append(cell)
            elif target == ANSWER:
                if cell.strip():
                    answers.append(f"{column}: {cell.strip()}")
            elif target in raw:
                if raw[target] != cell.strip() and cell.strip():
                    extra_notes.append(f"{column}: {cell.strip()}")
            elif cell.strip():
                raw[target] = cell.strip() if target in _SCALARS else cell
        if answers:  # one note with every answer, each under its question as the file has it
            notes.append("\n".join([_("Form answers:"), *answers]))
        return self._finish(row, line, raw, tags, notes, extra_notes)

    def _finish(
        self,
        row: int,
        line: int,
        raw: dict[str, str],
        tags: list[str],
        notes: list[str],
        extra_notes: list[str],
    ) -> Converted:
        result = Converted({}, set(), tags, [])
        try:
            self._fill(result, raw)
        except ValidationError:
            # Keep the person, drop the field: each bad value is left out and noted.
            self._fill_leaving_out(result, raw, row, line)
        if notes or extra_notes or result.warnings:
            result.notes = self._notes(notes + extra_notes) + self._import_note(result.warnings)
        if tags:
            result.tags = self._tags(tags, result, row, line)
        if self.unplaced:
            self.notices += [
                Issue(
                    row,
                    line,
                    self._column_of("phone"),
                    _("no country for this national number: kept as typed (use --region)"),
                    phone,
                )
                for phone in self.unplaced
            ]
            self.unplaced.clear()
        get = result.values.get
        if not (  # IDENTIFYING, unrolled: the per-row hot path
            get("first_name") or get("last_name") or get("email") or get("phone") or get("company")
        ):
            if result.warnings:
                first = result.warnings[0]
                raise RowRejected(Issue(row, line, first.column, first.reason, first.value))
            raise RowRejected(
                Issue(
                    row, line, "-", _("no name, email, phone or company: nothing to make a lead of")
                )
            )
        return result

    def _fill_leaving_out(
        self, result: Converted, raw: dict[str, str], row: int, line: int
    ) -> None:
        """:meth:`_fill` again without each value it refuses, one at a time."""
        raw = dict(raw)
        while True:
            result.values, result.given = {}, set()
            try:
                self._fill(result, raw)
                return
            except ValidationError as error:
                key = self._raw_key(error.field, raw)
                if key is None:  # cannot tell which value: leave them all out (never loops)
                    keys = list(raw)
                    column = self._column_of(error.field)
                else:
                    keys = [key]
                    column = self._column_of(key)
                for name in keys:
                    result.warnings.append(Issue(row, line, column, error.message, raw.pop(name)))
                if not raw:
                    result.values, result.given = {}, set()
                    self._fill(result, raw)
                    return

    @staticmethod
    def _raw_key(target: str, raw: dict[str, str]) -> str | None:
        """The value of ``raw`` an error about ``target`` is about."""
        candidates = {
            "first_name": ("first_name", "full_name"),
            "value": ("value_cents", "value"),
        }.get(target, (target,))
        for name in candidates:
            if name in raw:
                return name
        return None

    def _tags(self, tags: list[str], result: Converted, row: int, line: int) -> list[str]:
        kept: set[str] = set()
        for tag in tags:
            try:
                kept.add(clean_text(tag, max_length=60, field="tags"))
            except ValidationError as error:
                issue = Issue(row, line, self._column_of("tags"), error.message, tag)
                result.warnings.append(issue)
                result.notes += self._import_note([issue])
        return sorted(kept - {""})

    @staticmethod
    def _import_note(warnings: list[Issue]) -> list[str]:
        """The lead's timeline note keeping each left-out value verbatim."""
        if not warnings:
            return []
        lines = [_("Left out by the import (kept here as the file had them):")]
        lines += [
            _("{column}: {value} ({reason})").format(
                column=issue.column, value=issue.value, reason=issue.reason
            )
            for issue in warnings
        ]
        return _split_note("\n".join(lines))

    def _column_of(self, target: str) -> str:
        aliases = {
            "date": DATE_FIELDS,
            "value": ("value", "value_cents"),
            "consent": ("consent",),
            "first_name": ("first_name", "full_name"),
        }
        wanted = aliases.get(target, (target,))
        for index, mapped in self.columns:
            if mapped in wanted:
                return self.header[index] or str(index + 1)
        return target

    @staticmethod
    def _notes(notes: list[str]) -> list[str]:
        cleaned = [note for text in notes for note in _split_note(text)]
        return [note for note in cleaned if note]


def _unguarded(cell: str) -> str:
    """``cell`` without the guard our export put in front (``io.export.neutralise``)."""
    if cell[:1] != FORMULA_GUARD:
        return cell
    rest = cell[1:]
    if rest[:1] in FORMULA_STARTS or (rest[:1] == FORMULA_GUARD and rest[1:2] in FORMULA_STARTS):
        return rest
    return cell


def _split_note(text: str) -> list[str]:
    """``text`` cleaned as a note; a note longer than a note may be becomes several."""
    cleaned = clean_text(text, max_length=sys.maxsize, multiline=True, field="note")
    if len(cleaned) <= MAX_NOTE:
        return [cleaned]
    return [cleaned[at : at + MAX_NOTE] for at in range(0, len(cleaned), MAX_NOTE)]


def stage_lookup(stages: Sequence[tuple[str, str]]) -> dict[str, str]:
    """``{casefolded key or name: key}`` for the stage column."""
    lookup: dict[str, str] = {}
    for key, name in stages:
        lookup[name.casefold()] = key
        lookup[_(name).casefold()] = key
        lookup[key.casefold()] = key
    return lookup


def as_datetime(value: Any) -> datetime | None:
    """A value from :class:`Converted` that should be a datetime."""
    return value if isinstance(value, datetime) else None
