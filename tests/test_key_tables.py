"""The README's key tables (English and Spanish) are the screens' bindings: regenerate
them with ``python -m leadtui.ui.key_tables`` when a key changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from language import fresh, speaking

from leadtui.ui import key_tables

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_readme_key_tables_are_the_bindings(language: str) -> None:
    path = ROOT / key_tables.README[language]
    text = path.read_text(encoding="utf-8")
    assert sorted(key_tables.blocks(text)) == sorted(key_tables.screens())
    with speaking(language):
        render = fresh("leadtui.ui.key_tables", "render")
        assert render(text) == text, f"run: LEADTUI_LANG={language} python -m leadtui.ui.key_tables"


def test_a_changed_key_is_caught() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert key_tables.render(text.replace("| `u` | Undo |", "| `U` | Undo |", 1)) == text
    assert "| `u` | Undo |" in key_tables.table("list")
