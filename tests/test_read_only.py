"""A read-only file or folder opens read-only: banner, edits refused clearly, nothing written."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from waiting import settle

from leadtui.domain.errors import ReadOnlyError
from leadtui.domain.rows import LeadFilter, LeadInput
from leadtui.io.csv_import import ImportOptions
from leadtui.launch import make_app, open_store
from leadtui.ui.widgets.read_only_banner import ReadOnlyBanner


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make(path: Path) -> None:
    store = open_store(path)
    store.leads.add_lead(LeadInput(first_name="Ana", email="ana@example.com"))
    store.leads.add_lead(LeadInput(first_name="Bruno"))
    store.close()


@pytest.fixture(params=["file", "folder"])
def read_only_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A database whose file (0444) or folder (0555) is not writable."""
    path = tmp_path / "data" / "leads.db"
    _make(path)
    target = path if request.param == "file" else path.parent
    target.chmod(0o444 if request.param == "file" else 0o555)
    yield path
    path.parent.chmod(0o700)
    path.chmod(0o600)


def test_store_opens_read_only_and_refuses_every_write(read_only_db: Path, tmp_path: Path) -> None:
    """Reads work; each kind of write raises ReadOnlyError; the file is unchanged."""
    csv_path = tmp_path / "new.csv"
    csv_path.write_text("First name,Email\nNew,new@example.org\n", encoding="utf-8")
    before = _digest(read_only_db)
    store = open_store(read_only_db)
    assert store.read_only
    assert store.reads.count_list(LeadFilter()).total == 2
    assert store.leads.get_lead(1).first_name == "Ana"
    writes: list[Callable[[], object]] = [
        lambda: store.leads.add_lead(LeadInput(first_name="New")),
        lambda: store.leads.update_lead(1, 1, LeadInput(first_name="Changed")),
        lambda: store.pipeline.move_lead(1, "won"),
        lambda: store.leads.delete_leads([2]),
        lambda: store.agenda.set_followup(1, None),
        lambda: store.touches.tag_leads([1], "vip"),
        lambda: store.touches.add_activity(1, "note", "hello"),
        lambda: store.imports.bulk_insert_leads([{"first_name": "Bulk"}]),
        lambda: store.imports.import_rows(store.imports.preview_import(csv_path), ImportOptions()),
        lambda: store.imports.import_rows(
            store.imports.preview_import(csv_path), ImportOptions(dry_run=True)
        ),
        lambda: store.imports.revert_import(1),
        lambda: store.imports.forget_lead(1),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyError, match="is open read-only: changes are disabled"):
            write()
    store.close()
    assert _digest(read_only_db) == before


def test_cli_reads_work_and_writes_fail_clearly(read_only_db: Path) -> None:
    """`leadtui list` works; `leadtui add` prints one read-only line and exits 1."""
    base = [sys.executable, "-m", "leadtui", "--db", str(read_only_db)]
    listed = subprocess.run([*base, "list", "--json"], capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and listed.stdout.count("\n") == 2
    added = subprocess.run(
        [*base, "add", "--first-name", "X"], capture_output=True, text=True, timeout=60
    )
    assert added.returncode == 1
    assert added.stderr.count("\n") == 1 and "read-only" in added.stderr


async def test_app_shows_banner_and_survives_edits(read_only_db: Path) -> None:
    """The banner is visible; a stage move and a delete are refused with a message."""
    before = _digest(read_only_db)
    store = open_store(read_only_db)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one(ReadOnlyBanner)
        assert "Read-only" in str(banner.render())
        assert banner.region.height == 1 and banner.region.y < 3
        assert "read-only" in app.sub_title
        await pilot.press(">")
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "read-only" in messages
        assert app.is_running
    assert _digest(read_only_db) == before


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _nobody_can_run_leadtui() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        [*AS_NOBODY, sys.executable, "-c", "import leadtui.cli"], capture_output=True, timeout=60
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _nobody_can_run_leadtui(),
    reason="needs root, setpriv and a Python environment other users can read",
)
def test_really_unwritable_for_the_user() -> None:
    """As a user who may not write the file or folder, the CLI still reads (immutable open)."""
    # pytest's own tmp_path sits under a 0700 /tmp/pytest-of-root that nobody may enter,
    # so this test builds its own folder directly under /tmp.
    with tempfile.TemporaryDirectory(prefix="leadtui-ro-") as top:
        os.chmod(top, 0o755)
        enter = subprocess.run([*AS_NOBODY, "test", "-x", top], capture_output=True, timeout=60)
        if enter.returncode != 0:
            pytest.skip(f"the temporary folder {top} is out of reach for other users")
        _run_as_nobody(Path(top))


def _run_as_nobody(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "leads.db"
    _make(path)
    for part in (tmp_path, folder):
        part.chmod(0o755)
    path.chmod(0o644)
    before = _digest(path)
    base = [*AS_NOBODY, sys.executable, "-m", "leadtui", "--db", str(path)]
    env = {**os.environ, "HOME": str(tmp_path)}
    listed = subprocess.run(
        [*base, "list", "--json"], capture_output=True, text=True, timeout=60, env=env
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("\n") == 2
    added = subprocess.run(
        [*base, "add", "--first-name", "X"], capture_output=True, text=True, timeout=60, env=env
    )
    assert added.returncode == 1 and "read-only" in added.stderr
    assert _digest(path) == before
