"""Destructive commands ask first: a question on a terminal, ``--yes`` anywhere else.

A script (stdin not a terminal) never answers a question by accident from piped input:
without ``--yes`` it is refused with one line and nothing is changed. With standard input
closed the refusal says so (see :mod:`leadtui.cli.prompting`).
"""

from __future__ import annotations

import sys

import click

from leadtui.i18n import _


def stdin_is_terminal() -> bool:
    """Whether a person can answer a question (tests replace this)."""
    return sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()


def confirm_or_refuse(question: str, *, yes: bool, flag: str = "--yes") -> bool:
    """``True`` to go ahead: ``yes`` given, or the person answered yes on a terminal.

    ``False`` when the person said no. Without a terminal and without ``flag`` it raises
    :class:`click.UsageError` (exit 1, nothing changed) naming the flag to pass.
    """
    from leadtui.cli.prompting import confirm

    if yes:
        return True
    if not stdin_is_terminal():
        if sys.stdin is None or sys.stdin.closed:
            return confirm(question)  # refuses in one line, naming --yes
        raise click.UsageError(
            _("{question} Not run on a terminal: pass {flag} to confirm.").format(
                question=question, flag=flag
            )
        )
    return confirm(question)
