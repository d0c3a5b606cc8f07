"""``leadtui import``: leads in from a file, the report printed, a batch reverted.

``export`` and ``forget`` are :mod:`leadtui.cli.export_forget`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from leadtui.cli.common import friendly_errors
from leadtui.cli.dry_run import import_store
from leadtui.cli.say import echo
from leadtui.domain.formatting import format_count
from leadtui.domain.sources import SOURCES
from leadtui.i18n import _, ngettext

SHOWN_ISSUES = 20


@click.command(name="import")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=_("Check and count everything; write nothing."))
@click.option(
    "--on-duplicate",
    type=click.Choice(["skip", "update", "merge"]),
    default="skip",
    show_default=True,
    help=_("What to do with a row whose email or phone exists."),
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=field",
    help=_("Map a column to a lead field (repeatable; field 'ignore' drops it)."),
)
@click.option(
    "--source",
    type=click.Choice(SOURCES),
    default=None,
    help=_("Source for every imported lead (default: from the format)."),
)
@click.option("--encoding", default=None, help=_("Text encoding (default: detected)."))
@click.option("--delimiter", default=None, help=_("CSV delimiter (default: detected)."))
@click.option(
    "--revert",
    "revert_batch",
    type=int,
    default=None,
    metavar="BATCH",
    help=_("Undo import batch BATCH instead of importing."),
)
@click.option(
    "--no-header",
    is_flag=True,
    help=_("The first row is data: name the columns by position with --map 1=first_name …"),
)
@click.option(
    "--region",
    default=None,
    metavar="XX",
    help=_(
        "Country of national phone numbers (ES, MX, US…; default: the setting, else your "
        "locale's territory; none: kept as typed)."
    ),
)
@click.option("--sheet", default=None, metavar="NAME", help=_("Worksheet of an .xlsx workbook."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the report as JSON."))
@click.option("--yes", "-y", is_flag=True, help=_("With --revert: do not ask for confirmation."))
@click.option(
    "--force", is_flag=True, help=_("With --revert: also revert leads changed since the import.")
)
@click.pass_context
@friendly_errors
def import_command(
    ctx: click.Context,
    file: Path | None,
    dry_run: bool,
    on_duplicate: str,
    maps: tuple[str, ...],
    source: str | None,
    encoding: str | None,
    delimiter: str | None,
    revert_batch: int | None,
    no_header: bool,
    region: str | None,
    sheet: str | None,
    as_json: bool,
    yes: bool,
    force: bool,
) -> None:
    """Import leads from a CSV or vCard FILE (one transaction, every row accounted for)."""
    from leadtui.io.csv_import import ImportOptions
    from leadtui.io.mapping import parse_overrides
    from leadtui.io.phones import phone_region

    if revert_batch is not None:
        from leadtui.cli.revert import revert_command

        revert_command(ctx, revert_batch, yes=yes, force=force, as_json=as_json)
        return
    if file is None:
        raise click.UsageError(_("Give a FILE to import (or --revert BATCH)."))
    overrides = parse_overrides(maps)
    delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
    with import_store(ctx, dry_run=dry_run) as store:
        preview = store.imports.preview_import(
            file,
            encoding=encoding,
            delimiter=delimiter,
            overrides=overrides,
            no_header=no_header,
            sheet=sheet,
        )
        options = ImportOptions(
            on_duplicate=on_duplicate,
            source=source,
            dry_run=dry_run,
            region=phone_region(region),
        )
        report = store.imports.import_rows(preview, options)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)


def _print_report(report: Any) -> None:
    delimiter = {"\t": "tab", "": "-"}.get(report.delimiter, report.delimiter)
    echo(
        _("{file}: {format}, {encoding}, delimiter {delimiter}").format(
            file=report.file,
            format=report.format_label,
            encoding=report.encoding,
            delimiter=delimiter,
        )
    )
    echo(
        _(
            "Rows read {read}: imported {imported}, updated {updated}, merged {merged}, "
            "skipped {skipped}, rejected {rejected}."
        ).format(
            read=format_count(report.rows_read),
            imported=format_count(report.imported),
            updated=format_count(report.updated),
            merged=format_count(report.merged),
            skipped=format_count(report.skipped),
            rejected=format_count(report.rejected),
        )
    )
    if report.with_warnings:
        echo(
            ngettext(
                "{count} lead imported with warnings (values left out, kept in its notes).",
                "{count} leads imported with warnings (values left out, kept in their notes).",
                report.with_warnings,
            ).format(count=format_count(report.with_warnings))
        )
    for column in (c for c in report.date_columns if c.worth_saying):
        echo(column.message())
    if report.not_imported:
        echo(
            _("Not imported (no lead field): {columns}").format(
                columns=", ".join(report.not_imported)
            )
        )
    if report.kept_in_note:
        echo(
            _("Kept in the note of each lead (column: answer): {columns}").format(
                columns=", ".join(report.kept_in_note)
            )
        )
    for issue in report.warnings[:SHOWN_ISSUES]:
        echo(
            _("  Left out: row {row} (line {line}), {column}: {value!r}: {reason}").format(
                row=issue.row,
                line=issue.line,
                column=issue.column,
                value=issue.value,
                reason=issue.reason,
            )
        )
    if report.warnings_count > SHOWN_ISSUES:
        echo(
            _("  … {count} more; see --json.").format(
                count=format_count(report.warnings_count - SHOWN_ISSUES)
            )
        )
    for title, issues, total in (
        (_("Rejected"), report.rejections, report.rejected),
        (_("Skipped"), report.skips, report.skipped),
        (_("Cleaned"), report.notices, report.notices_count),
    ):
        for issue in issues[:SHOWN_ISSUES]:
            echo(
                _("  {title}: row {row} (line {line}), {column}: {reason}").format(
                    title=title,
                    row=issue.row,
                    line=issue.line,
                    column=issue.column,
                    reason=issue.reason,
                )
            )
        if total > SHOWN_ISSUES:
            echo(
                _("  … {count} more; see --json.").format(count=format_count(total - SHOWN_ISSUES))
            )
    if report.dry_run:
        echo(_("Dry run: nothing was written."))
    else:
        echo(_("Batch {id}; undo with: leadtui import --revert {id}").format(id=report.batch_id))


def register(group: click.Group) -> None:
    """Add ``import`` to ``group``."""
    group.add_command(import_command)
