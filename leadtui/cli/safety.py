"""``leadtui backup`` and ``leadtui restore``: the safety commands of the CLI.

On a database file they work on the file itself (no store is opened); on a PostgreSQL
URL they go through the store (``store.maintenance``): leadtui's data dumps.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from leadtui.cli.common import db_path, db_target, friendly_errors, store_for
from leadtui.cli.confirm import confirm_or_refuse
from leadtui.cli.say import echo
from leadtui.i18n import _

if TYPE_CHECKING:
    from leadtui.storage.base import BackupInfo


def _size(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size < 1 << 20 else f"{size / (1 << 20):,.1f} MiB"


@click.command()
@click.option("--list", "show_list", is_flag=True, help=_("List the backups, newest first."))
@click.option(
    "--dump",
    "dump_to",
    type=click.Path(dir_okay=False),
    help=_("Write the data as a leadtui dump to this file instead (restorable on a server)."),
)
@click.pass_context
@friendly_errors
def backup(ctx: click.Context, show_list: bool, dump_to: str | None) -> None:
    """Back up the database now (or list the backups)."""
    from leadtui.store.files import backups_to_keep, list_backups, make_backup

    if isinstance(db_target(ctx), str):
        if dump_to is not None:
            from leadtui.domain.errors import LeadtuiError

            raise LeadtuiError(
                _("A PostgreSQL backup is a leadtui dump already: run leadtui backup.")
            )
        _server_backup(ctx, show_list)
        return
    path = db_path(ctx)
    if dump_to is not None:
        _file_dump(path, Path(dump_to))
        return
    if show_list:
        _show(list_backups(path), path)
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


def _file_dump(path: Path, target: Path) -> None:
    from leadtui.domain.errors import DatabaseRefused
    from leadtui.store.files import make_dump

    if not path.exists():
        raise DatabaseRefused(_("No database at {path}.").format(path=path))
    if target.exists():
        raise DatabaseRefused(
            _("{target} exists already; nothing was written.").format(target=target)
        )
    echo(_("Dump written to {target}.").format(target=make_dump(path, target)))


def _show(backups: list[BackupInfo], name: object) -> None:
    if not backups:
        echo(_("No backups of {path} yet.").format(path=name))
    for info in backups:
        echo(
            f"{info.path.name}  {info.reason:<18} "
            f"{info.taken_at:%Y-%m-%d %H:%M} UTC  {_size(info.size)}"
        )


def _server_backup(ctx: click.Context, show_list: bool) -> None:
    """``backup`` on PostgreSQL: a data dump of every leadtui table."""
    from leadtui.store.files import backups_to_keep

    with store_for(ctx, create=False) as store:
        if show_list:
            _show(store.maintenance.list_backups(), store.path)
            return
        target = store.maintenance.backup("manual")
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

    if isinstance(db_target(ctx), str):
        _server_restore(ctx, backup_file, yes)
        return
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


def _server_restore(ctx: click.Context, backup_file: str | None, yes: bool) -> None:
    """``restore`` on PostgreSQL: every leadtui table's rows replaced, in one transaction."""
    from leadtui.domain.errors import LeadtuiError

    with store_for(ctx, create=False) as store:
        if backup_file is None:
            backups = store.maintenance.list_backups()
            if not backups:
                raise LeadtuiError(
                    _("No usable backup of {path} was found.").format(path=store.path)
                )
            source = backups[0].path
        else:
            source = Path(backup_file)
        question = _(
            "Replace every lead, activity and setting in {path} with {backup}? "
            "Everyone connected sees the change."
        ).format(path=store.path, backup=source)
        if not confirm_or_refuse(question, yes=yes):
            echo(_("Nothing was changed."))
            return
        result = store.maintenance.restore(source)
    echo(_("Restored {path} from {backup}.").format(path=store.path, backup=result.restored_from))
    if result.previous_saved_as is not None:
        echo(_("The replaced data was kept as {kept}.").format(kept=result.previous_saved_as))


def register(group: click.Group) -> None:
    """Add ``backup`` and ``restore`` to ``group``."""
    for command in (backup, restore):
        group.add_command(command)
