"""Stage names as shown: built-in names in the user's language, names the user typed as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from language import fresh, speaking

from leadtui.domain.rows import StageInfo
from leadtui.domain.stage_names import shown_stage_name
from leadtui.launch import open_store


@pytest.fixture
def spanish() -> Iterator[None]:
    with speaking("es"):
        yield


@pytest.mark.usefixtures("spanish")
def test_a_built_in_name_is_translated() -> None:
    assert shown_stage_name("won", "Won") == "Ganado"
    assert StageInfo("qualified", "Qualified", 2, "open").shown_name == "Cualificado"


@pytest.mark.usefixtures("spanish")
def test_a_typed_name_stays_as_typed_even_when_it_is_an_english_word() -> None:
    """A team that renamed "proposal" to "Won", or added a stage "Lost", sees those words
    (the rename itself is refused as a clash with "won"; here the row is built directly)."""
    assert shown_stage_name("proposal", "Won") == "Won"
    assert StageInfo("lost-cause", "Lost", 6, "lost").shown_name == "Lost"
    assert StageInfo("contacted", "Llamado", 1, "open").shown_name == "Llamado"


def test_in_english_names_show_as_stored() -> None:
    assert shown_stage_name("won", "Won") == "Won"
    assert shown_stage_name("proposal", "Oferta") == "Oferta"


def test_the_cli_list_shows_a_renamed_stage_as_typed(tmp_path: Path) -> None:
    """``leadtui list`` in Spanish: the built-in stage translated, the renamed one as typed."""
    db = tmp_path / "stages.db"
    store = open_store(db)
    try:
        store.stage_editor.rename("proposal", "Today")
    finally:
        store.close()
    with speaking("es"):
        main = fresh("leadtui.cli", "main")
        runner = CliRunner()
        for first_name, stage in (("Ana", "proposal"), ("Luis", "won")):
            added = runner.invoke(
                main, ["--db", str(db), "add", "--first-name", first_name, "--stage", stage]
            )
            assert added.exit_code == 0, added.output
        listed = runner.invoke(main, ["--db", str(db), "list"])
    assert listed.exit_code == 0, listed.output
    lines = {line.split()[1]: line for line in listed.output.splitlines()[1:] if line.strip()}
    assert "Today" in lines["Ana"] and "Hoy" not in lines["Ana"]
    assert "Ganado" in lines["Luis"]
