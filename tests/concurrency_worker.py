"""One of the processes of the concurrency test: edit leads through LeadStore.update_lead.

    python tests/concurrency_worker.py DB NAME EDITS SEED LEADS GO_FILE

Each edit reads a lead (fields + version), changes its company and notes, and saves
with the version it read. Prints one JSON object: saves as [lead, new_version],
conflicts, and errors (anything else, e.g. "database is locked").
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the edits and print the JSON report."""
    db, name, edits, seed, leads, go_file = argv
    from leadtui.domain.errors import ConflictError
    from leadtui.launch import open_store

    store = open_store(Path(db), create=False)
    store.warm_up()
    while not Path(go_file).exists():
        time.sleep(0.005)
    rng = random.Random(int(seed))
    saves: list[tuple[int, int]] = []
    conflicts = 0
    errors: list[str] = []
    for index in range(int(edits)):
        lead_id = rng.randint(1, int(leads))
        try:
            data, version = store.leads.lead_input(lead_id)
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0, 0.002))  # think time widens the race
            lead = store.leads.update_lead(
                lead_id, version, replace(data, company=f"{name}-{index}")
            )
            saves.append((lead_id, lead.version))
        except ConflictError:
            conflicts += 1
        except Exception as error:  # noqa: BLE001  (every other failure is the finding)
            errors.append(f"{type(error).__name__}: {error}")
    store.close()
    print(json.dumps({"name": name, "saves": saves, "conflicts": conflicts, "errors": errors}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
