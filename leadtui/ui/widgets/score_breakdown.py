"""A lead's score as the detail shows it: the value, pinned or qualified, and its reasons.

Pure rendering (rich ``Text``): the detail screen hands in the store's
:class:`~leadtui.store.scoring.ScoreReport`.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from leadtui.i18n import _
from leadtui.store.scoring import ScoreReport


def score_cell(report: ScoreReport) -> Text:
    """The Score field: ``40``, ``72  Qualified``, ``90  pinned (rules: 40)``."""
    text = Text("—", style="dim") if report.score is None else Text(str(report.score))
    if report.qualified:
        text.append("  ")
        text.append(_(" Qualified "), style="bold reverse green")
    if report.pinned:
        text.append("  ")
        text.append(_("pinned (rules: {n})").format(n=report.computed.value), style="yellow")
    return text


def breakdown(report: ScoreReport) -> Group:
    """The reasons, one per line, under a title; the threshold last."""
    title = _("Score breakdown") if not report.pinned else _("Score breakdown (not in use: pinned)")
    lines: list[Text] = [Text(title, style="bold")]
    for line in report.computed.lines:
        lines.append(Text(f"  {line}", style="green" if line.points >= 0 else "red"))
    if not report.computed.lines:
        lines.append(Text("  " + _("no rule applies"), style="dim"))
    lines.append(
        Text(
            "  "
            + _("= {value} · qualified at {threshold}").format(
                value=report.computed.value, threshold=report.threshold
            ),
            style="dim",
        )
    )
    return Group(*lines)
