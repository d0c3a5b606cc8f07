"""Asking the user to confirm, when there may be nobody to ask.

With standard input closed (``leadtui restore <&-``) click's prompt raises a
``RuntimeError``; the command instead refuses in one line and names ``--yes``.
"""

from __future__ import annotations

import sys

import click

from leadtui.domain.errors import LeadtuiError
from leadtui.i18n import _


def confirm(question: str) -> bool:
    """``click.confirm(question)``; :class:`LeadtuiError` when no answer can be read."""
    from leadtui.cli.say import one_line

    refusal = LeadtuiError(
        _("No answer can be read (standard input is closed); pass --yes to confirm.")
    )
    if sys.stdin is None or sys.stdin.closed:
        raise refusal
    try:
        return click.confirm(one_line(question), default=False)
    except RuntimeError as error:  # input(): lost sys.stdin
        raise refusal from error
