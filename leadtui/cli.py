"""The ``leadtui`` command: the TUI by default, plus scriptable sub-commands.

Bad input prints one clear line on stderr and exits 1; nothing is written.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from leadtui import __version__
from leadtui.i18n import _
from leadtui.sources import SOURCES

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn leadtui's own errors into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from leadtui.errors import LeadtuiError

        try:
            return func(*args, **kwargs)
        except (LeadtuiError, ValueError, OSError) as error:
            # ValidationError is a ValueError; OSError covers unreadable files.
            click.echo(_("Error: {message}").format(message=error), err=True)
            sys.exit(1)
        except Exception as error:
            # A full disk or I/O error outside a store transaction (e.g. opening the WAL).
            from leadtui.storage_errors import storage_error

            friendly = storage_error(error)
            if friendly is None:
                raise
            click.echo(_("Error: {message}").format(message=friendly), err=True)
            sys.exit(1)

    return cast(F, wrapper)


class OneLineErrors(click.Group):
    """A group whose usage errors (bad option values, unknown commands) are one line, exit 1."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        """Run the command; click's own errors become ``Error: ...`` on stderr and status 1."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.Abort:
            click.echo(_("Aborted."), err=True)
            sys.exit(1)
        except click.ClickException as error:
            click.echo(_("Error: {message}").format(message=error.format_message()), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def db_path(ctx: click.Context) -> Path:
    """The database path chosen by ``--db``, ``LEADTUI_DB`` or the default."""
    from leadtui.paths import default_db_path

    chosen = ctx.find_root().params.get("db")
    return Path(chosen).expanduser() if chosen else default_db_path()


@contextmanager
def store_for(ctx: click.Context, *, create: bool = True) -> Iterator[Any]:
    """Open the store for one command and close it afterwards."""
    from leadtui.launch import open_store

    store = open_store(db_path(ctx), create=create)
    try:
        yield store
    finally:
        store.close()


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
    if demo:
        run_demo()
    else:
        run_tui(db_path(ctx))


def run_tui(path: Path) -> None:
    """Open the app on the database at ``path``.

    A refused database gets the problem screen (which may restore a backup) instead
    of a traceback; once a day a backup is taken in the background.
    """
    from leadtui.backup import start_daily_backup
    from leadtui.errors import DatabaseRefused
    from leadtui.launch import make_app, open_store

    try:
        store = open_store(path)
    except DatabaseRefused as error:
        from leadtui.screens.database_problem import problem_app

        if not problem_app(path, str(error)).run():
            sys.exit(1)
        store = open_store(path)
    backup = None if store.read_only else start_daily_backup(path)
    try:
        make_app(store).run()
    finally:
        if backup is not None:
            backup.join()


def run_demo() -> None:
    """Open the app on a temporary database seeded from sample_data; deleted on exit."""
    from leadtui.demo import load_sample
    from leadtui.launch import make_app, open_store

    folder = Path(tempfile.mkdtemp(prefix="leadtui-demo-"))
    try:
        store = open_store(folder / "demo.db")
        load_sample(store, now=store.now())
        make_app(store, demo=True).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stage_key(store: Any, text: str) -> str:
    from leadtui.errors import NotFoundError

    wanted = text.strip().casefold()
    for stage in store.stages():
        if wanted in (stage.key.casefold(), stage.name.casefold(), _(stage.name).casefold()):
            return str(stage.key)
    names = ", ".join(stage.key for stage in store.stages())
    raise NotFoundError(_("Unknown stage {stage!r}; use one of: {names}.").format(
        stage=text, names=names))




@main.command()
@click.option("--first-name", default="", help=_("First name."))
@click.option("--last-name", default="", help=_("Last name."))
@click.option("--email", default=None, help=_("Email address."))
@click.option("--phone", default=None, help=_("Phone number (with country code, or local)."))
@click.option("--company", default="", help=_("Company."))
@click.option("--source", type=click.Choice(SOURCES), default="manual",
              help=_("Where it came from."))
@click.option("--stage", default="new", help=_("Funnel stage (key or name)."))
@click.pass_context
@friendly_errors
def add(ctx: click.Context, first_name: str, last_name: str, email: str | None,
        phone: str | None, company: str, source: str, stage: str) -> None:
    """Add a lead and print its id."""
    from leadtui.rows import LeadInput

    with store_for(ctx) as store:
        lead = store.add_lead(LeadInput(
            first_name=first_name, last_name=last_name, email=email, phone=phone,
            company=company, source=source, stage=_stage_key(store, stage)))
        click.echo(lead.id)


@main.command(name="list")
@click.option("--stage", default=None, help=_("Only this stage."))
@click.option("--search", default="", help=_("Full-text search on name, email and company."))
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON lines."))
@click.pass_context
@friendly_errors
def list_leads(ctx: click.Context, stage: str | None, search: str, limit: int,
               as_json: bool) -> None:
    """List leads, newest first."""
    from leadtui.rows import LeadFilter, LeadSort

    with store_for(ctx, create=False) as store:
        stages = (_stage_key(store, stage),) if stage else ()
        rows = store.page_leads(LeadFilter(stages=stages, search=search), LeadSort(), 0, limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(_row_json(row), ensure_ascii=False))
        return
    from leadtui.cli_output import print_lead_rows

    print_lead_rows(rows)


def _row_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "first_name": row.first_name, "last_name": row.last_name,
        "email": row.email, "company": row.company, "stage": row.stage, "source": row.source,
        "value_cents": row.value_cents, "currency": row.currency,
        "next_followup_at": row.next_followup_at.isoformat() if row.next_followup_at else None,
        "created_at": row.created_at.isoformat(),
    }


@main.command()
@click.argument("lead")
@click.argument("stage")
@click.option("--reason", default="", help=_("Why (stored with the stage change)."))
@click.pass_context
@friendly_errors
def move(ctx: click.Context, lead: str, stage: str, reason: str) -> None:
    """Move LEAD (id or email) to STAGE."""
    with store_for(ctx, create=False) as store:
        target = store.find_lead(lead)
        key = _stage_key(store, stage)
        result = store.move_lead(target.id, key, reason)
        if result is None:
            click.echo(_("Lead {id} is already in {stage}.").format(id=target.id, stage=key))
        else:
            click.echo(_("Lead {id}: {old} → {new}").format(
                id=target.id, old=result.from_stage, new=result.to_stage))


@main.command()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.pass_context
@friendly_errors
def stats(ctx: click.Context, as_json: bool) -> None:
    """Funnel per stage: count, value, conversion, median days in stage; win rate, leads/week."""
    from leadtui.funnel_table import funnel_json, print_funnel

    with store_for(ctx, create=False) as store:
        metrics = store.funnel_metrics()
    if as_json:
        click.echo(json.dumps(funnel_json(metrics)))
        return
    print_funnel(metrics)


import leadtui.cli_io  # noqa: E402,F401  (registers import, export and forget on main)
import leadtui.cli_safety  # noqa: E402,F401  (registers backup and restore on main)
