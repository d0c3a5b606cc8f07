"""Offline and private: no network, owner-only files, no SQL built from strings."""

from __future__ import annotations

import ast
import re
import socket
import stat
from pathlib import Path

import pytest

from leadtui.domain.rows import LeadInput
from leadtui.launch import open_store
from leadtui.storage.sqlite.backup import daily_backup, make_backup, restore_backup
from leadtui.storage.sqlite.bulk import _literal
from leadtui.storage.sqlite.bulk_rows import DEFAULTS

PACKAGE = Path(__file__).resolve().parent.parent / "leadtui"
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "requests",
    "httpx",
    "aiohttp",
    "smtplib",
    "ftplib",
    "telnetlib",
    "xmlrpc",
    "webbrowser",
    "dns",
}


def mode(path: Path) -> int:
    """The permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


# -- offline ----------------------------------------------------------------------


def test_network_sockets_are_blocked() -> None:
    """The autouse fixture in conftest refuses any non-AF_UNIX connection."""
    with pytest.raises(OSError, match="blocked"), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    left, right = socket.socketpair()  # AF_UNIX still works (asyncio needs it)
    left.close()
    right.close()


def test_no_module_imports_network_libraries() -> None:
    """No leadtui module imports a networking library."""
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if any(name == bad or name.startswith(bad + ".") for bad in NETWORK_MODULES):
                    found.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert found == []


def test_email_checks_never_ask_dns() -> None:
    """Every email_validator.validate_email call passes check_deliverability=False."""
    offenders: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "validate_email"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "email_validator"
            ):
                flags = {k.arg: k.value for k in node.keywords}
                value = flags.get("check_deliverability")
                if not (isinstance(value, ast.Constant) and value.value is False):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


# -- private files ----------------------------------------------------------------


def test_database_and_side_files_are_owner_only(tmp_path: Path) -> None:
    """Data folder 0700; database, -wal and -shm 0600, even with a permissive umask."""
    import os

    old = os.umask(0)
    try:
        path = tmp_path / "fresh" / "data" / "leads.db"
        store = open_store(path)
        store.leads.add_lead(LeadInput(first_name="Ana"))
        sides = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        assert all(side.exists() for side in sides)
        assert [mode(p) for p in (path, *sides)] == [0o600, 0o600, 0o600]
        assert mode(path.parent) == 0o700
        store.close()
    finally:
        os.umask(old)


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    """A database in a shared folder (a 1777 /tmp) leaves that folder's mode alone;
    only the folders leadtui makes (here backups/) are 0700."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    store = open_store(shared / "x.db")
    store.leads.add_lead(LeadInput(first_name="Ana"))
    make_backup(shared / "x.db")
    store.close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert mode(shared / "backups") == 0o700
    assert mode(shared / "x.db") == 0o600


def test_backups_and_restores_are_owner_only(tmp_path: Path) -> None:
    """Backups folder 0700; manual, daily, pre-restore backups and the restored file 0600."""
    import os

    old = os.umask(0)
    try:
        path = tmp_path / "data" / "leads.db"
        store = open_store(path)
        store.leads.add_lead(LeadInput(first_name="Ana"))
        store.close()
        manual = make_backup(path)
        daily = daily_backup(path)
        assert daily is not None
        result = restore_backup(path, manual)
        assert result.previous_saved_as is not None
        assert mode(manual.parent) == 0o700
        assert [mode(p) for p in (manual, daily, result.previous_saved_as, path)] == [0o600] * 4
    finally:
        os.umask(old)


def test_exports_are_owner_only(tmp_path: Path) -> None:
    """An export file is 0600."""
    import os

    from leadtui.io.export import ExportOptions

    old = os.umask(0)
    try:
        store = open_store(tmp_path / "data" / "leads.db")
        store.leads.add_lead(LeadInput(first_name="Ana"))
        for fmt in ("csv", "json", "vcf"):
            target = tmp_path / f"out.{fmt}"
            store.imports.export_leads(target, ExportOptions(format=fmt))
            assert mode(target) == 0o600, fmt
        store.close()
    finally:
        os.umask(old)


# -- SQL is never built from data ----------------------------------------------------

SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|WHERE|ORDER BY|"
    r"VALUES|MATCH|LIMIT)\b"
)
# Interpolations reviewed as code-built SQL fragments (column lists, "?" marks, clauses whose
# values are bound as parameters). Anything else in an SQL f-string fails the test.
REVIEWED = {
    # The agenda's plans: fixed text from storage/agenda_plan.py, values bound as parameters.
    *(
        (f"storage/{dialect}/agenda_reads.py", expr)
        for dialect in ("sqlite", "postgres")
        for expr in ("part.condition", "part.order", "agenda_plan.EXTRA_COLUMNS")
    ),
    ("storage/postgres/migrate_cadence.py", "schema_table"),  # the SCHEMA_TABLE constant
    ("storage/sqlite/bulk.py", "columns"),  # FTS column names (a constant tuple)
    ("storage/sqlite/bulk.py", "match.group(1)"),  # index names parsed from our own DDL
    ("storage/sqlite/bulk.py", "name"),  # index names read from sqlite_master
    ("storage/sqlite/bulk.py", "self._cache_size"),  # an int read from PRAGMA cache_size
    # "?N" placeholders and _literal()s of the module's constants
    ("storage/sqlite/bulk.py", "marks"),
    ("storage/sqlite/import_batch.py", "marks"),  # a run of "?" placeholders
    ("storage/sqlite/import_revert.py", "marks"),  # a run of "?" placeholders (was io/batch.py)
    ("storage/sqlite/migrate_email_keys.py", "marks"),  # a run of "?" placeholders
    ("storage/sqlite/import_revert.py", "table"),  # "activity" or "stagechange", a literal pair
    ("storage/sqlite/list_extras.py", "marks"),  # a run of "?" placeholders
    ("storage/summary_reads.py", "marks"),  # a run of "?" placeholders (the header's counts)
    ("storage/sqlite/import_batch.py", "names"),  # constant column names
    ("storage/sqlite/import_batch.py", "assignments"),  # "name = ?" for column names chosen by code
    ("storage/postgres/import_batch.py", "assignments"),  # the same, "name = %s"
    ("storage/sqlite/export_reads.py", "condition"),  # export_where(): values bound as "?"
    ("storage/sqlite/reads.py", "condition"),  # where_clause() output; values bound as parameters
    # ORDER BY from a fixed table
    ("storage/sqlite/reads.py", "order_clause(sort, reverse=from_end)"),
    ("storage/sqlite/reads.py", "source"),  # stage-sort FROM/WHERE built from where_clause() output
    ("storage/sqlite/reads.py", "direction"),  # " DESC" or ""
    ("storage/sqlite/list_queries.py", "condition"),  # reads.where_clause() output; values bound
    ("storage/sqlite/filter_counts.py", "condition"),  # reads.where_clause() output; values bound
    # reads.order_clause(): ORDER BY from a fixed table
    ("storage/sqlite/list_queries.py", "order"),
    ("storage/sqlite/list_queries.py", "reads.order_clause(sort)"),
    # _found_columns(): the same fixed sort terms as s0, s1… and " DESC" or ""
    ("storage/sqlite/list_queries.py", "columns"),
    ("storage/sqlite/list_queries.py", "found_order"),
    ("storage/sqlite/db.py", "schema_version()"),  # an int from code
    # DDL from storage.columns (code): quote() accepts plain identifiers only
    ("storage/sqlite/tables.py", "quote(table.name)"),
    ("storage/sqlite/tables.py", "quote(index.name)"),
    ("storage/sqlite/tables.py", "_names(index.columns)"),
    ("storage/sqlite/tables.py", "column.on_delete"),  # checked against ON_DELETE
    # PostgreSQL: the same kinds of code-built fragments, values bound as %s parameters
    ("storage/postgres/jobs.py", "marks"),  # a run of "%s" placeholders
    ("storage/postgres/jobs.py", "table"),  # "activity" or "stagechange", a literal pair
    ("storage/postgres/export_reads.py", "', '.join(names)"),  # the declared column names
    ("storage/postgres/export_reads.py", "condition"),  # export_where(): values bound as "%s"
    ("storage/postgres/reads.py", "condition"),  # where_clause() output; values bound
    ("storage/postgres/reads.py", "order_clause(sort)"),  # ORDER BY from a fixed table
    ("storage/postgres/reads.py", "order_clause(sort, reverse=from_end)"),
    ("storage/postgres/reads.py", "source"),  # stage-sort FROM/WHERE from where_clause()
    ("storage/postgres/reads.py", "direction"),  # " DESC" or ""
    ("storage/postgres/reads.py", "overdue"),  # a constant count(*) FILTER expression
    ("storage/postgres/reads.py", "sql"),  # the constant head of the count query
    ("storage/postgres/tables.py", "quote(table.name)"),  # quote(): plain identifiers only
    ("storage/postgres/tables.py", "quote(index.name)"),
    ("storage/postgres/tables.py", "', '.join((quote(name) for name in index.columns))"),
    ("storage/postgres/tables.py", "column.on_delete"),  # checked against ON_DELETE
    # The filter language (issue 15): fragments built from the parsed query's *shape*
    # (keys, operators, how many values), every value bound as a parameter.
    ("storage/filter_sql.py", "sql"),  # a condition built by this module; values bound
    ("storage/filter_sql.py", "likes"),  # "a.body LIKE ?" repeated per value
    ("storage/filter_sql.py", "mark"),  # the dialect's placeholder: "?" or "%s"
    # Dumps (issue 17): identifiers from storage.columns, values bound as "?"
    ("storage/sqlite/dump_io.py", "names"),  # declared column names, quoted
    ("storage/sqlite/dump_io.py", "table.name"),  # a declared table
    ("storage/sqlite/dump_io.py", "order"),  # its declared primary key columns
    ("storage/sqlite/dump_io.py", "name"),  # a declared table (looked up, not the file's)
    ("storage/sqlite/dump_io.py", "marks"),  # a run of "?" placeholders
    ("storage/postgres/migrate_null_order.py", "name"),  # an index name in a constant DDL
    ("storage/filter_sql.py", "dialect.mark"),
    ("storage/filter_sql.py", "dialect.word_hits()"),  # a constant per dialect
    ("storage/filter_sql.py", "index"),  # an int: the subquery alias w0, w1, …
    ("storage/filter_sql.py", "' INTERSECT '.join(selects)"),  # this module's selects
    ("storage/sqlite/list_queries.py", "hits"),  # text_hits() output; values bound
    ("storage/sqlite/list_queries.py", "where[0]"),  # where_clause() output; values bound
    ("storage/postgres/reads.py", "hits"),
    ("storage/postgres/reads.py", "where[0]"),
    # Lead scoring's reads and writes: fixed text, the driver's placeholder, values bound.
    *(("storage/score_facts.py", expr) for expr in ("mark", "marks", "where", "_LEAD", "_TOUCHES")),
    ("storage/team_sql.py", "mark"),  # the dialect's placeholder
    # The daily decay pass: the driver's placeholder, ranges of it (fixed column names).
    *(
        ("storage/score_decay_sql.py", expr)
        for expr in ("mark", "within('created_at')", "within('a.at')")
    ),
    ("storage/score_decay_sql.py", "', '.join([mark] * len(kinds))"),  # one per kind, bound
    ("storage/postgres/notify_ddl.py", "table"),  # NOTIFIED_TABLES, fixed names
    ("storage/sqlite/migrate_team.py", "table"),  # TEAM_COLUMNS' table names
    # The summary triggers' DDL (issue 15): this module's fragments over the fixed row
    # names new/old and their columns; add_deferred binds its one value.
    *(
        ("storage/sqlite/summary_triggers.py", expr)
        for expr in (
            "REACHED_SQLITE.format(lead=lead)",
            "_REACH_OF.format(r=row)",
            "_add('new')",
            "_follow_add('new')",
            "_follow_sub('old')",
            "_kept('id')",
            "_kept('l.id')",
            "_kept('new.id')",
            "_kept('new.lead_id')",
            "_kept('old.id')",
            "_kept('old.lead_id')",
            "_refresh_reach('new.lead_id')",
            "_refresh_reach('old.lead_id')",
            "_sub('old')",
            "its_key",
            "key",
            "lead",
            "new",
            "recompute_reach_sql(REACHED_SQLITE)",
            "row",
        )
    ),
    # The summary recomputation: fixed conditions and the dialect's reached-set expression.
    ("storage/summary.py", "condition"),
    ("storage/summary.py", "reached.format(lead='l.id')"),
    ("storage/summary.py", "recompute_reach_sql(reached)"),
    # The summary triggers' DDL, assembled at import from module constants only.
    ("storage/postgres/summary_triggers.py", "_add_followups(_DELETED[1])"),
    ("storage/postgres/summary_triggers.py", "_add_followups(_INSERTED[1])"),
    (
        "storage/postgres/summary_triggers.py",
        "_add_followups(f'{_BEFORE[1]} UNION ALL {_AFTER[1]}')",
    ),
    ("storage/postgres/summary_triggers.py", "_add_summary(_DELETED[0])"),
    ("storage/postgres/summary_triggers.py", "_add_summary(_INSERTED[0])"),
    ("storage/postgres/summary_triggers.py", "_add_summary(_MOVED_REACH)"),
    ("storage/postgres/summary_triggers.py", "_add_summary(f'{_BEFORE[0]} UNION ALL {_AFTER[0]}')"),
    ("storage/postgres/summary_triggers.py", "deltas"),
    ("storage/postgres/summary_triggers.py", "event"),
    ("storage/postgres/summary_triggers.py", "function"),
    ("storage/postgres/summary_triggers.py", "name"),
    ("storage/postgres/summary_triggers.py", "rows"),
    ("storage/postgres/summary_triggers.py", "sign"),
    ("storage/postgres/summary_triggers.py", "table"),
    ("storage/postgres/summary_triggers.py", "transition"),
    ("storage/postgres/summary_triggers.py", "where"),
    # "lead l" or "lead l INDEXED BY <constant index name>", nothing else.
    ("storage/sqlite/list_queries.py", "_hit_lookup(lead_filter, sort)"),
    ("storage/sqlite/list_queries.py", "_hit_lookup(lead_filter, None)"),
}


def _constant_only(expr: ast.expr) -> bool:
    """True if every name in ``expr`` is an UPPER_CASE constant or a string method/literal."""
    for node in ast.walk(expr):
        if isinstance(node, ast.Name) and not node.id.isupper() and node.id not in {"len"}:
            return False
    return True


def sql_problems(source: str, filename: str) -> list[str]:
    """Findings: text() built from strings, SQL f-strings with unreviewed interpolation."""
    problems: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and node.args
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "text")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "text")
            )
        ):
            first = node.args[0]
            built = (
                isinstance(first, ast.JoinedStr)
                or (isinstance(first, ast.BinOp) and isinstance(first.op, (ast.Mod, ast.Add)))
                or (
                    isinstance(first, ast.Call)
                    and isinstance(first.func, ast.Attribute)
                    and first.func.attr == "format"
                )
            )
            if built:
                problems.append(f"{filename}:{node.lineno}: text() built from a string")
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and SQL_WORDS.search(node.left.value)
        ):
            problems.append(f"{filename}:{node.lineno}: SQL built with % formatting")
        if isinstance(node, ast.JoinedStr):
            literal = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if not SQL_WORDS.search(literal):
                continue
            for value in node.values:
                if not isinstance(value, ast.FormattedValue):
                    continue
                expr = ast.unparse(value.value)
                if (filename, expr) not in REVIEWED and not _constant_only(value.value):
                    problems.append(f"{filename}:{node.lineno}: SQL f-string interpolates {expr}")
    return problems


def test_no_sql_built_from_strings() -> None:
    """leadtui/ builds no SQL from data: no text(f"..."), no % SQL, no unreviewed f-strings."""
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        problems += sql_problems(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert problems == []


@pytest.mark.parametrize(
    "source",
    [
        "text(f\"SELECT * FROM lead WHERE name = '{name}'\")",
        'sa.text("SELECT * FROM lead WHERE id = %s" % lead_id)',
        'text("DELETE FROM lead WHERE id = {}".format(lead_id))',
        "conn.execute(f\"SELECT * FROM lead WHERE email = '{email}'\")",
        "conn.execute(\"UPDATE lead SET company = '%s'\" % company)",
    ],
)
def test_the_scan_catches_string_built_sql(source: str) -> None:
    """The scanner flags each way of splicing a value into SQL."""
    assert sql_problems(source, "example.py")


def test_the_scan_accepts_parameters_and_constants() -> None:
    """Bound parameters and constant column lists pass."""
    source = (
        'conn.execute("SELECT * FROM lead WHERE id = ?", (lead_id,))\n'
        "conn.execute(f\"SELECT {', '.join(LEAD_COLUMNS)} FROM lead\")\n"
        'conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")\n'
    )
    assert sql_problems(source, "example.py") == []


@pytest.mark.parametrize("value", ["it's", 'a"b', "x; DROP TABLE lead", "\n", b"new", 1.5])
def test_bulk_literals_refuse_anything_but_plain_constants(value: object) -> None:
    """bulk._literal writes defaults into SQL; data with a quote or a ; must never pass."""
    with pytest.raises(ValueError, match="not a constant"):
        _literal(value)


def test_bulk_literals_of_the_defaults() -> None:
    assert [_literal(v) for v in (None, False, True, 0, "", "new", "2026-11-23 16:08:12")] == [
        "NULL",
        "0",
        "1",
        "0",
        "''",
        "'new'",
        "'2026-11-23 16:08:12'",
    ]
    assert all(_literal(value) for value in DEFAULTS.values())
