"""What the import screen shows of a file and of a run: preview line, mapping, counts, issues.

Plain functions over a preview (:func:`~leadtui.store.LeadStore.preview_import`) or a
report (:func:`~leadtui.store.LeadStore.import_rows`); the screen owns the state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from leadtui.domain.formatting import format_count
from leadtui.i18n import _, ngettext
from leadtui.ui.screens.import_fields import FIELD_LABELS

SAMPLES = 3
LISTED_ISSUES = 200


def preview_info(preview: Any) -> str:
    """The line above the mapping: file, format, encoding, delimiter, columns."""
    delimiter = {"\t": _("tab"), "": "-"}.get(preview.delimiter, preview.delimiter)
    return _(
        "{file}: {format} · encoding {encoding} · delimiter {delimiter} · {columns} columns"
    ).format(
        file=preview.path.name,
        format=preview.format.label,
        encoding=preview.encoding,
        delimiter=delimiter,
        columns=len(preview.header),
    )


def show_mapping(table: DataTable[Any], preview: Any, mapping: list[str]) -> None:
    """One row per column of the file: its field and the first sample values."""
    cursor = table.cursor_row
    table.clear()
    for index, column in enumerate(preview.header):
        samples = [
            Text(row[index] if index < len(row) else "", no_wrap=True, overflow="ellipsis")
            for row in preview.sample[:SAMPLES]
        ]
        samples += [Text("")] * (SAMPLES - len(samples))
        field = mapping[index]
        style = "dim" if field == "ignore" else "bold"
        table.add_row(
            Text(column or str(index + 1)),
            Text(FIELD_LABELS[field], style=style),
            *samples,
            key=str(index),
        )
    if cursor:
        table.move_cursor(row=min(cursor, len(preview.header) - 1))


def counts_text(report: Any) -> str:
    """What a dry run found: rows, new, updated, skipped, invalid, cleaned, with warnings."""
    new, updated = report.imported, report.updated + report.merged
    skipped, invalid = report.skipped, report.rejected
    cleaned, warned = report.notices_count, report.with_warnings
    parts = [
        ngettext("{n} new", "{n} new", new).format(n=format_count(new)),
        ngettext("{n} updated", "{n} updated", updated).format(n=format_count(updated)),
        ngettext("{n} duplicate skipped", "{n} duplicates skipped", skipped).format(
            n=format_count(skipped)
        ),
        ngettext("{n} invalid", "{n} invalid", invalid).format(n=format_count(invalid)),
        ngettext("{n} cleaned", "{n} cleaned", cleaned).format(n=format_count(cleaned)),
        ngettext("{n} with warnings", "{n} with warnings", warned).format(n=format_count(warned)),
    ]
    read = report.rows_read
    rows = ngettext("{n} row", "{n} rows", read).format(n=format_count(read))
    line = _("{rows}: {counts}").format(rows=rows, counts=" · ".join(parts))
    # A date column whose day/month order the values could not decide is said before
    # anything is imported, never left for the user to find in swapped dates.
    doubtful = [c.message() for c in report.date_columns if c.needs_checking]
    return "\n".join([line, *doubtful])


def show_issues(table: DataTable[Any], report: Any) -> None:
    """The first rejections, warnings, skips and notices of a run, in row order."""
    table.clear()
    listed = [*report.rejections, *report.warnings, *report.skips, *report.notices]
    for issue in sorted(listed[:LISTED_ISSUES], key=lambda issue: issue.row):
        reason = (
            _("left out {value}: {reason}").format(value=repr(issue.value), reason=issue.reason)
            if issue.value
            else issue.reason
        )
        table.add_row(str(issue.row), str(issue.line), Text(issue.column), Text(reason))


def confirm_text(report: Any) -> str:
    """The question before a real import, quoting the dry run's counts."""
    return ngettext(
        "Add {new} new lead and update {updated} from {file}?",
        "Add {new} new leads and update {updated} from {file}?",
        report.imported,
    ).format(
        new=format_count(report.imported),
        updated=format_count(report.updated + report.merged),
        file=Path(report.file).name,
    )


def imported_text(report: Any) -> str:
    """The toast after a real import."""
    return _(
        "Imported {new}, updated {updated}, skipped {skipped}, rejected "
        "{rejected} (batch {id}; u to undo)."
    ).format(
        new=format_count(report.imported),
        updated=format_count(report.updated + report.merged),
        skipped=format_count(report.skipped),
        rejected=format_count(report.rejected),
        id=report.batch_id,
    )
