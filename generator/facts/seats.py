"""A contested seat over time: its decisions in order, and who held the seat on any day.

A seat is written with one decision (`decision`, `seated`, `decided`) or with several
(`decisions`); both read here as one list of steps. Who holds the seat follows from them: the
holder when the contest began, then whoever an accepted claim seated; a rejected claim leaves the
seat empty; a deferral or a pending decision leaves it as it was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _
from generator.content.models import ContestedSeat, Credentials
from generator.facts import sentences
from generator.facts.sentences import Phrase, fill


@dataclass(frozen=True)
class Step:
    """One decision on the seat, and who held the seat after it."""

    date: FuzzyDate | None
    decision: Credentials
    seated: str | None
    by: str | None
    holder: str | None  # who held the seat once this decision was taken (None: no one)
    note: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def phrase(self) -> Phrase:
        """'Decision: deferred, by the committee, 14 March 2019.'"""
        return sentences.seat_decision(self.decision, self.seated, self.by, self.date)


def steps(seat: ContestedSeat) -> tuple[Step, ...]:
    """The seat's decisions, oldest first, each with the holder it left in the seat."""
    if seat.decision is not None:
        holder = _after(seat.decision, seat.seated, seat.holder)
        return (Step(seat.decided, seat.decision, seat.seated, seat.decided_by, holder),)
    holder, found = seat.holder, []
    for d in seat.decisions:
        holder = _after(d.decision, d.seated, holder)
        found.append(Step(d.date, d.decision, d.seated, d.by, holder, d.note, d.sources))
    return tuple(found)


def _after(decision: Credentials, seated: str | None, holder: str | None) -> str | None:
    if decision is Credentials.ACCEPTED:
        return seated
    if decision is Credentials.REJECTED:
        return None
    return holder  # deferred or pending: the seat stays as it was


def held_on(seat: ContestedSeat, day: dt.date) -> str | None:
    """Who held the seat on `day`: the holder left by the last decision surely taken by then."""
    holder = seat.holder
    for step in steps(seat):
        if step.date is not None and step.date.latest <= day:
            holder = step.holder
    return holder


def latest(seat: ContestedSeat) -> Credentials:
    """Where the seat's case stands after its last decision (pending before any)."""
    found = steps(seat)
    return found[-1].decision if found else Credentials.PENDING


def holding(seat: ContestedSeat) -> Phrase:
    """'Holds the seat: X.' after every decision listed; empty when no one is known to have held it."""
    found = steps(seat)
    holder = found[-1].holder if found else seat.holder
    if holder is not None:
        return fill(_("Holds the seat: {member}."), member=sentences.link(holder))
    if seat.holder is not None or any(s.decision is Credentials.ACCEPTED for s in found):
        return (sentences.words(_("No claimant holds the seat.")),)
    return ()


def held_by(seat: ContestedSeat) -> Phrase:
    """' (held by X)' after the decisions listed, ' (no claimant seated)' once one was turned out."""
    found = steps(seat)
    holder = found[-1].holder if found else seat.holder
    if holder is not None:
        return fill(_(" (held by {member})"), member=sentences.link(holder))
    return (sentences.words(_(" (no claimant seated)")),) if holding(seat) else ()
