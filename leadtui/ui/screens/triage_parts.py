"""What the triage view shows of a lead, and the small rules it follows (no Textual here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from rich.text import Text

from leadtui.domain.agenda import TOUCH_KINDS, days_ago, split_followup_body
from leadtui.domain.cadence import StageCadence
from leadtui.domain.rows import LeadDetail, StageInfo
from leadtui.domain.sources import source_label
from leadtui.i18n import _
from leadtui.ui.widgets.timeline import absolute_time, activity_label

TOUCHES_SHOWN = 4
"""How many of the latest touches the context lists."""


def stage_after(stages: Sequence[StageInfo], current: str) -> str | None:
    """The next open stage after ``current``; ``None`` at the last one (Won and Lost have
    their own keys and dialogs, never reached by "next stage")."""
    path = [stage.key for stage in stages if stage.kind == "open"]
    if current not in path or path.index(current) + 1 >= len(path):
        return None
    return path[path.index(current) + 1]


def proposal_text(cadences: Sequence[StageCadence], stage: str) -> str:
    """The follow-up field's pre-filled value: the stage cadence's interval (``+3d``)."""
    for found in cadences:
        if found.stage.key == stage and found.cadence is not None:
            return f"+{found.cadence.followup_days}d"
    return ""


def context_text(detail: LeadDetail, stage_names: Mapping[str, str], now: datetime) -> Text:
    """The lead's context: who, where from, the follow-up and its note, the last touches."""
    text = Text()
    text.append(detail.display_name, style="bold")
    if detail.company:
        text.append(f" · {detail.company}")
    text.append("\n")
    contact = " · ".join(part for part in (detail.email or "", detail.phone or "") if part)
    if contact:
        text.append(contact + "\n")
    text.append(_("Stage: {stage}").format(stage=stage_names.get(detail.stage, detail.stage)))
    text.append("   " + _("Source: {source}").format(source=source_label(detail.source)) + "\n")
    note = next(
        (split_followup_body(e.body)[1] for e in detail.timeline if e.activity_kind == "followup"),
        "",
    )
    if detail.next_followup_at is not None:
        due = _("Follow-up: {when}").format(when=absolute_time(detail.next_followup_at))
        text.append(due + (f" — {note}" if note else "") + "\n")
    else:
        text.append(_("Follow-up: none (no next step)") + "\n")
    form = next((e for e in detail.timeline if e.activity_kind == "form"), None)
    if form is not None and form.body:
        text.append("\n" + _("Form message:") + "\n", style="bold")
        text.append(form.body.strip() + "\n")
    touches = [e for e in detail.timeline if e.activity_kind in TOUCH_KINDS][:TOUCHES_SHOWN]
    text.append("\n" + _("Last touches:") + "\n", style="bold")
    if not touches:
        text.append(_("never touched") + "\n")
    for entry in touches:
        first = (entry.body.strip().splitlines() or [""])[0]
        text.append(f"{activity_label(entry.activity_kind)} {days_ago(entry.at, now)}: ")
        text.append(first + "\n")
    return text
