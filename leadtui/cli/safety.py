"""``leadtui backup`` and ``leadtui restore``: the safety commands of the CLI."""

from __future__ import annotations

from pathlib import Path

import click

from leadtui.cli.common import db_path, friendly_errors
from leadtui.cli.confirm import confirm_or_refuse
from leadtui.cli.say import echo
from leadtui.i18n import _


def _size(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size < 1 << 20 else f"{size / (1 << 20):,.1f} MiB"


@click.command()
@click.option("--list", "show_list", is_flag=True, help=_("List the backups, newest first."))
@click.pass_context
@friendly_errors
def backup(ctx: click.Context, show_list: bool) -> None:
    """Back up the database now (or list the backups)."""
    from leadtui.store.files import backups_to_keep, list_backups, make_backup

    path = db_path(ctx)
    if show_list:
        backups = list_backups(path)
        if not backups:
            echo(_("No backups of {path} yet.").format(path=path))
        for info in backups:
            echo(
                f"{info.path.name}  {info.reason:<18} "
                f"{info.taken_at:%Y-%m-%d %H:%M} UTC  {_size(info.size)}"
            )
        return
    if not path.exists():
        from leadtui.domain.errors import DatabaseRefused

        raise DatabaseRefused(_("No database at {path}.").format(path=path))
    target = make_backup(path)
    echo(
        _("Backup written to {target} (keeping the newest {keep}).").format(
            target=target, keep=backups_to_keep()
        )
    )


@click.command()
@click.argument(
    "backup_file", metavar="[BACKUP]", required=False, type=click.Path(dir_okay=False, exists=True)
)
@click.option("--yes", "-y", is_flag=True, help=_("Do not ask for confirmation."))
@click.pass_context
@friendly_errors
def restore(ctx: click.Context, backup_file: str | None, yes: bool) -> None:
    """Replace the database with BACKUP (default: the newest backup).

    The file being replaced is kept in the backups folder. Close the app first.
    """
    from leadtui.domain.errors import LeadtuiError
    from leadtui.store.files import latest_backup, restore_backup

    path = db_path(ctx)
    if backup_file is None:
        newest = latest_backup(path)
        if newest is None:
            raise LeadtuiError(_("No usable backup of {path} was found.").format(path=path))
        source = newest.path
    else:
        source = Path(backup_file)
    if not confirm_or_refuse(
        _("Replace {path} with {backup}?").format(path=path, backup=source), yes=yes
    ):
        echo(_("Nothing was changed."))
        return
    result = restore_backup(path, source)
    echo(_("Restored {path} from {backup}.").format(path=path, backup=result.restored_from))
    if result.previous_saved_as is not None:
        echo(_("The replaced file was kept as {kept}.").format(kept=result.previous_saved_as))


def register(group: click.Group) -> None:
    """Add ``backup`` and ``restore`` to ``group``."""
    for command in (backup, restore):
        group.add_command(command)
