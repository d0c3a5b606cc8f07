"""Crash soak: SIGKILL a writer 1,000 times at random moments and print the tally.

    python benchmarks/soak_crash.py [--trials 1000] [--max-delay 0.3]

Each trial forks a child that imports (bulk, all-or-nothing), moves stages and
adds leads through LeadStore, acknowledging each commit; the parent kills it and
checks integrity, all-or-nothing imports and that no acknowledged commit is lost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from crash_harness import Tally, run_trials  # noqa: E402


def main() -> int:
    """Run the soak and print the tally; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--max-delay", type=float, default=0.3)
    args = parser.parse_args()
    import sqlmodel  # noqa: F401  (loaded once, before forking)

    import leadtui.storage.models  # noqa: F401

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "soak.db"
        started = time.perf_counter()
        tally = Tally()
        for start in range(0, args.trials, 100):
            part = run_trials(
                path, min(100, args.trials - start), seed=50_000 + start, max_delay=args.max_delay
            )
            tally.trials += part.trials
            tally.acknowledged += part.acknowledged
            tally.kinds.update(part.kinds)
            tally.failures += part.failures
            print(
                f"  {tally.trials} trials, {len(tally.failures)} failures, "
                f"{time.perf_counter() - started:.0f}s",
                flush=True,
            )
        elapsed = time.perf_counter() - started
        size = path.stat().st_size
    print(f"trials                      {tally.trials:>8}")
    print(f"acknowledged commits        {tally.acknowledged:>8}")
    for kind, count in sorted(tally.kinds.items()):
        print(f"  {kind:<26}{count:>8}")
    print(f"failures                    {len(tally.failures):>8}")
    print(f"elapsed                     {elapsed:>7.1f}s  (database {size / 1e6:.1f} MB)")
    for failure in tally.failures[:20]:
        print("  " + failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
