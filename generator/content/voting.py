"""Adoption rules and vote counts: what each rule needs, and a vote's outcome by its body's rule.

The rules are a closed set (models.RuleKind), declared per body and year in a membership.
Two count yes votes against a fixed number (the council rule, with its permanent members'
veto, and votes-needed); two count a share of the members present and voting, where
abstentions do not count (majority, and the assembly rule: a majority, or two-thirds on an
important question). A vote is counted from its tally when it has one (the members' votes
are then the ones the sources name), else seat by seat, with seats not named unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from generator.content.i18n import _, ngettext
from generator.content.models import Adoption, Membership, Question, RuleKind, Vote
from generator.content.phrasing import number


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


# The question each rule kind treats apart, and what the guide and messages call it.
SPECIAL_QUESTION = {RuleKind.COUNCIL: Question.PROCEDURAL, RuleKind.ASSEMBLY: Question.IMPORTANT}
MAJORITY, TWO_THIRDS = Fraction(1, 2), Fraction(2, 3)


@dataclass(frozen=True)
class Rule:
    """The rule one vote is counted by: the body's rule kind, applied to the question asked."""

    kind: RuleKind
    question: Question | None
    needed: int  # yes votes needed, for the rules that count them

    @property
    def veto(self) -> bool:
        """Whether a permanent member's no blocks adoption."""
        return self.kind is RuleKind.COUNCIL and self.question is not Question.PROCEDURAL

    @property
    def share(self) -> Fraction | None:
        """The share of those present and voting needed, for the rules that count one."""
        if self.kind is RuleKind.ASSEMBLY and self.question is Question.IMPORTANT:
            return TWO_THIRDS
        return MAJORITY if self.kind in (RuleKind.ASSEMBLY, RuleKind.MAJORITY) else None

    def threshold(self, present: int) -> int:
        """Yes votes needed: a fixed number, or the least share of `present` that meets the rule."""
        share = self.share
        if share is None:
            return self.needed
        if share == MAJORITY:
            return present // 2 + 1  # more than half
        return -(-present * share.numerator // share.denominator)  # at least two-thirds, rounded up

    def needs(self) -> str:
        """What the rule needs, in words: 'at least 9 yes votes and no permanent member voting no'."""
        needed, count = self.needed, number(self.needed)
        if self.kind is RuleKind.COUNCIL and self.veto:
            said = ngettext(
                "at least {count} yes vote and no permanent member voting no",
                "at least {count} yes votes and no permanent member voting no",
                needed,
            )
            return said.format(count=count)
        if self.kind is RuleKind.COUNCIL:
            said = ngettext(
                "at least {count} yes vote (no veto applies)", "at least {count} yes votes (no veto applies)", needed
            )
            return said.format(count=count)
        if self.kind is RuleKind.VOTES_NEEDED:
            return ngettext("at least {count} yes vote", "at least {count} yes votes", needed).format(count=count)
        if self.share == TWO_THIRDS:
            return _("two-thirds of the members present and voting (abstentions do not count)")
        return _("a majority of the members present and voting (abstentions do not count)")

    def explain(self) -> str:
        """What the rule needs for this question: needs(), saying when the question is one treated apart."""
        if self.question is Question.PROCEDURAL:
            said = ngettext(
                "at least {count} yes vote (no veto applies on a procedural question)",
                "at least {count} yes votes (no veto applies on a procedural question)",
                self.needed,
            )
            return said.format(count=number(self.needed))
        if self.question is Question.IMPORTANT:
            return _("two-thirds of the members present and voting on an important question (abstentions do not count)")
        return self.needs()


def rule_for(adoption: Adoption, question: Question | None = None) -> Rule:
    """The rule a body's adoption applies to a question (a question the kind does not treat apart is ordinary)."""
    special = SPECIAL_QUESTION.get(adoption.rule)
    return Rule(adoption.rule, question if question is special else None, adoption.needed)


def question_problem(adoption: Adoption, question: Question | None) -> str | None:
    """Say why a document's question does not fit its body's rule, if it does not."""
    if question is None or SPECIAL_QUESTION.get(adoption.rule) is question:
        return None
    fits = [kind.value for kind, special in SPECIAL_QUESTION.items() if special is question]
    special = SPECIAL_QUESTION.get(adoption.rule)
    treats = f"treats only {special.value} questions apart" if special else "treats no question apart"
    return (
        f"question is '{question.value}' but the body's rule is '{adoption.rule.value}', which {treats} "
        f"({question.value} questions belong to the {' or '.join(fits)} rule; "
        "remove `question` or fix the membership's rule)"
    )


@dataclass(frozen=True)
class Seat:
    member: str
    choice: Choice
    permanent: bool
    inferred: bool


@dataclass(frozen=True)
class Count:
    """A counted vote. `outcome` is None when votes not known could still change it."""

    seats: tuple[Seat, ...]  # every listed member with its vote (unknown when not named)
    complete: bool  # the listed seats are every seat of the body
    from_tally: bool  # the numbers come from a tally; the seats then show the votes sources name
    yes: int
    no: int
    abstain: int
    absent: int
    unknown: int
    vetoes: tuple[str, ...]
    outcome: Outcome | None
    rule: Rule

    @property
    def present(self) -> int:
        """Members present and voting: those who voted yes or no."""
        return self.yes + self.no

    def explain(self) -> str:
        """Say why the outcome follows from the rule, in one clause (the caller ends the sentence)."""
        if self.rule.share is not None:
            return self._explain_share()
        yes, no, abstain, unknown = (number(n) for n in (self.yes, self.no, self.abstain, self.unknown))
        if self.unknown:
            said = _("{yes} yes, {no} no, {abstain} abstaining, {unknown} unknown: {reason}")
        else:
            said = _("{yes} yes, {no} no, {abstain} abstaining: {reason}")
        return said.format(yes=yes, no=no, abstain=abstain, unknown=unknown, reason=self.reason())

    def reason(self) -> str:
        """Why the outcome follows from the rule, without the tally: for a page that states it once already."""
        if self.rule.share is not None:
            return self._reason_share()
        return self._reason_needed().format(needed=number(self.rule.needed))

    def _reason_needed(self) -> str:
        """Why, for the rules that need a number of yes votes (a language's words follow that number)."""
        n = self.rule.needed
        if self.outcome is Outcome.ADOPTED and self.rule.veto:
            return ngettext(
                "at least {needed} yes and no veto, so adopted", "at least {needed} yes and no veto, so adopted", n
            )
        if self.outcome is Outcome.ADOPTED:
            return ngettext("at least {needed} yes, so adopted", "at least {needed} yes, so adopted", n)
        if self.outcome is Outcome.VETOED:
            return ngettext(
                "{needed} or more yes, but a permanent member voted no, so vetoed",
                "{needed} or more yes, but a permanent member voted no, so vetoed",
                n,
            )
        if self.outcome is Outcome.FAILED:
            return ngettext("fewer than {needed} yes, so not adopted", "fewer than {needed} yes, so not adopted", n)
        if self.yes >= n:
            return ngettext(
                "{needed} or more yes, but the sources do not say whether a permanent member "
                "voted no, so the outcome is open",
                "{needed} or more yes, but the sources do not say whether a permanent member "
                "voted no, so the outcome is open",
                n,
            )
        return _("too many votes unknown to tell the outcome")

    def _reason_share(self) -> str:
        two_thirds = self.rule.share == TWO_THIRDS
        if self.outcome is None:
            if two_thirds:
                return _(
                    "two-thirds of those present and voting needed, and too many votes are unknown to tell the outcome"
                )
            return _(
                "a majority of those present and voting needed, and too many votes are unknown to tell the outcome"
            )
        present, threshold = number(self.present), number(self.rule.threshold(self.present))
        adopted = self.outcome is Outcome.ADOPTED
        said = {
            (True, True): _("two-thirds of the {present} present and voting ({threshold}) needed, so adopted"),
            (True, False): _("two-thirds of the {present} present and voting ({threshold}) needed, so not adopted"),
            (False, True): _("a majority of the {present} present and voting ({threshold}) needed, so adopted"),
            (False, False): _("a majority of the {present} present and voting ({threshold}) needed, so not adopted"),
        }[(two_thirds, adopted)]
        return said.format(present=present, threshold=threshold)

    def _explain_share(self) -> str:
        head = _("{yes} yes of {present} present and voting").format(yes=number(self.yes), present=number(self.present))
        if self.abstain:
            head = _("{head}, with {count} abstaining").format(head=head, count=number(self.abstain))
        if self.unknown:
            said = ngettext("{head}; {count} vote unknown", "{head}; {count} votes unknown", self.unknown)
            head = said.format(head=head, count=number(self.unknown))
        two_thirds = self.rule.share == TWO_THIRDS
        if self.outcome is None:
            if two_thirds:
                said = _("{head}; two-thirds needed, and too many votes are unknown to tell the outcome")
            else:
                said = _("{head}; a majority needed, and too many votes are unknown to tell the outcome")
            return said.format(head=head)
        threshold = number(self.rule.threshold(self.present))
        said = {
            (True, True): _("{head}; two-thirds ({threshold}) needed, so adopted"),
            (True, False): _("{head}; two-thirds ({threshold}) needed, so not adopted"),
            (False, True): _("{head}; a majority ({threshold}) needed, so adopted"),
            (False, False): _("{head}; a majority ({threshold}) needed, so not adopted"),
        }[(two_thirds, self.outcome is Outcome.ADOPTED)]
        return said.format(head=head, threshold=threshold)


def choices(vote: Vote) -> dict[str, list[Choice]]:
    """Map each listed member to every choice it is listed under (more than one is an error)."""
    listed: dict[str, list[Choice]] = {}
    if vote.members is None:
        return listed
    for choice in (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT):
        for member in getattr(vote.members, choice.value):
            listed.setdefault(member, []).append(choice)
    return listed


def count(vote: Vote, membership: Membership, question: Question | None = None) -> Count:
    """Count a vote by the membership's rule: from the tally if there is one, else seat by seat."""
    listed = choices(vote)
    inferred = set(vote.members.inferred) if vote.members else set()
    permanent = set(membership.permanent)
    seats = tuple(
        Seat(member, listed.get(member, [Choice.UNKNOWN])[0], member in permanent, member in inferred)
        for member in membership.listed
    )
    named = {choice: sum(1 for seat in seats if seat.choice is choice) for choice in Choice}
    rule = rule_for(membership.adoption, question)
    vetoes = tuple(s.member for s in seats if s.permanent and s.choice is Choice.NO) if rule.veto else ()
    if vote.tally is not None:
        yes, no, abstain, unknown = vote.tally.yes, vote.tally.no, vote.tally.abstain, 0
        unnamed_no = no - named[Choice.NO]  # no votes the sources do not attribute
    else:
        yes, no, abstain = named[Choice.YES], named[Choice.NO], named[Choice.ABSTAIN]
        unknown = named[Choice.UNKNOWN] + membership.size - len(seats)
        unnamed_no = unknown
    silent_permanent = any(s.permanent and s.choice is Choice.UNKNOWN for s in seats)
    could_veto = bool(vetoes) or (rule.veto and unnamed_no > 0 and silent_permanent)
    outcome = _outcome(rule, yes, no, unknown, bool(vetoes), could_veto)
    return Count(
        seats,
        membership.size == len(seats),
        vote.tally is not None,
        yes,
        no,
        abstain,
        named[Choice.ABSENT],
        unknown,
        vetoes,
        outcome,
        rule,
    )


def _outcome(rule: Rule, yes: int, no: int, unknown: int, veto: bool, could_veto: bool) -> Outcome | None:
    """The outcome whatever the unknown votes were, or None if they could change it."""
    if rule.share is not None:
        # The unknown votes could all be no (the worst case for adoption) or all be yes (the best).
        if yes >= rule.threshold(yes + no + unknown):
            return Outcome.ADOPTED
        if yes + unknown < rule.threshold(yes + unknown + no):
            return Outcome.FAILED
        return None
    if yes + unknown < rule.needed:
        return Outcome.FAILED
    if yes >= rule.needed and veto:
        return Outcome.VETOED
    if yes >= rule.needed and not could_veto:
        return Outcome.ADOPTED
    return None
