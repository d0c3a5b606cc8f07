"""Open an import file (CSV or vCard) and stream its rows; never holds the whole file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused
from leadtui.io.formats import BY_KEY, detect_format
from leadtui.io.import_choices import check_choices
from leadtui.io.layout import IGNORE
from leadtui.io.mapping import apply_overrides, check_header, guess_mapping
from leadtui.io.records import Preview, Record
from leadtui.io.sniff import Dialect, read_sample, refuse_binary, sniff
from leadtui.io.xlsx import ENCODING, XLSX_SUFFIXES, header_of, xlsx_records

MAX_FIELD = 1024 * 1024
"""The longest field an import reads, in characters."""
MAX_LINE = 4 * MAX_FIELD
"""The longest line an import reads, in characters (several long fields may share one)."""
csv.field_size_limit(MAX_FIELD)
SAMPLE_ROWS = 5


def is_vcard(path: Path) -> bool:
    """True for ``.vcf``/``.vcard`` files or files starting with ``BEGIN:VCARD``."""
    if path.suffix.lower() in (".vcf", ".vcard"):
        return True
    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n")
    return start.replace(b"\x00", b"").upper().startswith(b"BEGIN:VCARD")


def open_preview(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    format_key: str | None = None,
    overrides: dict[str, str] | None = None,
    mapping: Sequence[str] | None = None,
    no_header: bool = False,
    sheet: str | None = None,
) -> Preview:
    """Sniff ``path`` and propose a mapping (``mapping`` replaces it, ``overrides`` edit it).

    ``no_header``: the first row is data and columns are named by position (``--map 1=…``);
    ``sheet``: the worksheet of an ``.xlsx`` workbook (default: the first).
    """
    check_choices(encoding, delimiter)
    if not path.is_file():
        raise ImportRefused(_("No such file: {path}").format(path=path))
    from leadtui.io.json_import import is_leadtui_json, json_preview

    if path.suffix.lower() == ".json" or is_leadtui_json(path):
        return json_preview(path)  # a leadtui JSON export: restored whole, nothing to map
    if is_vcard(path):
        from leadtui.io.vcard import vcard_preview

        refuse_binary(read_sample(path), path)
        return vcard_preview(path, encoding=encoding)
    xlsx_sample: list[list[str]] | None = None
    if path.suffix.lower() in XLSX_SUFFIXES:
        skip, header, xlsx_sample = header_of(path, sheet, SAMPLE_ROWS)
        dialect = Dialect(ENCODING, "", skip, header)
    else:
        dialect = sniff(path, encoding=encoding, delimiter=delimiter, no_header=no_header)
    check_header(dialect.header)
    fmt = BY_KEY[format_key] if format_key else detect_format(dialect.header)
    chosen = list(mapping) if mapping is not None else guess_mapping(fmt, dialect.header)
    if len(chosen) != len(dialect.header):
        raise ImportRefused(
            _("The mapping has {got} fields for {want} columns.").format(
                got=len(chosen), want=len(dialect.header)
            )
        )
    chosen = apply_overrides(dialect.header, chosen, overrides or {})
    sample = []
    if xlsx_sample is not None:
        sample = xlsx_sample
    else:
        for _row, _line, cells in csv_records(path, dialect):
            sample.append(cells)
            if len(sample) >= SAMPLE_ROWS:
                break
    refuse_unreadable(dialect.header, chosen, sample, no_header=no_header)
    return Preview(
        path,
        fmt,
        dialect.encoding,
        dialect.delimiter,
        dialect.header,
        chosen,
        sample,
        dialect.skip_records,
        sheet,
    )


def refuse_unreadable(
    header: Sequence[str],
    mapping: Sequence[str],
    sample: Sequence[Sequence[str]],
    *,
    no_header: bool = False,
) -> None:
    """Refuse a file with no row, or whose columns feed no lead field (a header-less file)."""
    if all(target == IGNORE for target in mapping):
        if no_header:
            raise ImportRefused(
                _(
                    "With --no-header, say what each column is: "
                    "--map 1=first_name 2=last_name 3=email …"
                )
            )
        if looks_like_data(header):
            raise ImportRefused(
                _(
                    "No column was recognised: the first row looks like data; use --no-header "
                    "with --map 1=first_name 2=last_name 3=email …"
                )
            )
        raise ImportRefused(
            _(
                "No column was recognised ({columns}); name them with --map COLUMN=field, "
                "e.g. --map {example}=email."
            ).format(
                columns=", ".join(cell for cell in header[:6] if cell) or "-",
                example=repr(next((cell for cell in header if cell), "1")),
            )
        )
    if not any("".join(row).strip() for row in sample):
        raise ImportRefused(_("No record found: the file has a header row and nothing else."))


def looks_like_data(cells: Sequence[str]) -> bool:
    """True when a row holds an email address, a phone number or a date: data, not names."""
    for cell in cells:
        text = cell.strip()
        if "@" in text and "." in text.rpartition("@")[2]:
            return True
        digits = sum(char.isdigit() for char in text)
        if digits >= 6 and digits >= len(text) * 0.6:
            return True
    return False


def records(preview: Preview) -> Iterator[Record]:
    """Every data row of the previewed file, streamed."""
    if preview.format.key == "vcard":
        from leadtui.io.vcard import vcard_records

        return vcard_records(preview.path, preview.encoding)
    if preview.encoding == ENCODING:
        return xlsx_records(preview.path, preview.sheet, preview.skip_records)
    dialect = Dialect(preview.encoding, preview.delimiter, preview.skip_records, preview.header)
    return csv_records(preview.path, dialect)


def _open_text(path: Path, encoding: str) -> IO[str]:
    return io.TextIOWrapper(path.open("rb"), encoding=encoding, newline="", errors="strict")


def _bounded_lines(text: IO[str]) -> Iterator[str]:
    """The lines of ``text``, each read at most :data:`MAX_LINE` characters at a time: a
    200 MB line is refused as soon as it passes the limit, never held in memory whole."""
    number = 0
    while line := text.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise ImportRefused(
                _(
                    "Line {line} is longer than {limit} MiB: no lead field is that long "
                    "(a binary file, or one giant field); nothing was imported."
                ).format(line=number, limit=MAX_LINE // (1024 * 1024))
            )
        yield line


def csv_records(path: Path, dialect: Dialect) -> Iterator[Record]:
    """Data rows after the header. Stops with :class:`ImportRefused` at a broken quote, or
    at a line or field over :data:`MAX_FIELD` (in bounded memory)."""
    with _open_text(path, dialect.encoding) as text:
        reader = csv.reader(_bounded_lines(text), delimiter=dialect.delimiter, strict=True)
        width = len(dialect.header)
        row = 0
        end = 0
        skip = dialect.skip_records + 1  # the header itself too
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                if skip > 0:
                    skip -= 1
                    continue
                if not cells:
                    continue
                if (
                    end > start
                    and len(cells) != width
                    and any("\n" in cell or "\r" in cell for cell in cells)
                ):
                    raise _unbalanced(row + 1, start)
                row += 1
                yield row, start, cells
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise ImportRefused(
                    _(
                        "Row {row} (line {line}) has a field longer than {limit} MiB: no lead "
                        "field is that long; nothing was imported."
                    ).format(row=row + 1, line=end + 1, limit=MAX_FIELD // (1024 * 1024))
                ) from error
            raise _unbalanced(row + 1, end + 1, str(error)) from error
        except UnicodeDecodeError as error:
            raise ImportRefused(
                _(
                    "The file is not valid {encoding} near line {line} ({reason}); pass --encoding."
                ).format(encoding=dialect.encoding, line=end + 1, reason=error.reason)
            ) from error


def _unbalanced(row: int, line: int, detail: str = "") -> ImportRefused:
    message = _(
        "Row {row} (line {line}) has an unbalanced quote; nothing was imported. "
        "Fix the quote and import again."
    ).format(row=row, line=line)
    return ImportRefused(f"{message} ({detail})" if detail else message)
