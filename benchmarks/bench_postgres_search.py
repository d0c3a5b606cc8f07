"""Search on PostgreSQL at N leads: the tsvector prefix index leadtui uses, against a
pg_trgm ``ILIKE '%term%'`` index on the same text (medians of 5 runs, milliseconds).

Starts a throwaway server through ``tests/postgres_server.py`` (Unix socket only):
``python benchmarks/bench_postgres_search.py --leads 100000``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from postgres_server import start_server  # noqa: E402

from benchmarks.generate import BENCH_NOW, synthetic_leads  # noqa: E402
from leadtui.domain.rows import LeadFilter, LeadSort  # noqa: E402
from leadtui.store import LeadStore  # noqa: E402

TEXT = (
    "leadtui_fold(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || company)"
)
"""The searched text for pg_trgm (concat_ws is not IMMUTABLE, so it cannot be indexed)."""
TERMS = ("a", "ma", "gar", "martinez", "gar mar")


def _median_ms(run: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Load N leads, then time each search both ways."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000)
    args = parser.parse_args()
    server = start_server()
    try:
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url_for("bench")
        store = LeadStore.open(url, clock=lambda: BENCH_NOW)
        start = time.perf_counter()
        store.imports.bulk_insert_leads(synthetic_leads(args.leads, now=BENCH_NOW))
        print(f"COPY of {args.leads} leads: {time.perf_counter() - start:.1f} s")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.execute(f"CREATE INDEX ix_trgm ON lead USING gin (({TEXT}) gin_trgm_ops)")
            conn.execute("VACUUM ANALYZE lead")
            print(f"{'term':<10} {'tsvector page+count':>20} {'pg_trgm page+count':>20} hits")
            for term in TERMS:
                lead_filter = LeadFilter(search=term)

                def tsv(lead_filter: LeadFilter = lead_filter) -> int:
                    store.reads.page_list(lead_filter, LeadSort(), 0, 50)
                    return store.reads.count_list(lead_filter).total

                words = term.split()
                where = " AND ".join(
                    "leadtui_fold(concat_ws(' ', first_name, last_name, email, company)) ILIKE %s"
                    for _ in words
                )
                params = [f"%{word}%" for word in words]

                def trgm(where: str = where, params: list[str] = params) -> None:
                    conn.execute(
                        f"SELECT id FROM lead WHERE {where} AND deleted_at IS NULL "
                        "ORDER BY created_at DESC LIMIT 50",
                        params,
                    ).fetchall()
                    conn.execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM lead WHERE {where} LIMIT 10001) s",
                        params,
                    ).fetchone()

                hits = tsv()
                print(f"{term:<10} {_median_ms(tsv):>17.1f} ms {_median_ms(trgm):>17.1f} ms {hits}")
        store.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
