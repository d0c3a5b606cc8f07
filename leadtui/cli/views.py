"""``leadtui views`` (saved views) and the ``--filter``/``--view`` options other commands take.

``filter_options`` adds both options to a command; ``chosen_filter`` turns them (and the
command's own narrowing) into the one list filter and sort the store reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from leadtui.cli.common import friendly_errors, store_for
from leadtui.cli.say import echo
from leadtui.domain.errors import LeadtuiError
from leadtui.domain.filter_query import FilterQuery, FilterSyntaxError
from leadtui.domain.record_fields import replace
from leadtui.domain.rows import LeadFilter, LeadSort, SortKey
from leadtui.domain.sanitize import sanitize
from leadtui.i18n import _, ngettext

F = TypeVar("F", bound=Callable[..., Any])


def filter_options(command: F) -> F:
    """Add ``--filter TEXT`` and ``--view NAME`` to a command (keyword args ``filter_text``,
    ``view_name``)."""
    command = click.option(
        "--view",
        "view_name",
        default=None,
        metavar="NAME",
        help=_("Only the leads of this saved view."),
    )(command)
    return click.option(
        "--filter",
        "filter_text",
        default=None,
        metavar="TEXT",
        help=_('A filter, e.g. "stage:qualified tag:vip due:overdue score>40 ana".'),
    )(command)


@dataclass(frozen=True, slots=True)
class Chosen:
    """What ``--filter``/``--view`` chose: the filter, the view's sort, and how to say it."""

    lead_filter: LeadFilter
    sort: LeadSort | None
    label: str

    @property
    def narrows(self) -> bool:
        """True when a filter or a view was given."""
        return bool(self.label)


def chosen_filter(
    store: Any, filter_text: str | None, view_name: str | None, base: LeadFilter | None = None
) -> Chosen:
    """The filter of ``--view`` and ``--filter`` together (both must hold), over ``base``."""
    terms: tuple[Any, ...] = ()
    sort = None
    labels: list[str] = []
    if view_name:
        view = store.views.view(view_name)
        terms += store.views.parse(view.filter_text).terms
        sort = view.sort
        labels.append(_("view “{name}”").format(name=view.name))
    if filter_text:
        terms += _parse_shown(store, filter_text).terms
        labels.append(_("filter “{text}”").format(text=filter_text.strip()))
    lead_filter = replace(base or LeadFilter(), query=FilterQuery(terms))
    return Chosen(lead_filter, sort, ", ".join(labels))


def _parse_shown(store: Any, text: str) -> FilterQuery:
    """Parse ``--filter``; an error shows the text with carets under the culprit."""
    try:
        query: FilterQuery = store.views.parse(text)
    except FilterSyntaxError as error:
        from leadtui.cli.common import PointedError

        carets = " " * error.start + "^" * (error.end - error.start)
        raise PointedError(str(error), (f"  {text}", f"  {carets}")) from None
    return query


def _count_text(store: Any, lead_filter: LeadFilter) -> str:
    counts = store.reads.count_list(lead_filter)
    shown = f"{counts.total:,}" + ("+" if counts.capped else "")
    return ngettext("{count} lead", "{count} leads", counts.total).format(count=shown)


@click.group(name="views", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON lines."))
@click.pass_context
@friendly_errors
def views_group(ctx: click.Context, as_json: bool) -> None:
    """Saved views: list them with their counts (save and delete with the subcommands)."""
    if ctx.invoked_subcommand is not None:
        return
    with store_for(ctx, create=False) as store:
        views = store.views.views()
        if not views and not as_json:
            echo(_('No saved views yet. Save one: leadtui views save NAME "FILTER"'))
        for view in views:
            try:
                query = LeadFilter(query=store.views.parse(view.filter_text))
            except LeadtuiError as error:  # e.g. it names a stage removed since: listed, uncounted
                _print_unreadable(view, str(error), as_json=as_json)
                continue
            if as_json:
                counts = store.reads.count_list(query)
                line = {
                    "name": view.name,
                    "filter": view.filter_text,
                    "sort": view.sort.key.value,
                    "descending": view.sort.descending,
                    "count": counts.total,
                    "capped": counts.capped,
                }
                click.echo(json.dumps(sanitize(line), ensure_ascii=False))
            else:
                count = _count_text(store, query)
                echo(sanitize(f"{view.name}  ·  {count}  ·  {view.filter_text or '-'}"))


def _print_unreadable(view: Any, reason: str, *, as_json: bool) -> None:
    """A view whose filter no longer reads: its name, its text and why, never an abort."""
    if as_json:
        line = {"name": view.name, "filter": view.filter_text, "count": None, "error": reason}
        click.echo(json.dumps(sanitize(line), ensure_ascii=False))
        return
    shown = _("filter no longer reads: {reason}").format(reason=reason)
    echo(sanitize(f"{view.name}  ·  ?  ·  {view.filter_text or '-'}  ({shown})"))


@views_group.command(name="save")
@click.argument("name")
@click.argument("filter_text", metavar="FILTER", default="")
@click.option(
    "--sort",
    "sort_key",
    type=click.Choice([key.value for key in SortKey]),
    default=SortKey.CREATED.value,
    show_default=True,
    help=_("Sort column."),
)
@click.option("--ascending", is_flag=True, help=_("Smallest, oldest or A first."))
@click.pass_context
@friendly_errors
def save_view(
    ctx: click.Context, name: str, filter_text: str, sort_key: str, ascending: bool
) -> None:
    """Save FILTER under NAME (replacing a view of that name)."""
    with store_for(ctx, create=False) as store:
        view = store.views.save_view(name, filter_text, LeadSort(SortKey(sort_key), not ascending))
        count = _count_text(store, LeadFilter(query=store.views.parse(view.filter_text)))
    echo(sanitize(_("Saved view “{name}” ({count}).").format(name=view.name, count=count)))


@views_group.command(name="delete")
@click.argument("name")
@click.pass_context
@friendly_errors
def delete_view(ctx: click.Context, name: str) -> None:
    """Delete the view NAME."""
    with store_for(ctx, create=False) as store:
        store.views.delete_view(name)
    echo(sanitize(_("Deleted view “{name}”.").format(name=name)))


def register(group: click.Group) -> None:
    """Add ``views`` to ``group``."""
    group.add_command(views_group)
