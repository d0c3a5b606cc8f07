"""``leadtui import --revert BATCH``: undo an import, asking about leads changed since.

Untouched leads are reverted. Leads edited, moved or touched after the import are named;
on a terminal the person chooses to revert them too or keep them as they are; a script
needs ``--force`` to revert them (else nothing is changed). The revert itself asks on a
terminal and needs ``--yes`` elsewhere.
"""

from __future__ import annotations

import json

import click

from leadtui.cli import confirm
from leadtui.cli.common import store_for
from leadtui.cli.say import echo
from leadtui.domain.changed import ChangedLead, changed_names, refused_revert
from leadtui.domain.formatting import format_count
from leadtui.i18n import _, ngettext


def revert_command(
    ctx: click.Context, batch_id: int, *, yes: bool, force: bool, as_json: bool
) -> None:
    """Revert ``batch_id`` as described above and print what was done."""
    with store_for(ctx, create=False) as store:
        changed = store.imports.import_changes(batch_id)
        keep: list[int] = []
        if changed and not force:
            force, keep = _ask_about(changed)
        question = _(
            "Revert import batch {id}: remove the leads it added and restore the leads it updated?"
        ).format(id=batch_id)
        if not confirm.confirm_or_refuse(question, yes=yes):
            echo(_("Nothing was changed."))
            return
        done = store.imports.revert_import(batch_id, force=force, keep=keep)
    if as_json:
        click.echo(json.dumps({"batch_id": batch_id, **done, "kept_ids": keep}))
        return
    deleted, restored = done["deleted"], done["restored"]
    echo(
        ngettext(
            "Reverted batch {id}: {deleted} lead removed, {restored} restored.",
            "Reverted batch {id}: {deleted} leads removed, {restored} restored.",
            deleted,
        ).format(id=batch_id, deleted=format_count(deleted), restored=format_count(restored))
    )
    if keep:
        echo(
            ngettext(
                "Kept {count} lead changed since the import as it is.",
                "Kept {count} leads changed since the import as they are.",
                len(keep),
            ).format(count=format_count(len(keep)))
        )


def _ask_about(changed: list[ChangedLead]) -> tuple[bool, list[int]]:
    """(force, keep): revert the changed leads too, or keep them; refused off a terminal."""
    if not confirm.stdin_is_terminal():
        message = str(refused_revert(changed))
        raise click.UsageError(
            _("{message} Pass --force to revert them too.").format(message=message)
        )
    echo(
        ngettext(
            "{count} lead was changed since the import: {names}",
            "{count} leads were changed since the import: {names}",
            len(changed),
        ).format(count=format_count(len(changed)), names=changed_names(changed))
    )
    if click.confirm(_("Revert them too (their later changes are lost)?"), default=False):
        return True, []
    return False, [lead.id for lead in changed]
