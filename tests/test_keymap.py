"""One key map: every binding of every screen comes from ``ui/keymap.py``, the same action
has the same key everywhere, no key means two things, and every frequent action is at
most two keys away from the list, the detail, the board and the agenda."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from typing import Any

import pytest
from textual.binding import Binding

from leadtui.ui.app import LeadApp
from leadtui.ui.keymap import KEYS, NUMBER, bind, meaning
from leadtui.ui.screens.agenda import AgendaScreen
from leadtui.ui.screens.duplicates import DuplicatesScreen
from leadtui.ui.screens.funnel_board import FunnelBoardScreen
from leadtui.ui.screens.import_screen import ImportScreen
from leadtui.ui.screens.lead_detail import LeadDetailScreen
from leadtui.ui.screens.lead_list import LeadListScreen
from leadtui.ui.screens.pipeline_settings import PipelineScreen
from leadtui.ui.screens.scoring_weights import ScoringWeightsScreen
from leadtui.ui.screens.triage import TriageScreen
from leadtui.ui.widgets.lead_table import LeadTable
from leadtui.ui.widgets.pick_list import PickList
from leadtui.ui.widgets.timeline import Timeline

SCREENS: dict[str, tuple[type[Any], ...]] = {
    "list": (LeadListScreen, LeadTable, LeadApp),
    "detail": (LeadDetailScreen, Timeline, LeadApp),
    "board": (FunnelBoardScreen, LeadApp),
    "agenda": (AgendaScreen, LeadApp),
    "triage": (TriageScreen, LeadApp),
    "duplicates": (DuplicatesScreen, LeadApp),
    "import": (ImportScreen, LeadApp),
    "pipeline": (PipelineScreen, LeadApp),
    "scoring weights": (ScoringWeightsScreen, LeadApp),
    "pick lists": (PickList,),
}


def bindings(screen: str) -> list[Binding]:
    found = []
    for owner in SCREENS[screen]:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            found.append(binding)
    return found


def entry(binding: Binding) -> str:
    """The key map entry a binding was made from (its id is ``scope.entry``)."""
    assert binding.id is not None, binding
    name = binding.id.split(".", 1)[1]
    return NUMBER if re.fullmatch(rf"{NUMBER}\d", name) else name


@pytest.mark.parametrize("screen", SCREENS)
def test_every_binding_comes_from_the_key_map(screen: str) -> None:
    for binding in bindings(screen):
        name = entry(binding)
        if name == NUMBER:
            assert binding.key.isdigit()
        else:
            assert name in KEYS, binding
            assert binding.key == KEYS[name].keys, (screen, name)


def test_no_key_means_two_things_on_any_screen() -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for screen in SCREENS:
        for binding in bindings(screen):
            for key in binding.key.split(","):
                name = entry(binding)
                meanings[key].add(name if name == NUMBER else meaning(name))
    doubled = {key: found for key, found in meanings.items() if len(found) > 1}
    assert doubled == {}


def test_the_key_map_itself_gives_each_key_one_meaning() -> None:
    owner: dict[str, str] = {}
    for name, key in KEYS.items():
        for one in key.keys.split(","):
            assert owner.setdefault(one, meaning(name)) == meaning(name), (one, name)
        if key.meaning:
            assert key.meaning in KEYS and set(key.keys.split(",")) <= set(
                KEYS[key.meaning].keys.split(",")
            ), name


def test_bind_makes_the_entry_with_the_screens_own_words() -> None:
    made = bind("agenda", "next", "page(1)", description="Next page", show=False)
    assert (made.key, made.action, made.description, made.show, made.id) == (
        "right_square_bracket",
        "page(1)",
        "Next page",
        False,
        "agenda.next",
    )


# Where a key leads: entries that change the screen.
GOES_TO = {
    "open": "detail",
    "list": "list",
    "board": "board",
    "agenda": "agenda",
    "triage": "triage",
    "back": "list",  # the detail goes back to the list it was opened from
}
FREQUENT = (
    "open",
    "search",
    "filter",
    "new",
    "edit",
    "log",
    "log_call",
    "followup",
    "next_stage",
    "won",
    "lost",
    "delete",
    "undo",
    "help",
    "list",
    "board",
    "agenda",
    "triage",
)


def keys_to(start: str, action: str) -> int | None:
    """How many keys from ``start`` reach ``action`` (breadth first over the screens)."""
    if action == start:
        return 0  # already there
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    seen = {start}
    while queue:
        screen, depth = queue.popleft()
        names = {entry(binding) for binding in bindings(screen)}
        if action in names or GOES_TO.get(action) == screen:
            return depth + (0 if GOES_TO.get(action) == screen else 1)
        for name in sorted(names & GOES_TO.keys()):
            target = GOES_TO[name]
            if target in SCREENS and target not in seen:
                seen.add(target)
                queue.append((target, depth + 1))
    return None


@pytest.mark.parametrize("start", ["list", "detail", "board", "agenda"])
def test_every_frequent_action_is_at_most_two_keys_away(start: str) -> None:
    far = {action: keys_to(start, action) for action in FREQUENT}
    assert {action: n for action, n in far.items() if n is None or n > 2} == {}
