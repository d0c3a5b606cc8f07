"""ListHeader: the counts line above the lead list ("1,234 leads · 57 overdue · filter: …")."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from leadtui.domain.formatting import format_count
from leadtui.domain.rows import LeadCounts
from leadtui.i18n import _, ngettext


class ListHeader(Static):
    """Counts, the active filter and marks; user text is shown as plain content."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: LeadCounts | None = None
        self.filter_text = ""
        self.sort_text = ""
        self.marked = 0

    def show(
        self,
        counts: LeadCounts | None,
        *,
        filter_text: str = "",
        sort_text: str = "",
        marked: int = 0,
    ) -> None:
        """Update the line; ``counts`` is ``None`` while they are still being counted."""
        self.counts, self.filter_text = counts, filter_text
        self.sort_text, self.marked = sort_text, marked
        self.update(self.line())

    def line(self) -> Content:
        """The header line as content (no markup is parsed from user text)."""
        parts: list[Content] = []
        if self.counts is None:
            parts.append(Content(_("counting…")))
        else:
            shown = self.counts.total - 1 if self.counts.capped else self.counts.total
            total = format_count(shown) + "+" if self.counts.capped else format_count(shown)
            parts.append(
                Content.styled(
                    ngettext("{count} lead", "{count} leads", self.counts.total).format(
                        count=total
                    ),
                    "bold",
                )
            )
            if self.counts.overdue:
                parts.append(
                    Content.styled(
                        _("{count} overdue").format(count=format_count(self.counts.overdue)),
                        "$error",
                    )
                )
        if self.marked:
            parts.append(
                Content.styled(
                    ngettext("{count} marked", "{count} marked", self.marked).format(
                        count=format_count(self.marked)
                    ),
                    "$accent bold",
                )
            )
        if self.filter_text:
            parts.append(Content(_("filter: {filter}").format(filter=self.filter_text)))
        if self.sort_text:
            parts.append(Content(_("sort: {sort}").format(sort=self.sort_text)))
        return Content(" · ").join(parts)
