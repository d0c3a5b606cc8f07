"""Every screen fits 80x24 and uses the room at 200x50 (#18 items 16, 17)."""

from __future__ import annotations

from datetime import timedelta

from conftest import DEMO_NOW
from rich.style import Style

from leadtui.domain.formatting import followup_state
from leadtui.domain.rows import LeadRow
from leadtui.ui.screens.form_fields import FORM_ORDER, grid_columns
from leadtui.ui.widgets.lead_columns import (
    COLUMNS,
    OVERDUE_MARK,
    RowStyles,
    column_widths,
    row_segments,
)
from leadtui.ui.widgets.stage_column import fitted_title


def widths(width: int) -> dict[str, int]:
    """Each column's width at a table ``width`` cells wide."""
    return {c.key.value: w for c, w in zip(COLUMNS, column_widths(width), strict=True)}


def test_the_name_keeps_16_cells_at_80_columns() -> None:
    for width in range(60, 81):
        shown = widths(width)
        assert shown["name"] >= 16
        assert shown["followup"] and shown["stage"]
        used = 2 + sum(w + 1 for w in shown.values() if w)
        assert used <= width


def test_columns_give_way_in_order_and_all_show_when_wide() -> None:
    narrow = widths(78)
    assert narrow["source"] == 0 and narrow["email"] == 0
    assert all(widths(198).values())
    assert widths(198)["name"] > 40


def test_board_titles_keep_their_count() -> None:
    assert fitted_title("Qualified", "3", 12) == "Qualifi… (3)"
    assert fitted_title("New", "69", 12) == "New (69)"
    assert fitted_title("Contacted", "10,000+", 12).endswith("(10,000+)")


def test_most_used_fields_come_before_campaign_and_utm() -> None:
    assert FORM_ORDER.index("tags") < FORM_ORDER.index("campaign")
    for name in ("value_cents", "stage", "source", "next_followup_at", "tags"):
        assert FORM_ORDER.index(name) < FORM_ORDER.index("job_title")
    assert grid_columns(80) == 2 and grid_columns(120) == 3


def test_overdue_is_marked_not_only_coloured() -> None:
    plain = Style()
    styles = RowStyles(plain, plain, plain, plain)
    row = LeadRow(
        id=1,
        first_name="Ana",
        last_name="",
        company="",
        email=None,
        stage="new",
        source="manual",
        next_followup_at=DEMO_NOW - timedelta(days=3),
        last_activity_at=None,
        stage_changed_at=None,
        created_at=DEMO_NOW,
        value_cents=0,
        currency="EUR",
    )
    assert followup_state(row.next_followup_at, DEMO_NOW).name == "OVERDUE"
    text = "".join(s.text for s in row_segments(row, 120, DEMO_NOW, False, styles, {}))
    assert OVERDUE_MARK + "2026-03-13" in text
    header = [c.title for c in COLUMNS]
    assert "Last touch" in header and "Active" not in header


def test_import_counts_use_plurals() -> None:
    from types import SimpleNamespace

    from leadtui.ui.screens.import_report import confirm_text, counts_text

    one = SimpleNamespace(
        rows_read=1,
        imported=1,
        updated=0,
        merged=0,
        skipped=1,
        rejected=0,
        notices_count=0,
        with_warnings=0,
        file="x.csv",
        date_columns=[],
    )
    text = counts_text(one)
    assert text.startswith("1 row: 1 new") and "1 duplicate skipped" in text
    assert confirm_text(one).startswith("Add 1 new lead and")


def test_an_empty_value_reads_as_empty_everywhere(store: object) -> None:
    from io import StringIO

    from rich.console import Console

    from leadtui.domain.rows import LeadInput
    from leadtui.store import LeadStore
    from leadtui.ui.widgets.lead_fields import fields_table

    assert isinstance(store, LeadStore)
    lead = store.leads.add_lead(LeadInput(first_name="Zero", value_cents=0))
    assert lead.id is not None
    detail = store.reads.lead_detail(lead.id)
    assert detail is not None
    out = StringIO()
    Console(file=out, width=100).print(fields_table(detail, store.reads.stages(), DEMO_NOW))
    value_line = next(line for line in out.getvalue().splitlines() if "Value" in line)
    assert "€0" not in value_line and "—" in value_line
