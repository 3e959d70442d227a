"""Adoption rules: each rule kind, on tallies and on member-by-member votes, with unknown votes."""

from __future__ import annotations

import pytest

from generator.content.dates import FuzzyDate
from generator.content.models import Adoption, Membership, MemberVotes, Question, RuleKind, Tally, Vote
from generator.content.voting import Choice, Outcome, count, question_problem, rule_for

COUNCIL = Membership(
    id="c",
    body="council",
    year=2012,
    permanent=("p1", "p2", "p3"),
    elected=tuple(f"e{i}" for i in range(1, 8)),
    adoption=Adoption(votes_needed=6),
    sources=("s",),
)
ASSEMBLY = Membership(
    id="a",
    body="assembly",
    year=2012,
    seats=193,
    members=("m1", "m2", "m3"),
    adoption=Adoption(rule=RuleKind.ASSEMBLY),
    sources=("s",),
)
MAJORITY = Membership(
    id="m",
    body="league",
    year=2011,
    seats=22,
    members=("m1", "m2"),
    adoption=Adoption(rule=RuleKind.MAJORITY),
    sources=("s",),
)


def vote(tally: tuple[int, int, int] | None = None, **lists: tuple[str, ...]) -> Vote:
    return Vote(
        date=FuzzyDate.parse("2012-07-19"),
        members=MemberVotes(**lists) if lists else None,
        tally=Tally(yes=tally[0], no=tally[1], abstain=tally[2]) if tally else None,
    )


def test_adopted_with_enough_yes_and_no_veto() -> None:
    result = count(vote(yes=("p1", "p2", "p3", "e1", "e2", "e3")), COUNCIL)
    assert result.outcome is Outcome.ADOPTED
    assert (result.yes, result.unknown) == (6, 4)


def test_permanent_no_is_a_veto() -> None:
    result = count(vote(yes=("p1", "e1", "e2", "e3", "e4", "e5", "e6"), no=("p2", "p3"), abstain=("e7",)), COUNCIL)
    assert result.outcome is Outcome.VETOED
    assert result.vetoes == ("p2", "p3")
    assert [s.choice for s in result.seats][:3] == [Choice.YES, Choice.NO, Choice.NO]


def test_too_few_yes_fails_even_with_a_permanent_no() -> None:
    result = count(vote(yes=("e1", "e2"), no=("p1",), abstain=("p2", "p3", "e3", "e4", "e5", "e6", "e7")), COUNCIL)
    assert result.outcome is Outcome.FAILED


def test_unknown_votes_leave_the_outcome_open() -> None:
    assert count(vote(yes=("e1", "e2", "e3", "e4", "e5", "e6")), COUNCIL).outcome is None


def test_a_procedural_question_has_no_veto() -> None:
    lists = {"yes": ("e1", "e2", "e3", "e4", "e5", "e6"), "no": ("p1", "p2", "p3")}
    assert count(vote(**lists), COUNCIL).outcome is Outcome.VETOED
    result = count(vote(**lists), COUNCIL, Question.PROCEDURAL)
    assert result.outcome is Outcome.ADOPTED
    assert result.vetoes == ()
    assert result.rule.explain() == "at least 6 yes votes (no veto applies on a procedural question)"


def test_votes_needed_rule_has_no_veto() -> None:
    town = COUNCIL.model_copy(update={"adoption": Adoption(rule=RuleKind.VOTES_NEEDED, votes_needed=6)})
    result = count(vote(yes=("e1", "e2", "e3", "e4", "e5", "e6"), no=("p1", "p2", "p3")), town)
    assert result.outcome is Outcome.ADOPTED
    assert result.vetoes == ()


def test_council_tally_without_names_cannot_rule_out_a_veto() -> None:
    """11-2-2 by tally alone: a permanent member may have cast one of the two no votes."""
    assert count(vote((11, 2, 2)), COUNCIL).outcome is None
    assert count(vote((11, 0, 4)), COUNCIL).outcome is Outcome.ADOPTED
    assert count(vote((4, 0, 11)), COUNCIL).outcome is Outcome.FAILED
    # Naming the two no votes as elected members' settles it.
    assert count(vote((11, 2, 2), no=("e6", "e7")), COUNCIL).outcome is Outcome.ADOPTED
    assert count(vote((11, 2, 2), no=("p1", "e7")), COUNCIL).outcome is Outcome.VETOED


@pytest.mark.parametrize(
    ("tally", "outcome", "explained"),
    [
        (
            (137, 12, 17),
            Outcome.ADOPTED,
            "137 yes of 149 present and voting, with 17 abstaining; a majority (75) needed, so adopted",
        ),
        (
            (12, 12, 100),
            Outcome.FAILED,
            "12 yes of 24 present and voting, with 100 abstaining; a majority (13) needed, so not adopted",
        ),
        (
            (1, 0, 150),
            Outcome.ADOPTED,
            "1 yes of 1 present and voting, with 150 abstaining; a majority (1) needed, so adopted",
        ),
    ],
)
def test_assembly_majority_of_present_and_voting(tally: tuple[int, int, int], outcome: Outcome, explained: str) -> None:
    result = count(vote(tally), ASSEMBLY)
    assert result.outcome is outcome
    assert result.explain() == explained


def test_assembly_important_question_needs_two_thirds() -> None:
    assert count(vote((100, 50, 40)), ASSEMBLY, Question.IMPORTANT).outcome is Outcome.ADOPTED  # exactly 2/3
    assert count(vote((99, 50, 40)), ASSEMBLY, Question.IMPORTANT).outcome is Outcome.FAILED
    assert count(vote((99, 50, 40)), ASSEMBLY).outcome is Outcome.ADOPTED
    assert rule_for(ASSEMBLY.adoption, Question.IMPORTANT).explain() == (
        "two-thirds of the members present and voting on an important question (abstentions do not count)"
    )


def test_majority_with_named_votes_is_counted_from_the_tally() -> None:
    result = count(vote((18, 3, 1), no=("m1",), abstain=("m2",)), MAJORITY)
    assert (result.yes, result.no, result.abstain, result.unknown) == (18, 3, 1, 0)
    assert result.outcome is Outcome.ADOPTED
    assert not result.complete
    assert [(s.member, s.choice) for s in result.seats] == [("m1", Choice.NO), ("m2", Choice.ABSTAIN)]


def test_majority_from_named_votes_alone_waits_for_the_unknown_seats() -> None:
    small = MAJORITY.model_copy(update={"seats": 5, "members": ("m1", "m2", "m3", "m4", "m5")})
    assert count(vote(yes=("m1", "m2"), no=("m3",)), small).outcome is None  # 2 unknown could tie it
    assert count(vote(yes=("m1", "m2", "m3")), small).outcome is Outcome.ADOPTED  # 3 > 2 whatever the rest do
    assert count(vote(no=("m1", "m2", "m3")), small).outcome is Outcome.FAILED


def test_a_question_only_fits_the_rule_that_treats_it_apart() -> None:
    assert question_problem(COUNCIL.adoption, Question.PROCEDURAL) is None
    assert question_problem(ASSEMBLY.adoption, Question.IMPORTANT) is None
    assert question_problem(MAJORITY.adoption, Question.IMPORTANT) == (
        "question is 'important' but the body's rule is 'majority', which treats no question apart "
        "(important questions belong to the assembly rule; remove `question` or fix the membership's rule)"
    )
    # The council's rule treats a question apart, only not this one.
    assert question_problem(COUNCIL.adoption, Question.IMPORTANT) == (
        "question is 'important' but the body's rule is 'council', which treats only procedural questions apart "
        "(important questions belong to the assembly rule; remove `question` or fix the membership's rule)"
    )
    assert question_problem(ASSEMBLY.adoption, Question.PROCEDURAL) == (
        "question is 'procedural' but the body's rule is 'assembly', which treats only important questions apart "
        "(procedural questions belong to the council rule; remove `question` or fix the membership's rule)"
    )


@pytest.mark.parametrize("kind", list(RuleKind))
def test_every_rule_explains_itself(kind: RuleKind) -> None:
    adoption = Adoption(rule=kind, votes_needed=5 if kind in (RuleKind.COUNCIL, RuleKind.VOTES_NEEDED) else None)
    for question in (None, *Question):
        for text in (rule_for(adoption, question).explain(), rule_for(adoption, question).needs()):
            assert text and text[0].islower() and not text.endswith(".")
