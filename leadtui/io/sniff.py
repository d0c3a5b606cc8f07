"""Find out how a CSV file is written: encoding, delimiter, ``sep=`` line, header row.

Only a sample from the start of the file is read here; the rows themselves
are streamed later by :mod:`leadtui.io.reader`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from leadtui.i18n import _
from leadtui.io.errors import ImportRefused

SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters a Western cp1252 file plausibly holds beyond ASCII.
_WESTERN = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ") | {chr(c) for c in range(0xA0, 0x100)}


@dataclass(frozen=True, slots=True)
class Dialect:
    """How a CSV file is written."""

    encoding: str
    delimiter: str
    skip_records: int
    """CSV records before the header row (a ``sep=`` line, LinkedIn's note lines)."""
    header: tuple[str, ...]


def read_sample(path: Path) -> bytes:
    """The first bytes of ``path`` (enough to sniff)."""
    with path.open("rb") as handle:
        return handle.read(SAMPLE_BYTES)


def detect_encoding(sample: bytes) -> str:
    """The encoding of ``sample``: a BOM wins, then strict UTF-8, then cp1252 or the best guess.

    Never "replace": an encoding that cannot decode the sample is not chosen.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if _decodes(sample, "utf-8"):
        return "utf-8"
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and all(char.isascii() or char in _WESTERN for char in text):
        return "cp1252"
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise ImportRefused(_("Cannot tell the file's text encoding; pass --encoding."))
    return str(best.encoding)


def _decodes(sample: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        decoder.decode(sample, final=False)  # a character cut at the sample's end is fine
    except UnicodeDecodeError:
        return False
    return True


def sample_text(sample: bytes, encoding: str) -> str:
    """Decode the sample, dropping a character cut at its end."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        text = decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
    except UnicodeDecodeError as error:
        raise ImportRefused(
            _("The file is not valid {encoding} (byte {at}); pass --encoding.").format(
                encoding=encoding, at=error.start
            )
        ) from error
    return text.lstrip("\ufeff")


def _sep_line(first_line: str) -> str | None:
    stripped = first_line.strip().strip('"')
    if stripped.lower().startswith("sep=") and len(stripped) == 5:
        return stripped[4]
    return None


def _rows(text: str, delimiter: str, limit: int = 60) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


def _complete_lines(text: str, truncated: bool) -> str:
    if not truncated:
        return text
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[: cut + 1] if cut > 0 else text


def sniff(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> Dialect:
    """Detect encoding, delimiter and where the header row is."""
    sample = read_sample(path)
    if not sample.strip():
        raise ImportRefused(_("The file is empty."))
    encoding = encoding or detect_encoding(sample)
    text = _complete_lines(sample_text(sample, encoding), len(sample) >= SAMPLE_BYTES)
    lines = text.splitlines(keepends=True)
    skip = 0
    if lines and (sep := _sep_line(lines[0])) is not None:
        delimiter = delimiter or sep
        skip = 1
        text = "".join(lines[1:])
    if delimiter is None:
        delimiter = _best_delimiter(text)
    rows = _rows(text, delimiter)
    header_index = _header_index(rows)
    header = tuple(cell.strip() for cell in rows[header_index]) if rows else ()
    return Dialect(
        encoding=encoding, delimiter=delimiter, skip_records=skip + header_index, header=header
    )


def _best_delimiter(text: str) -> str:
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        rows = [row for row in _rows(text, candidate) if row]
        if not rows:
            continue
        widths = Counter(len(row) for row in rows if len(row) > 1)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _header_index(rows: list[list[str]]) -> int:
    """The first row with two or more filled cells: note lines above a header have one."""
    for index, row in enumerate(rows):
        if sum(1 for cell in row if cell.strip()) >= 2:
            return index
    return 0
