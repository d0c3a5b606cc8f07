"""Concurrency soak: two processes make 1,000 edits each on the same 5 leads.

    python benchmarks/soak_concurrency.py [--edits 1000] [--leads 5]

Prints saves, conflicts (stale saves refused), lost updates, "database is
locked" and other errors, and the time per edit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_concurrency import run_editors  # noqa: E402


def main() -> int:
    """Run the soak, print the tally; exit 1 on a lost update or an error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--leads", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        outcome = run_editors(Path(folder) / "soak.db", args.edits, leads=args.leads)
    locked = sum("locked" in error for error in outcome.errors)
    total = outcome.saves + outcome.conflicts
    print(f"edits attempted      {total:>8}  (2 processes × {args.edits})")
    print(f"saves                {outcome.saves:>8}")
    print(f"conflicts (refused)  {outcome.conflicts:>8}")
    print(f"lost updates         {outcome.lost_updates:>8}")
    print(f"duplicate versions   {outcome.duplicate_versions:>8}")
    print(f"'database is locked' {locked:>8}")
    print(f"other errors         {len(outcome.errors) - locked:>8}")
    print(
        f"elapsed              {outcome.seconds:>7.1f}s  "
        f"({outcome.seconds / max(1, total) * 2000:.1f} ms per edit per process)"
    )
    for error in outcome.errors[:10]:
        print("  " + error)
    failed = outcome.errors or outcome.lost_updates or outcome.duplicate_versions
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
