"""The lead timeline: activities and stage changes merged, newest first.

Data comes in by attribute (:meth:`Timeline.show`); the widget never reads the
store. User text (notes, reasons) is always rendered as plain ``Text``. j/k select an
entry; Enter asks to edit it and X (or Delete) to delete it, by message to the screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from leadtui.domain import l10n
from leadtui.domain.rows import TimelineEntry
from leadtui.i18n import N_, _, formatting_locale
from leadtui.ui.keymap import bind

ICONS = {
    "note": "✎",
    "call": "☎",
    "email": "✉",
    "meeting": "◷",
    "form": "▤",
    "reply": "↩",
    "system": "⚙",
    "followup": "⏲",
}


def activity_label(kind: str) -> str:
    """The translated name of an activity kind."""
    labels = {
        "note": _("Note"),
        "call": _("Call"),
        "email": _("Email"),
        "meeting": _("Meeting"),
        "form": _("Form"),
        "reply": _("Reply"),
        "system": _("System"),
        "followup": _("Follow-up"),
    }
    return labels.get(kind, kind)


def absolute_time(at: datetime) -> str:
    """A timestamp in local time, to the minute (``8 dic 2026, 14:30`` in Spanish)."""
    locale = formatting_locale()
    if locale is not None:
        return l10n.moment(at.astimezone(), locale)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def relative_time(at: datetime, now: datetime) -> str:
    """How long ago (or how soon) ``at`` is, e.g. "3 h ago" or "in 4 d"."""
    seconds = int((now - at).total_seconds())
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return _("just now")
    locale = formatting_locale()
    if locale is not None:
        return l10n.relative(at - now, locale)
    if seconds < 3600:
        amount = _("{n} min").format(n=seconds // 60)
    elif seconds < 86400:
        amount = _("{n} h").format(n=seconds // 3600)
    elif seconds < 14 * 86400:
        amount = _("{n} d").format(n=seconds // 86400)
    elif seconds < 365 * 86400:
        amount = _("{n} wk").format(n=seconds // (7 * 86400))
    else:
        amount = _("{n} y").format(n=seconds // (365 * 86400))
    return (_("in {amount}") if future else _("{amount} ago")).format(amount=amount)


def timeline_text(
    entries: Sequence[TimelineEntry],
    now: datetime,
    stage_names: Mapping[str, str],
    selected: int | None = None,
) -> Group:
    """The whole timeline as plain (markup-free) rich renderables, bodies indented."""
    if not entries:
        return Group(
            Text(
                _("Nothing logged yet. Press a to log a call, email, meeting or note."),
                style="dim italic",
            )
        )
    from leadtui.domain.activity_edit import edited_note

    parts: list[Text | Padding] = []
    for index, entry in enumerate(entries):
        when = f"  {relative_time(entry.at, now)} · {absolute_time(entry.at)}"
        body = Text()
        if entry.kind == "activity":
            icon = ICONS.get(entry.activity_kind, "•")
            head = Text(f"{icon} {activity_label(entry.activity_kind)}", style="bold")
            body.append(
                _followup_body(entry.body) if entry.activity_kind == "followup" else entry.body
            )
        else:
            head = Text(_("⇢ Stage"), style="bold cyan")
            to_name = stage_names.get(entry.to_stage or "", entry.to_stage or "")
            if entry.from_stage is None:
                body.append(_("Created in {stage}").format(stage=to_name))
            else:
                from_name = stage_names.get(entry.from_stage, entry.from_stage)
                body.append(f"{from_name} → {to_name}")
            if entry.reason:
                body.append("\n")
                body.append(_("Reason: "), style="dim")
                body.append(entry.reason)
        head.append(when, style="dim")
        edited = edited_note(entry.edited_at, entry.edited_fields)
        if edited:
            head.append(f" · {edited}", style="dim italic")
        if entry.actor:
            head.append(_(" · by {name}").format(name=entry.actor), style="dim")
        if index == selected:
            head = Text("▶ ") + head
            head.stylize("reverse")
        parts.append(head)
        if body.plain:
            parts.append(Padding(body, (0, 0, 0, 2)))
        parts.append(Text(""))
    return Group(*parts[:-1])


def _followup_body(body: str) -> str:
    """A follow-up change as read: "→ 8 dic 2026, 09:00 · send the quote" or "cleared"."""
    from leadtui.domain.agenda import split_followup_body

    moment, note = split_followup_body(body)
    head = _("cleared") if moment is None else "→ " + absolute_time(moment)
    return f"{head} · {note}" if note else head


class Timeline(VerticalScroll, can_focus=True):
    """A scrollable, newest-first list of a lead's activities and stage changes.

    ``down``/``up`` (``j``/``k``) move a selection from entry to entry; Enter edits it,
    ``d`` deletes it, and on an entry that records a merge ``U`` asks for the unmerge
    (:class:`Timeline.Unmerge`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("timeline", "down", "select(1)", description=N_("Next entry"), show=False),
        bind("timeline", "up", "select(-1)", description=N_("Previous entry"), show=False),
        bind("timeline", "open", "edit_entry", description=N_("Edit entry"), show=False),
        bind("timeline", "delete_entry", show=False),
        bind("timeline", "unmerge"),
    ]

    class Unmerge(Message):
        """The user asked to take back the merge the selected entry records."""

        def __init__(self, merge_id: int, other_id: int) -> None:
            super().__init__()
            self.merge_id = merge_id
            self.other_id = other_id

    class EntryChosen(Message):
        """The user asked to edit (``verb="edit"``) or delete an entry."""

        def __init__(self, entry: TimelineEntry, verb: str) -> None:
            super().__init__()
            self.entry = entry
            self.verb = verb

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.entries: list[TimelineEntry] = []
        self.selected: int | None = None
        self._now: datetime | None = None
        self._names: Mapping[str, str] = {}
        self.merges: Mapping[int, tuple[int, int]] = {}
        """Activity id of each merge note → (merge id, the lead merged in); set by the screen."""

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-body")

    def show(
        self, entries: Sequence[TimelineEntry], now: datetime, stage_names: Mapping[str, str]
    ) -> None:
        """Replace what the timeline shows (the selection stays on the same entry)."""
        chosen = self.selected_entry
        self.entries, self._now, self._names = list(entries), now, stage_names
        keys = [(e.kind, e.id) for e in self.entries]
        wanted = None if chosen is None else (chosen.kind, chosen.id)
        self.selected = keys.index(wanted) if wanted in keys else None
        self._draw()

    @property
    def selected_entry(self) -> TimelineEntry | None:
        """The entry under the selection, if any."""
        if self.selected is None or self.selected >= len(self.entries):
            return None
        return self.entries[self.selected]

    def _draw(self) -> None:
        if self._now is None:
            return
        body = timeline_text(self.entries, self._now, self._names, self.selected)
        self.query_one("#timeline-body", Static).update(body)
        self.refresh_bindings()

    def set_merges(self, merges: Mapping[int, tuple[int, int]]) -> None:
        """Which entries record a merge that can still be taken back."""
        self.merges = merges
        self.refresh_bindings()

    def _merge_of_selected(self) -> tuple[int, int] | None:
        entry = self.selected_entry
        if entry is None or entry.kind != "activity":
            return None
        return self.merges.get(entry.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``U`` is offered only on an entry that records a merge."""
        if action == "unmerge":
            return self._merge_of_selected() is not None
        return True

    def action_unmerge(self) -> None:
        """Ask the screen to take back the selected merge."""
        found = self._merge_of_selected()
        if found is not None:
            self.post_message(self.Unmerge(*found))

    def action_select(self, step: int) -> None:
        """Select the next (older) or previous (newer) entry, scrolling to it."""
        if not self.entries:
            return
        start = -1 if self.selected is None and step > 0 else (self.selected or 0)
        self.selected = max(0, min(len(self.entries) - 1, start + step))
        self._draw()
        self.scroll_to(y=_line_of(self.entries, self.selected), animate=False)

    def action_edit_entry(self) -> None:
        """Ask the screen to edit the selected entry (the newest when none is)."""
        self._choose("edit")

    def action_delete_entry(self) -> None:
        """Ask the screen to delete the selected entry."""
        self._choose("delete")

    def _choose(self, verb: str) -> None:
        if self.selected is None and self.entries:
            self.action_select(1)
        entry = self.selected_entry
        if entry is not None:
            self.post_message(self.EntryChosen(entry, verb))


def _line_of(entries: Sequence[TimelineEntry], index: int) -> int:
    """About where entry ``index`` starts (heads, unwrapped bodies and gaps before it)."""
    lines = 0
    for entry in entries[:index]:
        body = entry.body if entry.kind == "activity" else entry.reason
        lines += 2 + (body.count("\n") + 1 if body else 0) + (1 if entry.kind == "stage" else 0)
    return max(0, lines - 1)
