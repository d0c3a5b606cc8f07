"""Destructive commands ask first: a question on a terminal, ``--yes`` anywhere else.

A script (stdin not a terminal) never answers a question by accident from piped input:
without ``--yes`` it is refused with one line and nothing is changed.
"""

from __future__ import annotations

import sys

import click

from leadtui.i18n import _


def stdin_is_terminal() -> bool:
    """Whether a person can answer a question (tests replace this)."""
    return sys.stdin.isatty()


def confirm_or_refuse(question: str, *, yes: bool, flag: str = "--yes") -> bool:
    """``True`` to go ahead: ``yes`` given, or the person answered yes on a terminal.

    ``False`` when the person said no. Without a terminal and without ``flag`` it raises
    :class:`click.UsageError` (exit 1, nothing changed) naming the flag to pass.
    """
    if yes:
        return True
    if not stdin_is_terminal():
        raise click.UsageError(
            _("{question} Not run on a terminal: pass {flag} to confirm.").format(
                question=question, flag=flag
            )
        )
    return click.confirm(question, default=False)
