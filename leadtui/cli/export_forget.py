"""``leadtui export`` and ``forget``: leads out to a file, and a person erased for good."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from leadtui.cli.common import db_target, friendly_errors, stage_key, store_for
from leadtui.cli.confirm import confirm_or_refuse
from leadtui.cli.say import echo
from leadtui.cli.views import chosen_filter, filter_options
from leadtui.domain.errors import StorageError
from leadtui.domain.record_fields import replace
from leadtui.domain.sanitize import clean_str
from leadtui.i18n import _, ngettext


@click.command(name="export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "vcf", "json"]),
    default=None,
    help=_("Output format (default: from the file name, else csv)."),
)
@click.option("--stage", default=None, help=_("Only leads in this stage."))
@click.option(
    "--lead", "lead_ref", default=None, metavar="EMAIL", help=_("Only this person (email or id).")
)
@click.option(
    "--raw",
    is_flag=True,
    help=_("Exact CSV cells: value in cents, tags as JSON, no formula neutralising."),
)
@click.option("--force", is_flag=True, help=_("Replace FILE if it exists."))
@filter_options
@click.pass_context
@friendly_errors
def export_command(
    ctx: click.Context,
    file: Path,
    fmt: str | None,
    stage: str | None,
    lead_ref: str | None,
    raw: bool,
    force: bool,
    filter_text: str | None = None,
    view_name: str | None = None,
) -> None:
    """Export leads to FILE as CSV (spreadsheet-safe), vCard 3.0 or JSON (full history)."""
    from leadtui.io.export import ExportOptions

    suffix = file.suffix.lower().lstrip(".")
    chosen = fmt or {"vcf": "vcf", "vcard": "vcf", "json": "json"}.get(suffix, "csv")
    with store_for(ctx, create=False) as store:
        lead_id = store.leads.find_lead(lead_ref).id if lead_ref else None
        options = ExportOptions(
            format=chosen,
            stage=stage_key(store, stage) if stage else None,
            lead_id=lead_id,
            raw=raw,
            force=force,
        )
        segment = chosen_filter(store, filter_text, view_name)
        if segment.narrows:  # --filter/--view (cli.views)
            options = replace(options, lead_filter=segment.lead_filter, now=store.now())
        try:
            count = store.imports.export_leads(file, options)
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                raise
            raise StorageError(
                _(
                    "The disk is full: the export was not written and {file} is unchanged. "
                    "Free some space and try again."
                ).format(file=file)
            ) from error
    echo(_("Exported {count} leads to {file}.").format(count=count, file=file), err=True)


@click.command(name="forget")
@click.argument("person", metavar="EMAIL")
@click.option(
    "--keep-backups",
    is_flag=True,
    help=_("Leave the backups as they are (they still hold the person until pruned)."),
)
@click.option("--yes", "-y", is_flag=True, help=_("Do not ask for confirmation."))
@click.pass_context
@friendly_errors
def forget_command(ctx: click.Context, person: str, keep_backups: bool, yes: bool) -> None:
    """Erase a person (lead, activities, history) leaving no bytes behind, in the database
    and its backups; keeps an anonymous tombstone."""
    from leadtui.domain.errors import NotFoundError
    from leadtui.storage.base import Person

    with store_for(ctx, create=False) as store:
        lead = (
            store.leads.get_lead(int(person), include_deleted=True)
            if person.strip().isdigit()
            else store.leads.find_by_email(person)
        )
        if lead is None or lead.id is None:
            raise NotFoundError(_("No lead with id or email {ref}.").format(ref=person))
        who = Person(lead.id, lead.created_at, lead.email_key)
        name = " ".join(part for part in (lead.first_name, lead.last_name) if part)
        question = _(
            "Erase {name} ({email}, lead {id}) for good, with activities and history? "
            "This cannot be undone."
        ).format(name=name or "-", email=lead.email or "-", id=lead.id)
        if not confirm_or_refuse(clean_str(question), yes=yes):
            echo(_("Nothing was changed."))
            return
        tombstone = store.imports.forget_lead(lead.id)
        echo(
            _("Forgotten: lead {id} erased (tombstone {tombstone}).").format(
                id=lead.id, tombstone=tombstone
            )
        )
        if isinstance(db_target(ctx), str):
            echo(server_note())
        if keep_backups:
            echo(
                _(
                    "Backups were left as they are: those taken before still hold "
                    "this person until they are pruned."
                )
            )
            return
        done = store.imports.forget_in_backups(who)
    echo(
        ngettext(
            "Also erased from {erased} backup ({checked} checked).",
            "Also erased from {erased} backups ({checked} checked).",
            len(done.erased),
        ).format(erased=len(done.erased), checked=done.checked)
    )
    for path, reason in done.failed:
        echo(
            _(
                "Could not erase the person from backup {path} ({reason}); delete that "
                "file if the erasure must be complete."
            ).format(path=path, reason=reason),
            err=True,
        )
    if done.failed:
        ctx.exit(1)


def server_note() -> str:
    """What a forget on PostgreSQL leaves to the database administrator."""
    return _(
        "On PostgreSQL the deleted rows stay on disk until VACUUM reclaims them: ask the "
        "database administrator to run VACUUM (FULL) (or at least VACUUM) on lead, "
        "activity, stagechange, leadtag, leadmerge and importbatch. WAL archives, replicas "
        "and pg_dump backups made before still hold this person."
    )


def register(group: click.Group) -> None:
    """Add ``export`` and ``forget`` to ``group``."""
    for command in (export_command, forget_command):
        group.add_command(command)
