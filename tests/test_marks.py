"""What the charts share, worked out in the facts layer: seat codes, claimant colours, seat order,
the story's vote, document labels and the vetoes within a mandate."""

from __future__ import annotations

from typing import Any

from babel import Locale
from conftest import TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.dates import FuzzyDate
from generator.content.models import Actor, ActorKind, Adoption, Document, Membership, MemberVotes, Vote
from generator.content.voting import Choice, count
from generator.facts.countries import alpha3_codes, iso_code
from generator.facts.derive import derive
from generator.facts.marks import PALETTE, claimant_series, document_label, focus, member_codes, seat_order
from generator.pipeline import load_checked

FIXTURE = TESTS / "fixtures" / "harbour-story"


def actor(actor_id: str, name: str, *other_names: str) -> Actor:
    return Actor.model_validate(
        {
            "id": actor_id,
            "name": name,
            "other_names": list(other_names),
            "kind": "state",
            "description": "A state.",
            "side": "s",
            "sources": ["s"],
        }
    )


def document(document_id: str, tabled: str | None, voted: str | None = None, **fields: Any) -> Document:
    vote = Vote(date=FuzzyDate.parse(voted), members=MemberVotes(yes=("a",))) if voted else None
    return Document.model_validate(
        {
            "id": document_id,
            "kind": "draft-resolution",
            "title": "A draft",
            "body": "council",
            "tabled": tabled,
            "status": "pending",
            "sources": ["s"],
            **fields,
        }
    ).model_copy(update={"vote": vote})


def member(actor_id: str, name: str, *other_names: str, kind: str = "organization") -> Actor:
    return actor(actor_id, name, *other_names).model_copy(update={"kind": ActorKind(kind)})


def test_a_state_is_coded_by_its_iso_alpha3_code_whatever_its_name_looks_like() -> None:
    codes = member_codes(
        [
            actor("uk", "United Kingdom", "Britain", "UK"),
            actor("za", "South Africa", "SA"),
            actor("sa", "Saudi Arabia"),
            actor("cn", "China"),
            actor("cl", "Chile"),
            actor("in", "India"),
            actor("id", "Indonesia"),
            actor("ba", "Bosnia and Herzegovina"),
            actor("ci", "Ivory Coast", "Côte d'Ivoire"),
            actor("us", "The United States"),
        ]
    )
    assert codes == {
        "uk": "GBR",
        "za": "ZAF",
        "sa": "SAU",
        "cn": "CHN",
        "cl": "CHL",
        "in": "IND",
        "id": "IDN",
        "ba": "BIH",
        "ci": "CIV",
        "us": "USA",
    }


def test_an_editor_may_give_a_states_iso_code_among_its_other_names() -> None:
    assert member_codes([actor("gb", "Britain", "GBR")]) == {"gb": "GBR"}


def test_other_members_take_an_abbreviation_the_initials_or_the_first_letters_never_a_states_code() -> None:
    codes = member_codes(
        [
            member("au", "African Union", "AU"),
            member("two", "Councillor Two", kind="person"),
            member("three", "Councillor Three", kind="person"),
            actor("borea", "Borea"),  # an invented state: no ISO code to find
            member("ind", "Independent Bloc", "IND"),  # IB: its editor's IND is India's code
            member("chn", "Chinook"),  # its first letters are China's code: it takes others
            actor("china", "China"),
        ]
    )
    assert codes["au"] == "AU" and codes["borea"] == "BOR" and codes["ind"] == "IB"
    assert (codes["two"], codes["three"]) == ("CT", "CTH")
    assert codes["china"] == "CHN" and codes["chn"] == "CHI"
    assert len(set(codes.values())) == len(codes)


def test_codes_are_unique_and_duplicate_names_part() -> None:
    codes = member_codes([member("nga", "Nigerians"), member("ner", "Nigerians")])
    assert len(set(codes.values())) == 2


def test_a_claimant_keeps_its_colour_when_a_later_claimant_arrives() -> None:
    claims = [(FuzzyDate.parse("2012-03"), "un"), (FuzzyDate.parse("2012-01"), "ngo")]
    before = claimant_series(claims)
    after = claimant_series([*claims, (FuzzyDate.parse("2012-06"), "army"), (FuzzyDate.parse("2012-07"), "un")])
    assert before == {"ngo": 0, "un": 1}
    assert after == {"ngo": 0, "un": 1, "army": 2}
    assert max(claimant_series((FuzzyDate.parse("2012"), f"c{i}") for i in range(12)).values()) == PALETTE - 1


def test_seats_are_grouped_by_vote_with_the_permanent_members_first() -> None:
    council = Membership(
        id="c",
        body="council",
        year=2012,
        permanent=("p1", "p2", "p3"),
        elected=("e1", "e2", "e3", "e4"),
        adoption=Adoption(votes_needed=4),
        sources=("s",),
    )
    vote = Vote(
        date=FuzzyDate.parse("2012-07-19"),
        members=MemberVotes(yes=("e1", "p1", "e3"), no=("p3", "e2", "p2"), abstain=("e4",)),
    )
    seats = seat_order(count(vote, council))
    assert [s.member for s in seats] == ["p1", "e1", "e3", "e4", "p2", "p3", "e2"]
    assert [s.choice for s in seats][-3:] == [Choice.NO] * 3


def test_the_story_vote_is_the_one_nearest_the_dateline() -> None:
    dateline = FuzzyDate.parse("2012-07-11")
    drafts = [
        document("early", "2012-02-01", "2012-02-04"),
        document("tabled-that-day", "2012-07-11", "2012-07-19"),
        document("voted-later", "2012-07-20", "2012-07-20"),
    ]
    assert focus(drafts, dateline) == "tabled-that-day"
    assert focus(drafts[:1], dateline) == "early"
    assert focus([], dateline) is None


def test_a_document_is_labelled_by_its_title_unless_too_long_for_a_phone() -> None:
    assert document_label(document("r", None, title="Resolution 2043, creating the mission")) == (
        "Resolution 2043, creating the mission"
    )
    long = "British draft threatening measures under Chapter VII"
    assert document_label(document("d", None, title=long, symbol="S/2012/538")) == "S/2012/538"
    assert document_label(document("d", None, title=long)) == long


def test_the_fixture_story_marks() -> None:
    content = load_checked(FIXTURE)
    marks = derive(content).marks
    assert marks.focus == "ferry-contract-motion"
    assert marks.codes["dana-lee"] == "DL"
    assert set(marks.series) == {f.claimed_by for f in content.figures}
    assert marks.vetoes == {}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(str(n) for k, n in Locale("en").territories.items() if k in alpha3_codes())),
            st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20),
            st.booleans(),
            st.one_of(st.from_regex(r"[A-Z]{2,3}", fullmatch=True), st.sampled_from(sorted(alpha3_codes().values()))),
        ),
        max_size=20,
    )
)
def test_member_codes_are_unique_and_only_states_wear_iso_codes(members: list[tuple[str, str, bool, str]]) -> None:
    """States named as CLDR names them get their ISO code; any other member, whatever its name or
    the abbreviation its editor gave, gets a code no state owns; no two members share a code."""
    actors = [
        actor(f"s{i}", territory) if is_state else member(f"m{i}", other.strip() or "X", abbreviation)
        for i, (territory, other, is_state, abbreviation) in enumerate(members)
    ]
    codes = member_codes(actors)
    assert len(set(codes.values())) == len(codes) == len(actors)
    iso = set(alpha3_codes().values())
    first = {}
    for a in actors:
        if a.kind is ActorKind.STATE:
            first.setdefault(iso_code([a.name]), a.id)
    for a in actors:
        if a.kind is not ActorKind.STATE:
            assert codes[a.id] not in iso, (a.name, codes[a.id])
        elif first[iso_code([a.name])] == a.id:  # a second actor for one state takes other letters
            assert codes[a.id] == iso_code([a.name])
