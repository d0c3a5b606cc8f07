"""What every ``leadtui`` sub-command shares: one-line errors, the database path, the store.

Bad input prints one clear line on stderr and exits 1; nothing is written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from leadtui.cli.say import echo, one_line
from leadtui.i18n import _

F = TypeVar("F", bound=Callable[..., Any])


class PointedError(click.ClickException):
    """An error of one line, then lines that point at the culprit in what was typed.

    The first line keeps the one-line promise (``Error: ...``); the pointer lines follow
    it, each cleaned like every message, for a person reading the terminal.
    """

    def __init__(self, message: str, pointer: tuple[str, ...]) -> None:
        super().__init__(message)
        self.pointer = pointer

    def show(self, file: Any = None) -> None:
        """``Error: message`` and the pointer lines, on stderr."""
        echo(_("Error: {message}").format(message=one_line(self.format_message())), err=True)
        for line in self.pointer:
            echo(" ".join(line.splitlines()), err=True)


def friendly_errors(func: F) -> F:
    """Turn leadtui's own errors into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from leadtui.domain.errors import LeadtuiError

        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            # The reader went away (``leadtui export - | head``): nothing more to say.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except (LeadtuiError, ValueError, OSError) as error:
            # ValidationError is a ValueError; OSError covers unreadable files.
            echo(_("Error: {message}").format(message=one_line(error)), err=True)
            sys.exit(1)
        except Exception as error:
            # A full disk or I/O error outside a store transaction (e.g. opening the WAL).
            from leadtui.storage.errors import storage_error

            friendly = storage_error(error)
            if friendly is None:
                raise
            echo(_("Error: {message}").format(message=one_line(friendly)), err=True)
            sys.exit(1)

    return cast(F, wrapper)


class OneLineErrors(click.Group):
    """A group whose usage errors (bad option values, unknown commands) are one line, exit 1."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; click's own errors become ``Error: ...`` on stderr and status 1."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.Abort:
            echo(_("Aborted."), err=True)
            sys.exit(1)
        except PointedError as error:
            error.show()
            sys.exit(1)
        except click.ClickException as error:
            echo(_("Error: {message}").format(message=one_line(error.format_message())), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def db_target(ctx: click.Context) -> Path | str:
    """The database chosen by ``--db``, ``LEADTUI_DB`` or the default: a file path, or a
    ``postgresql://`` URL (team mode) kept as text."""
    from leadtui.paths import default_db_path
    from leadtui.storage.postgres.url import is_postgres_url

    chosen = ctx.find_root().params.get("db")
    if is_postgres_url(chosen):
        return str(chosen).strip()
    return Path(chosen).expanduser() if chosen else default_db_path()


def db_path(ctx: click.Context) -> Path:
    """The database file (commands that work on the file itself: backups, restore)."""
    target = db_target(ctx)
    if isinstance(target, str):
        from leadtui.domain.errors import StorageError

        raise StorageError(
            _("This command works on a database file; it is not available on PostgreSQL yet.")
        )
    return target


@contextmanager
def store_for(ctx: click.Context, *, create: bool = True) -> Iterator[Any]:
    """Open the store for one command and close it afterwards."""
    from leadtui.store import LeadStore

    store = LeadStore.open(db_target(ctx), create=create)
    try:
        yield store
    finally:
        store.close()


def stage_key(store: Any, text: str) -> str:
    """The key of the stage named ``text`` (key, name or translated name, any case)."""
    from leadtui.domain.errors import NotFoundError

    wanted = text.strip().casefold()
    for stage in store.reads.stages():
        if wanted in (stage.key.casefold(), stage.name.casefold(), stage.shown_name.casefold()):
            return str(stage.key)
    names = ", ".join(stage.key for stage in store.reads.stages())
    raise NotFoundError(
        _("Unknown stage {stage!r}; use one of: {names}.").format(stage=text, names=names)
    )
