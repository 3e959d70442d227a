"""The bodies' business over time: adoptions, presidencies, memberships, contested seats, missions, plans, terms."""

from __future__ import annotations

import itertools
from enum import StrEnum
from typing import Annotated

from pydantic import Field, Strict, model_validator

from generator.content.dates import FuzzyDate
from generator.content.fields import (
    ProseText,
    Text,
)
from generator.content.models.base import (
    ActorRef,
    Count,
    DocumentRef,
    Fact,
    MilestoneFlag,
    MilestoneSummary,
    Model,
    OptionalSources,
    ShortName,
    Sources,
    Uncertain,
)
from generator.content.models.sets import RuleKind

COUNCIL_VOTES_NEEDED = 9  # Article 27 of the UN Charter


class Adoption(Model):
    rule: RuleKind = Field(
        RuleKind.COUNCIL,
        description="council (the default), assembly, majority or votes-needed; the guide says what each needs.",
    )
    votes_needed: Count | None = Field(
        None, description="Yes votes needed, for the council rule (default 9) and the votes-needed rule."
    )

    @model_validator(mode="after")
    def _needed(self) -> Adoption:
        if self.rule is RuleKind.VOTES_NEEDED and self.votes_needed is None:
            raise ValueError("the votes-needed rule needs `votes_needed` (the number of yes votes to adopt)")
        if self.rule in (RuleKind.ASSEMBLY, RuleKind.MAJORITY) and self.votes_needed is not None:
            raise ValueError(
                f"the {self.rule.value} rule counts a share of those present and voting: remove "
                "`votes_needed`, or use the votes-needed rule"
            )
        return self

    @property
    def needed(self) -> int:
        """Yes votes needed, for the rules that count them."""
        return self.votes_needed if self.votes_needed is not None else COUNCIL_VOTES_NEEDED


class Presidency(Model):
    """Who presided over a body in one month (a council's presidency rotates monthly)."""

    month: FuzzyDate = Field(description="The month, e.g. 2012-07.")
    member: ActorRef = Field(description="Id of the member that held the presidency that month.")
    sources: OptionalSources = ()


class Membership(Fact):
    """Who sat on a body in one year, and the body's adoption rule."""

    body: ActorRef = Field(description="Id of the body.")
    year: Annotated[int, Strict(), Field(ge=1945, le=2100)] = Field(description="The year.")
    since: FuzzyDate | None = Field(
        None,
        description="The day this membership took effect, when it changed within the year (a state admitted in "
        "July: a second membership of that year, since that day); left out, from 1 January.",
    )
    permanent: tuple[ActorRef, ...] = Field((), description="Ids of the permanent members.")
    elected: tuple[ActorRef, ...] = Field((), description="Ids of the elected members that year.")
    members: tuple[ActorRef, ...] = Field(
        (),
        description="Ids of the members (besides any permanent and elected ones); where not every seat is "
        "listed, give `seats` and list at least those named in votes.",
    )
    seats: Count | None = Field(
        None, description="How many seats the body has, when not every member is listed (e.g. 193 for an assembly)."
    )
    adoption: Adoption = Field(
        Adoption(),
        description="The adoption rule, e.g. {rule: assembly}; left out, the "
        "council rule (nine yes votes, no permanent member voting no).",
    )
    presidency: tuple[Presidency, ...] = Field(
        (), description="Who presided in the months of the year the story covers, e.g. {month: 2012-07, member: x}."
    )
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _seats(self) -> Membership:
        listed = len(self.permanent) + len(self.elected) + len(self.members)
        if self.seats is None and not listed:
            raise ValueError("list the members (permanent, elected or members), or give the number of `seats`")
        if self.seats is not None and self.seats < listed:
            raise ValueError(f"seats is {self.seats} but {listed} members are listed (fix the number of seats)")
        if "adoption" not in self.model_fields_set and not self.permanent:
            # The default is a council's rule: silently, a committee of nine would need all nine.
            raise ValueError(
                "say how this body adopts a text: `adoption: {rule: majority}` (or assembly, or votes-needed "
                "with votes_needed); the default, the council rule, is for a body with permanent members"
            )
        return self

    @property
    def listed(self) -> tuple[str, ...]:
        """Every member listed, permanent members first."""
        return (*self.permanent, *self.elected, *self.members)

    @property
    def size(self) -> int:
        """How many seats the body has."""
        return self.seats if self.seats is not None else len(self.listed)


class Credentials(StrEnum):
    """What a body decided about rival claims to one seat."""

    ACCEPTED = "accepted"  # the body seated one claimant (see `seated`)
    REJECTED = "rejected"  # no claimant was seated
    DEFERRED = "deferred"  # the decision was put off; the seat's holder stays as it was
    PENDING = "pending"  # not decided yet


class SeatLetter(Model):
    """One letter a claimant sent about the seat: its credentials, or the name of who should sit."""

    date: FuzzyDate = Field(description="Date of the letter.")
    nominee: Text | None = Field(None, description="Who the letter names to represent the claimant in the seat.")
    note: ProseText | None = Field(None, description="What else the letter says.")
    sources: OptionalSources = ()


class SeatClaim(Model):
    claimant: ActorRef = Field(description="Id of who claims the seat, e.g. a government or its rival.")
    letter: FuzzyDate | None = Field(
        None, description="Date of the claimant's letter or credentials, when it sent one (else list `letters`)."
    )
    letters: tuple[SeatLetter, ...] = Field(
        (), description="The claimant's letters over time, oldest first, each with its date and any nominee."
    )
    note: ProseText | None = Field(None, description="What the claimant says or sent.")
    sources: OptionalSources = ()

    @model_validator(mode="after")
    def _one_way(self) -> SeatClaim:
        if self.letter is not None and self.letters:
            raise ValueError("give `letter` (one date) or `letters` (several over time), not both")
        return self


class SeatDecision(Model):
    """One decision on the seat: a session may defer it, the next defer it again, a later one decide."""

    date: FuzzyDate = Field(description="When the body (or its credentials committee) decided.")
    decision: Credentials = Field(description="accepted, rejected, deferred or pending.")
    seated: ActorRef | None = Field(None, description="Id of the claimant seated, when one was accepted.")
    by: ActorRef | None = Field(None, description="Id of who decided, e.g. a credentials committee.")
    note: ProseText | None = Field(None, description="What was said or agreed.")
    sources: OptionalSources = ()

    @model_validator(mode="after")
    def _seated(self) -> SeatDecision:
        _check_seated(self.decision, self.seated)
        return self


def _check_seated(decision: Credentials | None, seated: str | None) -> None:
    """An accepted claim names who was seated; no other decision seats anyone."""
    if decision is Credentials.ACCEPTED and seated is None:
        raise ValueError("the decision is 'accepted': set `seated` to the id of one of the claimants")
    if decision is not Credentials.ACCEPTED and seated is not None:
        shown = f"the decision is '{decision.value}'" if decision is not None else "no decision is given"
        raise ValueError(f"`seated` is set but {shown} (set the decision to accepted, or remove `seated`)")


class ContestedSeat(Fact):
    """Rival claims to one state's seat in a body, and what the body decided, once or over time."""

    body: ActorRef = Field(description="Id of the body, e.g. a general assembly.")
    state: ActorRef = Field(description="Id of the state (or group or constituency) whose seat is claimed.")
    claims: tuple[SeatClaim, ...] = Field(min_length=2, description="Each claimant and its claim.")
    holder: ActorRef | None = Field(
        None, description="Id of the claimant that held the seat when the contest began, if one did."
    )
    decision: Credentials | None = Field(
        None, description="accepted, rejected, deferred or pending: for one decision (else list `decisions`)."
    )
    seated: ActorRef | None = Field(None, description="Id of the claimant seated, when one was accepted.")
    decided: FuzzyDate | None = Field(None, description="When the body (or its credentials committee) decided.")
    decided_by: ActorRef | None = Field(None, description="Id of who decided, e.g. a credentials committee.")
    decisions: tuple[SeatDecision, ...] = Field(
        (), description="Decisions over time, oldest first: deferred, deferred again, then accepted or rejected."
    )
    note: ProseText | None = Field(None, description="Anything else a reader should know.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _seated(self) -> ContestedSeat:
        claimants = [c.claimant for c in self.claims]
        # A claimant listed twice is reported at the second listing, by validate.py.
        if self.decisions and (self.decision, self.seated, self.decided, self.decided_by) != (None,) * 4:
            raise ValueError(
                "give one decision (`decision`, `seated`, `decided`, `decided_by`) or several over time "
                "(`decisions`), not both"
            )
        _check_seated(self.decision, self.seated)
        for seated in (self.seated, *(d.seated for d in self.decisions), self.holder):
            if seated is not None and seated not in claimants:
                raise ValueError(f"'{seated}' is not one of the claimants (add its claim, or fix the id)")
        for before, after in itertools.pairwise(self.decisions):
            if after.date.latest < before.date.earliest:
                raise ValueError(
                    f"decisions are out of order: {after.date.iso()} comes before {before.date.iso()} "
                    "(list them oldest first)"
                )
        return self


class Mandate(Model):
    start: FuzzyDate = Field(description="The day this mandate period took effect.")
    end: FuzzyDate = Field(
        description="The day it expired (a period of 90 days from 21 April expires on 20 July, as the Council counts)."
    )
    by: DocumentRef | None = Field(None, description="Id of the document that set it.")
    ended_by: DocumentRef | None = Field(
        None,
        description="Id of the document that ended it (on `end`), when one did rather than the period running out.",
    )
    size: Text | None = Field(None, description="Authorised size, e.g. 'up to 300 unarmed observers'.")
    description: ProseText = Field(description="What the mission was to do in this period.")

    @model_validator(mode="after")
    def _ordered(self) -> Mandate:
        if self.start.earliest > self.end.latest:
            raise ValueError(
                f"end {self.end.iso()} is before start {self.start.iso()} (check both against the "
                "sources: one of them is wrong, or they were written the wrong way round)"
            )
        return self


class Mission(Fact):
    """A mission and its mandates over time."""

    actor: ActorRef = Field(description="Id of the mission's actor record.")
    mandates: tuple[Mandate, ...] = Field(min_length=1, description="Mandate periods in order.")
    note: ProseText | None = Field(None, description="How it ended or what else to know.")
    uncertain: Uncertain = None
    sources: Sources


class Plan(Fact):
    """A peace plan or proposal with its points."""

    name: Text = Field(description="Name of the plan.")
    short_name: ShortName = None
    by: ActorRef = Field(description="Id of who put it forward.")
    date: FuzzyDate = Field(description="When it was put forward.")
    points: tuple[ProseText, ...] = Field(min_length=1, description="The points, in order.")
    note: ProseText | None = Field(None, description="What became of it.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources


class Term(Fact):
    """A term or abbreviation."""

    term: Text = Field(description="The term or abbreviation as it appears in text.")
    expansion: Text | None = Field(None, description="What an abbreviation stands for (shown as a tooltip).")
    definition: ProseText = Field(description="What it means.")
    uncertain: Uncertain = None
    sources: OptionalSources = ()
