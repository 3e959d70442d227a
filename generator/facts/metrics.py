"""Figures: each metric's claims side by side, each claimant's latest, and where sources differ.

Split from derive.py, which works out every other fact; derive.py re-exports the views below for
the pages, charts and exports that read them from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _, ngettext
from generator.content.load import Content
from generator.content.models import Figure, Measure, Metric, Part
from generator.content.phrasing import figure_number, number, qualified
from generator.facts import comparisons, sentences
from generator.facts.comparisons import days_apart
from generator.facts.sentences import Phrase
from generator.facts.thinning import claims_drawn


@dataclass(frozen=True)
class FigureView:
    figure: Figure
    number: str  # "more than 15,000", "300,000–380,000 (best estimate 340,000)"
    breakdown: str  # "about 600 soldiers, 40 police; of them about 100 officers"
    date: Phrase  # the date the number describes, or "reported 11 July 2012" when only that is known
    made: FuzzyDate  # when the claim was made (comparisons.claim_made): what "latest claim" goes by
    measure: Measure  # a running total or a count for one period (the figure's, else its metric's)

    @property
    def made_note(self) -> Phrase:
        """'reported 2 January 2013' when the claim was made later than `date` says, else nothing."""
        if comparisons.same_days(self.made, self.figure.dated):
            return ()
        return sentences.reported_on(self.made)


@dataclass(frozen=True)
class Conflict:
    """Two comparable claims by different claimants within a metric's window of each other whose
    numbers cannot both be true (comparisons.py)."""

    first: FuzzyDate
    last: FuzzyDate
    claims: tuple[FigureView, ...]  # by date

    @property
    def one_day(self) -> bool:
        return self.first == self.last


@dataclass(frozen=True)
class MetricGroup:
    metric_id: str
    label: str
    unit: str
    window_days: int  # claims this close are compared
    claims: tuple[FigureView, ...]  # by date, then claimant
    # Of the claims in the metric's own measure, each claimant's latest made (claim_made), within
    # the window of the newest made; and those made further back: not comparable.
    latest_by_claimant: tuple[FigureView, ...]
    older_by_claimant: tuple[FigureView, ...]
    conflicts: tuple[Conflict, ...]
    measure: Measure = Measure.TOTAL  # the metric's own measure: what its chart and key table show
    charted: tuple[FigureView, ...] = ()  # the claims in that measure: a chart draws one measure only
    left_out: str = ""  # why some claims are not drawn: "2 counts for one period alone are in the table only."
    # What the chart draws of `charted` when they are too many to read (thinning.py), and the
    # sentence saying how they were chosen (empty when it draws them all).
    drawn: tuple[FigureView, ...] = ()
    thinned: str = ""


def metric_groups(content: Content) -> tuple[MetricGroup, ...]:
    published = {source.id: source.date for source in content.sources}
    groups = []
    for metric in content.story.metrics:
        claims = sorted(
            (f for f in content.figures if f.metric == metric.id),
            key=lambda f: (f.dated.sort_key(), f.claimed_by, f.id),
        )
        if claims:
            groups.append(metric_group(metric, tuple(claims), published))
    return tuple(groups)


def metric_group(metric: Metric, claims: tuple[Figure, ...], published: Mapping[str, FuzzyDate | None]) -> MetricGroup:
    """One metric's claims, each claimant's latest in the metric's measure, and where sources differ."""
    views = tuple(
        FigureView(
            f,
            figure_number(f),
            breakdown(f.breakdown),
            sentences.figure_date(f),
            comparisons.claim_made(f, published),
            comparisons.measure_of(f, metric),
        )
        for f in claims
    )
    own = tuple(v for v in views if v.measure is metric.measure)
    latest: dict[str, FigureView] = {}
    for view in sorted(own, key=lambda v: (v.made.sort_key(), v.figure.dated.sort_key(), v.figure.id)):
        latest[view.figure.claimed_by] = view
    current, older = split_by_window(tuple(latest.values()), metric.window_days)
    # Each claim's place in the order a conflict lists its two claims in: sorted once, not once per pair.
    order = sorted(views, key=lambda v: (v.figure.dated.sort_key(), v.figure.claimed_by, v.figure.id))
    place = {v.figure.id: index for index, v in enumerate(order)}
    pairs = comparisons.disagreeing_pairs(claims, metric)
    return MetricGroup(
        metric.id,
        metric.label,
        metric.unit,
        metric.window_days,
        views,
        current,
        older,
        tuple(_conflict(order, place[a.id], place[b.id]) for a, b in pairs),
        metric.measure,
        own,
        _left_out(len(views) - len(own), metric.measure),
        *claims_drawn(own),
    )


def _conflict(order: list[FigureView], a: int, b: int) -> Conflict:
    first, second = order[min(a, b)], order[max(a, b)]
    return Conflict(first.figure.dated, second.figure.dated, (first, second))


def _left_out(count: int, drawn: Measure) -> str:
    """Why some claims are not drawn: they count another way than the chart's."""
    if not count:
        return ""
    if drawn is Measure.TOTAL:  # the others count one period each
        said = ngettext(
            "{count} count for one period alone is in the table only.",
            "{count} counts for one period alone are in the table only.",
            count,
        )
    else:
        said = ngettext(
            "{count} running total since a start is in the table only.",
            "{count} running totals since a start are in the table only.",
            count,
        )
    return said.format(count=number(count))


def breakdown(parts: tuple[Part, ...]) -> str:
    """The parts of a number as they were put: '1,200 civilians, about 300 soldiers; of them 40 officers'."""
    comma = sentences.comma()
    whole = comma.join(_part(p) for p in parts if not p.subset)
    within = comma.join(_part(p) for p in parts if p.subset)
    if whole and within:
        return _("{whole}; of them {within}").format(whole=whole, within=within)
    return whole or (_("of them {within}").format(within=within) if within else "")


def _part(part: Part) -> str:
    """'about 300 soldiers': a part's number as put, and the editor's label for what it counts."""
    return _("{number} {label}").format(number=qualified(part.value, part.qualifier), label=part.label)


def split_by_window(
    latest: tuple[FigureView, ...], window: int
) -> tuple[tuple[FigureView, ...], tuple[FigureView, ...]]:
    """Each claimant's latest claim, split into those made within `window` days of the newest
    made (comparable, side by side) and older ones, each list by the date it describes."""
    ordered = tuple(sorted(latest, key=lambda v: (v.figure.dated.sort_key(), v.figure.claimed_by)))
    if not ordered:
        return (), ()
    newest = max((v.made for v in ordered), key=lambda d: d.sort_key())
    current = tuple(v for v in ordered if days_apart(v.made, newest) <= window)
    kept = {id(v) for v in current}  # by identity: comparing views compares whole records, slowly
    return current, tuple(v for v in ordered if id(v) not in kept)
