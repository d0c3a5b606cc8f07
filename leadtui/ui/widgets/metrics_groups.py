"""The metrics panel's by-source and by-month tables, a bar of leads in each row.

Plain rendering (a ``rich.table.Table`` of ``Text`` cells): the numbers and their
columns come from :mod:`leadtui.domain.metrics_bars`, shared with ``leadtui stats``.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from leadtui.domain.metrics_bars import bar_rows, group_headers
from leadtui.domain.segment_metrics import SegmentMetrics
from leadtui.i18n import _, ngettext


def group_table(
    segment: SegmentMetrics, by: str, rows: int, bar_width: int, *, wide: bool
) -> Table:
    """The ``rows`` biggest sources (or latest months), one bar of ``bar_width`` cells each;
    titled with what it covers. Narrow (not ``wide``): without the won value column."""
    title = _("By source") if by == "source" else _("By month of creation")
    scope = _("Segment: {label}").format(label=segment.scope) if segment.scope else _("All leads")
    table = Table(
        box=None,
        header_style="bold",
        padding=(0, 0, 0, 1),
        title=Text(f"{title} · {scope}", style="dim italic"),
        title_justify="left",
    )
    headers = group_headers(segment, by)
    if not wide:
        headers = headers[:-1]
    table.add_column(headers[0], no_wrap=True, overflow="ellipsis", min_width=12, max_width=20)
    table.add_column(headers[1], justify="right", no_wrap=True)
    table.add_column("", width=bar_width + 1, no_wrap=True)  # + its left padding
    for header in headers[2:]:
        table.add_column(header, justify="right", no_wrap=True, overflow="ellipsis")
    groups = segment.sources if by == "source" else segment.months
    shown = groups[:rows] if by == "source" else groups[-rows:]
    for cells in bar_rows(segment, by, shown, bar_width):
        table.add_row(
            *(
                Text(cell, style="green" if i == 2 else "")
                for i, cell in enumerate(cells[: len(headers) + 1])
            )
        )
    hidden = len(groups) - len(shown)
    if hidden > 0:
        more = (
            ngettext("… {count} more source", "… {count} more sources", hidden)
            if by == "source"
            else ngettext("… {count} earlier month", "… {count} earlier months", hidden)
        ).format(count=hidden)
        table.caption = Text(more, style="dim")
        table.caption_justify = "left"
    return table
