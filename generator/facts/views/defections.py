"""The defections page."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _
from generator.content.load import Content
from generator.content.phrasing import number
from generator.facts.derive import (
    DefectionRow,
    Facts,
    Leader,
    MonthCount,
)
from generator.facts.parts import WHOLE, Scope
from generator.facts.sentences import defections_summary
from generator.facts.thinning import DEFECTION_MARKS, thin
from generator.facts.views.actors import DefectionLine, defection_line
from generator.facts.views.common import DEFECTIONS_DATA, STORY_DATA, Download, PartsNav, defections, parts_nav

EXCERPT = 140  # characters of a quote shown on the timeline


@dataclass(frozen=True)
class DefectionsPage:
    rows: tuple[DefectionLine, ...]  # by date (the latest day each can mean)
    summary: str  # "about 80 people in 16 recorded defections"
    first: FuzzyDate | None
    last: FuzzyDate | None
    leaders: tuple[Leader, ...]
    months: tuple[MonthCount, ...]
    nav: PartsNav | None  # set when the list is split by date: the rows are then one part's
    charted: tuple[DefectionRow, ...] = ()  # those the chart draws: all, or a sample (thinning.py)
    thinned: str = ""  # how the sample was chosen, when the chart does not draw them all
    data: Download = DEFECTIONS_DATA
    months_data: Download = STORY_DATA  # the count by month is among the story's derived facts

    @property
    def downloads(self) -> tuple[Download, ...]:
        """The list's file, and on the whole page (not a part) the count by month's."""
        whole = self.nav is None or self.nav.here is None
        return (self.data,) + ((self.months_data,) if whole and self.months else ())


def defections_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> DefectionsPage:
    """The defections page, or (when split) one year's or month's page of its list."""
    rows = facts.defections
    # What every page of a split list says of the whole list is worked out once for them all
    # (Scope.once), and the list is grouped by part once (Scope.listed): a page per part no longer
    # goes through every defection.
    summary = scope.once("summary", lambda: _summary(facts))
    shown = scope.listed("by date", lambda: rows, _defection_id)
    return DefectionsPage(
        tuple(defection_line(row) for row in shown),
        summary,
        rows[0].defection.date if rows else None,
        rows[-1].defection.date if rows else None,
        facts.leaders,
        facts.defection_months,
        parts_nav(scope, defections),
        *scope.once("charted", lambda: _charted(rows)),
    )


def _summary(facts: Facts) -> str:
    """The list in a few words, capitalised: "About 80 people in 16 recorded defections"."""
    rows = facts.defections
    summary = defections_summary(facts.defection_people, len(rows), sum(r.defection.people for r in rows))
    return summary[:1].upper() + summary[1:]


def _defection_id(row: DefectionRow) -> str:
    return row.defection.id


def _charted(rows: tuple[DefectionRow, ...]) -> tuple[tuple[DefectionRow, ...], str]:
    """The defections the chart draws: past a limit, every record so far among a sample."""
    drawn = thin(rows, DEFECTION_MARKS, lambda row: any(rank.highest for rank in row.ranks))
    if len(drawn) == len(rows):
        return rows, ""
    rule = _(
        "The chart draws {drawn} of the {total} defections: the first, the latest, each that was the "
        "most senior on its ladder so far, and the others evenly spaced by date."
    ).format(drawn=number(len(drawn)), total=number(len(rows)))
    return drawn, rule


# --- drafts and votes ----------------------------------------------------------------
