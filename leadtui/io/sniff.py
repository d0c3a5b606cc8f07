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
MAX_HEADER_BYTES = 4 * 1024 * 1024
"""The longest first line read to find the header (a wider header is refused, never cut)."""
DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM begins it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of files people pick by mistake, and what to call them.
_BINARY = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"%PDF-", "pdf"),
    (b"SQLite format 3\x00", "sqlite"),
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


def refuse_binary(sample: bytes, path: Path) -> None:
    """Refuse, in one line naming it, a file that is not text (a workbook, zip, image, …)."""
    kind = next((kind for magic, kind in _BINARY if sample.startswith(magic)), None)
    if kind is None:
        if (
            b"\x00" not in sample
            or _unicode_without_bom(sample)
            or sample.startswith(tuple(bom for bom, _name in _BOMS))
        ):
            return
        kind = "binary"
    if kind == "zip" and b"xl/" in sample:
        kind = "xlsx"
    messages = {
        "xlsx": _(
            "{file} is an Excel workbook, not CSV text; give it the .xlsx extension "
            "to import it, or save it as CSV."
        ),
        "xls": _("{file} is an old Excel workbook (.xls); save it as CSV or .xlsx first."),
        "zip": _("{file} is a zip archive; extract the CSV or vCard file first."),
        "image": _("{file} is an image, not a contacts file."),
        "pdf": _("{file} is a PDF document, not a contacts file."),
        "sqlite": _("{file} is a database file, not a contacts file."),
        "binary": _("{file} is a binary file, not CSV or vCard text."),
    }
    raise ImportRefused(messages[kind].format(file=path.name))


def _unicode_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` told from where the zero bytes are."""
    size = len(sample) - len(sample) % 4
    if size < 4:
        return None
    head = sample[: min(size, 4096)]
    quarters = [head[offset::4].count(0) / (len(head) // 4) for offset in range(4)]
    if quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] > 0.9 and quarters[0] < 0.5:
        return "utf-32-le"
    if quarters[0] > 0.9 and quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] < 0.5:
        return "utf-32-be"
    even = head[0::2].count(0) / (len(head) // 2)
    odd = head[1::2].count(0) / (len(head) // 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def detect_encoding(sample: bytes) -> str:
    """The encoding of ``sample``: a BOM wins, then UTF-16/32 told from the zero bytes, then
    strict UTF-8, then cp1252 or the best guess.

    Never "replace": an encoding that cannot decode the sample is not chosen.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    found = _unicode_without_bom(sample)
    if found is not None:
        return found
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


def sample_text(sample: bytes, encoding: str, *, truncated: bool | None = None) -> str:
    """Decode the sample, dropping a character cut at its end (``truncated``: the file
    goes on after it; by default, when it is :data:`SAMPLE_BYTES` long)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    if truncated is None:
        truncated = len(sample) >= SAMPLE_BYTES
    try:
        text = decoder.decode(sample, final=not truncated)
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


def sniff(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    no_header: bool = False,
) -> Dialect:
    """Detect encoding, delimiter and where the header row is (``no_header``: there is none;
    the columns are then named by position, ``--map 1=first_name``)."""
    sample = read_sample(path)
    if not sample.strip():
        raise ImportRefused(_("The file is empty."))
    refuse_binary(sample, path)
    encoding = encoding or detect_encoding(sample)
    sample, truncated = _with_first_line(path, sample)
    text = _complete_lines(sample_text(sample, encoding, truncated=truncated), truncated)
    lines = text.splitlines(keepends=True)
    skip = 0
    if lines and (sep := _sep_line(lines[0])) is not None:
        delimiter = delimiter or sep
        skip = 1
        text = "".join(lines[1:])
    if delimiter is None:
        delimiter = _best_delimiter(text)
    rows = _rows(text, delimiter)
    if no_header:
        width = max((len(row) for row in rows), default=0)
        return Dialect(
            encoding=encoding, delimiter=delimiter, skip_records=skip - 1, header=("",) * width
        )
    header_index = _header_index(rows)
    header = tuple(cell.strip() for cell in rows[header_index]) if rows else ()
    return Dialect(
        encoding=encoding, delimiter=delimiter, skip_records=skip + header_index, header=header
    )


def _with_first_line(path: Path, sample: bytes) -> tuple[bytes, bool]:
    """``sample`` grown until it holds a whole first line (the header is never cut), and
    whether the file goes on after it; a first line over :data:`MAX_HEADER_BYTES` is
    refused in one line instead of being misread."""
    size = path.stat().st_size
    limit = SAMPLE_BYTES
    while size > len(sample) and b"\n" not in sample and b"\r" not in sample:
        if limit >= MAX_HEADER_BYTES:
            raise ImportRefused(
                _(
                    "The first line is longer than {limit} MiB without a line break: it is "
                    "not a CSV header (a binary file, or one giant field); nothing was "
                    "imported."
                ).format(limit=MAX_HEADER_BYTES // (1024 * 1024))
            )
        limit *= 4
        with path.open("rb") as handle:
            sample = handle.read(limit)
    return sample, size > len(sample)


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
