"""No derived fact contradicts the content: rules checked on every story, and facts written from each story's content.

The invariants run on both fixture stories and on the first story (wherever it lives, or
skipped saying why). The named facts below come from reading each story's YAML, not from
its pages: a vote's numbers and the body's rule, a defection's dates, a claim's date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, TESTS, first_story

from generator.content.dates import FuzzyDate
from generator.content.load import Content
from generator.content.models import DefectionKind, DocumentStatus
from generator.content.voting import Outcome, count
from generator.facts.comparisons import days_apart, interval
from generator.facts.derive import Facts, Standing, derive, side_at
from generator.facts.views import votes_page
from generator.pipeline import load_checked

STORIES: dict[str, Callable[[], Path]] = {
    "coup-story": lambda: ENGINE_STORY,
    "harbour-story": lambda: TESTS / "fixtures" / "harbour-story",
    "first-story": first_story,
}


@pytest.fixture(params=sorted(STORIES), scope="module")
def story(request: pytest.FixtureRequest) -> tuple[Content, Facts]:
    content = load_checked(STORIES[request.param]())
    return content, derive(content)


def day(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


# --- invariants, on every story ---------------------------------------------------------------


def test_no_vote_outcome_contradicts_its_status(story: tuple[Content, Facts]) -> None:
    content, facts = story
    outcomes = {o.value for o in Outcome}
    for document in content.documents:
        view = facts.votes[document.id]
        if document.vote is None:
            assert view.count is None
            continue
        assert view.count is not None, f"{document.id}: a vote with no membership to count it by"
        if view.count.outcome is not None and document.status.value in outcomes:
            assert view.count.outcome.value == document.status.value, document.id


def test_tallies_are_what_the_content_says(story: tuple[Content, Facts]) -> None:
    content, facts = story
    for document in content.documents:
        tally, counted = (document.vote.tally if document.vote else None), facts.votes[document.id].count
        if tally is not None and counted is not None:
            assert (counted.yes, counted.no, counted.abstain) == (tally.yes, tally.no, tally.abstain)


def test_each_defection_is_counted_once_in_the_month_it_had_surely_happened(story: tuple[Content, Facts]) -> None:
    content, facts = story
    months = {m.iso: m for m in facts.defection_months}
    expected: Counter[str] = Counter()
    for d in content.defections:
        expected[f"{d.date.latest.year:04d}-{d.date.latest.month:02d}"] += d.people
    for iso, people in expected.items():
        assert months[iso].number == people, iso
    assert sum(m.number for m in facts.defection_months) == sum(d.people for d in content.defections)


def test_everything_is_in_date_order_by_the_latest_day(story: tuple[Content, Facts]) -> None:
    _, facts = story
    for rows in ([e.date for e in facts.timeline], [r.defection.date for r in facts.defections]):
        latest = [d.latest for d in rows]
        assert latest == sorted(latest)


def test_sides_over_time_end_with_the_side_now(story: tuple[Content, Facts]) -> None:
    content, facts = story
    far = day("2999")
    now = {a.id: side.id for side, actors in facts.sides for a in actors}
    for actor in content.actors:
        assert side_at(actor, far) == actor.side == now[actor.id]
        for earlier in actor.earlier_sides:
            before = FuzzyDate.parse((earlier.until.latest - dt.timedelta(days=1)).isoformat())
            assert side_at(actor, before) == earlier.side, actor.id


def test_a_record_outranks_every_certainly_earlier_defection(story: tuple[Content, Facts]) -> None:
    _, facts = story
    for row in facts.defections:
        for rank in row.ranks:
            earlier = [
                r.level
                for other in facts.defections
                for r in other.ranks
                if r.track.id == rank.track.id and other.defection.date.latest < row.defection.date.earliest
            ]
            if rank.standing is Standing.RECORD:
                assert all(level < rank.level for level in earlier), row.defection.id


def test_sources_differ_only_within_a_window_and_between_claimants(story: tuple[Content, Facts]) -> None:
    _, facts = story
    for group in facts.metrics:
        for conflict in group.conflicts:
            a, b = conflict.claims
            assert a.figure.claimed_by != b.figure.claimed_by and a.measure is b.measure
            assert days_apart(a.figure.dated, b.figure.dated) <= group.window_days
            assert not interval(a.figure).overlaps(interval(b.figure))
        shown = group.latest_by_claimant + group.older_by_claimant
        newest = max(v.made.latest for v in shown)
        for view in group.latest_by_claimant:
            assert days_apart(view.made, FuzzyDate.parse(newest.isoformat())) <= group.window_days
        for view in group.older_by_claimant:
            assert days_apart(view.made, FuzzyDate.parse(newest.isoformat())) > group.window_days
        # Each claimant's latest claim made, in the metric's own measure.
        own = [v for v in group.claims if v.measure is group.measure]
        for view in shown:
            mine = [v.made.sort_key() for v in own if v.figure.claimed_by == view.figure.claimed_by]
            assert view.made.sort_key() == max(mine)
        assert {v.figure.claimed_by for v in shown} == {v.figure.claimed_by for v in own}


# --- the coup story, from its YAML ------------------------------------------------------------


@pytest.fixture(scope="module")
def coup() -> tuple[Content, Facts]:
    content = load_checked(ENGINE_STORY)
    return content, derive(content)


def test_coup_votes_follow_each_bodys_rule(coup: tuple[Content, Facts]) -> None:
    _, facts = coup
    votes = facts.votes
    draft = votes["council-draft-2023-03"].count  # 13-1-1, Borea (permanent) voting no
    assert draft and draft.outcome is Outcome.VETOED and draft.vetoes == ("borea",)
    briefing = votes["council-briefing-vote-2023-03"].count  # 9 yes, two permanent no: procedural
    assert briefing and briefing.outcome is Outcome.ADOPTED and briefing.vetoes == ()
    aid = votes["council-aid-resolution-2023-05"].count  # 15-0-0, by tally alone
    assert aid and aid.outcome is Outcome.ADOPTED and aid.from_tally
    condemn = votes["assembly-resolution-2023-03"].count  # 119-1-36: 119 > 60
    assert condemn and condemn.outcome is Outcome.ADOPTED and condemn.rule.threshold(120) == 61
    suspend = votes["assembly-suspension-2023-04"].count  # important: 88 of 138, two-thirds is 92
    assert suspend and suspend.outcome is Outcome.FAILED and suspend.rule.threshold(138) == 92
    union = votes["coastal-union-suspension-2023-04"].count  # 9-2-1 of 12 seats, 4 listed
    assert union and union.outcome is Outcome.ADOPTED and not union.complete
    assert {d.id for d in facts.counted} == {"council-draft-2023-03", "council-briefing-vote-2023-03"}


def test_coup_documents_decided_without_votes(coup: tuple[Content, Facts]) -> None:
    content, facts = coup
    page = votes_page(content, facts)
    rows = {row.document.id: row for body in page.bodies for row in body.documents}
    assert rows["council-press-statement-2023-02"].chapter_vii == ""  # a statement: the question does not arise
    assert rows["council-press-statement-2023-02"].vote_cell == ""
    assert rows["council-draft-2023-03"].chapter_vii == "no"
    assert rows["assembly-resolution-2023-03"].chapter_vii == ""  # the Assembly has no Chapter VII
    assert rows["credentials-report-2023-06"].status_label == "adopted without a vote"
    assert rows["hrc-special-session-2023-02"].vote_cell == "by consensus"


def test_coup_defections_by_their_dates(coup: tuple[Content, Facts]) -> None:
    content, facts = coup
    order = [e.record.id for e in facts.timeline]
    # Stern is known to have gone only "by 7 April": after the shooting of 3 March and Marsh's of 20 March.
    assert order.index("shootings-2023-03-03") < order.index("lena-marsh-2023-03") < order.index("ivo-stern-2023-04")
    months = {m.iso: m for m in facts.defection_months}
    assert (months["2023-03"].people, months["2023-04"].people) == ("2", "1")  # Oduya and Marsh; Stern
    assert facts.defection_people == "5 and about 60 more"  # 5 people and "about 60", never "about 65"
    ranks = {row.defection.id: row.ranks for row in facts.defections}
    assert ranks["ivo-stern-2023-04"][0].standing is Standing.RECORD  # above Varga, a colonel, surely earlier
    assert ranks["battalion-33-2023-05"] == ()  # a group of mixed ranks needs no ladder
    arlen = next(d for d in content.defections if d.id == "tomas-arlen-2023-02")
    assert arlen.kind is DefectionKind.BROKE_RANKS and arlen.dismissal and arlen.dismissal.recognised is False


def test_coup_sides_at_each_date(coup: tuple[Content, Facts]) -> None:
    content, facts = coup
    stern = next(a for a in content.actors if a.id == "ivo-stern")
    assert side_at(stern, day("2023-02-20")) == "military"  # the day of his quote
    assert side_at(stern, day("2023-03-03")) == "military"  # before 7 April he had not surely gone
    assert side_at(stern, day("2023-04-07")) == "civilian"
    assert [p.side.id for p in facts.actors["ivo-stern"].sides] == ["military", "civilian"]
    assert stern in dict(facts.sides)[next(s for s in content.story.sides if s.id == "civilian")]


def test_coup_contested_seat_shows_on_the_body_and_both_claimants(coup: tuple[Content, Facts]) -> None:
    _, facts = coup
    for actor in ("un-general-assembly", "tomas-arlen", "rina-vask"):
        assert "veloria-assembly-seat" in facts.actors[actor].mentions, actor


def test_coup_figures_compared_within_each_metrics_window(coup: tuple[Content, Facts]) -> None:
    _, facts = coup
    groups = {g.metric_id: g for g in facts.metrics}
    deaths = groups["deaths"]
    assert [[c.figure.id for c in conflict.claims] for conflict in deaths.conflicts] == [
        ["government-2023-04-15-deaths", "monitor-2023-04-16-deaths"],  # a day apart
        ["ohchr-2023-06-01-deaths", "government-2023-06-02-deaths"],
    ]
    assert [v.figure.id for v in deaths.latest_by_claimant] == [
        "ohchr-2023-06-01-deaths",
        "government-2023-06-02-deaths",
    ]
    assert [v.figure.id for v in deaths.older_by_claimant] == ["monitor-2023-05-20-deaths"]  # 13 days before
    detained = groups["detained"]  # 12 days apart: compared under its 14-day window, not under 7
    assert detained.window_days == 14 and len(detained.conflicts) == 1
    monitor = next(v for v in deaths.claims if v.figure.id == "monitor-2023-04-16-deaths")
    assert monitor.breakdown == "100 civilians, 20 members of the security forces; of them about 30 children"


# --- the first story, from its YAML (wherever it lives) ----------------------------------------


@pytest.fixture(scope="module")
def first() -> tuple[Content, Facts]:
    content = load_checked(first_story())
    return content, derive(content)


def test_first_story_assembly_outcomes_by_the_assembly_rule(first: tuple[Content, Facts]) -> None:
    content, facts = first
    for document_id, (yes, no) in {"ga-res-66-253": (137, 12), "ga-res-66-253-b": (133, 12)}.items():
        counted = facts.votes[document_id].count
        assert counted and counted.outcome is Outcome.ADOPTED and (counted.yes, counted.no) == (yes, no)
        assert counted.rule.share is not None  # a majority of those present and voting, not nine votes
    documents = {d.id: d for d in content.documents}
    membership = content.membership("un-general-assembly", 2012)
    assert membership is not None
    failed = documents["ga-res-66-253"].vote
    assert failed is not None
    assert count(failed, membership).outcome is Outcome.ADOPTED  # so `status: failed` would be refused
    assert documents["ga-res-66-253"].status is DocumentStatus.ADOPTED


def test_first_story_arab_league_suspension(first: tuple[Content, Facts]) -> None:
    content, facts = first
    counted = facts.votes["arab-league-suspends-syria"].count
    assert counted and counted.outcome is Outcome.ADOPTED and (counted.yes, counted.no, counted.abstain) == (18, 3, 1)
    membership = content.membership("arab-league", 2011)
    assert membership and membership.size == 18 + 3 + 1
    named = {s.member: s.choice.value for s in counted.seats}
    assert named == {"syria": "no", "lebanon": "no", "yemen": "no", "iraq": "abstain"}


def test_first_story_al_fares_changes_side_on_the_day_he_defects(first: tuple[Content, Facts]) -> None:
    content, facts = first
    fares = next(a for a in content.actors if a.id == "nawaf-al-fares")
    assert side_at(fares, day("2012-07-10")) == "government"
    assert side_at(fares, day("2012-07-11")) == "opposition"
    assert fares in dict(facts.sides)[next(s for s in content.story.sides if s.id == "opposition")]


def test_first_story_vetoes_and_rankings(first: tuple[Content, Facts]) -> None:
    _, facts = first
    assert {
        v: facts.votes[v].count.vetoes
        for v in ("s-2011-612", "s-2012-77", "s-2012-538")  # type: ignore[union-attr]
    } == {v: ("china", "russia") for v in ("s-2011-612", "s-2012-77", "s-2012-538")}
    diplomat = next(leader for leader in facts.leaders if leader.track.id == "diplomat")
    assert diplomat.row.defection.id == "nawaf-al-fares-2012-07"
