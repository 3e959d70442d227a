"""What changes during a story, modelled over time, on an invented story (the harbour fixture).

Each test adds records to a copy of the fixture and reads what the engine derives and prints at
the moment each page speaks for."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TESTS

from generator.content.dates import Timestamp
from generator.content.models import ContestedSeat
from generator.content.pages import edition_path
from generator.content.problems import ContentError
from generator.facts import seats as contested
from generator.facts import views
from generator.facts.derive import derive
from generator.facts.editions import as_of
from generator.facts.names import name_on
from generator.pipeline import build_site, load_checked

HARBOUR = TESTS / "fixtures" / "harbour-story"


def harbour_with(folder: Path, **files: list[dict[str, Any]]) -> Path:
    """The harbour story with records appended to its files (`events_yml=[...]` for events.yml)."""
    shutil.copytree(HARBOUR, folder)
    for key, added in files.items():
        path = folder / key.replace("_yml", ".yml")
        # Appended as text: a YAML 1.1 round trip would read the fixture's `yes:` and `no:` as booleans.
        before = path.read_text(encoding="utf-8").rstrip() + "\n" if path.exists() else ""
        path.write_text(before + yaml.safe_dump(added, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


EARLIER = {
    "id": "harbour-news-2019-03-13",
    "publisher": "Harbour News",
    "title": "Council to hear the quay statement",
    "url": "https://example.org/harbour-news/2019-03-13",
    "date": "2019-03-13",
    "kind": "article",
    "publisher_type": "newspaper",
}


# -- a statement adopted without a vote, on its day ----------------------------------------------

STATEMENT = {
    "id": "quay-statement",
    "kind": "presidential-statement",
    "title": "Statement on the quay",
    "body": "town-council",
    "tabled": "2019-03-13",
    "provisions": ["Asks both sides to keep the quay open."],
    "status": "adopted",
    "adoption": "without-vote",
    "adopted": "2019-03-14",
    "sources": ["harbour-news-2019-03-13"],
}


def test_a_statement_adopted_without_a_vote_says_on_which_day(tmp_path: Path) -> None:
    site = build_site(harbour_with(tmp_path / "content", documents_yml=[STATEMENT], sources_yml=[EARLIER]))
    page = site.pages["votes/quay-statement.md"].text
    assert (
        '<dd><span class="se-status se-status--adopted">adopted without a vote on '
        '<time datetime="2019-03-14">14 March 2019</time></span></dd>' in page
    )


def test_a_statement_is_pending_before_its_day_of_adoption(tmp_path: Path) -> None:
    content = load_checked(harbour_with(tmp_path / "content", documents_yml=[STATEMENT], sources_yml=[EARLIER]))
    before = as_of(content, Timestamp.parse("2019-03-13T20:00:00+01:00"))
    statement = next(d for d in before.documents if d.id == "quay-statement")
    assert (statement.status.value, statement.adopted, statement.adoption) == ("pending", None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"status": "pending", "adoption": None},
            "content/documents.yml:30:3: quay-statement: `adopted` is set but the status is 'pending' "
            "(set the status to adopted, or remove `adopted`)",
        ),
        (
            {"adoption": None, "vote": {"date": "2019-03-14", "tally": {"yes": 5, "no": 4, "abstain": 0}}},
            "content/documents.yml:30:3: quay-statement: `adopted` is set but a vote is recorded "
            "(the vote's date is the day: remove `adopted`)",
        ),
    ],
)
def test_an_adoption_date_needs_an_adopted_text_without_a_vote(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    record = {k: v for k, v in (STATEMENT | changes).items() if v is not None}
    folder = harbour_with(tmp_path / "content", documents_yml=[record], sources_yml=[EARLIER])
    with pytest.raises(ContentError) as raised:
        load_checked(folder)
    assert [str(p) for p in raised.value.problems] == [message]


# -- a mandate set by one document and ended by another -------------------------------------------

WATCH = {
    "id": "quay-watch",
    "name": "Quay Watch",
    "kind": "organization",
    "description": "Wardens the council sent to the quay.",
    "side": "against-contract",
    "sources": ["council-minutes-2019-03-14"],
}
SET_UP = {
    "id": "quay-watch-motion",
    "kind": "resolution",
    "title": "Motion to send wardens",
    "body": "town-council",
    "provisions": ["Sends wardens to the quay."],
    "status": "adopted",
    "adoption": "without-vote",
    "adopted": "2019-03-01",
    "sources": ["council-minutes-2019-03-14"],
}
WOUND_UP = SET_UP | {"id": "quay-recall-motion", "title": "Motion to recall the wardens", "adopted": "2019-03-10"}
MISSION = {
    "id": "quay-watch-mission",
    "actor": "quay-watch",
    "mandates": [
        {
            "start": "2019-03-01",
            "end": "2019-03-10",
            "by": "quay-watch-motion",
            "ended_by": "quay-recall-motion",
            "description": "Watch the quay.",
        }
    ],
    "sources": ["council-minutes-2019-03-14"],
}


def test_a_mandate_ended_by_a_document_names_it_in_the_table_and_the_chart(tmp_path: Path) -> None:
    folder = harbour_with(
        tmp_path / "content", actors_yml=[WATCH], documents_yml=[SET_UP, WOUND_UP], missions_yml=[MISSION]
    )
    page = build_site(folder).pages["votes/index.md"].text
    row = re.search(r'<td data-label="Set by">(.*?)</td>', page)
    assert row is not None
    assert re.sub(r"<[^>]+>", "", row.group(1)) == "Motion to send wardensended by Motion to recall the wardens"
    assert "ended by Motion to recall the wardens</title>" in page  # the bar's tooltip in the chart
    assert "set by Motion to send wardens, ended by Motion to recall the wardens." in page  # its text alternative


# -- who presides over a body in a month ------------------------------------------------------------


def harbour_presided(folder: Path, *presidency: dict[str, Any]) -> Path:
    """The harbour story with its council's 2019 membership recording who presided when."""
    harbour_with(folder, sources_yml=[EARLIER])
    path = folder / "memberships.yml"
    memberships = yaml.safe_load(path.read_text(encoding="utf-8"))
    memberships[0]["presidency"] = list(presidency)
    path.write_text(yaml.safe_dump(memberships, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


MARCH = {"month": "2019-03", "member": "seat-1", "sources": ["harbour-news-2019-03-13"]}


def test_a_vote_shows_who_presided_that_month(tmp_path: Path) -> None:
    site = build_site(harbour_presided(tmp_path / "content", MARCH))
    vote = site.pages["votes/ferry-contract-motion.md"].text
    assert re.search(r"<dt>Presiding</dt><dd><a [^>]*>Councillor One</a> <small>\(the Harbourside Town Council's", vote)
    index = site.pages["votes/index.md"].text
    assert re.search(
        r'<strong>Presidency:</strong> <time datetime="2019-03">March 2019</time>, <a [^>]*>Councillor One', index
    )


def test_no_one_presides_where_the_month_is_not_recorded(tmp_path: Path) -> None:
    april = MARCH | {"month": "2019-01"}
    vote = build_site(harbour_presided(tmp_path / "content", april)).pages["votes/ferry-contract-motion.md"].text
    assert "<dt>Presiding</dt>" not in vote


def test_a_month_presided_is_known_from_its_first_day_once_reported(tmp_path: Path) -> None:
    reported_later = MARCH | {"member": "seat-2", "month": "2019-02", "sources": ["harbour-news-2019-03-14"]}
    content = load_checked(harbour_presided(tmp_path / "content", reported_later, MARCH))
    on_13th = as_of(content, Timestamp.parse("2019-03-13T20:00:00+01:00"))
    council = next(m for m in on_13th.memberships if m.id == "town-council-2019")
    assert [(p.month.iso(), p.member) for p in council.presidency] == [("2019-03", "seat-1")]


def test_a_presidency_outside_its_year_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load_checked(harbour_presided(tmp_path / "content", MARCH | {"month": "2018-03"}))
    assert [str(p) for p in raised.value.problems] == [
        "content/memberships.yml:21:5: town-council-2019.presidency[0]: month 2018-03 is not in 2019 "
        "(move it to the 2018 membership)"
    ]


# -- a membership that changes within its year -------------------------------------------------------

NEWCOMER = {
    "id": "seat-8",
    "name": "Councillor Eight",
    "kind": "person",
    "description": "Elected at a by-election in March.",
    "side": "against-contract",
    "sources": ["council-minutes-2019-03-14"],
}
# From the 15th, Councillor Eight sits in Councillor Seven's place.
FROM_15TH = {
    "id": "town-council-2019-from-15-march",
    "body": "town-council",
    "year": 2019,
    "since": "2019-03-15",
    "elected": ["dana-lee", "sam-okafor", "seat-1", "seat-2", "seat-3", "seat-4", "seat-5", "seat-6", "seat-8"],
    "adoption": {"rule": "votes-needed", "votes_needed": 5},
    "sources": ["council-minutes-2019-03-14"],
}
SECOND_MOTION = {
    "id": "quay-lease-motion",
    "kind": "draft-resolution",
    "title": "Motion to lease the quay",
    "body": "town-council",
    "provisions": ["Leases the quay."],
    "status": "adopted",
    "vote": {
        "date": "2019-03-15",
        "members": {
            "yes": ["seat-8", "seat-1", "seat-2", "seat-3", "seat-6"],
            "no": ["dana-lee", "sam-okafor", "seat-4", "seat-5"],
        },
    },
    "sources": ["council-minutes-2019-03-14"],
}


def harbour_changed(folder: Path, motion: dict[str, Any]) -> Path:
    return harbour_with(folder, actors_yml=[NEWCOMER], memberships_yml=[FROM_15TH], documents_yml=[motion])


def test_each_vote_counts_the_members_who_sat_on_its_day(tmp_path: Path) -> None:
    content = load_checked(harbour_changed(tmp_path / "content", SECOND_MOTION))
    facts = derive(content)
    before, after = facts.votes["ferry-contract-motion"], facts.votes["quay-lease-motion"]
    assert before.membership is not None and after.membership is not None
    assert (before.membership.id, after.membership.id) == ("town-council-2019", FROM_15TH["id"])
    assert before.count is not None and after.count is not None
    assert "seat-7" in {s.member for s in before.count.seats} - {s.member for s in after.count.seats}
    assert after.count.complete and after.verdict.status == "adopted"


def test_a_member_who_joined_later_could_not_vote_before(tmp_path: Path) -> None:
    early = SECOND_MOTION | {"vote": SECOND_MOTION["vote"] | {"date": "2019-03-14"}}
    with pytest.raises(ContentError) as raised:
        load_checked(harbour_changed(tmp_path / "content", early))
    assert "'seat-8' was not a member of 'town-council' on 2019-03-14 (check the vote or the 2019 membership)" in [
        p.message for p in raised.value.problems
    ]


def test_a_membership_is_not_in_force_before_it_takes_effect(tmp_path: Path) -> None:
    content = load_checked(harbour_changed(tmp_path / "content", SECOND_MOTION))
    then = as_of(content, content.story.updates[-1].at)  # the 14th
    assert [m.id for m in then.memberships] == ["town-council-2019"]
    page = build_site(tmp_path / "content").pages["votes/index.md"].text
    assert 'Harbourside Town Council, 2019, from <time datetime="2019-03-15">15 March 2019</time></h3>' in page


# -- a contested seat over time --------------------------------------------------------------------

SEAT_OVER_TIME = {
    "id": "harbour-first-seat",
    "body": "town-council",
    "state": "harbour-first",
    "holder": "dana-lee",
    "claims": [
        {
            "claimant": "harbour-first",
            "letters": [
                {"date": "2019-03-09", "nominee": "Pat Quinn"},
                {"date": "2019-03-13", "nominee": "Robin Vale", "note": "A second candidate."},
            ],
            "sources": ["harbour-news-2019-03-13"],
        },
        {"claimant": "dana-lee", "note": "Says the seat is hers until the next election."},
    ],
    "decisions": [
        {"date": "2019-03-10", "decision": "deferred", "by": "town-council"},
        {"date": "2019-03-12", "decision": "deferred", "by": "town-council", "note": "Legal advice awaited."},
        {"date": "2019-03-14", "decision": "accepted", "seated": "harbour-first", "by": "town-council",
         "sources": ["council-minutes-2019-03-14"]},
    ],
    "sources": ["harbour-news-2019-03-13"],
}  # fmt: skip


def harbour_seat(folder: Path, seat: dict[str, Any]) -> Path:
    harbour_with(folder, sources_yml=[EARLIER])
    (folder / "seats.yml").write_text(yaml.safe_dump([seat], sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        ("2019-03-09", "dana-lee"),
        ("2019-03-10", "dana-lee"),
        ("2019-03-13", "dana-lee"),
        ("2019-03-14", "harbour-first"),
    ],
)
def test_who_held_a_seat_follows_its_decisions(tmp_path: Path, day: str, holder: str) -> None:
    content = load_checked(harbour_seat(tmp_path / "content", SEAT_OVER_TIME))
    assert contested.held_on(content.seats[0], dt.date.fromisoformat(day)) == holder


def test_a_rejection_empties_the_seat_and_a_deferral_keeps_it() -> None:
    decisions = ({"date": "2019-03-10", "decision": "rejected"}, {"date": "2019-03-12", "decision": "deferred"})
    seat = ContestedSeat.model_validate(SEAT_OVER_TIME | {"decisions": decisions})
    assert [s.holder for s in contested.steps(seat)] == [None, None]
    assert contested.held_on(seat, dt.date(2019, 3, 9)) == "dana-lee"


def test_the_seat_section_lists_each_decision_and_letter_and_who_holds_it(tmp_path: Path) -> None:
    page = build_site(harbour_seat(tmp_path / "content", SEAT_OVER_TIME)).pages["votes/index.md"].text
    section = page[page.index('<section class="se-card" id="harbour-first-seat">') :]
    section = re.sub(r"<[^>]+>", "", section[: section.index("</section>")])
    assert "Letter of 9 March 2019, naming Pat Quinn to the seat" in section
    assert "Letter of 13 March 2019, naming Robin Vale to the seat: A second candidate" in section
    decisions = re.findall(r"Decision: [^.]*\.", section)
    assert decisions == [
        "Decision: deferred, by Harbourside Town Council, 10 March 2019.",
        "Decision: deferred, by Harbourside Town Council, 12 March 2019.",
        "Decision: accepted, seating Harbour First, by Harbourside Town Council, 14 March 2019.",
    ]
    assert "Holds the seat: Harbour First." in section


def test_an_edition_knows_only_the_decisions_taken_by_its_moment(tmp_path: Path) -> None:
    content = load_checked(harbour_seat(tmp_path / "content", SEAT_OVER_TIME))
    then = as_of(content, Timestamp.parse("2019-03-13T20:00:00+01:00"))
    seat = then.seats[0]
    assert [s.decision.value for s in contested.steps(seat)] == ["deferred", "deferred"]
    assert contested.holding(seat)[1].ref == "dana-lee"
    assert [letter.nominee for letter in seat.claims[0].letters] == ["Pat Quinn", "Robin Vale"]
    assert contested.latest(seat).value == "deferred"


def test_one_decision_or_several_not_both(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load_checked(harbour_seat(tmp_path / "content", SEAT_OVER_TIME | {"decision": "deferred"}))
    assert [str(p) for p in raised.value.problems] == [
        "content/seats.yml:1:3: harbour-first-seat: give one decision (`decision`, `seated`, `decided`, "
        "`decided_by`) or several over time (`decisions`), not both"
    ]


# -- names over time -----------------------------------------------------------------------------------


def harbour_renamed(folder: Path) -> Path:
    """The harbour story with the town renamed on the 15th and its council on the 15th too: the
    vote of the 14th was taken by the council under its old name."""
    harbour_with(folder, sources_yml=[EARLIER])
    path = folder / "actors.yml"
    text = path.read_text(encoding="utf-8")
    renamed = {
        "harbourside": "Old Harbour",
        "town-council": "Old Harbour Town Council",
        "seat-1": "Councillor Uno",
    }
    text = text.replace(
        "- {id: seat-1, name: Councillor One,",
        "- {id: seat-1, name: Councillor One, earlier_names: [{name: Councillor Uno, until: 2019-03-15}],",
    )
    del renamed["seat-1"]
    for actor_id, old in renamed.items():
        entry = f"- id: {actor_id}\n"
        earlier = f"  earlier_names:\n    - {{name: {old}, until: 2019-03-15, sources: [harbour-news-2019-03-13]}}\n"
        text = text.replace(entry, entry + earlier)
    path.write_text(text, encoding="utf-8")
    return folder


def test_each_page_names_an_actor_as_it_was_called_at_its_moment(tmp_path: Path) -> None:
    site = build_site(harbour_renamed(tmp_path / "content"))
    content = load_checked(tmp_path / "content")
    town = re.compile(r'<a href="[^"]*actors/harbourside(?:\.md|/)">([^<]*)</a>')
    assert set(town.findall(site.pages["index.md"].text)) == {"Harbourside"}
    first = content.story.updates[0].at  # the 14th, before the renaming
    edition = site.pages[edition_path(first)].text
    assert set(town.findall(edition)) == {"Old Harbour"}
    then = as_of(content, first)
    assert next(a.name for a in then.actors if a.id == "harbourside") == "Old Harbour"


def test_a_vote_page_names_the_body_as_it_was_called_on_the_day_with_its_later_name(tmp_path: Path) -> None:
    vote = build_site(harbour_renamed(tmp_path / "content")).pages["votes/ferry-contract-motion.md"].text
    assert re.search(
        r'<dt>Body</dt><dd><a href="[^"]*">Old Harbour Town Council</a> '
        r"<small>\(now Harbourside Town Council\)</small>",
        vote,
    )
    chart = vote[vote.index('<svg class="se-chart se-chart--vote"') :]
    chart = chart[: chart.index("</svg>")]
    assert "Councillor Uno" in chart
    assert "Councillor One" not in chart


@pytest.mark.parametrize(("day", "name"), [("2019-03-14", "Old Harbour"), ("2019-03-15", "Harbourside")])
def test_an_actors_name_changes_on_the_day_it_was_renamed(tmp_path: Path, day: str, name: str) -> None:
    actor = next(a for a in load_checked(harbour_renamed(tmp_path / "content")).actors if a.id == "harbourside")
    assert name_on(actor, dt.date.fromisoformat(day)) == name


def test_two_memberships_of_one_year_taking_effect_on_one_day_are_refused(tmp_path: Path) -> None:
    fixture = yaml.safe_load((HARBOUR / "memberships.yml").read_text(encoding="utf-8"))[0]
    again = fixture | {"id": "town-council-2019-again"}
    with pytest.raises(ContentError) as raised:
        load_checked(harbour_with(tmp_path / "content", memberships_yml=[again]))
    assert [str(p) for p in raised.value.problems] == [
        "content/memberships.yml:8:3: town-council-2019-again.since: 'town-council-2019' already gives who sat on "
        "'town-council' from 1 January 2019 (give this one `since`, the day the membership changed, or merge the two)"
    ]


def test_the_story_so_far_says_who_held_the_seat_at_its_moment(tmp_path: Path) -> None:
    folder = harbour_seat(tmp_path / "content", SEAT_OVER_TIME | {"milestone": True})
    overview = build_site(folder).pages["index.md"].text
    assert re.search(
        r'the seat of <a [^>]*>[^<]*</a>: [a-z]+ \(held by <a href="actors/harbour-first.md">Harbour First</a>\)',
        overview,
    )
    content = load_checked(folder)
    then = as_of(content, Timestamp.parse("2019-03-13T20:00:00+01:00"))
    view = views.overview_page(then, derive(then))
    line = next(m.sentence for m in (*view.so_far.first, *view.so_far.recent) if m.record == "harbour-first-seat")
    assert "dana-lee" in [bit.ref for bit in line if bit.ref]
