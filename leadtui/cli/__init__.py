"""The ``leadtui`` command: the TUI by default, plus scriptable sub-commands.

This module builds the click group :data:`main` (the console script) and registers
each command module explicitly; no command module imports this one.
Bad input prints one clear line on stderr and exits 1; nothing is written.
"""

from __future__ import annotations

import click

from leadtui import __version__
from leadtui.cli import import_export, leads, safety
from leadtui.cli.common import OneLineErrors, db_path, friendly_errors
from leadtui.i18n import _


@click.group(cls=OneLineErrors, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), envvar="LEADTUI_DB",
              help=_("Database file (default: in your user data folder)."))
@click.option("--demo", is_flag=True, help=_("Open a throwaway copy seeded with demo leads."))
@click.version_option(__version__, prog_name="leadtui")
@click.pass_context
@friendly_errors
def main(ctx: click.Context, db: str | None, demo: bool) -> None:
    """leadtui: a keyboard-driven lead inbox for the terminal."""
    if ctx.invoked_subcommand is not None:
        return
    # The one place the CLI reaches the UI: the composition root builds store and app.
    from leadtui.launch import run_demo, run_tui

    if demo:
        run_demo()
    else:
        run_tui(db_path(ctx))


leads.register(main)
import_export.register(main)
safety.register(main)
