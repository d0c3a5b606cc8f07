"""One client of the PostgreSQL concurrency test: EDITS saves through LeadStore.update_lead.

    python tests/pg_edit_worker.py URL EDITS SEED LEAD_IDS GO_FILE

Each edit reads a lead (fields + version), adds 1 to its value and saves with the version
it read, as the app's form does. A save refused because someone else saved first
(``ConflictError``: the version moved on; or PostgreSQL's "try again" serialization
refusal) is a *conflict*: nothing was written, and the client reads again and retries,
as a user would after the conflict dialog. Anything else is an *error*. Prints one JSON
object: ``saved`` (edits that landed), ``conflicts`` and ``errors``.
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
    url, edits, seed, lead_ids, go_file = argv
    from leadtui.domain.errors import ConflictError, StorageError
    from leadtui.launch import open_store
    from leadtui.storage.postgres.errors import RETRY_LATER

    ids = [int(part) for part in lead_ids.split(",")]
    store = open_store(url, create=False)
    store.warm_up()
    while not Path(go_file).exists():
        time.sleep(0.005)
    rng = random.Random(int(seed))
    saved = conflicts = 0
    errors: list[str] = []
    for _number in range(int(edits)):
        lead_id = rng.choice(ids)
        for _attempt in range(1000):
            try:
                data, version = store.leads.lead_input(lead_id)
                store.leads.update_lead(
                    lead_id, version, replace(data, value_cents=(data.value_cents or 0) + 1)
                )
            except ConflictError:
                conflicts += 1
                continue
            except StorageError as error:
                if str(error) != str(RETRY_LATER):
                    errors.append(f"{type(error).__name__}: {error}")
                    break
                conflicts += 1
                continue
            except Exception as error:  # noqa: BLE001 (every other failure is the finding)
                errors.append(f"{type(error).__name__}: {error}")
                break
            saved += 1
            break
    store.close()
    print(json.dumps({"saved": saved, "conflicts": conflicts, "errors": errors}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
