"""``leadtui import leads.json``: a leadtui JSON export restored exactly.

Leads come back with their tags, activities and stage history (times included) as one
revertible batch; a lead whose email is already in the database is skipped, a lead
that cannot be read is rejected with one short reason. The file is one JSON document,
read whole (the export is a backup: its size is the database's).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused
from leadtui.io.json_rows import BadLead, lead_row
from leadtui.io.layout import Format
from leadtui.io.records import Preview
from leadtui.io.report import ImportReport
from leadtui.io.row_outcome import Issue
from leadtui.storage.import_target import ImportTarget

LEADTUI_JSON = Format("leadtui-json", _("leadtui JSON export"), source="import")
_SNIFF = 200


def is_leadtui_json(path: Path) -> bool:
    """Whether ``path`` starts like a JSON document (an object); read whole on import."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def json_preview(path: Path) -> Preview:
    """The preview of a JSON export: no columns to map, a sample of names."""
    leads = _leads(path)
    sample = [
        [str(item.get("first_name", "")), str(item.get("email") or "")]
        for item in leads[:5]
        if isinstance(item, dict)
    ]
    return Preview(path, LEADTUI_JSON, "utf-8", "", (), [], sample)


def _leads(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportRefused(_("{file} is not UTF-8 text.").format(file=path.name)) from error
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("{file} is not valid JSON (line {line}, column {column}: {reason}).").format(
                file=path.name, line=error.lineno, column=error.colno, reason=error.msg
            )
        ) from error
    if not (isinstance(data, dict) and data.get("format") == "leadtui"):
        raise ImportRefused(
            _('{file} is JSON but not a leadtui export (no "format": "leadtui").').format(
                file=path.name
            )
        )
    if data.get("version") != 1 or not isinstance(data.get("leads"), list):
        raise ImportRefused(
            _(
                "{file} is a leadtui export of version {version}, which this leadtui cannot read."
            ).format(file=path.name, version=data.get("version"))
        )
    leads: list[Any] = data["leads"]
    return leads


def restore_json(
    target: ImportTarget, preview: Preview, report: ImportReport, now: datetime, batch_id: int
) -> None:
    """Insert the file's leads inside the import's transaction, counting each in ``report``."""
    stages = {key for key, _name in target.stage_names()}
    writer = target.writer(now, updates=False)
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    try:
        for number, item in enumerate(_leads(preview.path), start=1):
            report.rows_read += 1
            try:
                row = lead_row(item, stages, batch_id)
            except BadLead as bad:
                report.reject(Issue(number, 0, bad.field, bad.reason))
                continue
            key = row["email_key"]
            if key is not None and (key in seen or target.by_email({key})):
                report.skip(Issue(number, 0, "email", _("this email is already a lead")))
                continue
            if key is not None:
                seen.add(key)
            rows.append(row)
            if len(rows) >= 2000:
                writer.insert(rows)
                report.imported += len(rows)
                rows = []
        if rows:
            writer.insert(rows)
            report.imported += len(rows)
        writer.finish()
    finally:
        writer.stop()
