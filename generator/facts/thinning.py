"""Which marks a chart draws when it has more than a reader can tell apart.

A chart of every claim or every defection grows with the story: at 5,000 actors a metric's
chart drew 1,250 claims twice (360 kB), a smudge no reader can read. Past a limit a chart
draws a sample chosen by one stated rule, the same on every page and export: the marks it
must never drop (the first and the latest, a metric's highest and lowest, a ladder's
records), then the others evenly spaced in date order. The tables and the pages by date
keep every entry; the chart's caption and text alternative say what it left out.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from generator.content.i18n import _
from generator.content.models import Figure
from generator.content.phrasing import number

T = TypeVar("T")

# Marks a figures chart draws at most: at 360 px a phone shows about one mark per six pixels,
# and the first story's busiest metric (15 claims) stays whole.
FIGURE_MARKS = 60
# Marks the defections chart draws at most, before its records (which are few: one per grade
# reached on a ladder) are added back.
DEFECTION_MARKS = 100


def thin(items: Sequence[T], limit: int, kept: Callable[[T], bool]) -> tuple[T, ...]:
    """The items (in date order) a chart draws: all of them up to `limit`; past it the first, the
    latest and those `kept` says must stay, then the others evenly spaced, `limit` in all (or
    more, when more must stay)."""
    if len(items) <= limit:
        return tuple(items)
    must = {0, len(items) - 1} | {i for i, item in enumerate(items) if kept(item)}
    rest = [i for i in range(len(items)) if i not in must]
    room = max(limit - len(must), 0)
    # Evenly spaced over the whole series in date order, so that the sample keeps its shape: the
    # j-th of them at the first entry free to take from j/(room+1) of the way along, leaving
    # enough entries after it for those still to take.
    chosen: list[int] = []
    at = 0
    for j in range(1, room + 1):
        target = j * (len(items) - 1) / (room + 1)
        at = min(max(at, bisect.bisect_left(rest, target)), len(rest) - (room - len(chosen)))
        chosen.append(rest[at])
        at += 1
    return tuple(items[i] for i in sorted(must | set(chosen)))


class Claimed(Protocol):
    """A claim as a chart takes it: anything holding its figure."""

    @property
    def figure(self) -> Figure: ...


C = TypeVar("C", bound=Claimed)


def _numbers(figure: Figure) -> list[int]:
    return [n for n in (figure.value, figure.low, figure.best, figure.high) if n is not None]


def claims_drawn(claims: tuple[C, ...]) -> tuple[tuple[C, ...], str]:
    """The claims (by date) a metric's chart draws, and the sentence saying how they were chosen
    when it does not draw them all."""
    if len(claims) <= FIGURE_MARKS:
        return claims, ""
    highest = max(range(len(claims)), key=lambda i: max(_numbers(claims[i].figure), default=0))
    lowest = min(range(len(claims)), key=lambda i: min(_numbers(claims[i].figure), default=0))
    extremes = {id(claims[highest]), id(claims[lowest])}
    drawn = thin(claims, FIGURE_MARKS, lambda claim: id(claim) in extremes)
    rule = _(
        "The chart draws {drawn} of the {total} claims: the first, the latest, the highest and the lowest, "
        "and the others evenly spaced by date."
    ).format(drawn=number(len(drawn)), total=number(len(claims)))
    return drawn, rule
