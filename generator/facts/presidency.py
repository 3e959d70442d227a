"""Who presided over a body on a day, from the months recorded on the year's memberships.

A council's presidency rotates monthly; where a vote or a meeting is shown, so is who presided."""

from __future__ import annotations

from generator.content.dates import FuzzyDate
from generator.content.load import Content


def presiding(content: Content, body: str, date: FuzzyDate | None) -> str | None:
    """The member presiding over `body` on `date`, when a membership of that year records the month.

    A date known only within a span of two months has no one presiding for sure: None."""
    if date is None:
        return None
    first, last = date.earliest, date.latest
    if (first.year, first.month) != (last.year, last.month):
        return None
    for membership in content.memberships:
        if membership.body != body or membership.year != first.year:
            continue
        for held in membership.presidency:
            if (held.month.earliest.year, held.month.earliest.month) == (first.year, first.month):
                return held.member
    return None
