"""The content model: what editors write in `content/`, as frozen typed records.

Every field has a description: the editor's guide and the JSON Schema are made
from them. Rules that span records (references, votes, sources) live in
`validate.py`; rules inside one record live here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, model_validator

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import (
    LINKING,
    AnyRef,
    Id,
    Language,
    ProseText,
    RefId,
    Shown,
    Text,
    Url,
)

# --- references: the kinds a field may point at ------------------------------------

class ActorId(RefId):
    kinds = ("actors",)


class SourceId(RefId):
    kinds = ("sources",)


class DocumentId(RefId):
    kinds = ("documents",)


class QuoteId(RefId):
    kinds = ("quotes",)


ActorRef = Annotated[Id, AfterValidator(ActorId), LINKING, Shown("id of an actor")]
SourceRef = Annotated[Id, AfterValidator(SourceId), LINKING, Shown("id of a source")]
DocumentRef = Annotated[Id, AfterValidator(DocumentId), LINKING, Shown("id of a document")]
QuoteRef = Annotated[Id, AfterValidator(QuoteId), LINKING, Shown("id of a quote")]

# A quadrillion is beyond any count a story reports; bounding counts keeps every number that
# passes the check within what charts can scale and sum (a huge one overflowed them).
MAX_COUNT = 10**15
SOURCES_FIELD = "sources"  # where every fact lists its sources; an empty list gets its own message
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]
Sources = Annotated[tuple[SourceRef, ...], Field(
    min_length=1, description="Ids of the sources that back this record (at least one).")]
OptionalSources = Annotated[tuple[SourceRef, ...], Field(
    description="Ids of the sources that back this part.")]
Uncertain = Annotated[ProseText | None, Field(
    description="What is uncertain or disputed about this record; shown to readers as a warning.")]


class Model(BaseModel):
    """Base of every record: immutable, and unknown keys are errors (typos must not pass)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Record(Model):
    id: Id = Field(description="Stable id, lowercase words joined by hyphens; never change it once published.")


# --- closed sets -----------------------------------------------------------

class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    STATE = "state"
    GOVERNMENT = "government"
    UN_BODY = "un-body"
    INTERGOVERNMENTAL = "intergovernmental"
    ARMED_GROUP = "armed-group"
    PARTY = "party"
    MEDIA = "media"
    NGO = "ngo"


class RoleEnd(StrEnum):
    DEFECTED = "defected"
    RESIGNED = "resigned"
    DISMISSED = "dismissed"
    TERM_ENDED = "term-ended"
    REPLACED = "replaced"
    DIED = "died"
    DISSOLVED = "dissolved"
    UNKNOWN = "unknown"


class RelationKind(StrEnum):
    BACKS = "backs"
    OPPOSES = "opposes"
    MEMBER_OF = "member-of"
    PART_OF = "part-of"
    LEADS = "leads"
    ARMS = "arms"


class SourceKind(StrEnum):
    ARTICLE = "article"
    WIRE = "wire"
    VIDEO = "video"
    PRESS_RELEASE = "press-release"
    OFFICIAL_RECORD = "official-record"
    REPORT = "report"
    DATASET = "dataset"
    REFERENCE = "reference"
    BLOG = "blog"
    STATEMENT = "statement"


class AnnouncementKind(StrEnum):
    VIDEO_STATEMENT = "video-statement"
    STATEMENT = "statement"
    INTERVIEW = "interview"
    SOCIAL_MEDIA = "social-media"
    PRESS_CONFERENCE = "press-conference"
    REPORTED = "reported"
    OFFICIAL_CONFIRMATION = "official-confirmation"


class EventKind(StrEnum):
    MEETING = "meeting"
    VISIT = "visit"
    ANNOUNCEMENT = "announcement"
    ATTACK = "attack"
    BRIEFING = "briefing"
    STATEMENT = "statement"
    APPOINTMENT = "appointment"
    CONFERENCE = "conference"
    DECISION = "decision"
    OTHER = "other"


class Qualifier(StrEnum):
    EXACTLY = "exactly"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    ABOUT = "about"
    FEWER_THAN = "fewer-than"
    UP_TO = "up-to"


class DocumentKind(StrEnum):
    DRAFT_RESOLUTION = "draft-resolution"
    RESOLUTION = "resolution"
    PRESIDENTIAL_STATEMENT = "presidential-statement"
    PRESS_STATEMENT = "press-statement"
    ASSEMBLY_RESOLUTION = "assembly-resolution"
    DECISION = "decision"


class DocumentStatus(StrEnum):
    ADOPTED = "adopted"
    VETOED = "vetoed"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    NOT_VOTED = "not-voted"
    PENDING = "pending"


class MediaKind(StrEnum):
    VIDEO = "video"
    PHOTO = "photo"
    AUDIO = "audio"


# --- the story ---------------------------------------------------------------

class Dateline(Model):
    place: Text = Field(description="Where the story is filed from, e.g. 'United Nations'.")
    date: FuzzyDate = Field(description="The story's date.")


class Highlight(Model):
    text: ProseText = Field(description="One short line for the top of the overview.")
    added: Timestamp = Field(description="When the highlight was added; the newest are marked NEW.")


class Update(Model):
    at: Timestamp = Field(description="When the story was updated.")
    text: ProseText = Field(description="What changed in the story.")


class Correction(Model):
    at: Timestamp = Field(description="When the correction was made.")
    text: ProseText = Field(description="What was wrong and what it now says.")
    record: AnyRef | None = Field(None, description="Id of the corrected record, if there is one.")


class Media(Model):
    kind: MediaKind = Field(description="video, photo or audio.")
    title: Text = Field(description="Caption title shown to readers.")
    duration: Text | None = Field(None, description="Running time as text, e.g. '00:43' (quote it).")
    source: SourceRef = Field(description="Id of the source that published the media.")
    caption: ProseText | None = Field(None, description="What the media shows.")


class Related(Model):
    title: Text = Field(description="Headline of the related coverage.")
    publisher: Text = Field(description="Who published it.")
    url: Url | None = Field(None, description="Web address; leave out if not known.")


class Side(Model):
    id: Id = Field(description="Id of the side, used by actors' `side`.")
    label: Text = Field(description="Name of the side as readers see it.")
    description: ProseText | None = Field(None, description="Who belongs to this side.")


class Metric(Model):
    id: Id = Field(description="Id of the metric, used by figures' `metric`.")
    label: Text = Field(description="What is counted, e.g. 'People killed'.")
    unit: Text = Field(description="The unit in a sentence, e.g. 'deaths'.")


class Grade(Model):
    id: Id = Field(description="Id of the grade, used by defections' `seniority.grade`.")
    label: Text = Field(description="Name of the grade, e.g. 'ambassador'.")


class Track(Model):
    id: Id = Field(description="Id of the ladder, used by defections' `seniority.track`.")
    label: Text = Field(description="Name of the ladder, e.g. 'diplomat'.")
    grades: tuple[Grade, ...] = Field(min_length=1, description="Grades from the lowest to the highest.")


class Since(Model):
    date: FuzzyDate = Field(description="When the situation began.")
    label: Text = Field(description="What began, e.g. 'the uprising began'.")


class Story(Model):
    """The story itself."""

    headline: Text = Field(description="The headline.")
    summary: ProseText = Field(description="Two or three sentences saying what the story is about.")
    dateline: Dateline = Field(description="Place and date of the story.")
    language: Language = Field(description="Language of the content as a BCP 47 tag, e.g. en or ar.")
    published: Timestamp = Field(description="When the story was first published.")
    byline: tuple[Text, ...] = Field(min_length=1, description="Authors' names.")
    contributors: tuple[Text, ...] = Field((), description="Others who contributed reporting.")
    since: Since | None = Field(None, description="Start of the situation, to compute how long it has lasted.")
    highlights: tuple[Highlight, ...] = Field((), description="Key points, each with when it was added.")
    updates: tuple[Update, ...] = Field((), description="Log of updates to the story.")
    corrections: tuple[Correction, ...] = Field((), description="Log of corrections.")
    media: tuple[Media, ...] = Field((), description="Video, photos or audio that go with the story.")
    related: tuple[Related, ...] = Field((), description="Related coverage.")
    sides: tuple[Side, ...] = Field(min_length=1, description="The sides actors can be on.")
    metrics: tuple[Metric, ...] = Field((), description="What figures count.")
    key_metrics: tuple[Id, ...] = Field((), description="Metric ids whose latest figures the overview shows.")
    seniority: tuple[Track, ...] = Field((), description="Ladders used to rank defections by seniority.")


# --- records -----------------------------------------------------------------

class Source(Record):
    """Where a fact comes from."""

    publisher: Text = Field(description="Who published it, e.g. 'CNN'.")
    title: Text = Field(description="Title of the article, release or record.")
    url: Url = Field(description="Full web address of the source.")
    date: FuzzyDate | None = Field(None, description="Publication date.")
    kind: SourceKind = Field(description="What sort of source it is.")
    note: ProseText | None = Field(None, description="Anything a reader should know about this source.")


class Role(Model):
    title: Text = Field(description="The post, e.g. 'Ambassador to Iraq'.")
    organization: ActorRef | None = Field(None, description="Id of the organization or state the post is in.")
    start: FuzzyDate | None = Field(None, description="When the role began.")
    end: FuzzyDate | None = Field(None, description="When the role ended; leave out while it goes on.")
    ended: RoleEnd | None = Field(None, description="How the role ended.")
    sources: OptionalSources = ()

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.start and self.end and self.start.earliest > self.end.latest:
            raise ValueError(f"end {self.end.iso()} is before start {self.start.iso()} (swap them)")
        return self


class Relation(Model):
    kind: RelationKind = Field(description="How this actor relates to the other.")
    target: ActorRef = Field(description="Id of the other actor.")
    note: ProseText | None = Field(None, description="Details of the relation.")
    sources: Sources


class Actor(Record):
    """A person, organization, state or group."""

    name: Text = Field(description="Name as readers should see it.")
    kind: ActorKind = Field(description="What sort of actor this is.")
    other_names: tuple[Text, ...] = Field((), description="Other spellings and transliterations.")
    short: Text | None = Field(None, description="A few words saying who this is, for lists.")
    description: ProseText = Field(description="A short biography or description.")
    side: Id = Field(description="Id of the side (from story.yml `sides`).")
    nationality: Text | None = Field(None, description="Nationality, for people.")
    roles: tuple[Role, ...] = Field((), description="Posts held over time.")
    relations: tuple[Relation, ...] = Field((), description="Whom this actor backs, opposes or belongs to.")
    uncertain: Uncertain = None
    sources: Sources


class Left(Model):
    role: Text | None = Field(None, description="The post left, e.g. 'Ambassador to Iraq'.")
    organization: ActorRef | None = Field(None, description="Id of the organization left.")

    @model_validator(mode="after")
    def _something(self) -> Left:
        if not self.role and not self.organization:
            raise ValueError("say what was left: a role, an organization or both")
        return self


class Announcement(Model):
    via: AnnouncementKind = Field(description="How the defection became known.")
    outlet: ActorRef | None = Field(None, description="Id of the outlet that carried it.")
    note: ProseText | None = Field(None, description="Details of the announcement.")


class Seniority(Model):
    track: Id = Field(description="Id of a seniority ladder from story.yml.")
    grade: Id = Field(description="Id of a grade on that ladder.")


class Defection(Record):
    """Someone leaving a post or organization."""

    actor: ActorRef | None = Field(None, description="Id of the person who defected.")
    name: Text | None = Field(None, description="Who defected, when they have no actor record.")
    people: Count = Field(1, description="How many people defected together.")
    date: FuzzyDate = Field(description="When the defection happened or was announced.")
    left: tuple[Left, ...] = Field(min_length=1, description="What they left: posts and organizations.")
    announced: Announcement | None = Field(None, description="How it was announced.")
    went_to: ProseText | None = Field(None, description="Where they went.")
    seniority: tuple[Seniority, ...] = Field((), description="Rank on the story's seniority ladders.")
    reasons: tuple[ProseText, ...] = Field((), description="Reasons they gave.")
    quotes: tuple[QuoteRef, ...] = Field((), description="Ids of quotes about the defection.")
    note: ProseText | None = Field(None, description="Anything else a reader should know.")
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _who(self) -> Defection:
        if not self.actor and not self.name:
            raise ValueError("say who defected: an actor id or a name")
        return self


class Event(Record):
    """Any other dated happening."""

    date: FuzzyDate = Field(description="When it happened.")
    title: Text = Field(description="One line saying what happened.")
    kind: EventKind = Field(description="What sort of event.")
    description: ProseText | None = Field(None, description="More detail.")
    actors: tuple[ActorRef, ...] = Field((), description="Ids of the actors involved.")
    place: Text | None = Field(None, description="Where it happened.")
    uncertain: Uncertain = None
    sources: Sources


class Part(Model):
    label: Text = Field(description="What this part counts, e.g. 'civilians'.")
    value: Count = Field(description="The number.")


class Figure(Record):
    """A claim of a number."""

    metric: Id = Field(description="Id of a metric from story.yml.")
    value: Count | None = Field(None, description="The number claimed (or give low/best/high).")
    low: Count | None = Field(None, description="Lowest estimate.")
    best: Count | None = Field(None, description="Best estimate.")
    high: Count | None = Field(None, description="Highest estimate.")
    qualifier: Qualifier = Field(Qualifier.EXACTLY, description="How the number was put: more-than, about...")
    as_of: FuzzyDate = Field(description="Date the number refers to.")
    scope: ProseText | None = Field(None, description="Period and place the number covers.")
    claimed_by: ActorRef = Field(description="Id of who counted or claimed the number.")
    reported_by: ActorRef | None = Field(None, description="Id of who reported the claim, if someone else.")
    breakdown: tuple[Part, ...] = Field((), description="Parts that make up the number.")
    note: ProseText | None = Field(None, description="How the number was counted.")
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
        return self


class Quote(Record):
    """Words someone said."""

    speaker: ActorRef = Field(description="Id of who said it.")
    text: Text = Field(description="The words, exactly as published (in the story's language).")
    date: FuzzyDate = Field(description="When it was said.")
    context: ProseText | None = Field(None, description="Where, to whom and in what setting.")
    original: Text | None = Field(None, description="The words in the original language, if translated.")
    original_language: Language | None = Field(None, description="Language of the original words.")
    uncertain: Uncertain = None
    sources: Sources


class MemberVotes(Model):
    yes: tuple[ActorRef, ...] = Field((), description="Ids of members that voted yes.")
    no: tuple[ActorRef, ...] = Field((), description="Ids of members that voted no.")
    abstain: tuple[ActorRef, ...] = Field((), description="Ids of members that abstained.")
    absent: tuple[ActorRef, ...] = Field((), description="Ids of members that did not vote.")
    inferred: tuple[ActorRef, ...] = Field(
        (), description="Ids of members whose vote is inferred, not reported.")


class Tally(Model):
    yes: Count = Field(description="Votes in favour.")
    no: Count = Field(description="Votes against.")
    abstain: Count = Field(description="Abstentions.")


class Vote(Model):
    date: FuzzyDate = Field(description="Day of the vote.")
    meeting: Text | None = Field(None, description="Meeting record, e.g. S/PV.6810.")
    members: MemberVotes | None = Field(None, description="Each member's vote, where known.")
    tally: Tally | None = Field(None, description="Vote counts, for bodies too big to list members.")

    @model_validator(mode="after")
    def _something(self) -> Vote:
        if self.members is None and self.tally is None:
            raise ValueError("give the members' votes, a tally, or both")
        return self


class Document(Record):
    """A draft, resolution or statement of a UN body."""

    kind: DocumentKind = Field(description="What sort of document.")
    symbol: Text | None = Field(None, description="UN symbol, e.g. S/2012/538; leave out if not known.")
    title: Text = Field(description="Short name readers will recognise.")
    body: ActorRef = Field(description="Id of the body that acts on it, e.g. a council or an assembly.")
    sponsors: tuple[ActorRef, ...] = Field((), description="Ids of the sponsors.")
    tabled: FuzzyDate | None = Field(None, description="When it was put forward.")
    provisions: tuple[ProseText, ...] = Field((), description="What it would do, point by point.")
    chapter_vii: bool | None = Field(None, description="Under Chapter VII of the Charter (true/false).")
    status: DocumentStatus = Field(description="What became of it; a vote's outcome is checked against it.")
    vote: Vote | None = Field(None, description="The vote on it.")
    result: Text | None = Field(None, description="What it became, e.g. 'Resolution 2042'.")
    uncertain: Uncertain = None
    sources: Sources


class Adoption(Model):
    votes_needed: Count = Field(9, description="Yes votes needed to adopt.")
    permanent_veto: bool = Field(True, description="A permanent member's no vote blocks adoption.")


class Membership(Record):
    """Who sat on a body in one year."""

    body: ActorRef = Field(description="Id of the body.")
    year: Annotated[int, Strict(), Field(ge=1945, le=2100)] = Field(description="The year.")
    permanent: tuple[ActorRef, ...] = Field(description="Ids of the permanent members.")
    elected: tuple[ActorRef, ...] = Field(description="Ids of the elected members that year.")
    adoption: Adoption = Field(Adoption(), description="The voting rule (defaults to the UN Charter's).")
    sources: Sources


class Credentials(StrEnum):
    """What a body decided about rival claims to one seat."""

    ACCEPTED = "accepted"  # the body seated one claimant (see `seated`)
    REJECTED = "rejected"  # no claimant was seated
    DEFERRED = "deferred"  # the decision was put off; the seat's holder stays as it was
    PENDING = "pending"  # not decided yet


class SeatClaim(Model):
    claimant: ActorRef = Field(description="Id of who claims the seat, e.g. a government or its rival.")
    letter: FuzzyDate | None = Field(None, description="Date of the claimant's letter or credentials.")
    note: ProseText | None = Field(None, description="What the claimant says or sent.")
    sources: OptionalSources = ()


class ContestedSeat(Record):
    """Rival claims to one state's seat in a body, and what the body decided."""

    body: ActorRef = Field(description="Id of the body, e.g. a general assembly.")
    state: ActorRef = Field(description="Id of the state (or group or constituency) whose seat is claimed.")
    claims: tuple[SeatClaim, ...] = Field(min_length=2, description="Each claimant and its claim.")
    decision: Credentials = Field(description="accepted, rejected, deferred or pending.")
    seated: ActorRef | None = Field(None, description="Id of the claimant seated, when one was accepted.")
    decided: FuzzyDate | None = Field(None, description="When the body (or its credentials committee) decided.")
    decided_by: ActorRef | None = Field(None, description="Id of who decided, e.g. a credentials committee.")
    note: ProseText | None = Field(None, description="Anything else a reader should know.")
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _seated(self) -> ContestedSeat:
        claimants = [c.claimant for c in self.claims]
        if len(set(claimants)) < len(claimants):
            raise ValueError("a claimant is listed twice (list each claimant once)")
        if self.decision is Credentials.ACCEPTED and self.seated not in claimants:
            raise ValueError("the decision is 'accepted': set `seated` to the id of one of the claimants")
        if self.decision is not Credentials.ACCEPTED and self.seated is not None:
            raise ValueError(f"`seated` is set but the decision is '{self.decision.value}' "
                             "(set the decision to accepted, or remove `seated`)")
        return self


class Mandate(Model):
    start: FuzzyDate = Field(description="Start of this mandate period.")
    end: FuzzyDate = Field(description="End of this mandate period.")
    by: DocumentRef | None = Field(None, description="Id of the document that set it.")
    size: Text | None = Field(None, description="Authorised size, e.g. 'up to 300 unarmed observers'.")
    description: ProseText = Field(description="What the mission was to do in this period.")

    @model_validator(mode="after")
    def _ordered(self) -> Mandate:
        if self.start.earliest > self.end.latest:
            raise ValueError(f"end {self.end.iso()} is before start {self.start.iso()} (swap them)")
        return self


class Mission(Record):
    """A mission and its mandates over time."""

    actor: ActorRef = Field(description="Id of the mission's actor record.")
    mandates: tuple[Mandate, ...] = Field(min_length=1, description="Mandate periods in order.")
    note: ProseText | None = Field(None, description="How it ended or what else to know.")
    sources: Sources


class Plan(Record):
    """A peace plan or proposal with its points."""

    name: Text = Field(description="Name of the plan.")
    by: ActorRef = Field(description="Id of who put it forward.")
    date: FuzzyDate = Field(description="When it was put forward.")
    points: tuple[ProseText, ...] = Field(min_length=1, description="The points, in order.")
    note: ProseText | None = Field(None, description="What became of it.")
    sources: Sources


class Term(Record):
    """A term or abbreviation."""

    term: Text = Field(description="The term or abbreviation as it appears in text.")
    expansion: Text | None = Field(None, description="What an abbreviation stands for (shown as a tooltip).")
    definition: ProseText = Field(description="What it means.")
    sources: OptionalSources = ()


# --- how a record reads -------------------------------------------------------

QUALIFIER_WORDS = {
    Qualifier.EXACTLY: "", Qualifier.MORE_THAN: "more than ", Qualifier.AT_LEAST: "at least ",
    Qualifier.ABOUT: "about ", Qualifier.FEWER_THAN: "fewer than ", Qualifier.UP_TO: "up to ",
}


def figure_number(figure: Figure) -> str:
    """Say the number the way it was claimed: 'more than 15,000' is never '15,000'."""
    words = QUALIFIER_WORDS[figure.qualifier]
    if figure.value is not None:
        return f"{words}{figure.value:,}"
    low, best, high = figure.low, figure.best, figure.high
    if low is not None and high is not None:
        text = f"{words}{low:,}–{high:,}"
        return f"{text} (best estimate {best:,})" if best is not None else text
    return f"{words}{(best if best is not None else low if low is not None else high):,}"
