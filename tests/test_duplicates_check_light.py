"""One lead's duplicate check reads through the stdlib driver: no ORM import, no full read
of the "not a duplicate" answers (its worst case was the first check paying for both)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from leadtui.domain.rows import LeadInput
from leadtui.store import LeadStore

SCRIPT = """
import sys
from pathlib import Path
from leadtui.launch import open_store
store = open_store(Path(sys.argv[1]))
found = store.duplicates.candidates_for(int(sys.argv[2]))
print(len(found), "sqlmodel" in sys.modules, "sqlalchemy" in sys.modules)
"""


def test_one_lead_check_imports_no_orm(store: LeadStore, tmp_path: Path) -> None:
    ids = []
    for first in ("José", "Jose", "José"):
        lead = store.leads.add_lead(
            LeadInput(first_name=first, last_name="Núñez", phone="+34600112233")
        )
        assert lead.id is not None
        ids.append(lead.id)
    assert len(store.duplicates.candidates_for(ids[0])) == 2
    store.duplicates.mark_not_duplicate(ids[1], ids[0])
    path = store.path
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), str(ids[0])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split() == ["1", "False", "False"]
