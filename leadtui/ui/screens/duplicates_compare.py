"""The side-by-side table of two leads being merged: each field, both values, which one stays.

Pure rendering (rich ``Table`` of ``Text``: user text is never markup); the duplicates
screen owns the state (the two leads, the chosen sides, the field under the cursor).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

from leadtui.domain.duplicates_merge import FIELD_LABELS, MERGE_FIELDS, Side, stage_rank
from leadtui.domain.formatting import followup_date_text
from leadtui.domain.money import format_money
from leadtui.domain.rows import LeadDetail
from leadtui.domain.sources import source_label
from leadtui.i18n import _

FIELDS: tuple[str, ...] = tuple(MERGE_FIELDS)
"""The fields in the order they are shown (the digit keys 1-9 toggle the first nine)."""


def detail_values(detail: LeadDetail) -> dict[str, Any]:
    """The columns :func:`~leadtui.domain.duplicates_merge.default_sides` reads, from a detail."""
    values = {columns[0]: getattr(detail, columns[0]) for columns in MERGE_FIELDS.values()}
    values.update(id=detail.id, updated_at=detail.updated_at)
    return values


def shown(detail: LeadDetail, field: str) -> str:
    """A field of a lead as plain text."""
    if field == "value":
        return format_money(detail.value_cents, detail.currency) if detail.value_cents else ""
    if field == "consent":
        return _("yes") if detail.consent else ""
    if field == "source":
        return source_label(detail.source)
    value = getattr(detail, MERGE_FIELDS[field][0])
    return "" if value is None else str(value)


def merge_table(
    kept: LeadDetail,
    other: LeadDetail,
    sides: Mapping[str, Side],
    cursor: int,
    stage_names: Mapping[str, str],
    stages: list[tuple[str, str]],
) -> Table:
    """Both leads field by field; ▶ marks the value the merged lead keeps."""
    table = Table(expand=True, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("", no_wrap=True, width=2)
    table.add_column(_("Field"), style="dim", no_wrap=True)
    table.add_column(_("#{id} (kept)").format(id=kept.id), overflow="fold", ratio=1)
    table.add_column(_("#{id}").format(id=other.id), overflow="fold", ratio=1)
    for index, field in enumerate(FIELDS):
        mine, theirs = shown(kept, field), shown(other, field)
        side = sides.get(field, Side.KEPT)
        key = str(index + 1) if index < 9 else ""
        pointer = "›" if index == cursor else " "
        row_style = "reverse" if index == cursor else ""
        table.add_row(
            Text(f"{pointer}{key}"),
            Text(_(FIELD_LABELS[field])),
            _cell(mine, side is Side.KEPT, mine != theirs),
            _cell(theirs, side is Side.OTHER, mine != theirs),
            style=row_style,
        )
    furthest = max((kept.stage, other.stage), key=lambda stage: stage_rank(stage, stages))
    followups = [at for at in (kept.next_followup_at, other.next_followup_at) if at is not None]
    name = stage_names.get
    table.add_section()
    combined = [
        (_("Stage"), name(kept.stage, kept.stage), name(other.stage, other.stage)),
        (_("Tags"), ", ".join(kept.tags), ", ".join(other.tags)),
    ]
    for label, mine, theirs in combined:
        table.add_row(Text(" "), Text(label), Text("  " + mine), Text("  " + theirs))
    table.add_section()
    after = [
        (_("Stage"), name(furthest, furthest)),
        (_("Next follow-up"), followup_date_text(min(followups)) if followups else "—"),
        (_("Tags"), ", ".join(sorted({*kept.tags, *other.tags})) or "—"),
        (_("Timeline"), _("both timelines, with the merge recorded")),
    ]
    for label, value in after:
        table.add_row(Text(" "), Text(label), Text("= " + value, style="bold"), Text(""))
    return table


def _cell(value: str, chosen: bool, differs: bool) -> Text:
    mark = "▶ " if chosen and differs else "  "
    style = "bold green" if chosen and differs else ("dim" if differs else "")
    return Text(mark + value, style=style)
