"""Turn one input row (cells + mapping) into clean lead column values, or a rejection.

Works on plain tuples and dicts (no ORM objects): this is the per-row hot path.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from unicodedata import normalize

from leadtui.domain.enums import LeadSource
from leadtui.domain.lead_input import TEXT_FIELDS
from leadtui.domain.validation import (
    DEFAULT_REGION,
    MAX_NOTE,
    ValidationError,
    clean_text,
    email_key,
    parse_money,
    validate_url,
)
from leadtui.i18n import _
from leadtui.io.layout import FORMULA_GUARD, FORMULA_STARTS, IGNORE, Format
from leadtui.io.values import (
    EmailChecker,
    PhoneNormalizer,
    parse_date,
    parse_flag,
    split_tags,
)

SOURCES = frozenset(source.value for source in LeadSource)
_DATE_FIELDS = ("consent_at", "next_followup_at", "created_at")
_CHOICES = frozenset({"source", "consent", "stage", "value_cents", "value", "currency", "score"})
"""The targets :meth:`RowConverter._fill_choices` reads."""
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
        *_DATE_FIELDS,
    }
)
"""Targets that take one value (the rest, tags and notes, collect every cell)."""


@dataclass(frozen=True, slots=True)
class Issue:
    """A note about one row: which row (data row and file line), which column, why."""

    row: int
    line: int
    column: str
    reason: str
    value: str = ""
    """The value left out of the lead (warnings only), exactly as the file has it."""

    def as_dict(self) -> dict[str, Any]:
        """For the JSON report."""
        found = {"row": self.row, "line": self.line, "column": self.column, "reason": self.reason}
        if self.value:
            found["value"] = self.value
        return found


class RowRejected(Exception):
    """The row cannot become a lead (the issue says where and why)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.reason)
        self.issue = issue


@dataclass(slots=True)
class Converted:
    """Clean column values of one row, and which of them the file gave."""

    values: dict[str, Any]
    given: set[str] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    """Values left out of this lead (each kept verbatim in its import note)."""


IDENTIFYING = ("first_name", "last_name", "email", "phone", "company")
"""A row with none of these is nobody: the only kind of row an import rejects."""


class RowConverter:
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
        self.fmt = fmt
        self.header = [cell.strip() for cell in header]
        self.columns = [(index, target) for index, target in enumerate(mapping) if target != IGNORE]
        self.stages = stages
        self.source = source
        self.region = region
        self.emails = EmailChecker()
        self.phones = PhoneNormalizer(region)
        self.notices: list[Issue] = []
        self.unplaced: list[str] = []
        self.unguard = fmt.key == "leadtui" and guarded
        """Our own spreadsheet-safe export: each formula guard comes off again."""
        """National phone numbers of the row being converted that no region places."""
        targets = {target for _index, target in self.columns}
        self._texts = [(name, limit) for name, limit in TEXT_FIELDS.items() if name in targets]
        self._maps_consent_at = "consent_at" in targets
        self._maps_choices = not targets.isdisjoint(_CHOICES)
        self._dates = [name for name in _DATE_FIELDS if name in targets]
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
            if not cell.isprintable() and target != "note":
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
            elif target in raw:
                if raw[target] != cell.strip() and cell.strip():
                    extra_notes.append(f"{column}: {cell.strip()}")
            elif cell.strip():
                raw[target] = cell.strip() if target in _SCALARS else cell
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
            "date": _DATE_FIELDS,
            "value": ("value", "value_cents"),
            "consent": ("consent",),
            "first_name": ("first_name", "full_name"),
        }
        wanted = aliases.get(target, (target,))
        for index, mapped in self.columns:
            if mapped in wanted:
                return self.header[index] or str(index + 1)
        return target

    def _fill(self, result: Converted, raw: dict[str, str]) -> None:
        values, given = result.values, result.given
        for name, limit in self._texts:
            if name in raw:
                text = raw[name]
                if text.isprintable():  # clean_text's cheap case, inline
                    text = text.strip()
                    if not text.isascii():
                        text = normalize("NFC", text)
                    if len(text) <= limit:
                        values[name] = text
                        continue
                values[name] = clean_text(raw[name], max_length=limit, field=name)
        if "full_name" in raw and not (values.get("first_name") or values.get("last_name")):
            full = clean_text(raw["full_name"], max_length=401, field="first_name")
            first, _sep, last = full.partition(" ")
            values["first_name"] = clean_text(
                first, max_length=TEXT_FIELDS["first_name"], field="first_name"
            )
            values["last_name"] = clean_text(
                last, max_length=TEXT_FIELDS["last_name"], field="last_name"
            )
        if "email" in raw:
            values["email"] = self.emails.check(raw["email"])
            values["email_key"] = email_key(values["email"])
        if "phone" in raw:
            phone = raw["phone"]
            phone = phone[1:] if phone[:1] == "'" else phone  # a spreadsheet-safe export
            if phone.startswith("p:"):  # Meta Lead Ads writes p:+34…
                phone = phone[2:]
            values["phone"], values["phone_e164"] = self.phones.normalize(phone)
            if self.region is None and values["phone_e164"] is None and values["phone"]:
                self.unplaced.append(values["phone"])
        if "website" in raw:
            values["website"] = validate_url(raw["website"])
        if self._maps_choices:
            self._fill_choices(values, raw)
        for name in self._dates:
            if name in raw:
                try:
                    values[name] = parse_date(raw[name], day_first=self.fmt.day_first)
                except ValidationError as error:
                    raise ValidationError(name, error.message) from error
        given.update(values)
        given.discard("source")
        if self.fmt.consent is not None and "consent" not in raw:
            values["consent"] = self.fmt.consent
            given.add("consent")
            if not self.fmt.consent:  # unsubscribed or cleaned: the old opt-in time is void
                values.pop("consent_at", None)
                given.discard("consent_at")
        if self.source is not None:
            values["source"] = self.source
            given.add("source")
        elif "source" not in values:
            values["source"] = self.fmt.source
        if values.get("consent") and "created_at" in values and not self._maps_consent_at:
            values["consent_at"] = values["created_at"]

    def _fill_choices(self, values: dict[str, Any], raw: dict[str, str]) -> None:
        if "source" in raw:
            if raw["source"] not in SOURCES:
                raise ValidationError(
                    "source", _("Unknown source: {source}").format(source=raw["source"])
                )
            values["source"] = raw["source"]
        if "consent" in raw:
            values["consent"] = parse_flag(raw["consent"])
        if "stage" in raw:
            key = self.stages.get(raw["stage"].casefold())
            if key is None:
                raise ValidationError(
                    "stage", _("Unknown stage: {stage}").format(stage=raw["stage"])
                )
            values["stage"] = key
        if "value_cents" in raw:
            values["value_cents"] = _int_in(raw["value_cents"], 0, 10**15, "value")
        elif "value" in raw:
            values["value_cents"] = parse_money(raw["value"])
        if "currency" in raw:
            currency = raw["currency"].upper()
            if len(currency) != 3 or not currency.isalpha():
                raise ValidationError("currency", _("A currency is three letters, e.g. EUR."))
            values["currency"] = currency
        if "score" in raw:
            values["score"] = _int_in(raw["score"], 0, 100, "score")

    @staticmethod
    def _notes(notes: list[str]) -> list[str]:
        cleaned = [note for text in notes for note in _split_note(text)]
        return [note for note in cleaned if note]


def _unguarded(cell: str) -> str:
    if cell[:1] == FORMULA_GUARD and cell[1:2] and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def _split_note(text: str) -> list[str]:
    """``text`` cleaned as a note; a note longer than a note may be becomes several."""
    cleaned = clean_text(text, max_length=sys.maxsize, multiline=True, field="note")
    if len(cleaned) <= MAX_NOTE:
        return [cleaned]
    return [cleaned[at : at + MAX_NOTE] for at in range(0, len(cleaned), MAX_NOTE)]


def _int_in(text: str, low: int, high: int, name: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise ValidationError(
            name,
            _("Not a whole number from {low} to {high}: {text}").format(
                low=low, high=high, text=text
            ),
        )
    return number


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
