"""The README's key tables, made from the screens' bindings.

``README.md`` (English) and ``README.es.md`` (Spanish) hold one table per screen between
``<!-- keys:SCREEN -->`` and ``<!-- /keys -->``. ``python -m leadtui.ui.key_tables``
rewrites them in the language it runs in (``LEADTUI_LANG=es`` for the Spanish file);
``tests/test_key_tables.py`` fails when a table no longer matches the bindings.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from leadtui import i18n
from leadtui.i18n import _
from leadtui.ui.screen_help import key_rows

README = {"en": "README.md", "es": "README.es.md"}
"""The README of each language, at the repository's root."""

_BLOCK = re.compile(r"(<!-- keys:(\w+) -->\n)(.*?)(<!-- /keys -->)", re.DOTALL)


def screens() -> dict[str, tuple[type[Any], ...]]:
    """Each table's name and the classes whose bindings it lists."""
    from leadtui.ui.app import LeadApp
    from leadtui.ui.screens.agenda import AgendaScreen
    from leadtui.ui.screens.duplicates import DuplicatesScreen
    from leadtui.ui.screens.funnel_board import FunnelBoardScreen
    from leadtui.ui.screens.import_screen import ImportScreen
    from leadtui.ui.screens.lead_detail import LeadDetailScreen
    from leadtui.ui.screens.lead_list import LeadListScreen
    from leadtui.ui.screens.triage import TriageScreen
    from leadtui.ui.widgets.lead_table import LeadTable

    return {
        "list": (LeadTable, LeadListScreen),
        "detail": (LeadDetailScreen,),
        "board": (FunnelBoardScreen,),
        "agenda": (AgendaScreen,),
        "triage": (TriageScreen,),
        "duplicates": (DuplicatesScreen,),
        "import": (ImportScreen,),
        "everywhere": (LeadApp,),
    }


def table(name: str) -> str:
    """The markdown table of one screen's keys, in the language in use."""
    bindings = [binding for owner in screens()[name] for binding in owner.BINDINGS]
    keys, what = _("keys"), _("what they do")
    lines = [f"| {keys} | {what} |", "|---|---|"]
    for typed, does in key_rows(bindings):
        shown = " ".join(f"`{key}`" for key in typed.split(" / "))
        lines.append(f"| {shown} | {does} |")
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    """``text`` with every key block replaced by its table from the bindings."""
    return _BLOCK.sub(lambda m: m.group(1) + table(m.group(2)) + m.group(4), text)


def blocks(text: str) -> list[str]:
    """The names of the key blocks in a README, in order."""
    return [match.group(2) for match in _BLOCK.finditer(text)]


def main() -> None:
    """Rewrite the README of the language in use."""
    root = Path(__file__).resolve().parents[2]
    path = root / README.get(i18n.language(), README["en"])
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
