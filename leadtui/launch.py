"""The composition root: the one place that builds a store and an app on it.

Its :func:`main` is the ``leadtui`` console script: the CLI of :mod:`leadtui.cli`, with
the TUI (and ``--demo``) as what runs without a sub-command. It sits above the layers
(it knows :mod:`leadtui.cli`, :mod:`leadtui.store` and :mod:`leadtui.ui`) so that
neither the CLI nor the store needs to know the UI; Textual is imported only when an
app is made.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

    from leadtui.domain.rows import Clock
    from leadtui.store import LeadStore
    from leadtui.ui.app import LeadApp
    from leadtui.ui.css_cache import ParsedCss


def open_store(path: Path | str, *, clock: Clock | None = None, create: bool = True) -> LeadStore:
    """Open (creating or migrating if needed) the database at ``path`` (file or URL);
    ``clock`` defaults to the system clock."""
    # Imported here, not at the top: a plain start pauses the collector before any of it.
    from leadtui.store import LeadStore, system_clock

    return LeadStore.open(path, clock=clock or system_clock, create=create)


def make_app(store: LeadStore, *, demo: bool = False) -> LeadApp:
    """The Textual app on ``store`` (its clock comes from the store)."""
    from leadtui.ui.app import LeadApp

    return LeadApp(store=store, clock=store.clock, demo=demo)


def _rescoring_daily(app: LeadApp) -> LeadApp:
    """``app``, set to rescore what time moved once a day (the real app, not tests')."""
    app.rescore_daily = True
    return app


def run_app(app: LeadApp, parsed_css: ParsedCss | None = None) -> LeadApp:
    """Run ``app``; while it ends to switch language, run it again in that language.

    With ``parsed_css`` each app takes its stylesheets' parsed rules from it, and what
    was parsed anew is written after the first frame and again at the end.
    """
    while True:
        if parsed_css is not None:
            app.keep_parsed_css(parsed_css)
            app.after_first_frame.append(parsed_css.save)
        try:
            app.run()
        finally:
            if parsed_css is not None:
                parsed_css.save()
        following = next_app(app)
        if following is None:
            return app
        app = following


def parsed_css_cache() -> ParsedCss:
    """The parsed stylesheets of earlier starts, in the user's cache folder."""
    from leadtui.paths import cache_dir
    from leadtui.ui.css_cache import ParsedCss

    return ParsedCss(cache_dir() / "css")


def next_app(app: LeadApp) -> LeadApp | None:
    """The app that follows ``app`` after a language switch (same store, clock, undo
    history, view and open leads), in the new language; ``None`` when there was none.

    Modules that translate at import are imported afresh, so every string (bindings,
    column titles, labels) is in the new language.
    """
    switch = app.language_switch
    if switch is None:
        return None
    from leadtui import i18n
    from leadtui.locale.reload import forget_translated_modules

    forget_translated_modules()
    i18n.set_language(switch.language)
    following = make_app(app.store, demo=app.demo)
    following.undo_history = following.writes.history = app.undo_history
    following.reopen = switch
    return following


def run_tui(path: Path | str) -> None:
    """Open the app on the database at ``path``.

    A refused database gets the problem screen (which may restore a backup) instead
    of a traceback; once a day a backup is taken in the background, from the first
    frame on (the thread is joined before returning). A PostgreSQL URL
    (team mode) opens directly: its refusal is one line, its backups are the server's.
    """
    from leadtui.domain.errors import DatabaseRefused
    from leadtui.store.files import start_daily_backup

    if isinstance(path, str):
        run_app(_rescoring_daily(make_app(open_store(path))), parsed_css_cache())
        return
    try:
        store = open_store(path)
    except DatabaseRefused as error:
        from leadtui.ui.screens.database_problem import problem_app

        if not problem_app(path, str(error)).run():
            sys.exit(1)
        store = open_store(path)
    first = make_app(store)
    backups: list[threading.Thread] = []
    if not store.read_only:
        # After the first frame: its thread's start (listing backups, the first strptime)
        # competed with the app's start-up for the interpreter.
        first.after_first_frame.append(lambda: backups.append(start_daily_backup(path)))
    first.after_first_frame.append(partial(_first_rules_file, store))
    try:
        app = run_app(_rescoring_daily(first), parsed_css_cache())
    finally:
        for backup in backups:
            backup.join()
    if app.return_code:  # the database was lost mid-session (ui.database_lost)
        sys.exit(app.return_code)


def _first_rules_file(store: LeadStore) -> None:
    """Write the commented default scoring rules on first use (a file to edit)."""
    # A read-only config folder: the default rules apply, and the rules screen says where.
    with contextlib.suppress(OSError):
        store.scoring.init_rules_file()


class AppLauncher:
    """Starts the app for the CLI when no sub-command is given."""

    def run_tui(self, path: Path | str) -> None:
        """Open the app on the database at ``path`` (a file or a ``postgresql://`` URL)."""
        run_tui(path)

    def run_demo(self) -> None:
        """Open the app on a throwaway demo database."""
        run_demo()


def main(argv: list[str] | None = None) -> None:
    """The ``leadtui`` command: sub-commands, or the app when none is given."""
    # Start-up creates a few hundred thousand long-lived objects (modules, classes,
    # CSS rules); collecting while they are made cost ~50 ms before the first frame.
    # A plain start keeps the collector paused until the app has frozen them (after
    # the first frame, see leadtui.ui.app); every other command turns it back on now.
    gc.disable()
    target = tui_target(sys.argv[1:] if argv is None else argv)
    if target is not None:
        _run_plain_tui(target)
        return
    gc.enable()
    from leadtui.cli import main as cli

    cli(argv, obj=AppLauncher())


def tui_target(args: list[str]) -> Path | str | None:
    """The database of a plain ``leadtui [--db X]``, or ``None`` for anything else.

    Plain starts skip click and the command modules (~20 ms before the first frame);
    they resolve the database as the CLI's ``--db`` would (``LEADTUI_DB``, then the
    default file). Anything else, including a directory given as ``--db``, goes
    through the CLI, which parses it and explains its errors.
    """
    from leadtui.paths import default_db_path
    from leadtui.storage.postgres.url import is_postgres_url

    match args:
        case []:
            chosen = os.environ.get("LEADTUI_DB") or None
        case ["--db", str(chosen)] if chosen and not chosen.startswith("-"):
            pass
        case [str(option)] if option.startswith("--db=") and len(option) > len("--db="):
            chosen = option.removeprefix("--db=")
        case _:
            return None
    if chosen is None:
        return default_db_path()
    if is_postgres_url(chosen):
        return chosen.strip()
    path = Path(chosen).expanduser()
    return None if path.is_dir() else path


def _run_plain_tui(target: Path | str) -> None:
    try:
        run_tui(target)
        return
    except Exception as error:
        failure = error
    # The CLI's one-line errors (and exit status 1), with click imported only now.
    from leadtui.cli.common import friendly_errors

    def again() -> None:
        raise failure

    friendly_errors(again)()


def run_demo() -> None:
    """Open the app on a temporary database seeded from sample_data; deleted on exit."""
    from leadtui.store.demo import load_sample

    folder = Path(tempfile.mkdtemp(prefix="leadtui-demo-"))
    try:
        store = open_store(folder / "demo.db")
        load_sample(store, now=store.now())
        run_app(make_app(store, demo=True), parsed_css_cache())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
