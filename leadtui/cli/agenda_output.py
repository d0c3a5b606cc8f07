"""The agenda as rich tables for the CLI. User text goes in as ``Text``, never as markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from leadtui.domain.agenda import (
    SECTION_TITLES,
    AgendaRow,
    AgendaSection,
    count_text,
    touch_summary,
)
from leadtui.i18n import _


def print_agenda(
    sections: Sequence[tuple[AgendaSection, int, Sequence[AgendaRow]]],
    now: datetime,
    stage_names: Mapping[str, str],
    console: Console | None = None,
) -> None:
    """Each section's title and count, then its first rows (stages by their shown names)."""
    console = console or Console()
    for section, count, rows in sections:
        console.print(Text(f"{_(SECTION_TITLES[section])} ({count_text(count)})", style="bold"))
        if not rows:
            continue
        table = Table(box=None, header_style="bold", pad_edge=False)
        for title in (
            _("ID"),
            _("Name"),
            _("Company"),
            _("Stage"),
            _("Follow-up"),
            _("Last touch"),
        ):
            table.add_column(title)
        for row in rows:
            lead = row.lead
            due = lead.next_followup_at
            when = due.astimezone().strftime("%Y-%m-%d %H:%M") if due is not None else ""
            if row.followup_note:
                when = f"{when} {row.followup_note}".strip()
            table.add_row(
                Text(str(lead.id)),
                Text(lead.display_name),
                Text(lead.company),
                Text(stage_names.get(lead.stage, lead.stage)),
                Text(when),
                Text(touch_summary(row.last_touch, now)),
            )
        console.print(table)
