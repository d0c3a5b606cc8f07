"""``leadtui duplicates``, ``merge``, ``unmerge``, and ``add`` warning about a duplicate."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import add, run


def test_find_merge_and_unmerge(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    first = add(db, "--first-name", "José", "--last-name", "Núñez", "--phone", "+34600112233")
    added = run(
        db, "add", "--first-name", "Jose", "--last-name", "Nunez", "--phone", "600 11 22 33"
    )
    second = int(added.stdout.strip())
    assert f"lead #{first}" in added.stderr and "same phone +34600112233" in added.stderr
    family = add(db, "--first-name", "Luis", "--last-name", "Gil", "--phone", "+34611000000")
    add(db, "--first-name", "Ana", "--last-name", "Gil", "--phone", "+34611000000")

    listed = run(db, "duplicates")
    assert listed.exit_code == 0
    assert "certain: #1, #2" in listed.stdout and "2 clusters of candidates." in listed.stdout
    lines = [
        json.loads(line)
        for line in run(db, "duplicates", "--json", "--min", "probable").stdout.splitlines()
    ]
    assert [line["lead_ids"] for line in lines] == [[first, second]]
    assert lines[0]["pairs"][0]["confidence"] == "certain"
    assert family not in lines[0]["lead_ids"]

    merged = run(db, "merge", str(first), str(second), "--take", f"first_name={first}")
    assert merged.exit_code == 0, merged.stderr
    merge_id = int(merged.stdout.strip())
    assert "#2" not in run(db, "duplicates").stdout
    back = run(db, "unmerge", str(merge_id))
    assert back.exit_code == 0 and f"#{second} is back" in back.stdout
    assert "certain: #1, #2" in run(db, "duplicates").stdout


def test_bad_take_and_unknown_merge(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    first, second = add(db, "--first-name", "A"), add(db, "--first-name", "B")
    bad = run(db, "merge", str(first), str(second), "--take", "colour=1")
    assert bad.exit_code == 1 and "fields: first_name" in bad.stderr
    assert run(db, "list").stdout.count("\n") >= 3  # nothing was merged
    missing = run(db, "unmerge", "42")
    assert missing.exit_code == 1 and "No merge with id 42." in missing.stderr
