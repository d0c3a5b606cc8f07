"""What the first screen loads and does before it is drawn (issue 19).

Fresh interpreters import the start-up path, open a store and read the first page as
the list does; the heavy libraries and the services the first screen never calls must
still be absent. No timings: the pty benchmark (benchmarks/bench_pty.py) measures those.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from leadtui.domain.timefmt import DB_TIME_FORMAT, format_db_time, parse_db_time

FIRST_SCREEN = """
import json, sys
import leadtui.launch
from leadtui.launch import make_app, open_store
from leadtui.domain.rows import LeadFilter, LeadSort
store = open_store(sys.argv[1])
store.reads.stages()
store.reads.page_list(LeadFilter(), LeadSort(), 0, 100)
store.reads.count_list(LeadFilter())
make_app(store)
import pathlib, tempfile
from leadtui.ui.css_cache import CachingStylesheet, ParsedCss
sheet = CachingStylesheet(ParsedCss(pathlib.Path(tempfile.mkdtemp())), variables={{}})
sheet.add_source("Screen {{ color: red; }}", read_from=("first.tcss", ""))
sheet.parse()
{extra}
print(json.dumps(sorted(sys.modules)))
"""

HEAVY = {"sqlmodel", "sqlalchemy", "pydantic", "babel", "email_validator", "phonenumbers"}
HEAVY |= {"rapidfuzz", "psycopg", "vobject", "openpyxl", "click", "_strptime"}
UNUSED_SERVICES = {
    "leadtui.store.activities",
    "leadtui.store.duplicates",
    "leadtui.store.imports",
    "leadtui.store.leads",
    "leadtui.store.maintenance",
    "leadtui.store.merge",
    "leadtui.store.stages",
    "leadtui.store.scoring",
    "leadtui.domain.duplicates",
    "leadtui.domain.scoring",
    "leadtui.ui.screens.view_picker",
    "textual.widgets._text_area",  # the first screen has no text area (ui.cursor_rest)
    # The header's counts come from store.header_counts, summed in SQL:
    "leadtui.store.metrics",
    "leadtui.domain.funnel",
    "leadtui.domain.segment_metrics",
    # The stylesheet cache's keys and file name need no digest library (ui.css_cache):
    "hashlib",
}


def _loaded(db: Path, extra: str = "") -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN.format(extra=extra), str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_first_screen_path_loads_no_heavy_library_nor_unused_service(tmp_path: Path) -> None:
    """The app, a store and its first page: no ORM, Babel, validators, fuzzy matching,
    PostgreSQL driver, file formats or click, and none of the services it does not call."""
    loaded = _loaded(tmp_path / "leads.db")
    assert "leadtui.ui.app" in loaded and "textual" in loaded
    assert {name.split(".")[0] for name in loaded} & HEAVY == set()
    assert loaded & UNUSED_SERVICES == set()


def test_services_still_load_when_used(tmp_path: Path) -> None:
    """The check can fail: using the merges and the scores imports their modules."""
    loaded = _loaded(tmp_path / "leads.db", "store.merges; store.scoring.keeper.ruleset")
    assert {"leadtui.store.merge", "leadtui.domain.scoring"} <= loaded


DATACLASSES_BUILT = """
import dataclasses
import leadtui.ui.screens.lead_list
built = sorted(
    f"{name}.{value.__qualname__}"
    for name, module in list(sys.modules.items())
    if name.startswith("leadtui")
    for value in vars(module).values()
    if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)
)
print(json.dumps(built))
"""


def _dataclasses_built(db: Path, extra: str = "") -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN.format(extra=extra + DATACLASSES_BUILT), str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    built: list[str] = json.loads(done.stdout.splitlines()[-2])
    return built


def test_the_start_paths_records_are_structs(tmp_path: Path) -> None:
    """Python builds a frozen dataclass by compiling six generated methods (~0.9 ms a
    class on 3.11), a msgspec Struct in C: no leadtui dataclass is built on the way to
    the first screen (27 were, ~20 ms)."""
    assert _dataclasses_built(tmp_path / "leads.db") == []


def test_dataclasses_off_the_start_path_are_still_seen(tmp_path: Path) -> None:
    """The check can fail: the detail's records (dataclasses) are found once imported."""
    built = _dataclasses_built(tmp_path / "leads.db", "import leadtui.domain.lead_records\n")
    assert any(name.startswith("leadtui.domain.lead_records.") for name in built)


GC_AT_START = """
import gc, json
from leadtui import launch
seen = []
launch._run_plain_tui = lambda target: seen.append(gc.isenabled())
launch.main(["--db", {db!r}])
try:
    launch.main(["--version"])
except SystemExit:
    pass
after_cli = gc.isenabled()
gc.disable()
from leadtui.ui.app import _freeze_start_up_objects
_freeze_start_up_objects()
print(json.dumps([seen[0], after_cli, gc.isenabled()]))
"""


def test_collector_paused_for_a_plain_start_only(tmp_path: Path) -> None:
    """A plain start runs with the collector paused; a sub-command turns it back on, and
    freezing the start-up objects (the app's warm-up, after the first frame) resumes it."""
    script = GC_AT_START.format(db=str(tmp_path / "leads.db"))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout.splitlines()[-1]) == [False, True, True]


def _old_parse(value: str) -> datetime:
    return datetime.strptime(value[:19], DB_TIME_FORMAT).replace(tzinfo=UTC)


def _outcome(parse: object, value: str) -> object:
    try:
        return parse(value)  # type: ignore[operator]
    except ValueError:
        return ValueError


@given(st.datetimes(min_value=datetime(1000, 1, 1), timezones=st.just(UTC)))
def test_db_time_round_trips(moment: datetime) -> None:
    """Written text reads back as the same second (four-digit years, as strftime writes)."""
    assert parse_db_time(format_db_time(moment)) == moment.replace(microsecond=0)


DIGITS = st.text("0123456789", min_size=1, max_size=4)


@given(
    st.one_of(
        st.builds(
            lambda y, mo, d, h, mi, s, tail: f"{y}-{mo}-{d} {h}:{mi}:{s}{tail}",
            DIGITS,
            DIGITS,
            DIGITS,
            DIGITS,
            DIGITS,
            DIGITS,
            st.sampled_from(["", "+00:00", ".5", "Z"]),
        ),
        st.text(max_size=25),
    )
)
def test_db_time_parses_as_strptime_did(value: str) -> None:
    """The fast path gives strptime's result, or its ValueError, for any text."""
    assert _outcome(parse_db_time, value) == _outcome(_old_parse, value)
