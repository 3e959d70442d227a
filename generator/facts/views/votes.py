"""Drafts and votes: the index of every text and a page per document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _, ngettext, pgettext
from generator.content.load import Content
from generator.content.models import AdoptionMode, ContestedSeat, Document, Membership, Plan
from generator.content.phrasing import QUESTIONS, Words, number
from generator.content.voting import SPECIAL_QUESTION, Choice, Count, Seat, rule_for
from generator.facts import seats as contested
from generator.facts import sentences
from generator.facts.derive import (
    Facts,
    MissionView,
    VoteView,
)
from generator.facts.marks import Marks, seat_order
from generator.facts.official import official_text
from generator.facts.outcomes import Basis, Verdict
from generator.facts.parts import WHOLE, Scope
from generator.facts.seats import Step
from generator.facts.sentences import Phrase
from generator.facts.views.common import (
    DOCUMENTS_DATA,
    MISSIONS_DATA,
    VOTES_DATA,
    Download,
    Embed,
    chapter_vii,
    in_words,
    members,
)

EXCERPT = 140  # characters of a quote shown on the timeline


@dataclass(frozen=True)
class SeatRow:
    seat: Seat
    code: str  # the member's code, as on its seat in the chart
    member_kind: str  # "permanent", "elected" or "member"
    vote: str  # the choice's value (a CSS class); "no (veto)" is printed from choice and veto
    veto: bool
    choice: str = ""  # the choice in words: "yes", "abstain"


@dataclass(frozen=True)
class Tally:
    """A vote's numbers as printed (yes, no, abstaining), whether counted seat by seat or only reported."""

    yes: int
    no: int
    abstain: int
    unknown: int = 0  # members whose votes the sources do not give: the numbers are then not the whole vote


@dataclass(frozen=True)
class DocumentRow:
    """What a table row or a document's page says about it."""

    document: Document
    kind: str
    status: str  # the outcome's CSS class, e.g. not-voted
    status_label: str  # the outcome in words, e.g. not voted, adopted by consensus
    chapter_vii: str  # yes, no, not recorded; empty where it does not apply
    date: FuzzyDate | None  # the day of its vote, else the day it was tabled
    first_provision: str | None
    more_provisions: int
    count: Count | None
    tally: Tally | None  # the numbers, counted or reported
    vote_cell: str  # without a tally, how it was decided: "by consensus"; else empty
    mode: str  # how it was decided, in words: "by a vote", "by consensus", "agreed as a statement, with no vote"
    official: str | None  # the address of its official text, from its symbol (facts/official.py)
    meeting: str | None  # the address of the record of the meeting it was voted at, likewise


MODE_NAMES: Words[AdoptionMode, str] = Words(
    lambda: {
        AdoptionMode.VOTE: _("by a vote"),
        AdoptionMode.CONSENSUS: _("by consensus"),
        AdoptionMode.WITHOUT_VOTE: _("without a vote"),
        AdoptionMode.STATEMENT: _("agreed as a statement, with no vote"),
    }
)


def document_row(view: VoteView) -> DocumentRow:
    document, count = view.document, view.count
    provisions = document.provisions
    tally = None
    if count is not None:
        tally = Tally(count.yes, count.no, count.abstain, count.unknown)
    elif document.vote is not None and document.vote.tally is not None:
        reported = document.vote.tally
        tally = Tally(reported.yes, reported.no, reported.abstain)
    date = document.vote.date if document.vote else document.adopted or document.tabled
    mode = document.mode
    return DocumentRow(
        document,
        in_words(document.kind),
        view.verdict.status,
        view.verdict.label,
        chapter_vii(document, view.council),
        date,
        provisions[0] if provisions else None,
        max(len(provisions) - 1, 0),
        count,
        tally,
        sentences.vote_cell(mode),
        MODE_NAMES[mode] if mode else "",
        official_text(document.symbol),
        official_text(document.vote.meeting) if document.vote else None,
    )


@dataclass(frozen=True)
class BodyGroup:
    body: str
    documents: tuple[DocumentRow, ...]  # by date; past BODY_ROWS, the latest only
    chapter_vii: bool  # whether any of the body's texts is recorded as under Chapter VII or not: the column shows
    more: str = ""  # when the table leaves earlier documents out, what it shows and where the rest are


@dataclass(frozen=True)
class ContestRow:
    """A contested seat as the votes page shows it."""

    contest: ContestedSeat
    decisions: tuple[Step, ...]  # oldest first, each with its phrase: "Decision: deferred, by X, 14 March 2019."
    holding: Phrase  # "Holds the seat: X." after the decisions known at the page's moment; may be empty

    @property
    def one(self) -> Step | None:
        """The decision, where there is only one: said in a sentence rather than listed."""
        return self.decisions[0] if len(self.decisions) == 1 else None


@dataclass(frozen=True)
class MembershipRow:
    membership: Membership
    rule: str  # the adoption rule in words, for ordinary questions and for those it treats apart
    partial: str  # where not every seat is listed: "4 of 22 members listed: those named in votes"


def _membership_order(membership: Membership) -> tuple[int, str, dt.date]:
    """By year and body, and within a year in the order the memberships took effect."""
    since = membership.since.latest if membership.since is not None else dt.date(membership.year, 1, 1)
    return membership.year, membership.body, since


def membership_row(membership: Membership) -> MembershipRow:
    adoption = membership.adoption
    needs = rule_for(adoption).needs()
    special = SPECIAL_QUESTION.get(adoption.rule)
    if special is not None:
        rule = _("A text is adopted with {needs}; on {question} questions, with {special}.").format(
            needs=needs, question=QUESTIONS[special], special=rule_for(adoption, special).needs()
        )
    else:
        rule = _("A text is adopted with {needs}.").format(needs=needs)
    listed, size = len(membership.listed), membership.size
    partial = ""
    if listed and listed != size:
        said = ngettext(
            "{listed} of {count} member listed: those the story names",
            "{listed} of {count} members listed: those the story names",
            size,
        )
        partial = said.format(listed=number(listed), count=number(size))
    elif listed != size:
        partial = _("{members}, not listed here").format(members=members(size))
    return MembershipRow(membership, rule, partial)


@dataclass(frozen=True)
class Jump:
    """A link to a section further down the same page."""

    anchor: str
    label: str


@dataclass(frozen=True)
class VotesPage:
    counted: tuple[Document, ...]  # the vote the story is about first, then by date; past VOTE_CHARTS, the latest
    bodies: tuple[BodyGroup, ...]
    memberships: tuple[MembershipRow, ...]  # by year
    missions: tuple[MissionView, ...]
    plans: tuple[Plan, ...]
    contests: tuple[ContestRow, ...]  # by body, then state
    latest: DocumentRow | None  # the page opens with the latest vote taken, in any body
    jumps: tuple[Jump, ...]  # links to the page's sections, under the latest vote
    more_votes: str = ""  # when the charts at a glance leave earlier votes out, how many and where they are
    data: Download = DOCUMENTS_DATA
    missions_data: Download = MISSIONS_DATA

    @property
    def downloads(self) -> tuple[Download, ...]:
        return ((self.data,) if self.bodies else ()) + ((self.missions_data,) if self.missions else ())


# The page holds the latest this many vote charts at a glance and documents in each body's table:
# a story of a hundred drafts made it 710 kB. Every document keeps its own page (with its chart),
# reached from the timeline and listed in the documents' table to download.
VOTE_CHARTS = 8
BODY_ROWS = 20


def votes_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> VotesPage:
    bodies = []
    for body, documents in facts.bodies:
        latest = documents[-BODY_ROWS:]
        rows = tuple(document_row(facts.votes[d.id]) for d in latest)
        # The column shows only where some text's answer is recorded: a column of "not recorded" says nothing.
        more = (
            _(
                "The latest {shown} of {total} documents: every one is on the timeline, with its own page, "
                "and in the table of documents to download at the end of this page."
            ).format(shown=number(len(latest)), total=number(len(documents)))
            if len(latest) < len(documents)
            else ""
        )
        bodies.append(BodyGroup(body, rows, any(row.document.chapter_vii is not None for row in rows), more))
    glance = _at_a_glance(story_vote_first(facts.counted, facts.marks.focus), facts.marks.focus)
    # The missions and plans sit far down a long page: the top links to every section.
    sections = (
        (facts.counted, "at-a-glance", _("Every vote at a glance")),
        *((True, f"body-{group.body}", content.actor_name(group.body)) for group in bodies),
        (content.memberships, "membership", _("Membership")),
        (facts.missions, "mission-mandates", _("Missions")),
        (content.seats, "contested-seats", _("Contested seats")),
        (content.plans, "the-plans", _("Plans")),
    )
    return VotesPage(
        counted=glance,
        bodies=tuple(bodies),
        memberships=tuple(membership_row(m) for m in sorted(content.memberships, key=_membership_order)),
        missions=facts.missions,
        plans=content.plans,
        contests=tuple(
            ContestRow(c, contested.steps(c), contested.holding(c))
            for c in sorted(content.seats, key=lambda c: (c.body, c.state, c.id))
        ),
        latest=latest_vote(facts),
        jumps=tuple(Jump(anchor, label) for present, anchor, label in sections if present),
        more_votes=(
            _(
                "The latest {shown} of {total} votes drawn seat by seat; each of the others has its chart "
                "on its document's page."
            ).format(shown=number(len(glance)), total=number(len(facts.counted)))
            if len(glance) < len(facts.counted)
            else ""
        ),
    )


def _at_a_glance(counted: tuple[Document, ...], focus: str | None) -> tuple[Document, ...]:
    """The vote charts the page draws: all, or past VOTE_CHARTS the story's own vote and the latest."""
    if len(counted) <= VOTE_CHARTS:
        return counted
    own = [d for d in counted if d.id == focus]
    # Latest by the day of the vote (a counted document has one), whatever body voted.
    by_day = sorted((d for d in counted if d.id != focus), key=lambda d: (_vote_day(d), d.id))
    kept = {d.id for d in own} | {d.id for d in by_day[len(by_day) - (VOTE_CHARTS - len(own)) :]}
    return tuple(d for d in counted if d.id in kept)


def _vote_day(document: Document) -> tuple[object, ...]:
    return document.vote.date.sort_key() if document.vote else ()


def latest_vote(facts: Facts) -> DocumentRow | None:
    """The document voted on last (a tie on the day goes to the later id), if any was voted on."""
    voted = [(v.document.vote.date.sort_key(), v.document.id, v) for v in facts.votes.values() if v.document.vote]
    if not voted:
        return None
    return document_row(max(voted, key=lambda item: item[:2])[2])


def story_vote_first(counted: tuple[Document, ...], focus: str | None) -> tuple[Document, ...]:
    """The documents in their order, but the one the story is about first."""
    return tuple(sorted(counted, key=lambda d: d.id != focus))


@dataclass(frozen=True)
class NamedVotes:
    """The members a source names under one choice, for a vote not listed seat by seat."""

    choice: str  # "voted yes", "abstained"
    members: tuple[str, ...]


@dataclass(frozen=True)
class DocumentPage:
    row: DocumentRow
    seat_by_seat: bool  # every seat listed: the chart and the table of seats show
    outcome: str  # what the outcome rests on: "Outcome by the adoption rule", or "Outcome, as the sources report it"
    explanation: str  # why the outcome follows from the rule, or why the votes known do not settle it
    rule: str  # the rule the vote was counted by, in words
    seats: tuple[SeatRow, ...]
    named: tuple[NamedVotes, ...]  # for other votes: the members the sources name
    unnamed: str  # "The other 18 members' votes are not named."
    data: Download = VOTES_DATA
    embed: Embed | None = None  # the vote chart for other sites, when there is one
    provisions_heading: str = ""  # by the document's status (sentences.provisions_heading)
    presiding: str | None = None  # the member presiding over the body that day, when the membership says


def _sentence(clause: str) -> str:
    """A clause made to start a sentence (its first letter raised)."""
    return clause[:1].upper() + clause[1:]


CHOICE_WORDS: Words[Choice, str] = Words(
    lambda: {
        Choice.YES: _("voted yes"),
        Choice.NO: _("voted no"),
        Choice.ABSTAIN: _("abstained"),
        Choice.ABSENT: _("did not vote"),
    }
)
# A member's choice in a table of seats.
CHOICES: Words[Choice, str] = Words(
    lambda: {
        Choice.YES: pgettext("vote", "yes"),
        Choice.NO: pgettext("vote", "no"),
        Choice.ABSTAIN: pgettext("vote", "abstain"),
        Choice.ABSENT: pgettext("vote", "absent"),
        Choice.UNKNOWN: pgettext("vote", "unknown"),
    }
)
# How a seat sits in its body.
MEMBER_KINDS: Words[str, str] = Words(
    lambda: {
        "permanent": pgettext("seat", "permanent"),
        "elected": pgettext("seat", "elected"),
        "member": pgettext("seat", "member"),
    }
)


OUTCOME_BASIS: Words[Basis, str] = Words(
    lambda: {
        Basis.COUNTED: _("Outcome by the adoption rule"),
        Basis.REPORTED: _("Outcome, as the sources report it"),
        Basis.RECORDED: _("Outcome"),
    }
)


def _explanation(verdict: Verdict, count: Count | None) -> str:
    """Why the outcome follows from the rule, or why the votes the sources give do not settle it."""
    if count is None:
        return ""
    if verdict.basis is Basis.REPORTED:
        return _("The votes the sources give do not settle it by the adoption rule: {reason}").format(
            reason=count.reason()
        )
    return _sentence(count.reason())


def document_page(view: VoteView, marks: Marks, embed: Embed | None = None) -> DocumentPage:
    """A document's page; its table lists the seats in the chart's order, grouped by vote."""
    count = view.count
    seats: tuple[SeatRow, ...] = ()
    named: tuple[NamedVotes, ...] = ()
    unnamed = ""
    if count is not None and view.seat_by_seat:
        permanent = set(view.membership.permanent) if view.membership else set()
        elected = set(view.membership.elected) if view.membership else set()
        seats = tuple(
            SeatRow(
                s,
                marks.codes.get(s.member, ""),
                MEMBER_KINDS["permanent" if s.member in permanent else "elected" if s.member in elected else "member"],
                s.choice.value,
                s.member in count.vetoes,
                CHOICES[s.choice],
            )
            for s in seat_order(count)
        )
    elif count is not None:
        named = tuple(
            NamedVotes(CHOICE_WORDS[choice], tuple(s.member for s in count.seats if s.choice is choice))
            for choice in CHOICE_WORDS
            if any(s.choice is choice for s in count.seats)
        )
        total = view.membership.size if view.membership else 0
        others = total - sum(len(n.members) for n in named)
        said = _("The votes of the other {members} are not named.")
        unnamed = said.format(members=members(others)) if named and others else ""
    return DocumentPage(
        document_row(view),
        view.seat_by_seat,
        OUTCOME_BASIS[view.verdict.basis],
        _explanation(view.verdict, count),
        count.rule.explain() if count is not None else "",
        seats,
        named,
        unnamed,
        embed=embed if count is not None and view.seat_by_seat else None,
        provisions_heading=sentences.provisions_heading(view.document.status),
        presiding=view.presiding,
    )


# --- timeline, figures, quotes, sources, glossary --------------------------------------
