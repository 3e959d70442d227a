from __future__ import annotations

from generator.content.dates import FuzzyDate
from generator.content.models import Adoption, Membership, MemberVotes, Vote
from generator.content.voting import Choice, Outcome, count

COUNCIL = Membership(id="c", body="council", year=2012, permanent=("p1", "p2", "p3"),
                     elected=tuple(f"e{i}" for i in range(1, 8)), adoption=Adoption(votes_needed=6),
                     sources=("s",))


def vote(**lists: tuple[str, ...]) -> Vote:
    return Vote(date=FuzzyDate.parse("2012-07-19"), members=MemberVotes(**lists))


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


def test_without_veto_rule_a_permanent_no_is_just_a_no() -> None:
    council = COUNCIL.model_copy(update={"adoption": Adoption(votes_needed=6, permanent_veto=False)})
    result = count(vote(yes=("e1", "e2", "e3", "e4", "e5", "e6"), no=("p1", "p2", "p3")), council)
    assert result.outcome is Outcome.ADOPTED
    assert result.vetoes == ()
