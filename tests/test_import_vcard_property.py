"""Property: a person written as vCard 2.1, 3.0 or 4.0 the way devices write it (folded,
quoted-printable, escaped, item groups, any line end) arrives with name, email and phone."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from leadtui.io.vcard import vcard_records

NAME_CHARS = st.characters(
    categories=("L", "M", "Nd"), exclude_characters="\u0345"
) | st.sampled_from(list(" ,;:\\-'.&+=@\""))
names = st.text(NAME_CHARS, min_size=1, max_size=14).filter(lambda text: text.strip() == text)


def escaped(text: str) -> str:
    """vCard 3.0/4.0 text escaping of one component."""
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def quoted_printable(text: str, breaks: list[int]) -> str:
    """Every non-alphanumeric byte as ``=XX``, with soft line breaks at ``breaks``."""
    tokens = [
        chr(byte) if chr(byte).isascii() and chr(byte).isalnum() else f"={byte:02X}"
        for byte in text.encode("utf-8")
    ]
    for at in sorted({b % (len(tokens) + 1) for b in breaks}, reverse=True):
        tokens.insert(at, "=\n")
    return "".join(tokens)


def folded(line: str, cuts: list[int], indent: str) -> str:
    """``line`` folded before each cut position (never at its start)."""
    points = sorted({1 + cut % max(len(line) - 1, 1) for cut in cuts if len(line) > 1})
    parts, last = [], 0
    for point in points:
        parts.append(line[last:point])
        last = point
    parts.append(line[last:])
    return ("\n" + indent).join(parts)


@st.composite
def cards(draw: st.DrawFn) -> tuple[str, tuple[str, str, str, str]]:
    first, last = draw(names), draw(names)
    email = f"{draw(st.from_regex(r'[a-z][a-z0-9._-]{0,10}[a-z0-9]', fullmatch=True))}@example.org"
    phone = "+34 6" + "".join(
        str(d) for d in draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    )
    version = draw(st.sampled_from(["2.1", "3.0", "4.0"]))
    group = draw(st.sampled_from(["", "item1.", "ITEM2."]))
    cuts = draw(st.lists(st.integers(0, 200), max_size=4))
    indent = draw(st.sampled_from([" ", "\t"]))
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if version == "2.1":
        value = quoted_printable(f"{escaped(last)};{escaped(first)};;;", cuts)
        lines.append(
            draw(
                st.sampled_from(
                    [
                        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:",
                        "N;ENCODING=QUOTED-PRINTABLE;CHARSET=utf-8:",
                    ]
                )
            )
            + value
        )
        lines.append(f"{group}EMAIL;INTERNET:{email}")
        lines.append(f"{group}TEL;CELL:{phone}")
    else:
        lines.append(folded(f"N:{escaped(last)};{escaped(first)};;;", cuts, indent))
        lines.append(folded(f"FN:{escaped(first)} {escaped(last)}", cuts, indent))
        lines.append(f"{group}EMAIL;TYPE=INTERNET:{email}")
        if version == "4.0":
            lines.append(f'{group}TEL;VALUE=uri;TYPE="voice,cell":tel:{phone.replace(" ", "-")}')
        else:
            lines.append(f"{group}TEL;TYPE=CELL:{phone}")
        lines.append("X-SOCIALPROFILE;type=twitter:https://x.example/user")
    if draw(st.booleans()):
        lines.insert(2, "PROFILE:VCard")
    lines.append("END:VCARD")
    ending = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    text = ending.join("\n".join(lines).split("\n")) + ending
    return text, (first, last, email, phone)


@settings(max_examples=300, deadline=None)
@given(st.lists(cards(), min_size=1, max_size=4))
def test_each_person_arrives_with_name_email_and_phone(
    written: list[tuple[str, tuple[str, str, str, str]]],
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cards.vcf"
        path.write_bytes("".join(text for text, _person in written).encode("utf-8"))
        rows = list(vcard_records(path, "utf-8"))
    assert len(rows) == len(written)
    for (_row, _line, cells), (_text, (first, last, email, phone)) in zip(
        rows, written, strict=True
    ):
        assert not hasattr(cells, "reason"), cells
        digits = "".join(char for char in cells[4] if char.isdigit())
        assert (cells[0], cells[1], cells[3]) == (first, last, email)
        assert digits == "".join(char for char in phone if char.isdigit())
