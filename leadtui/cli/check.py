"""``leadtui check``: is the database file sound (SQLite's quick check)?"""

from __future__ import annotations

import click

from leadtui.cli.common import db_target, friendly_errors, store_for
from leadtui.cli.say import echo
from leadtui.i18n import _


@click.command(name="check")
@click.pass_context
@friendly_errors
def check_command(ctx: click.Context) -> None:
    """Check the database for damage; a damaged file is refused until it is restored."""
    from leadtui.store.files import check_database, damaged_error, latest_backup

    target = db_target(ctx)
    if isinstance(target, str):
        with store_for(ctx, create=False) as store:
            store.maintenance.check()
        echo(_("The database is sound."))
        return
    verdict = check_database(target)
    if verdict is not None:
        raise damaged_error(target, verdict)
    echo(_("{path} is sound (quick_check ok).").format(path=target))
    newest = latest_backup(target)
    if newest is not None:
        echo(_("Newest good backup: {name}.").format(name=newest.path.name))


def register(group: click.Group) -> None:
    """Add ``check`` to ``group``."""
    group.add_command(check_command)
