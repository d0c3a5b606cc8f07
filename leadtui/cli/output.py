"""Rich tables for the CLI. User text goes in as ``Text``, never as markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from leadtui.domain.formatting import format_count
from leadtui.domain.money import MoneyTotals, format_money, format_totals
from leadtui.domain.rows import LeadRow, StageTotal
from leadtui.i18n import _


def print_lead_rows(
    rows: Sequence[LeadRow],
    stage_names: Mapping[str, str],
    console: Console | None = None,
    *,
    show_score: bool = False,
) -> None:
    """Print leads as a table (stages by their shown names; the score when ``show_score``)."""
    console = console or Console()
    table = Table(box=None, header_style="bold")
    for title in (_("ID"), _("Name"), _("Company"), _("Email"), _("Stage"), _("Value")):
        table.add_column(title)
    if show_score:
        table.add_column(_("Score"), justify="right")
    for row in rows:
        cells = [
            Text(str(row.id)),
            Text(row.display_name),
            Text(row.company),
            Text(row.email or ""),
            Text(stage_names.get(row.stage, row.stage)),
            Text(format_money(row.value_cents, row.currency)),
        ]
        if show_score:
            cells.append(Text("" if row.score is None else str(row.score)))
        table.add_row(*cells)
    console.print(table)
    if not rows:
        console.print(Text(_("No leads.")))


def print_stage_totals(totals: Sequence[StageTotal], console: Console | None = None) -> None:
    """Print count and value per stage."""
    console = console or Console()
    table = Table(title=_("Funnel"), header_style="bold")
    table.add_column(_("Stage"))
    table.add_column(_("Leads"), justify="right")
    table.add_column(_("Value"), justify="right")
    for total in totals:
        table.add_row(
            Text(total.stage.shown_name),
            Text(format_count(total.count)),
            Text(format_totals(total.values)),
        )
    table.add_row(
        Text(_("Total"), style="bold"),
        Text(format_count(sum(t.count for t in totals)), style="bold"),
        Text(format_totals(sum((t.values for t in totals), MoneyTotals())), style="bold"),
    )
    console.print(table)
