"""Count a vote seat by seat and work out its outcome by the body's adoption rule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.content.models import Adoption, Membership, Vote


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    ADOPTED = "adopted"
    VETOED = "vetoed"
    FAILED = "failed"


@dataclass(frozen=True)
class Seat:
    member: str
    choice: Choice
    permanent: bool
    inferred: bool


@dataclass(frozen=True)
class Count:
    """A counted vote. `outcome` is None when unknown votes could still change it."""

    seats: tuple[Seat, ...]
    yes: int
    no: int
    abstain: int
    absent: int
    unknown: int
    vetoes: tuple[str, ...]
    outcome: Outcome | None
    rule: Adoption

    def explain(self) -> str:
        """Say why the outcome follows from the rule, in one sentence."""
        needed = self.rule.votes_needed
        tally = f"{self.yes} yes, {self.no} no, {self.abstain} abstaining"
        if self.unknown:
            tally += f", {self.unknown} unknown"
        if self.outcome is Outcome.ADOPTED:
            return f"{tally}: at least {needed} yes and no veto, so adopted"
        if self.outcome is Outcome.VETOED:
            return f"{tally}: {needed} or more yes, but a permanent member voted no, so vetoed"
        if self.outcome is Outcome.FAILED:
            return f"{tally}: fewer than {needed} yes, so not adopted"
        return f"{tally}: too many votes unknown to tell the outcome"


def choices(vote: Vote) -> dict[str, list[Choice]]:
    """Map each listed member to every choice it is listed under (more than one is an error)."""
    listed: dict[str, list[Choice]] = {}
    if vote.members is None:
        return listed
    for choice in (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT):
        for member in getattr(vote.members, choice.value):
            listed.setdefault(member, []).append(choice)
    return listed


def count(vote: Vote, membership: Membership) -> Count:
    """Count a vote seat by seat; members not listed are unknown."""
    listed = choices(vote)
    inferred = set(vote.members.inferred) if vote.members else set()
    seats = tuple(
        Seat(member, listed.get(member, [Choice.UNKNOWN])[0], member in membership.permanent,
             member in inferred)
        for member in (*membership.permanent, *membership.elected)
    )
    tally = {choice: sum(1 for seat in seats if seat.choice is choice) for choice in Choice}
    vetoes = tuple(s.member for s in seats if s.permanent and s.choice is Choice.NO)
    rule = membership.adoption
    return Count(seats, tally[Choice.YES], tally[Choice.NO], tally[Choice.ABSTAIN],
                 tally[Choice.ABSENT], tally[Choice.UNKNOWN],
                 vetoes if rule.permanent_veto else (), _outcome(seats, rule), rule)


def _outcome(seats: tuple[Seat, ...], rule: Adoption) -> Outcome | None:
    yes = sum(1 for s in seats if s.choice is Choice.YES)
    unknown = [s for s in seats if s.choice is Choice.UNKNOWN]
    veto = rule.permanent_veto and any(s.permanent and s.choice is Choice.NO for s in seats)
    could_veto = rule.permanent_veto and any(s.permanent for s in unknown)
    if yes + len(unknown) < rule.votes_needed:
        return Outcome.FAILED
    if yes >= rule.votes_needed and veto:
        return Outcome.VETOED
    if yes >= rule.votes_needed and not could_veto:
        return Outcome.ADOPTED
    return None
