"""Click's own words (usage line, section titles, --help, errors) in the user's language.

Click translates through the standard library's global :func:`gettext.gettext`, with no
catalog of its own; :func:`install` points its modules at leadtui's catalog instead,
and :data:`MESSAGES` puts the words a user meets into it (marked with ``N_``). The
commands' help (their docstrings) is translated by :func:`translate_help`; the
catalog tool extracts those docstrings (``leadtui/locale/catalogs.py``).
"""

from __future__ import annotations

import inspect

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from leadtui.i18n import N_, _, ngettext

MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid integer."),
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
)


def install() -> None:
    """Make click translate with leadtui's catalog (done when this module is imported)."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010


def translate_help(group: click.Group) -> None:
    """Translate the help (docstring) of ``group`` and of each of its commands."""
    for command in (group, *group.commands.values()):
        if command.help:
            command.help = _(inspect.cleandoc(command.help))


install()
