"""Every pick list answers to j/k and to the digits: the lost reason, the stage picker
and the import field picker (all a ``PickList``)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import OptionList
from waiting import settle

from leadtui.domain.rows import StageInfo
from leadtui.store import LeadStore
from leadtui.ui.screens.import_fields import FieldPickerScreen
from leadtui.ui.screens.lost_reason_dialog import LostReasonDialog, common_reasons
from leadtui.ui.screens.pickers import StagePickerScreen
from leadtui.ui.widgets.pick_list import PickList

UNSET = object()


class Host(App[None]):
    """Shows one dialog and keeps what it was dismissed with."""

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: object = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.done)

    def done(self, result: object) -> None:
        self.result = result


async def test_j_k_move_and_a_digit_picks_the_lost_reason() -> None:
    host = Host(LostReasonDialog())
    async with host.run_test() as pilot:
        await settle(pilot)
        options = host.screen.query_one(OptionList)
        assert isinstance(options, PickList) and options.has_focus
        await pilot.press("j", "j", "j", "k")
        assert options.highlighted == 2
        await pilot.press("4")
        await settle(pilot)
    assert host.result == common_reasons()[3]


async def test_a_digit_picks_a_stage(store: LeadStore) -> None:
    stages: list[StageInfo] = store.reads.stages()
    host = Host(StagePickerScreen("Move to", stages, current="new"))
    async with host.run_test() as pilot:
        await settle(pilot)
        host.screen.query_one(OptionList).focus()
        await pilot.press("j")
        assert host.screen.query_one(OptionList).highlighted == 1
        await pilot.press("3")
        await settle(pilot)
    assert host.result == stages[2].key


async def test_a_digit_past_the_end_picks_nothing() -> None:
    host = Host(FieldPickerScreen("Email", "email"))
    async with host.run_test() as pilot:
        await settle(pilot)
        options = host.screen.query_one(OptionList)
        options.focus()
        if options.option_count < 9:
            await pilot.press("9")
            await settle(pilot)
            assert host.result is UNSET
        await pilot.press("2")
        await settle(pilot)
    assert isinstance(host.result, str)
