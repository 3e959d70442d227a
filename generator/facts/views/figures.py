"""Figures: each metric's claims, latest first, and where sources differ."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator.content.i18n import ngettext
from generator.content.load import Content
from generator.content.models import Figure
from generator.content.phrasing import number
from generator.facts.derive import Facts
from generator.facts.metrics import Conflict, FigureView, MetricGroup
from generator.facts.parts import WHOLE, Scope
from generator.facts.sentences import Phrase
from generator.facts.views.common import FIGURES_DATA, Download, PartLink, PartsNav, days, parts_nav
from generator.facts.views.common import claims as counted_claims

EXCERPT = 140  # characters of a quote shown on the timeline


@dataclass(frozen=True)
class ClaimRow:
    figure: Figure
    number: str
    breakdown: str  # "1,200 civilians, about 300 soldiers; of them 40 officers"
    date: Phrase  # the date the number describes, or "reported 11 July 2012"


@dataclass(frozen=True)
class MetricSection:
    group: MetricGroup
    charted: bool  # a chart needs two claims or more (on a split section, only its index draws it)
    claims: tuple[ClaimRow, ...]
    window: str  # "7 days": how close claims must be to be compared
    conflicts: tuple[Conflict, ...]  # where sources differ; on a split index, the newest
    # On a split section's index the rows are the newest claims, each linking to its row on its
    # part, which holds the claim's anchor: an id is on one page only.
    anchored: bool = True
    newest: str = ""  # on a split index: "The 10 newest of 251 claims."
    more_conflicts: str = ""  # on a split index, when comparisons were left out: "The 5 newest of 84."
    parts: tuple[PartLink, ...] = ()  # on a split index: this metric's pages

    # The table asks both on each of its rows: worked out once per section, not once per row (a
    # section with no "Reported by" went through every claim for each row, its square).

    @functools.cached_property
    def reported(self) -> bool:
        """Whether the claims table has a "Reported by" column: some claim names who relayed it."""
        return any(row.figure.reported_by for row in self.claims)

    @functools.cached_property
    def noted(self) -> bool:
        """Whether the claims table has a "Scope and notes" column: some claim has either."""
        return any(row.figure.scope or row.figure.note or row.figure.uncertain for row in self.claims)


@dataclass(frozen=True)
class FiguresPage:
    metrics: tuple[MetricSection, ...]  # when split, on a part only its metric's
    nav: PartsNav | None = None  # set when the figures are split by metric and date
    count: str = ""  # "502": the claims of every metric
    data: Download = FIGURES_DATA

    @property
    def downloads(self) -> tuple[Download, ...]:
        return (self.data,) if self.metrics else ()


# A split figures page's index shows, per metric, the newest claims and comparisons; the
# part pages by date hold them all.
INDEX_CLAIMS = 10
INDEX_CONFLICTS = 5


def _of_newest(shown: int, total: int) -> str:
    """What an index shows of a longer list of comparisons ("The 5 newest of 84."), or nothing when it shows all."""
    said = ngettext("The {shown} newest of {total}.", "The {shown} newest of {total}.", total)
    return said.format(shown=number(shown), total=number(total)) if shown < total else ""


def _of_newest_claims(shown: int, total: int) -> str:
    """What an index shows of a metric's claims ("The 10 newest of 251 claims."), or nothing when it shows all."""
    said = ngettext("The {shown} newest of {total} claim.", "The {shown} newest of {total} claims.", total)
    return said.format(shown=number(shown), total=number(total)) if shown < total else ""


def _claim_rows(claims: tuple[FigureView, ...]) -> tuple[ClaimRow, ...]:
    return tuple(ClaimRow(v.figure, v.number, v.breakdown, v.date) for v in claims)


def figures_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> FiguresPage:
    """The figures page, or (when split, parts.py) its index or one metric's page of it."""
    nav = parts_nav(scope, counted_claims)
    parts, here = scope.parts, scope.here
    part_of = scope.division.part_of if scope.division else None
    count = number(sum(len(g.claims) for g in facts.metrics))
    if parts is None or part_of is None:
        return FiguresPage(
            tuple(
                MetricSection(g, len(g.charted) > 1, _claim_rows(g.claims), days(g.window_days), g.conflicts)
                for g in facts.metrics
            ),
            nav,
            count,
        )
    if here is not None:
        sections = []
        for g in facts.metrics:
            # Each metric's claims are grouped by page once for all the pages (Scope.listed).
            claims = tuple(scope.listed(f"{g.metric_id} claims", lambda: g.claims, _claim_id))  # noqa: B023 - called at once
            if not claims:
                continue
            # A comparison is told on the page of its first claim.
            conflicts = tuple(scope.listed(f"{g.metric_id} comparisons", lambda: g.conflicts, _first_claim_id))  # noqa: B023 - called at once
            sections.append(MetricSection(g, False, _claim_rows(claims), days(g.window_days), conflicts))
        return FiguresPage(tuple(sections), nav, count)
    sections = []
    for g in facts.metrics:
        newest = g.claims[-INDEX_CLAIMS:]
        conflicts = g.conflicts[-INDEX_CONFLICTS:]
        keys = {part_of[v.figure.id] for v in g.claims}
        sections.append(
            MetricSection(
                g,
                len(g.charted) > 1,
                _claim_rows(newest),
                days(g.window_days),
                conflicts,
                anchored=False,
                newest=_of_newest_claims(len(newest), len(g.claims)),
                more_conflicts=_of_newest(len(conflicts), len(g.conflicts)),
                # Under the metric's heading its pages are named by their dates alone: "2012".
                parts=tuple(
                    PartLink(p.label.removeprefix(f"{g.label}: "), p.page, counted_claims(p.count))
                    for p in parts.parts
                    if p.key in keys
                ),
            )
        )
    return FiguresPage(tuple(sections), nav, count)


def _claim_id(claim: FigureView) -> str:
    return claim.figure.id


def _first_claim_id(conflict: Conflict) -> str:
    return conflict.claims[0].figure.id
