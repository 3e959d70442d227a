"""Every derived sentence, rendered over every value of every enum it uses, reads as English.

The checks are what went wrong before: enum values shown raw ("Announced by reported."),
verbs that disagree with a group ("12 officers defects"), empty parentheses, doubled
spaces or punctuation, and links to two records that read the same.
"""

from __future__ import annotations

import itertools
import re

import pytest

from generator.content.dates import FuzzyDate
from generator.content.kinds import QUOTES
from generator.content.models import (
    AdoptionMode,
    Announcement,
    AnnouncementKind,
    Attribution,
    ClaimVerb,
    Credentials,
    Defection,
    DefectionKind,
    Dismissal,
    DocumentStatus,
    Membership,
    Part,
    Post,
    Qualifier,
    Question,
    Quote,
    RelationKind,
    RoleEnd,
    RuleKind,
    Tally,
    Vote,
)
from generator.content.phrasing import opening, qualified
from generator.content.voting import Outcome, count
from generator.facts import sentences
from generator.facts.derive import sum_qualifier
from generator.facts.metrics import breakdown
from generator.facts.views import defections_summary

NAMES = {
    "party": "the Party",
    "army": "the army",
    "state": "Ruritania",
    "junta": "the junta",
    "tv": "Channel 9",
    "d": "ignored",
}
ENUM_VALUES = re.compile(
    "|".join(
        re.escape(str(v.value))
        for enum in (
            AnnouncementKind,
            DefectionKind,
            RoleEnd,
            Qualifier,
            DocumentStatus,
            AdoptionMode,
            RuleKind,
            Credentials,
            RelationKind,
        )
        for v in enum
        if "-" in v.value
    )
)


def text(phrase: sentences.Phrase) -> str:
    return sentences.render(phrase, NAMES.__getitem__)


def assert_reads_well(sentence: str, *, starts_upper: bool = True) -> None:
    assert sentence == sentence.strip() and sentence.endswith("."), sentence
    assert not starts_upper or sentence[0].isupper() or sentence[0].isdigit(), sentence
    for bad in ("  ", " ,", " .", ",,", "..", "()", "( ", " )", "None", ": ;", "; )"):
        assert bad not in sentence, (bad, sentence)
    assert not ENUM_VALUES.search(sentence), f"an enum value shown raw: {sentence}"


DATE = FuzzyDate.parse("2024-05-01")
POSTS = {
    "role and organization": (Post(role="First lieutenant", organization="army"),),
    "organization only": (Post(organization="party"),),
    "two posts": (Post(role="Ambassador", organization="state"), Post(organization="party")),
}


def defection(kind: DefectionKind, people: int, posts: tuple[Post, ...]) -> Defection:
    broke = kind is DefectionKind.BROKE_RANKS
    return Defection(
        id="d",
        name="X",
        kind=kind,
        people=people,
        date=DATE,
        left=() if broke else posts,
        kept=posts if broke else (),
        broke_with=("junta",) if broke else (),
        sources=("s",),
    )


@pytest.mark.parametrize(
    ("kind", "people", "posts"), itertools.product(DefectionKind, (1, 12), POSTS), ids=lambda v: str(v)
)
def test_defection_sentences(kind: DefectionKind, people: int, posts: str) -> None:
    d = defection(kind, people, POSTS[posts])
    line = text(sentences.defection_line(d, "Some officers" if people > 1 else "Jane Doe"))
    done = text(sentences.defection_done(d))
    assert_reads_well(line)
    assert_reads_well(done)
    verbs = re.compile(r"\b(defects|resigns|breaks|stays)\b")
    assert bool(verbs.search(line)) is (people == 1), line  # a group takes the plural
    assert "First lieutenant, the army" in line or posts != "role and organization"
    assert "leaving First lieutenant" not in line


@pytest.mark.parametrize("reasons", [(), ("Against the shelling of towns.",)])
def test_a_resignation_is_a_protest_only_where_its_reasons_are_given(reasons: tuple[str, ...]) -> None:
    d = defection(DefectionKind.RESIGNED, 1, POSTS["role and organization"]).model_copy(update={"reasons": reasons})
    line, done = text(sentences.defection_line(d, "Jane Doe")), text(sentences.defection_done(d))
    assert ("in protest" in line) is bool(reasons), line
    assert ("in protest" in done) is bool(reasons), done


def test_a_dismissal_says_when_it_took_effect_when_that_was_another_day() -> None:
    later = FuzzyDate.parse("2024-05-15")
    line = text(sentences.dismissal(Dismissal(date=DATE, effective=later, by="junta")))
    assert_reads_well(line)
    assert line.endswith(", effective 15 May 2024."), line


def test_a_dismissal_cannot_take_effect_before_it_was_issued() -> None:
    with pytest.raises(ValueError, match="is before the dismissal was issued"):
        Dismissal(date=FuzzyDate.parse("2021-03-15"), effective=FuzzyDate.parse("2021-03-01"), by="junta")


@pytest.mark.parametrize(("via", "outlet"), itertools.product(AnnouncementKind, (None, "tv")), ids=str)
def test_announcement_sentences(via: AnnouncementKind, outlet: str | None) -> None:
    sentence = text(sentences.announcement(Announcement(via=via, outlet=outlet)))
    assert_reads_well(sentence)
    assert not sentence.startswith("Announced by"), sentence
    assert ("Channel 9" in sentence) is (outlet is not None)


@pytest.mark.parametrize("recognised", [None, True, False])
def test_dismissal_sentences(recognised: bool | None) -> None:
    assert_reads_well(text(sentences.dismissal(Dismissal(date=DATE, by="junta", recognised=recognised))))


@pytest.mark.parametrize(("status", "mode"), itertools.product(DocumentStatus, (None, *AdoptionMode)), ids=str)
def test_status_labels_and_vote_cells(status: DocumentStatus, mode: AdoptionMode | None) -> None:
    label = sentences.status_label(status, mode)
    assert label and label == label.lower() and "-" not in label and "  " not in label
    assert_reads_well(f"The text was {label}.")
    cell = sentences.vote_cell(mode)
    assert cell in ("", "by consensus", "without a vote")


@pytest.mark.parametrize(
    ("decision", "seated", "by", "when"),
    itertools.product(Credentials, (None, "state"), (None, "party"), (None, DATE)),
    ids=str,
)
def test_seat_decisions(decision: Credentials, seated: str | None, by: str | None, when: FuzzyDate | None) -> None:
    assert_reads_well(text(sentences.seat_decision(decision, seated, by, when)))


@pytest.mark.parametrize("kind", RelationKind)
def test_relations_read_both_ways(kind: RelationKind) -> None:
    starts, between = sentences.RELATION_VERBS[kind]
    assert_reads_well(f"{starts} the Party.")
    assert_reads_well(f"Ruritania {between} the Party.")
    assert between.split()[0] in ("backs", "opposes", "is", "leads", "arms")  # a verb, not a bare noun


CLAIMANTS = {
    "an actor": Attribution(verb=ClaimVerb.SAYS, by="tv"),
    "a group": Attribution(verb=ClaimVerb.SAYS, group="some critics"),
}


@pytest.mark.parametrize(
    ("kind", "verb", "who"), itertools.product(RelationKind, ClaimVerb, CLAIMANTS), ids=lambda v: str(v)
)
def test_claimed_relations_read_as_claims_both_ways(kind: RelationKind, verb: ClaimVerb, who: str) -> None:
    attribution = CLAIMANTS[who].model_copy(update={"verb": verb})
    claimant = "Channel 9" if attribution.by else "some critics"
    target, subject = sentences.link("party"), sentences.link("state")
    outgoing = text((*sentences.relation_line(kind, attribution, None, target), sentences.words(".")))
    incoming = text((*sentences.relation_line(kind, attribution, subject, target), sentences.words(".")))
    for line in (outgoing, incoming):
        assert_reads_well(line)
        assert f" by {claimant} " in line  # whose claim it is, always
        starts, between = sentences.RELATION_VERBS[kind]
        assert not line.startswith((f"{starts} the Party", f"Ruritania {between} the Party"))  # never the fact
    assert incoming.startswith("Ruritania is ")
    assert_reads_well(text((sentences.words("Envoy"), *sentences.role_claim(attribution), sentences.words("."))))
    reported = sentences.reported_in([("s1", "Channel 9"), ("s2", "the Party")])
    assert text(reported) == ", Channel 9 and the Party report"


@pytest.mark.parametrize("ended", RoleEnd)
def test_role_endings_read_as_words(ended: RoleEnd) -> None:
    words = ended.value.replace("-", " ")
    assert_reads_well(f"The role ended: {words}.")


@pytest.mark.parametrize(
    ("title", "shown"), [("Member of the party", "Former member of the party"), ("UN envoy", "Former UN envoy")]
)
def test_ended_roles_read_as_former(title: str, shown: str) -> None:
    assert text((*sentences.last_role(title, DATE), sentences.words("."))) == f"{shown} until 1 May 2024."
    assert text(sentences.last_role(title, None)) == shown


@pytest.mark.parametrize("qualifier", Qualifier)
def test_every_qualifier_says_its_number(qualifier: Qualifier) -> None:
    said = qualified(100, qualifier)
    assert said.endswith("100") and "-" not in said
    parts = (
        Part(label="civilians", value=90, qualifier=qualifier),
        Part(label="children", value=30, qualifier=qualifier, subset=True),
    )
    assert_reads_well(f"The count: {breakdown(parts)}.")
    assert breakdown(parts).endswith("of them " + qualified(30, qualifier) + " children")
    total = qualified(12, sum_qualifier([Qualifier.EXACTLY, qualifier]))
    assert_reads_well(f"{defections_summary(total, 2)}."[0].upper() + f"{defections_summary(total, 2)}."[1:])


def test_counts_agree_with_their_numbers() -> None:
    assert defections_summary("1", 1) == "1 person in 1 recorded defection"
    assert defections_summary("about 60", 3) == "about 60 people in 3 recorded defections"


MEMBERSHIPS = {
    kind: Membership(
        id="m",
        body="b",
        year=2020,
        permanent=("p",) if kind is RuleKind.COUNCIL else (),
        members=("a", "b"),
        seats=15,
        adoption={"rule": kind, **({"votes_needed": 9} if kind is RuleKind.VOTES_NEEDED else {})},
        sources=("s",),
    )
    for kind in RuleKind
}
TALLIES = [(0, 0, 0), (9, 0, 6), (9, 2, 4), (3, 10, 2), (7, 7, 1)]


@pytest.mark.parametrize(("kind", "tally"), itertools.product(RuleKind, TALLIES), ids=str)
def test_outcome_explanations(kind: RuleKind, tally: tuple[int, int, int]) -> None:
    membership = MEMBERSHIPS[kind]
    special = {RuleKind.COUNCIL: "procedural", RuleKind.ASSEMBLY: "important"}.get(kind)
    for question in (None, special):
        vote = Vote(date=DATE, tally=Tally(yes=tally[0], no=tally[1], abstain=tally[2]))
        counted = count(vote, membership, Question(question) if question else None)
        explained = counted.explain()
        assert_reads_well(f"{explained[0].upper()}{explained[1:]}.")
        if counted.outcome is Outcome.ADOPTED:
            assert explained.endswith("so adopted")
        elif counted.outcome in (Outcome.FAILED, Outcome.VETOED):
            assert explained.endswith(("so not adopted", "so vetoed"))
        assert_reads_well(f"The rule: a text is adopted with {counted.rule.explain()}.")


def test_two_quotes_on_one_day_are_never_linked_alike() -> None:
    quotes = [
        Quote(id=f"q{i}", speaker="state", text=words, date=DATE, sources=("s",))
        for i, words in enumerate(("We will stay.", "We will stay until the people decide."))
    ]
    labels = {QUOTES.name_of(q, NAMES.get) for q in quotes}
    assert len(labels) == 2
    assert {opening(q.text) for q in quotes} == {"“We will stay.”", "“We will stay until the people…”"}
