"""Issue #12: JSON export → import is the identity, notes included: names and notes that
start with ``+ = - @``, hold quotes, commas, newlines, any script, come back exactly."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_roundtrip import CHARS, fixed_clock

from leadtui.domain.rows import LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.io.export import ExportOptions
from leadtui.launch import open_store

names = st.builds(
    lambda start, rest: (start + rest).strip(),
    st.sampled_from(["+", "=", "-", "@", '"', "'", "Zoë "]),
    st.text(CHARS, max_size=12),
)
notes = st.builds(
    lambda start, lines: (start + "\n".join(lines)).strip(),
    st.sampled_from(["+", "=", "-", "@", '"', ""]),
    st.lists(st.text(CHARS, max_size=10), min_size=1, max_size=3),
).filter(bool)


def people_and_notes(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT l.first_name, l.last_name, l.email, l.company, a.body FROM lead l "
            "LEFT JOIN activity a ON a.lead_id = l.id AND a.kind = 'note' ORDER BY l.email, a.id"
        ).fetchall()
    finally:
        conn.close()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, names, names, notes), min_size=1, max_size=3))
def test_json_export_then_import_is_the_identity(
    people: list[tuple[str, str, str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = open_store(base / "a.db", clock=fixed_clock)
        for index, (first, last, company, note) in enumerate(people):
            lead = source.leads.add_lead(
                LeadInput(
                    first_name=first,
                    last_name=last,
                    email=f"person{index}@example.org",
                    company=company,
                )
            )
            assert lead.id is not None
            source.touches.add_activity(lead.id, "note", note)
        target = base / "out.json"
        source.imports.export_leads(target, ExportOptions(format="json"))
        expected = people_and_notes(source.path)
        source.close()
        again = open_store(base / "b.db", clock=fixed_clock)
        report = again.imports.import_rows(again.imports.preview_import(target), ImportOptions())
        assert (report.imported, report.rejected) == (len(people), 0)
        assert people_and_notes(again.path) == expected
        assert len(expected) == len(people) and all(row[4] for row in expected)
        again.close()
