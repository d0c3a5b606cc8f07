"""The lead timeline: activities and stage changes merged, newest first.

Data comes in by attribute (:meth:`Timeline.show`); the widget never reads the
store. User text (notes, reasons) is always rendered as plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
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
    entries: Sequence[TimelineEntry], now: datetime, stage_names: Mapping[str, str]
) -> Group:
    """The whole timeline as plain (markup-free) rich renderables, bodies indented."""
    if not entries:
        return Group(
            Text(
                _("Nothing logged yet. Press a to log a call, email, meeting or note."),
                style="dim italic",
            )
        )
    parts: list[Text | Padding] = []
    for entry in entries:
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
        if entry.actor:
            head.append(_(" · by {name}").format(name=entry.actor), style="dim")
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
    """A scrollable, newest-first list of a lead's activities and stage changes."""

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-body")

    def show(
        self, entries: Sequence[TimelineEntry], now: datetime, stage_names: Mapping[str, str]
    ) -> None:
        """Replace what the timeline shows."""
        self.query_one("#timeline-body", Static).update(timeline_text(entries, now, stage_names))
