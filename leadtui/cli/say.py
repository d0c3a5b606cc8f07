"""The CLI's one way to print a message: cleaned like stored text on its way out.

A message may echo a file name, an argument or a path; any of them can carry a
terminal escape (OSC 52 writes the clipboard, OSC 0 the window title). Every
human-readable line goes through :func:`leadtui.domain.sanitize.clean_str`, the
cleaning stored text gets; an error is also folded onto one line.
"""

from __future__ import annotations

import click

from leadtui.domain.sanitize import clean_str


def echo(message: object = "", *, err: bool = False) -> None:
    """Print ``message`` (newlines kept, escapes and control characters removed)."""
    click.echo(clean_str(str(message), multiline=True), err=err)


def one_line(message: object) -> str:
    """``message`` cleaned onto a single line (for ``Error: …``)."""
    return " ".join(clean_str(str(message)).split())
