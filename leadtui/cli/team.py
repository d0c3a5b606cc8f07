"""``leadtui assign`` and ``leadtui whoami``: team mode on the command line.

``leadtui assign LEAD USER`` gives a lead an owner; ``--me`` assigns it to the current
user, ``--none`` to nobody. ``leadtui whoami`` prints the name leadtui records on changes.
"""

from __future__ import annotations

import click

from leadtui.cli.common import friendly_errors, store_for
from leadtui.cli.say import echo
from leadtui.i18n import _


@click.command()
@click.argument("lead")
@click.argument("user", required=False)
@click.option("--me", "to_me", is_flag=True, help=_("Assign to the current user."))
@click.option("--none", "to_nobody", is_flag=True, help=_("Assign to nobody."))
@click.pass_context
@friendly_errors
def assign(ctx: click.Context, lead: str, user: str | None, to_me: bool, to_nobody: bool) -> None:
    """Assign LEAD (id or email) to USER, to yourself (--me) or to nobody (--none)."""
    if sum((user is not None, to_me, to_nobody)) != 1:
        raise click.UsageError(_("Give one of USER, --me or --none."))
    with store_for(ctx, create=False) as store:
        target = store.leads.find_lead(lead)
        owner = store.team.me() if to_me else user
        done = store.team.assign([target.id], owner)
        name = done.owner
        if not done.lead_ids:
            echo(_("Lead {id} was already assigned that way.").format(id=target.id))
        elif name is None:
            echo(_("Lead {id} is now assigned to nobody.").format(id=target.id))
        else:
            echo(_("Lead {id} is now assigned to {name}.").format(id=target.id, name=name))


@click.command()
@click.pass_context
@friendly_errors
def whoami(ctx: click.Context) -> None:
    """Print the user leadtui records on your changes and gives your new leads."""
    with store_for(ctx, create=False) as store:
        echo(store.team.me())


def register(group: click.Group) -> None:
    """Add ``assign`` and ``whoami`` to ``group``."""
    for command in (assign, whoami):
        group.add_command(command)
