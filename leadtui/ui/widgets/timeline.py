"""The lead timeline: activities and stage changes merged, newest first.

Data comes in by attribute (:meth:`Timeline.show`); the widget never reads the
store. User text (notes, reasons) is always rendered as plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from leadtui.domain import l10n
from leadtui.domain.rows import TimelineEntry
from leadtui.i18n import _, formatting_locale

ICONS = {
    "note": "✎",
    "call": "☎",
    "email": "✉",
    "meeting": "◷",
    "form": "▤",
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
    """The whole timeline as plain (markup-free) rich renderables, bodies indented.

    The entry at index ``selected`` (if any) has its heading shown in reverse video.
    """
    if not entries:
        return Group(
            Text(
                _("Nothing logged yet. Press a to log a call, email, meeting or note."),
                style="dim italic",
            )
        )
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
        if index == selected:
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

    ``down``/``up`` (``j``/``k``) move a highlight from entry to entry; on an entry that
    records a merge, ``U`` asks for the unmerge (:class:`Timeline.Unmerge`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "select(1)", _("Next entry"), show=False),
        Binding("up,k", "select(-1)", _("Previous entry"), show=False),
        Binding("U", "unmerge", _("Unmerge"), id="timeline.unmerge"),
    ]

    class Unmerge(Message):
        """The user asked to take back the merge the highlighted entry records."""

        def __init__(self, merge_id: int, other_id: int) -> None:
            super().__init__()
            self.merge_id = merge_id
            self.other_id = other_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.entries: Sequence[TimelineEntry] = ()
        self.selected: int | None = None
        self.merges: Mapping[int, tuple[int, int]] = {}
        """Activity id of each merge note → (merge id, the lead merged in); set by the screen."""
        self._now: datetime | None = None
        self._stage_names: Mapping[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-body")

    def show(
        self, entries: Sequence[TimelineEntry], now: datetime, stage_names: Mapping[str, str]
    ) -> None:
        """Replace what the timeline shows (a highlighted entry stays highlighted)."""
        current = self._selected_entry()
        self.entries, self._now, self._stage_names = entries, now, stage_names
        self.selected = None
        if current is not None:
            self.selected = next(
                (i for i, e in enumerate(entries) if (e.kind, e.id) == (current.kind, current.id)),
                None,
            )
        self._paint()

    def set_merges(self, merges: Mapping[int, tuple[int, int]]) -> None:
        """Which entries record a merge that can still be taken back."""
        self.merges = merges
        self.refresh_bindings()

    def _selected_entry(self) -> TimelineEntry | None:
        if self.selected is None or self.selected >= len(self.entries):
            return None
        return self.entries[self.selected]

    def _paint(self) -> None:
        if self._now is None:
            return
        body = timeline_text(self.entries, self._now, self._stage_names, self.selected)
        self.query_one("#timeline-body", Static).update(body)
        self.refresh_bindings()

    def action_select(self, step: int) -> None:
        """Highlight the next (or previous) entry and keep it in view."""
        if not self.entries:
            return
        if self.selected is None:
            self.selected = 0 if step > 0 else len(self.entries) - 1
        else:
            self.selected = max(0, min(len(self.entries) - 1, self.selected + step))
        self._paint()
        self.call_after_refresh(self._scroll_to_selected)

    def _scroll_to_selected(self) -> None:
        if self._now is None or self.selected is None:
            return
        width = max(1, self.scrollable_content_region.width)
        options = self.app.console.options.update_width(width)
        above = timeline_text(self.entries[: self.selected], self._now, self._stage_names)
        top = len(self.app.console.render_lines(above, options)) + 1 if self.selected else 0
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top >= self.scroll_y + self.scrollable_content_region.height - 1:
            self.scroll_to(y=top - self.scrollable_content_region.height + 3, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``U`` is offered only on an entry that records a merge."""
        if action == "unmerge":
            entry = self._selected_entry()
            return entry is not None and entry.kind == "activity" and entry.id in self.merges
        return True

    def action_unmerge(self) -> None:
        """Ask the screen to take back the highlighted merge."""
        entry = self._selected_entry()
        if entry is not None and entry.kind == "activity" and entry.id in self.merges:
            merge_id, other_id = self.merges[entry.id]
            self.post_message(self.Unmerge(merge_id, other_id))
