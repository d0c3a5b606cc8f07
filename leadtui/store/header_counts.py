"""The list header's counts from the summary counters (every lead, or whole stages).

Apart from :mod:`leadtui.store.metrics` so that the count the list shows right after
its first frame imports none of the funnel's and segments' modules, and sums in SQL:
at a million leads the per-hour follow-up counters are thousands of rows, which the
database adds up faster than Python can receive them.
"""

from __future__ import annotations

from datetime import UTC

from leadtui.domain.rows import LeadCounts
from leadtui.domain.timefmt import day_bounds, format_db_time
from leadtui.store.context import StoreContext


def header_counts(context: StoreContext, stages: tuple[str, ...] = ()) -> LeadCounts:
    """Live leads (in ``stages``, or all) and how many are overdue, from the counters.

    Overdue (a follow-up before today's start) depends on the clock: the follow-up
    counters are per hour, so it is the hours before the current one plus an index
    count of the minutes of that hour before today's start.
    """
    reads = context.backend.summary_reads()
    total = reads.live_leads(stages)
    start, _end = day_bounds(context.now())
    start_text = format_db_time(start.astimezone(UTC))
    hour = start_text[:13]
    overdue = reads.due_before(hour, stages)
    if not start_text.endswith(":00:00"):
        overdue += reads.due_between(f"{hour}:00:00", start_text, stages)
    return LeadCounts(total, overdue)
