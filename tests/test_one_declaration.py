"""Adding a lead field is one line in storage/columns.py: everything on the storage side follows.

The package is copied, one ``Column`` is added to the copy's declaration, and a
fresh interpreter builds a database, bulk-inserts, exports and reads the
detail from the copy. The typed shapes (the ORM model, ``LeadDetail``) get the
field when code should use it; ``tests/test_columns.py`` insists on the model.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import leadtui

ANCHOR = '        _text("utm_campaign", 200),\n'
NEW_COLUMN = '        _text("linkedin", 200),\n'

SCRIPT = r"""
import csv, json, sqlite3, sys
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

from leadtui.io.export import ExportOptions, export_leads
from leadtui.io.layouts_crm import LEADTUI_COLUMNS
from leadtui.storage.sqlite import bulk
from leadtui.storage.sqlite.connect import connect_sqlite
from leadtui.storage.sqlite.db import create_schema
from leadtui.storage.sqlite.export_reads import SqliteExportSource
from leadtui.domain.rows import LeadDetail
from leadtui.storage.sqlite.lead_detail_read import DETAIL_COLUMNS, read_lead_detail
from leadtui.storage.sqlite.tables import TABLES_DDL

folder = Path(sys.argv[1])
db = folder / "leads.db"
create_schema(db)
conn = connect_sqlite(db)
now = datetime(2026, 11, 23, 16, 8, 12, tzinfo=UTC)
bulk.bulk_insert(conn, [{"first_name": "Ana", "linkedin": "in/ana"}, {"first_name": "Bo"}], now)
export_leads(SqliteExportSource(conn), folder / "out.csv", db, ExportOptions(raw=True))
export_leads(SqliteExportSource(conn), folder / "out.json", db, ExportOptions(format="json"))
with open(folder / "out.csv", encoding="utf-8", newline="") as handle:
    exported = list(csv.DictReader(handle))
detail = read_lead_detail(conn, 1)
print(json.dumps({
    "ddl": next(sql for sql in TABLES_DDL if sql.startswith("CREATE TABLE lead ")),
    "table_info": [row[1] for row in conn.execute("PRAGMA table_info(lead)")],
    "stored": conn.execute("SELECT linkedin FROM lead ORDER BY id").fetchall(),
    "insert_columns": list(bulk.LEAD_COLUMNS),
    "default": bulk.DEFAULTS.get("linkedin", "missing"),
    "header": list(LEADTUI_COLUMNS),
    "csv": [row.get("linkedin") for row in exported],
    "json": [lead.get("linkedin") for lead in json.load(open(folder / "out.json"))["leads"]],
    "detail_columns": DETAIL_COLUMNS,
    "detail": getattr(detail, "linkedin", "not a field"),
}))
"""


def _run(tmp_path: Path, *, detail_field: bool) -> dict[str, Any]:
    """Copy the package, add the column (and the ``LeadDetail`` field), run the script on it."""
    root = tmp_path / "src"
    shutil.copytree(Path(leadtui.__file__).parent, root / "leadtui")
    columns = root / "leadtui" / "storage" / "columns.py"
    text = columns.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    columns.write_text(text.replace(ANCHOR, ANCHOR + NEW_COLUMN), encoding="utf-8")
    if detail_field:
        detail = root / "leadtui" / "domain" / "lead_records.py"
        source = detail.read_text(encoding="utf-8")
        anchor = "    utm_campaign: str\n"
        assert source.count(anchor) == 1
        detail.write_text(source.replace(anchor, anchor + "    linkedin: str\n"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_new_column_reaches_ddl_bulk_insert_and_export(tmp_path: Path) -> None:
    """Only the declaration changes: DDL, insert column list, default, export header and rows."""
    found = _run(tmp_path, detail_field=False)
    assert (
        "\tutm_campaign VARCHAR(200) NOT NULL, \n\tlinkedin VARCHAR(200) NOT NULL, \n"
        in found["ddl"]
    )
    assert "linkedin" in found["table_info"]
    assert found["stored"] == [["in/ana"], [""]]
    columns, header = found["insert_columns"], found["header"]
    assert columns[columns.index("utm_campaign") + 1] == "linkedin"
    assert found["default"] == ""
    assert header[header.index("utm_campaign") + 1] == "linkedin"
    assert found["csv"] == ["in/ana", ""]
    assert found["json"] == ["in/ana", ""]
    # The detail screen's typed shape does not have the field yet, so the read leaves it out.
    assert "linkedin" not in found["detail_columns"]
    assert found["detail"] == "not a field"


def test_the_detail_read_follows_its_dataclass(tmp_path: Path) -> None:
    """Give LeadDetail the field (so the screen can show it): the read fills it, no SQL edited."""
    found = _run(tmp_path, detail_field=True)
    assert "utm_campaign, linkedin, consent" in found["detail_columns"]
    assert found["detail"] == "in/ana"
