"""``leadtui stages``: list and edit the pipeline (add, rename, move, remove, cadence)."""

from __future__ import annotations

import json
from typing import Any

import click

from leadtui.cli.common import friendly_errors, store_for
from leadtui.cli.say import echo
from leadtui.domain.filter_stage_move import followed_views_text
from leadtui.i18n import _, ngettext


def _key(store: Any, typed: str) -> str:
    from leadtui.domain.pipeline_edit import resolve_key

    return resolve_key(store.reads.stages(), typed)


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.pass_context
@friendly_errors
def stages(ctx: click.Context, as_json: bool) -> None:
    """The pipeline: each stage with its leads and cadence (sub-commands edit it)."""
    if ctx.invoked_subcommand is not None:
        return
    from leadtui.domain.formatting import format_count
    from leadtui.domain.pipeline_edit import kind_label

    with store_for(ctx, create=False) as store:
        rows = store.stage_editor.rows()
    if as_json:
        found = [
            {
                "key": row.stage.key,
                "name": row.stage.shown_name,
                "kind": row.stage.kind,
                "leads": row.count,
                "followup_days": None if row.cadence is None else row.cadence.followup_days,
                "cold_days": None if row.cadence is None else row.cadence.cold_days,
            }
            for row in rows
        ]
        click.echo(json.dumps({"stages": found}, ensure_ascii=False))
        return
    for row in rows:
        cadence = (
            "–"
            if row.cadence is None
            else _("every {days} d, cold after {cold} d").format(
                days=row.cadence.followup_days, cold=row.cadence.cold_days
            )
        )
        echo(
            f"{row.stage.key:<14} {row.stage.shown_name:<18} {kind_label(row.stage.kind):<10} "
            f"{format_count(row.count):>9}  {cadence}"
        )


@stages.command(name="add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(["open", "nurture"]),
    default="open",
    show_default=True,
    help=_("open: a funnel step; nurture: interested but not ready (long cadence)."),
)
@click.option("--after", default=None, help=_("Place it after this stage (default: before Won)."))
@click.pass_context
@friendly_errors
def add(ctx: click.Context, name: str, kind: str, after: str | None) -> None:
    """Add a stage called NAME."""
    with store_for(ctx, create=False) as store:
        anchor = None if after is None else _key(store, after)
        stage = store.stage_editor.add(name, kind, anchor)
    echo(_("Stage {key} added: {name}.").format(key=stage.key, name=stage.name))


@stages.command(name="rename")
@click.argument("key")
@click.argument("name")
@click.pass_context
@friendly_errors
def rename(ctx: click.Context, key: str, name: str) -> None:
    """Rename the stage KEY to NAME (its key, leads and history stay)."""
    with store_for(ctx, create=False) as store:
        found = _key(store, key)
        store.stage_editor.rename(found, name)
    echo(_("Stage {key} renamed: {name}.").format(key=found, name=name.strip()))


@stages.command(name="move")
@click.argument("key")
@click.option("--after", required=True, help=_("The stage to place it after (first: to be first)."))
@click.pass_context
@friendly_errors
def move(ctx: click.Context, key: str, after: str) -> None:
    """Move the stage KEY just after another one."""
    with store_for(ctx, create=False) as store:
        found = _key(store, key)
        anchor = None if after == "first" else _key(store, after)
        store.stage_editor.move(found, anchor)
        order = " › ".join(stage.key for stage in store.reads.stages())
    echo(order)


@stages.command(name="remove")
@click.argument("key")
@click.option("--move-to", default=None, help=_("Move the stage's leads here first."))
@click.pass_context
@friendly_errors
def remove(ctx: click.Context, key: str, move_to: str | None) -> None:
    """Remove the stage KEY (a stage with leads needs --move-to)."""
    from leadtui.store.stages import StageInUse

    with store_for(ctx, create=False) as store:
        found = _key(store, key)
        target = None if move_to is None else _key(store, move_to)
        try:
            removed = store.stage_editor.remove(found, target)
        except StageInUse as error:
            raise click.UsageError(
                str(error) + " " + _("Add --move-to STAGE to move them.")
            ) from None
    if removed.moved:
        echo(
            ngettext(
                "Stage {key} removed; {count} lead moved to {target}.",
                "Stage {key} removed; {count} leads moved to {target}.",
                removed.moved,
            ).format(key=found, count=removed.moved, target=target)
        )
    else:
        echo(_("Stage {key} removed.").format(key=found))
    if removed.views:
        echo(followed_views_text(removed.views, str(target)))


@stages.command(name="cadence")
@click.argument("key")
@click.argument("days", type=click.IntRange(1, 365))
@click.option("--cold", type=click.IntRange(1, 365), default=None, help=_("Going-cold days."))
@click.pass_context
@friendly_errors
def cadence(ctx: click.Context, key: str, days: int, cold: int | None) -> None:
    """Follow up leads in KEY every DAYS days (going cold after --cold days)."""
    with store_for(ctx, create=False) as store:
        found = _key(store, key)
        current = store.agenda.cadence_of(found)
        cold_days = cold if cold is not None else max(days, current.cold_days if current else days)
        store.stage_editor.set_cadence(found, days, cold_days)
    echo(
        _("Stage {key}: follow up every {days} d, going cold after {cold} d.").format(
            key=found, days=days, cold=cold_days
        )
    )


def register(group: click.Group) -> None:
    """Add ``stages`` to ``group``."""
    group.add_command(stages)
