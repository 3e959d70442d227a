"""When two claims of a number can be compared, and when they truly disagree.

Two claims are compared only when they count the same thing the same way: one metric, one
measure (a running total, or a count for one period; two period counts only for the same
period), by different claimants, within the metric's window of days of each other. Each
pair is judged on its own: claims 10 days apart under a 7-day window are never compared,
even through a third claim between them. A pair disagrees only when the ranges their
qualifiers give cannot both be true: "more than 10,000" and "more than 9,000" agree.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.models import Figure, Measure, Metric, Qualifier

# How far "about" may stray from its number either way, and "almost" below it: a twentieth.
# "About 1,000" then allows 950 to 1,050; "about 410,000" does not reach 380,000, so it
# still disagrees with a range that tops out there, as a reader would say it does.
APPROXIMATE = 20  # the margin is the number divided by this, rounded up
UNBOUNDED = math.inf


@dataclass(frozen=True)
class Interval:
    """The numbers a claim allows, both ends included; `high` may be unbounded."""

    low: int
    high: int | float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def _around(value: int, qualifier: Qualifier) -> Interval:
    """The numbers one qualified value allows: 'more than 100' is 101 and up."""
    margin = -(-value // APPROXIMATE)
    match qualifier:
        case Qualifier.EXACTLY:
            return Interval(value, value)
        case Qualifier.MORE_THAN:
            return Interval(value + 1, UNBOUNDED)
        case Qualifier.AT_LEAST:
            return Interval(value, UNBOUNDED)
        case Qualifier.FEWER_THAN:
            return Interval(0, max(value - 1, 0))
        case Qualifier.UP_TO:
            return Interval(0, value)
        case Qualifier.ALMOST | Qualifier.NEARLY:
            return Interval(max(value - margin, 0), max(value - 1, 0))
        case Qualifier.ABOUT:
            return Interval(max(value - margin, 0), value + margin)
    raise AssertionError(qualifier)  # pragma: no cover - the match is exhaustive


def interval(figure: Figure) -> Interval:
    """The numbers a figure allows: its value as qualified, or from its low to its high estimate.

    A low estimate alone leaves the top open, and a high one alone the bottom; the qualifier
    applies to both ends ("about 300-380" allows a little below 300 and above 380).
    """
    if figure.value is not None:
        return _around(figure.value, figure.qualifier)
    low = figure.low if figure.low is not None else figure.best
    high = figure.high if figure.high is not None else figure.best
    bottom = _around(low, figure.qualifier).low if low is not None else 0
    top = _around(high, figure.qualifier).high if high is not None else UNBOUNDED
    return Interval(bottom, top)


def measure_of(figure: Figure, metric: Metric) -> Measure:
    """What a figure counts: its own measure, else its metric's."""
    return figure.measure or metric.measure


def days_apart(a: FuzzyDate, b: FuzzyDate) -> int:
    """Days between two dates: 0 when the days they can mean overlap."""
    return max(0, (b.earliest - a.latest).days, (a.earliest - b.latest).days)


def claim_made(figure: Figure, published: Mapping[str, FuzzyDate | None]) -> FuzzyDate:
    """When a claim was made: its `reported` date, else the first of its sources to be published,
    else the date it describes. A count of November published on 2 January was made on 2 January."""
    if figure.reported is not None:
        return figure.reported
    dates = [d for d in (published.get(s) for s in figure.sources) if d is not None]
    return min(dates, key=lambda d: d.sort_key()) if dates else figure.dated


def comparable(a: Figure, b: Figure, metric: Metric) -> bool:
    """Whether two claims count the same thing the same way, so that a difference means something:
    one metric and measure, different claimants, and (for period counts) the same period."""
    if a.metric != b.metric or a.claimed_by == b.claimed_by:
        return False
    measure = measure_of(a, metric)
    if measure is not measure_of(b, metric):
        return False
    return measure is Measure.TOTAL or same_days(a.dated, b.dated)


def same_days(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Whether two dates mean the same days, however they are worded."""
    return (a.earliest, a.latest) == (b.earliest, b.latest)


def disagree(a: Figure, b: Figure) -> bool:
    """Whether two claims cannot both be true: the ranges their qualifiers give do not overlap."""
    return not interval(a).overlaps(interval(b))


def disagreeing_pairs(figures: tuple[Figure, ...], metric: Metric) -> tuple[tuple[Figure, Figure], ...]:
    """Every pair of comparable claims within the metric's window that disagree, each pair once.

    Claims are sorted by their earliest day, so the claims within the window after each one are
    found by bisection: b follows a within the window when b's earliest day is at most
    `window` days after a's latest.
    """
    ordered = sorted(figures, key=lambda f: (f.dated.earliest, f.dated.latest, f.claimed_by, f.id))
    starts = [f.dated.earliest for f in ordered]
    ranges = [interval(f) for f in ordered]  # once each: a claim meets every other in its window
    found = []
    for index, first in enumerate(ordered):
        end = bisect.bisect_right(starts, first.dated.latest + dt.timedelta(days=metric.window_days))
        for later in range(index + 1, end):
            second = ordered[later]
            if comparable(first, second, metric) and not ranges[index].overlaps(ranges[later]):
                found.append((first, second))
    return tuple(found)
