"""The records of the story's files: sources, actors, defections, events, figures, quotes, documents."""

from __future__ import annotations

import datetime
import itertools

from pydantic import Field, model_validator

from generator.content.dates import FuzzyDate
from generator.content.fields import (
    Id,
    Language,
    ProseText,
    Text,
    Url,
    Verbatim,
)
from generator.content.models.base import (
    ActorRef,
    Count,
    Fact,
    MilestoneFlag,
    MilestoneSummary,
    Model,
    OptionalSources,
    QuoteRef,
    Record,
    ShortName,
    Sources,
    Uncertain,
)
from generator.content.models.sets import (
    STATEMENT_KINDS,
    ActorKind,
    AdoptionMode,
    AnnouncementKind,
    DefectionKind,
    DocumentKind,
    DocumentStatus,
    EventKind,
    Measure,
    PublisherType,
    Qualifier,
    Question,
    QuoteKind,
    RelationKind,
    RoleEnd,
    SourceKind,
)
from generator.content.models.story import AttributionField

# --- records -----------------------------------------------------------------


class Source(Record):
    """Where a fact comes from."""

    publisher: Verbatim = Field(description="Who published it, e.g. 'CNN'.")
    title: Verbatim = Field(description="Title of the article, release or record.")
    url: Url = Field(description="Full web address of the source.")
    date: FuzzyDate | None = Field(None, description="Publication date.")
    kind: SourceKind = Field(description="What sort of source it is.")
    # Required, never guessed from `kind`: an article may come from a newspaper, a partisan site or
    # an aggregator, and a report from an NGO or a think tank; only the editor knows which.
    publisher_type: PublisherType = Field(
        description="What kind of publisher it is, shown beside every citation of it so a reader can weigh it: "
        "official, wire, newspaper, broadcaster, news-site, ngo, think-tank, partisan, aggregator, blog or reference."
    )
    note: ProseText | None = Field(None, description="Anything a reader should know about this source.")
    uncertain: Uncertain = None

    @property
    def publisher_kind(self) -> PublisherType:
        """The publisher type the editor wrote."""
        return self.publisher_type


class Role(Model):
    title: Text = Field(description="The post, e.g. 'Ambassador to Iraq'.")
    organization: ActorRef | None = Field(None, description="Id of the organization or state the post is in.")
    start: FuzzyDate | None = Field(None, description="When the role began.")
    end: FuzzyDate | None = Field(None, description="When the role ended; leave out while it goes on.")
    ended: RoleEnd | None = Field(None, description="How the role ended.")
    attribution: AttributionField = None
    sources: OptionalSources = ()

    @property
    def over(self) -> bool:
        """Whether the role has ended: it has an end date or a way it ended."""
        return self.end is not None or self.ended is not None

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.start and self.end and self.start.earliest > self.end.latest:
            raise ValueError(
                f"end {self.end.iso()} is before start {self.start.iso()} (check both against the "
                "sources: one of them is wrong, or they were written the wrong way round)"
            )
        return self


class Relation(Model):
    kind: RelationKind = Field(description="How this actor relates to the other.")
    target: ActorRef = Field(description="Id of the other actor.")
    note: ProseText | None = Field(None, description="Details of the relation.")
    attribution: AttributionField = None
    sources: Sources


class EarlierSide(Model):
    side: Id = Field(description="Id of a side (from story.yml `sides`) the actor was on before.")
    until: FuzzyDate = Field(description="When the actor left that side (the day of the change, e.g. a defection).")
    attribution: AttributionField = Field(
        None, description="Whose claim it is that the actor was on that side, when the sources give it only as a claim."
    )


class EarlierName(Model):
    name: Text = Field(description="A name the actor went by before, e.g. a state's name before it was renamed.")
    until: FuzzyDate = Field(description="The day the name changed (from that day on, the next name is used).")
    sources: OptionalSources = ()


class Actor(Fact):
    """A person, organization, state or group."""

    name: Text = Field(description="Name as readers should see it.")
    short_name: ShortName = None
    kind: ActorKind = Field(description="What sort of actor this is.")
    other_names: tuple[Text, ...] = Field((), description="Other spellings and transliterations.")
    short: Text | None = Field(None, description="A few words saying who this is, for lists.")
    description: ProseText = Field(description="A short biography or description.")
    description_attribution: AttributionField = Field(
        None,
        description="Whose claim the description and `short` are, when they say what someone alleges "
        "rather than what the sources state, e.g. {verb: alleges, by: an-envoy}.",
    )
    earlier_names: tuple[EarlierName, ...] = Field(
        (), description="Names the actor went by before `name`, oldest first, each with the day it changed."
    )
    side: Id = Field(description="Id of the side the actor is on now (from story.yml `sides`).")
    side_attribution: AttributionField = Field(
        None,
        description="Whose claim it is that the actor is on `side`, when the sources give it only as "
        "someone's claim, e.g. {verb: accuses, group: some opposition members}.",
    )
    earlier_sides: tuple[EarlierSide, ...] = Field(
        (), description="Sides the actor was on before `side`, oldest first, each with when it left it."
    )
    nationality: Text | None = Field(None, description="Nationality, for people.")
    roles: tuple[Role, ...] = Field((), description="Posts held over time.")
    relations: tuple[Relation, ...] = Field((), description="Whom this actor backs, opposes or belongs to.")
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _names_in_order(self) -> Actor:
        for before, after in itertools.pairwise(self.earlier_names):
            if after.until.latest < before.until.earliest:
                raise ValueError(
                    f"earlier_names are out of order: {after.until.iso()} comes before {before.until.iso()} "
                    "(list them oldest first)"
                )
        return self

    @model_validator(mode="after")
    def _sides_in_order(self) -> Actor:
        untils = [earlier.until for earlier in self.earlier_sides]
        for before, after in itertools.pairwise(untils):
            if after.latest < before.earliest:
                raise ValueError(
                    f"earlier_sides are out of order: {after.iso()} comes before {before.iso()} "
                    "(list them oldest first)"
                )
        return self


class Post(Model):
    role: Text | None = Field(None, description="The post, e.g. 'Ambassador to Iraq'.")
    organization: ActorRef | None = Field(None, description="Id of the organization, government or party.")

    @model_validator(mode="after")
    def _something(self) -> Post:
        if not self.role and not self.organization:
            raise ValueError("say which post: a role, an organization or both")
        return self


class Announcement(Model):
    via: AnnouncementKind = Field(description="How the defection became known.")
    outlet: ActorRef | None = Field(None, description="Id of the outlet that carried it.")
    note: ProseText | None = Field(None, description="Details of the announcement.")


class Dismissal(Model):
    date: FuzzyDate = Field(description="When the dismissal was issued by those they broke with.")
    effective: FuzzyDate | None = Field(
        None, description="When it took effect, if that was another day (a decree of 1 March effective 15 March)."
    )
    by: ActorRef = Field(description="Id of who dismissed them, e.g. the government.")
    recognised: bool | None = Field(
        None,
        description="Whether the dismissal took effect where they serve: false when they kept the post "
        "(e.g. the UN went on seating them); leave out if not known.",
    )
    note: ProseText | None = Field(None, description="Details of the dismissal.")
    attribution: AttributionField = Field(
        None,
        description="Whose claim the dismissal and its grounds are, e.g. {verb: accuses, by: the-junta} "
        "for a charge of treason.",
    )

    @model_validator(mode="after")
    def _in_order(self) -> Dismissal:
        if self.effective is not None and self.effective.latest < self.date.earliest:
            raise ValueError(
                f"effective {self.effective.iso()} is before the dismissal was issued, {self.date.iso()} "
                "(a dismissal takes effect on or after the day it is issued; check both dates)"
            )
        return self


class Part(Model):
    label: Text = Field(description="What this part counts, e.g. 'civilians'.")
    value: Count = Field(description="The number.")
    qualifier: Qualifier = Field(Qualifier.EXACTLY, description="How this part's number was put: about, at-least...")
    subset: bool = Field(
        False,
        description="True for a part counted within the others or the whole, "
        "e.g. 'about 100 of them officers'; it is not added to them.",
    )


class Seniority(Model):
    track: Id = Field(description="Id of a seniority ladder from story.yml.")
    grade: Id = Field(description="Id of a grade on that ladder.")


class Defection(Fact):
    """Someone breaking ranks: leaving a post or organization, resigning in protest, or defying from within."""

    actor: ActorRef | None = Field(None, description="Id of the person who defected.")
    name: Text | None = Field(None, description="Who defected, when they have no actor record.")
    kind: DefectionKind = Field(
        DefectionKind.LEFT,
        description="left (the default), resigned (said to be in protest only where `reasons` are given), "
        "or broke-ranks (denounced those in power but kept the post).",
    )
    people: Count = Field(1, description="How many people defected together.")
    people_qualifier: Qualifier = Field(
        Qualifier.EXACTLY, description="How the number of people was put, e.g. about for a group of about 60."
    )
    breakdown: tuple[Part, ...] = Field((), description="Who a group was made of, e.g. about 10 officers.")
    date: FuzzyDate = Field(description="When the defection happened or was announced.")
    left: tuple[Post, ...] = Field(
        (), description="What they left or resigned: posts and organizations (needed unless the kind is broke-ranks)."
    )
    broke_with: tuple[ActorRef, ...] = Field(
        (), description="Ids of those they broke with while keeping the post (for broke-ranks)."
    )
    kept: tuple[Post, ...] = Field((), description="The posts they kept (for broke-ranks).")
    dismissal: Dismissal | None = Field(None, description="A dismissal by those they broke with, if any.")
    announced: Announcement | None = Field(None, description="How it was announced.")
    went_to: ProseText | None = Field(None, description="Where they went.")
    seniority: tuple[Seniority, ...] = Field((), description="Rank on the story's seniority ladders.")
    reasons: tuple[ProseText, ...] = Field((), description="Reasons they gave.")
    quotes: tuple[QuoteRef, ...] = Field((), description="Ids of quotes about the defection.")
    note: ProseText | None = Field(None, description="Anything else a reader should know.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _who(self) -> Defection:
        if not self.actor and not self.name:
            raise ValueError("say who defected: an actor id or a name")
        if self.kind is DefectionKind.BROKE_RANKS:
            if not self.kept or not self.broke_with:
                raise ValueError(
                    "a broke-ranks defection keeps a post: give `kept` (the post) and "
                    "`broke_with` (the ids of those they broke with)"
                )
            if self.left:
                raise ValueError(
                    "`left` is for a defection that left its post, and a broke-ranks defection keeps it "
                    "(move the post to `kept`, or set the kind to left if the post was left)"
                )
        elif not self.left:
            raise ValueError(
                f"say what was left: give `left` (posts and organizations), or set the kind to "
                f"broke-ranks if the post was kept (kind is '{self.kind.value}')"
            )
        elif self.kept:
            raise ValueError(
                f"`kept` is only for broke-ranks defections (kind is '{self.kind.value}'; "
                "remove `kept` or change the kind)"
            )
        return self


class Event(Fact):
    """Any other dated happening."""

    date: FuzzyDate = Field(description="When it happened.")
    title: Text = Field(description="One line saying what happened.")
    kind: EventKind = Field(description="What sort of event.")
    description: ProseText | None = Field(None, description="More detail.")
    actors: tuple[ActorRef, ...] = Field((), description="Ids of the actors involved.")
    place: Text | None = Field(None, description="Where it happened.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    attribution: AttributionField = Field(
        None,
        description="Whose claim it is that this happened as told, when the sources give it only as "
        "someone's account, e.g. {verb: says, by: the-ministry}.",
    )
    uncertain: Uncertain = None
    sources: Sources


class Figure(Fact):
    """A claim of a number."""

    metric: Id = Field(description="Id of a metric from story.yml.")
    value: Count | None = Field(None, description="The number claimed (or give low/best/high).")
    low: Count | None = Field(None, description="Lowest estimate.")
    best: Count | None = Field(None, description="Best estimate.")
    high: Count | None = Field(None, description="Highest estimate.")
    qualifier: Qualifier = Field(Qualifier.EXACTLY, description="How the number was put: more-than, about...")
    as_of: FuzzyDate | None = Field(
        None, description="Date the number describes; leave out when the sources do not say (give `reported`)."
    )
    reported: FuzzyDate | None = Field(
        None, description="When the number was reported, if that is not the date it describes (or not known)."
    )
    scope: ProseText | None = Field(None, description="Period and place the number covers.")
    measure: Measure | None = Field(
        None,
        description="total (a running total since a start) or period (a count for the period of `as_of` "
        "alone, e.g. 'in November alone'); leave out to use the metric's measure.",
    )
    claimed_by: ActorRef = Field(description="Id of who counted or claimed the number.")
    reported_by: ActorRef | None = Field(None, description="Id of who reported the claim, if someone else.")
    breakdown: tuple[Part, ...] = Field((), description="Parts that make up the number.")
    note: ProseText | None = Field(None, description="How the number was counted.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    wording_attribution: AttributionField = Field(
        None,
        description="Whose wording the scope and note are, when they use a claimant's words (e.g. "
        "'martyrs'): the number itself is always `claimed_by`'s claim.",
    )
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _numbers(self) -> Figure:
        estimates = [n for n in (self.low, self.best, self.high) if n is not None]
        if self.value is None and not estimates:
            raise ValueError("give a value, or low/best/high estimates")
        if self.value is not None and estimates:
            raise ValueError("give either value or low/best/high, not both")
        if estimates != sorted(estimates):
            raise ValueError("estimates must be ordered low <= best <= high")
        if self.as_of is None and self.reported is None:
            raise ValueError("give `as_of` (the date the number describes) or `reported` (when it was reported)")
        return self

    @property
    def dated(self) -> FuzzyDate:
        """The date a figure is placed at: the one it describes, else the one it was reported."""
        date = self.as_of or self.reported
        assert date is not None  # the validator requires one
        return date


class Quote(Fact):
    """Words someone said."""

    speaker: ActorRef = Field(description="Id of who said it.")
    kind: QuoteKind = Field(
        QuoteKind.QUOTE,
        description="quote (the default): the words exactly as the source publishes them, shown in quotation "
        "marks; paraphrase: what the source reports was said, in its words, shown as reported speech.",
    )
    text: Text = Field(
        description="The words, exactly as published (in the story's language); for a paraphrase, what was "
        "said as a clause that follows 'said', e.g. 'that the meeting was useful'."
    )
    date: FuzzyDate = Field(description="When it was said.")
    context: ProseText | None = Field(None, description="Where, to whom and in what setting.")
    original: Verbatim | None = Field(None, description="The words in the original language, if translated.")
    original_language: Language | None = Field(None, description="Language of the original words.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources


class MemberVotes(Model):
    yes: tuple[ActorRef, ...] = Field((), description="Ids of members that voted yes.")
    no: tuple[ActorRef, ...] = Field((), description="Ids of members that voted no.")
    abstain: tuple[ActorRef, ...] = Field((), description="Ids of members that abstained.")
    absent: tuple[ActorRef, ...] = Field((), description="Ids of members that did not vote.")
    inferred: tuple[ActorRef, ...] = Field((), description="Ids of members whose vote is inferred, not reported.")


class Tally(Model):
    yes: Count = Field(description="Votes in favour.")
    no: Count = Field(description="Votes against.")
    abstain: Count = Field(description="Abstentions.")


class Vote(Model):
    date: FuzzyDate = Field(description="Day of the vote.")
    meeting: Verbatim | None = Field(None, description="Meeting record, e.g. S/PV.6810.")
    members: MemberVotes | None = Field(
        None, description="Each member's vote, where known; with a tally, the votes the sources name."
    )
    tally: Tally | None = Field(None, description="Vote counts; with a tally, `members` may name only some voters.")

    @model_validator(mode="after")
    def _something(self) -> Vote:
        if self.members is None and self.tally is None:
            raise ValueError("give the members' votes, a tally, or both")
        return self


class DocumentVersion(Model):
    """One text of a document as it stood on a day: drafts change between tabling and the vote."""

    date: FuzzyDate = Field(description="When this text was tabled, circulated or put to the vote.")
    label: Text | None = Field(None, description="Which text this is, e.g. 'as tabled' or 'as put to the vote'.")
    provisions: tuple[ProseText, ...] = Field(min_length=1, description="What this text would do, point by point.")
    note: ProseText | None = Field(None, description="What changed from the text before.")
    sources: Sources


class Document(Fact):
    """A draft, resolution or statement of a UN body."""

    kind: DocumentKind = Field(description="What sort of document.")
    symbol: Verbatim | None = Field(None, description="UN symbol, e.g. S/2012/538; leave out if not known.")
    title: Text = Field(description="Short name readers will recognise.")
    short_name: ShortName = None
    body: ActorRef = Field(description="Id of the body that acts on it, e.g. a council or an assembly.")
    sponsors: tuple[ActorRef, ...] = Field((), description="Ids of the sponsors.")
    tabled: FuzzyDate | None = Field(None, description="When it was put forward.")
    provisions: tuple[ProseText, ...] = Field(
        (), description="What it would do, point by point (with versions: what its final text would do)."
    )
    versions: tuple[DocumentVersion, ...] = Field(
        (), description="Its texts as they changed, oldest first, each with its date, provisions and sources."
    )
    chapter_vii: bool | None = Field(None, description="Under Chapter VII of the Charter (true/false).")
    status: DocumentStatus = Field(description="What became of it; a vote's outcome is checked against it.")
    adoption: AdoptionMode | None = Field(
        None,
        description="How it was decided: vote, consensus, without-vote, or statement (agreed, never voted "
        "on); left out, it is vote when a vote is recorded.",
    )
    question: Question | None = Field(
        None,
        description="procedural (a council's: no veto) or important (an assembly's: two-thirds); "
        "leave out for the body's usual rule.",
    )
    vote: Vote | None = Field(None, description="The vote on it.")
    adopted: FuzzyDate | None = Field(
        None,
        description="The day it was adopted without a vote, by consensus or as a statement (a voted text "
        "is dated by its vote).",
    )
    result: Text | None = Field(None, description="What it became, e.g. 'Resolution 2042'.")
    note: ProseText | None = Field(None, description="Anything else a reader should know.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _versions_in_order(self) -> Document:
        for before, after in itertools.pairwise(self.versions):
            if after.date.latest < before.date.earliest:
                raise ValueError(
                    f"versions are out of order: {after.date.iso()} comes before {before.date.iso()} "
                    "(list them oldest first)"
                )
        return self

    @model_validator(mode="after")
    def _decided_once(self) -> Document:
        if self.vote is not None and self.adoption not in (None, AdoptionMode.VOTE):
            raise ValueError(
                f"adoption is '{self.adoption.value}' but a vote is recorded (set adoption to vote, or remove the vote)"
            )
        unvoted = (AdoptionMode.CONSENSUS, AdoptionMode.WITHOUT_VOTE)
        if self.adoption in unvoted and self.status is not DocumentStatus.ADOPTED:
            assert self.adoption is not None
            raise ValueError(
                f"adoption is '{self.adoption.value}' but the status is '{self.status.value}' "
                "(a text adopted that way has the status adopted)"
            )
        return self

    @model_validator(mode="after")
    def _adopted_once(self) -> Document:
        # A voted text's day of adoption is its vote's: two dates for one act could disagree.
        if self.adopted is not None and self.vote is not None:
            raise ValueError("`adopted` is set but a vote is recorded (the vote's date is the day: remove `adopted`)")
        if self.adopted is not None and self.status is not DocumentStatus.ADOPTED:
            raise ValueError(
                f"`adopted` is set but the status is '{self.status.value}' "
                "(set the status to adopted, or remove `adopted`)"
            )
        return self

    @property
    def mode(self) -> AdoptionMode | None:
        """How it was decided, as written, or as the record shows it: a recorded vote, or a statement."""
        if self.adoption is not None:
            return self.adoption
        if self.vote is not None:
            return AdoptionMode.VOTE
        return AdoptionMode.STATEMENT if self.kind in STATEMENT_KINDS else None


def version_at(document: Document, day: datetime.date) -> DocumentVersion | None:
    """The version of a document current on a day: the last one dated on or before it (None before
    the first). A version known only within a range counts from the range's last day, when it
    surely existed."""
    current = None
    for version in document.versions:
        if version.date.latest <= day:
            current = version
    return current
