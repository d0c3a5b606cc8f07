"""Over-long input (#20 item 9): a header wider than the sniffing sample is read whole,
and a giant field or line is named for what it is, in one line and bounded memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from leadtui.domain.errors import ImportRefused
from leadtui.domain.rows import LeadFilter
from leadtui.io.csv_import import ImportOptions
from leadtui.io.reader import open_preview
from leadtui.io.sniff import MAX_HEADER_BYTES, SAMPLE_BYTES
from leadtui.store import LeadStore


def test_a_header_longer_than_the_sample_is_read_whole(store: LeadStore, tmp_path: Path) -> None:
    extra = [f"custom_column_with_a_long_name_{i:05d}" for i in range(12_000)]
    header = ",".join(["email", "first_name", *extra])
    assert len(header) > SAMPLE_BYTES
    data = ",".join(["ana@example.com", "Ana", *("x" for _ in extra)])
    path = tmp_path / "wide.csv"
    path.write_text(f"{header}\n{data}\n", encoding="utf-8")
    preview = open_preview(path)
    assert len(preview.header) == len(extra) + 2  # no column cut, none doubled
    assert preview.header[-1] == extra[-1]
    report = store.imports.import_rows(preview, ImportOptions())
    assert report.imported == 1 and report.rejected == 0


def test_a_first_line_without_end_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "oneline.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("email,")
        for _ in range(MAX_HEADER_BYTES // 4096 + 2):
            handle.write("y" * 4096)
    with pytest.raises(ImportRefused, match="first line is longer than 4 MiB") as caught:
        open_preview(path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("quoted", [False, True])
def test_a_giant_field_is_named_and_memory_stays_bounded(
    store: LeadStore, tmp_path: Path, quoted: bool
) -> None:
    path = tmp_path / "giant.csv"
    size = 40 * 1024 * 1024
    with path.open("w", encoding="utf-8") as handle:
        handle.write("email,notes\nana@example.com,ok\nbob@example.com,")
        handle.write('"' if quoted else "")
        for _ in range(size // (1024 * 1024)):
            handle.write(("z" * 1023 + ("\n" if quoted else "z")) * 1024)
        handle.write('"\n' if quoted else "\n")
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as caught:  # at the preview (its sample rows)
            store.imports.import_rows(open_preview(path), ImportOptions())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert "unbalanced quote" not in message and "\n" not in message
    assert "longer than" in message and "nothing was imported" in message
    assert peak < 64 * 1024 * 1024  # the 40 MB field is never held whole
    assert store.reads.count_list(LeadFilter()).total == 0
