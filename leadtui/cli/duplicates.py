"""``leadtui duplicates``, ``merge`` and ``unmerge``: find, merge and take back duplicates."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from leadtui.cli.common import friendly_errors, store_for
from leadtui.cli.say import echo
from leadtui.i18n import _, ngettext

LEVELS = ("certain", "probable", "possible")


def _name(store: Any, lead_id: int) -> str:
    row = store.reads.lead_row(lead_id)
    return "" if row is None else str(row.display_name)


@click.command()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON lines, one per cluster."))
@click.option(
    "--min",
    "minimum",
    type=click.Choice(LEVELS),
    default="possible",
    show_default=True,
    help=_("Show only candidates at least this sure."),
)
@click.pass_context
@friendly_errors
def duplicates(ctx: click.Context, as_json: bool, minimum: str) -> None:
    """List duplicate candidates: clusters of leads, why, and how sure."""
    from leadtui.domain.duplicates import Confidence

    with store_for(ctx) as store:
        result = store.duplicates.scan(Confidence.parse(minimum))
        console = Console(highlight=False)
        for cluster in result.clusters:
            if as_json:
                record = {
                    "confidence": cluster.confidence.name.lower(),
                    "lead_ids": list(cluster.lead_ids),
                    "pairs": [
                        {
                            "low_id": pair.low_id,
                            "high_id": pair.high_id,
                            "confidence": pair.confidence.name.lower(),
                            "reasons": list(pair.reasons),
                        }
                        for pair in cluster.pairs
                    ],
                }
                click.echo(json.dumps(record, ensure_ascii=False))
                continue
            ids = ", ".join(f"#{lead_id}" for lead_id in cluster.lead_ids)
            console.print(Text(f"{cluster.confidence.label}: {ids}", style="bold"))
            for pair in cluster.pairs:
                line = Text(f"  #{pair.low_id} ")
                line.append(_name(store, pair.low_id))
                line.append(f"  ·  #{pair.high_id} ")
                line.append(_name(store, pair.high_id))
                line.append(f"  ({pair.confidence.label}: {pair.reason})")
                console.print(line)
        if not as_json:
            count = len(result.clusters)
            console.print(
                Text(
                    ngettext(
                        "{count} cluster of candidates.", "{count} clusters of candidates.", count
                    ).format(count=count)
                )
            )


@click.command()
@click.argument("keep", type=int)
@click.argument("other", type=int)
@click.option(
    "--take",
    "takes",
    multiple=True,
    metavar="FIELD=LEAD_ID",
    help=_("Take this field from that lead (repeatable), e.g. --take email=12."),
)
@click.pass_context
@friendly_errors
def merge(ctx: click.Context, keep: int, other: int, takes: tuple[str, ...]) -> None:
    """Merge lead OTHER into lead KEEP and print the merge id (undo: leadtui unmerge)."""
    from leadtui.domain.duplicates_merge import MERGE_FIELDS, parse_takes

    try:
        sides = parse_takes(takes, keep, other)
    except ValueError as error:
        fields = ", ".join(MERGE_FIELDS)
        raise click.BadParameter(
            _("{take!r}: use FIELD={keep} or FIELD={other}; fields: {fields}.").format(
                take=str(error), keep=keep, other=other, fields=fields
            ),
            param_hint="--take",
        ) from error
    with store_for(ctx) as store:
        result = store.merges.merge(keep, other, sides)
        echo(result.merge_id)


@click.command()
@click.argument("merge_id", type=int)
@click.pass_context
@friendly_errors
def unmerge(ctx: click.Context, merge_id: int) -> None:
    """Take a merge back: both leads as they were (later edits stay on the survivor)."""
    with store_for(ctx) as store:
        result = store.merges.unmerge(merge_id)
        echo(
            _("Lead #{other} is back; lead #{kept} is as before the merge.").format(
                other=result.other_id, kept=result.kept_id
            )
        )


def warn_duplicates(store: Any, data: Any, lead_id: int | None) -> None:
    """On stderr: the probable duplicates of a lead just added, and how to open or merge them."""
    for candidate in store.duplicates.check_input(data, lead_id):
        existing = candidate.low_id if candidate.high_id == lead_id else candidate.high_id
        echo(
            _(
                "Warning: probably the same person as lead #{id} {name} ({reason}). "
                "To merge them: leadtui merge {id} {new}"
            ).format(
                id=existing, name=_name(store, existing), reason=candidate.reason, new=lead_id
            ),
            err=True,
        )


def register(group: click.Group) -> None:
    """Add ``duplicates``, ``merge`` and ``unmerge`` to ``group``."""
    for command in (duplicates, merge, unmerge):
        group.add_command(command)
