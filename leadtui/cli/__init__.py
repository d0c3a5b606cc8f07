"""The ``leadtui`` command: the TUI by default, plus scriptable sub-commands.

This module builds the click group :data:`main` (the console script) and registers
each command module explicitly; no command module imports this one.
Bad input prints one clear line on stderr and exits 1; nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import click

from leadtui import __version__

# click_messages first: importing it points click at leadtui's catalog before any
# command module builds its options (click translates its defaults right then).
from leadtui.cli import (
    agenda,
    check,
    click_messages,
    duplicates,
    export_forget,
    import_export,
    leads,
    safety,
    score,
    stages,
    team,
    views,
)
from leadtui.cli.common import OneLineErrors, db_target, friendly_errors
from leadtui.i18n import _


class Launcher(Protocol):
    """What starts the app when no sub-command is given (built by :mod:`leadtui.launch`)."""

    def run_tui(self, path: Path | str) -> None:
        """Open the app on the database at ``path`` (a file, or a ``postgresql://`` URL)."""

    def run_demo(self) -> None:
        """Open the app on a throwaway demo database."""


@click.group(
    cls=OneLineErrors,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="LEADTUI_DB",
    help=_("Database file (default: in your user data folder), or a postgresql:// URL."),
)
@click.option("--demo", is_flag=True, help=_("Open a throwaway copy seeded with demo leads."))
@click.version_option(__version__, prog_name="leadtui")
@click.pass_context
@friendly_errors
def main(ctx: click.Context, db: str | None, demo: bool) -> None:
    """leadtui: a keyboard-driven lead inbox for the terminal."""
    if ctx.invoked_subcommand is not None:
        return
    # The app is the composition root's to start (leadtui.launch passes itself as the
    # context object): the CLI never imports the UI.
    launcher: Launcher | None = ctx.obj
    if launcher is None:
        raise click.UsageError(_("No command given: see leadtui --help."))
    if demo:
        launcher.run_demo()
    else:
        launcher.run_tui(db_target(ctx))


leads.register(main)
agenda.register(main)
import_export.register(main)
export_forget.register(main)
views.register(main)
team.register(main)
safety.register(main)
check.register(main)
score.register(main)
duplicates.register(main)
stages.register(main)
click_messages.translate_help(main)
