"""The content model: what editors write in `content/`, as frozen typed records.

Every field has a description: the editor's guide and the JSON Schema are made
from them. Rules that span records (references, votes, sources) live in
`validate.py`; rules inside one record live here.
"""

from __future__ import annotations

import datetime
import itertools
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
from generator.content.prose import find_cites, strip_markup

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
Sources = Annotated[
    tuple[SourceRef, ...], Field(min_length=1, description="Ids of the sources that back this record (at least one).")
]
OptionalSources = Annotated[tuple[SourceRef, ...], Field(description="Ids of the sources that back this part.")]
# Claims of one metric this many days apart are compared ("sources differ"), unless the metric says otherwise.
DEFAULT_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 3660
Uncertain = Annotated[
    ProseText | None,
    Field(description="What is uncertain or disputed about this record; shown to readers as a warning."),
]


class Model(BaseModel):
    """Base of every record: immutable, and unknown keys are errors (typos must not pass)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Record(Model):
    id: Id = Field(description="Stable id, lowercase words joined by hyphens; never change it once published.")


class Fact(Record):
    """A record of something reported: it belongs to an edition once it had happened and been reported."""

    added: Timestamp | None = Field(
        None,
        description="When the record was added to the story, for one whose sources are undated "
        "(or published later): editions from this moment on show it.",
    )


# What every dated kind adds (kinds.py's `milestones` lists them): whether a record is a turning
# point of the story, and the one sentence that tells it in "The story so far".
MilestoneFlag = Annotated[
    bool,
    Strict(),
    Field(description="true for a turning point, shown in the overview's 'The story so far' (mark about 8 to 10)."),
]


def _rests_on_its_record(summary: str) -> str:
    """A milestone's sentence tells its record, whose sources the overview cites after it."""
    marker = next(find_cites(summary), None)
    if marker is not None:
        raise ValueError(
            f"holds the citation marker [^{marker.source}], but a summary rests on its record's own `sources`, "
            "which the overview cites after it (remove the marker, or add the source to `sources`)"
        )
    return summary


MilestoneSummary = Annotated[
    Annotated[ProseText, AfterValidator(_rests_on_its_record)] | None,
    Field(
        description="The record in one sentence for 'The story so far', when the sentence made from it reads "
        "badly; its sources are the record's."
    ),
]


ShortName = Annotated[
    Text | None,
    Field(description="A shorter name for running text, e.g. 'WHO' or 'Resolution 2417': [[id]] in prose prints it."),
]


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
    DEPOSED = "deposed"
    DETAINED = "detained"
    EXILED = "exiled"
    KILLED = "killed"
    DIED = "died"
    TERM_ENDED = "term-ended"
    REPLACED = "replaced"
    DISSOLVED = "dissolved"
    UNKNOWN = "unknown"


class DefectionKind(StrEnum):
    """What breaking ranks meant for the post: left it, resigned it, or kept it."""

    LEFT = "left"  # left posts or organizations (fled, switched sides)
    RESIGNED = "resigned"  # resigned; "in protest" only where `reasons` say why
    BROKE_RANKS = "broke-ranks"  # denounced those in power but kept the post


class RelationKind(StrEnum):
    BACKS = "backs"
    OPPOSES = "opposes"
    MEMBER_OF = "member-of"
    PART_OF = "part-of"
    LEADS = "leads"
    ARMS = "arms"


class ClaimVerb(StrEnum):
    """How whoever a claim is attributed to put it; sentences.py words each one."""

    SAYS = "says"
    CLAIMS = "claims"
    ALLEGES = "alleges"
    ACCUSES = "accuses"
    DENIES = "denies"  # the claim is that it is not so
    REPORTS = "reports"


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


class PublisherType(StrEnum):
    """What kind of publisher a source comes from, so a reader can weigh it at a glance."""

    OFFICIAL = "official"  # a government, the UN or another official body, in its own words
    WIRE = "wire"
    NEWSPAPER = "newspaper"
    BROADCASTER = "broadcaster"
    NEWS_SITE = "news-site"  # a news outlet that publishes only online
    NGO = "ngo"
    THINK_TANK = "think-tank"  # a research institute, which may argue a line
    PARTISAN = "partisan"  # an outlet that campaigns for one side: a reader should know
    AGGREGATOR = "aggregator"  # a site that republishes other outlets' reports: cite the original
    BLOG = "blog"
    REFERENCE = "reference"  # an encyclopedia, data set or other reference work


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
    ALMOST = "almost"  # below the number, and close to it
    NEARLY = "nearly"  # the same as almost, as some sources put it


class Measure(StrEnum):
    """What a number counts: a running total since a start, or a count for one period alone.

    "More than 2,700 since the uprising" and "3,486 in November alone" count the same thing
    (civilians killed) but cannot be compared, charted on one axis or said to disagree.
    """

    TOTAL = "total"
    PERIOD = "period"


class DocumentKind(StrEnum):
    DRAFT_RESOLUTION = "draft-resolution"
    RESOLUTION = "resolution"
    PRESIDENTIAL_STATEMENT = "presidential-statement"
    PRESS_STATEMENT = "press-statement"
    ASSEMBLY_RESOLUTION = "assembly-resolution"
    DECISION = "decision"


# Agreed and read out, never voted on: their adoption mode is statement unless the editor says otherwise.
STATEMENT_KINDS = frozenset({DocumentKind.PRESIDENTIAL_STATEMENT, DocumentKind.PRESS_STATEMENT})


class DocumentStatus(StrEnum):
    ADOPTED = "adopted"
    VETOED = "vetoed"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    NOT_VOTED = "not-voted"
    PENDING = "pending"


class AdoptionMode(StrEnum):
    """How a body took a decision on a document."""

    VOTE = "vote"  # put to a vote: the vote says how it went
    CONSENSUS = "consensus"  # adopted by consensus
    WITHOUT_VOTE = "without-vote"  # adopted without a vote
    STATEMENT = "statement"  # agreed and read out, never voted on (presidential and press statements)


class RuleKind(StrEnum):
    """The closed set of adoption rules; voting.py says what each one needs."""

    COUNCIL = "council"  # votes_needed yes (9) and no permanent member voting no, except on procedural questions
    ASSEMBLY = "assembly"  # a majority of those present and voting; two-thirds on important questions
    MAJORITY = "majority"  # a majority of those present and voting
    VOTES_NEEDED = "votes-needed"  # at least votes_needed yes, with no veto


class Question(StrEnum):
    """A question a body's rule treats apart from the others."""

    PROCEDURAL = "procedural"  # a council's procedural question: no veto
    IMPORTANT = "important"  # an assembly's important question: two-thirds


class QuoteKind(StrEnum):
    """Whether a quote gives the words as said, or what was said in the source's words."""

    QUOTE = "quote"  # word for word as the source gives them: shown in quotation marks
    PARAPHRASE = "paraphrase"  # what the source reports was said: shown as reported speech, never quoted


class MediaKind(StrEnum):
    VIDEO = "video"
    PHOTO = "photo"
    AUDIO = "audio"


# --- the story ---------------------------------------------------------------


class Strictness(StrEnum):
    """How `check` treats a rule a story may relax: as an error (the default) or a warning."""

    ERROR = "error"
    WARNING = "warning"


# The overview's "What you need to know": a few short sentences that fit a phone's first screen
# with the headline, each resting on a source like any fact.
NEED_TO_KNOW_FIELD = "need_to_know"
NEED_TO_KNOW_SENTENCES = (3, 5)
NEED_TO_KNOW_CHARACTERS = 650  # as read (marks and markers left out): about 15 lines on a 390 px phone
NEED_TO_KNOW_HINT = "3 to 5 short sentences for the top of the overview, each ending in a citation such as [^source-id]"
# Hints for required fields whose name alone does not say what to write (explain.py adds them).
MISSING_HINTS = {NEED_TO_KNOW_FIELD: NEED_TO_KNOW_HINT}


def _cited(sentence: str) -> str:
    if next(find_cites(sentence), None) is None:
        raise ValueError(
            "this sentence cites no source (end it with a citation marker for the source it rests on, "
            "e.g. ...on 11 July.[^source-id])"
        )
    return sentence


def _short_enough(sentences: tuple[str, ...]) -> tuple[str, ...]:
    low, high = NEED_TO_KNOW_SENTENCES
    if not low <= len(sentences) <= high:
        count = f"{len(sentences)} sentence{'s' if len(sentences) != 1 else ''}"
        what = "merge some" if len(sentences) > high else "add more"
        raise ValueError(f"has {count}; write {low} to {high} ({what}: who, what, where, when and how many)")
    length = sum(len(strip_markup(s, lambda rid: rid)) for s in sentences)
    if length > NEED_TO_KNOW_CHARACTERS:
        raise ValueError(
            f"is {length:,} characters long as read, over the {NEED_TO_KNOW_CHARACTERS} that fit a phone's "
            "first screen (shorten the sentences; the summary and the pages below tell the rest)"
        )
    return sentences


NeedToKnow = Annotated[
    tuple[Annotated[ProseText, AfterValidator(_cited)], ...],
    AfterValidator(_short_enough),
    Field(
        description=f"What you need to know: {NEED_TO_KNOW_HINT}; at most {NEED_TO_KNOW_CHARACTERS} characters in all."
    ),
]


class Dateline(Model):
    place: Text = Field(description="Where the story is filed from, e.g. 'United Nations'.")
    date: FuzzyDate = Field(description="The story's date.")


class Highlight(Model):
    text: ProseText = Field(description="One short line for the top of the overview.")
    added: Timestamp = Field(description="When the highlight was added; the newest are marked NEW.")


class Update(Model):
    at: Timestamp = Field(description="When the story was updated.")
    text: ProseText = Field(description="What changed in the story.")
    dateline: Dateline | None = Field(
        None, description="The dateline this update was written under, when it is not the story's place on its day."
    )
    headline: Text | None = Field(
        None,
        description="The headline from this update on, when the story has moved past the one it had "
        "(story.yml's `headline` stays as first published, so each edition keeps its own).",
    )
    summary: ProseText | None = Field(
        None, description="The summary from this update on, when the story has moved past it (cite its sources)."
    )
    need_to_know: NeedToKnow | None = Field(
        None, description="What you need to know from this update on, when the story has moved past it."
    )


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
    url: Url | None = Field(
        None, description="Web address. Coverage without one is not shown: a reader could not open it."
    )


class Attribution(Model):
    """Whose claim a record or part is, apart from the source that reports it: shown as a claim, never as fact.

    Every part that states something someone may only have said (a side, a place on a side, a
    description, a role, a relation, a dismissal, an event, a figure's wording) may carry one;
    the registry lists them (`Kind.claims`), and every page and export prints it beside the text.
    """

    verb: ClaimVerb = Field(description="How they put it: says, claims, alleges, accuses, denies or reports.")
    by: ActorRef | None = Field(None, description="Id of who makes the claim (or give `group`).")
    group: Text | None = Field(
        None, description="Who makes the claim, when they are not one actor, e.g. 'some opposition members'."
    )

    @model_validator(mode="after")
    def _who(self) -> Attribution:
        if (self.by is None) == (self.group is None):
            raise ValueError("say who makes the claim: give `by` (an actor id) or `group` (a description), not both")
        return self


AttributionField = Annotated[
    Attribution | None,
    Field(
        description="Whose claim this is, when the sources report it as someone's claim rather than as fact, "
        "e.g. {verb: accuses, group: some opposition members}."
    ),
]


class Side(Model):
    id: Id = Field(description="Id of the side, used by actors' `side`.")
    label: Text = Field(description="Name of the side as readers see it.")
    description: ProseText | None = Field(None, description="Who belongs to this side.")
    attribution: AttributionField = Field(
        None,
        description="Whose claim it is that this side's members are what its label says, e.g. "
        "{verb: alleges, by: an-envoy} for a side labelled 'Backers of the junta'; a label naming what the "
        "members did ('Vetoed the drafts') needs none.",
    )


class Metric(Model):
    id: Id = Field(description="Id of the metric, used by figures' `metric`.")
    label: Text = Field(description="What is counted, e.g. 'People killed'.")
    unit: Text = Field(description="The unit in a sentence, e.g. 'deaths'.")
    window_days: Annotated[int, Strict(), Field(ge=0, le=MAX_WINDOW_DAYS)] = Field(
        DEFAULT_WINDOW_DAYS,
        description="Claims by different claimants this many days apart or closer are "
        "compared, and flagged when no number fits both (default 7).",
    )
    measure: Measure = Field(
        Measure.TOTAL,
        description="What its figures count unless they say otherwise: total (a running total since a "
        "start, the default) or period (a count for one period alone, e.g. one day or month).",
    )


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

    name: Text | None = Field(
        None,
        description="A short title that names the story for as long as it runs, e.g. 'Harbour ferry vote': the "
        "site's name in every page's header. Left out, the first headline.",
    )
    headline: Text = Field(description="The headline as first published (an update may rewrite it).")
    summary: ProseText = Field(description="Two or three sentences saying what the story is about.")
    need_to_know: NeedToKnow
    dateline: Dateline = Field(description="Place and date of the story as first published.")
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
    copyright: Text | None = Field(
        None,
        description="The line at the foot of every page, e.g. 'Text by the Harbour desk'; without it, "
        "mkdocs.yml's `copyright`, if any.",
    )
    missing_citations: Strictness = Field(
        Strictness.ERROR,
        description="What `check` does with a sentence of the story's own prose (summary, highlights, "
        "captions) that cites no source: `error` (the default) refuses it, `warning` lists it and passes.",
    )

    @property
    def current_headline(self) -> str:
        """The headline as the story reads now: the latest update's rewrite of it, else the first."""
        return next((u.headline for u in self._newest_first() if u.headline), self.headline)

    @property
    def current_summary(self) -> str:
        """The summary as the story reads now: the latest update's rewrite of it, else the first."""
        return next((u.summary for u in self._newest_first() if u.summary), self.summary)

    @property
    def short_name(self) -> str:
        """The story's stable name: `name`, else the headline it was first published under."""
        return self.name or self.headline

    @property
    def current_dateline(self) -> Dateline:
        """The dateline at the story's now: the latest update's own, else the first place on the
        day of the latest update (the first dateline as written while there is none)."""
        newest = self._newest_first()
        written = next((u.dateline for u in newest if u.dateline), None)
        if written is not None and written is newest[0].dateline:
            return written
        if not newest:
            return self.dateline
        place = written.place if written else self.dateline.place
        return Dateline(place=place, date=FuzzyDate.parse(newest[0].at.moment.date().isoformat()))

    @property
    def current_need_to_know(self) -> tuple[str, ...]:
        """What you need to know as the story reads now: the latest update's rewrite of it, else the first."""
        return next((u.need_to_know for u in self._newest_first() if u.need_to_know), self.need_to_know)

    def _newest_first(self) -> list[Update]:
        return sorted(self.updates, key=lambda u: u.at, reverse=True)

    @property
    def now(self) -> Timestamp:
        """The story's one "now": when it last changed for readers, by an update or a
        correction (the overview's "updated"), or its first publication before either.

        Nothing in the content may have happened after it (see validate.py)."""
        changes = [u.at for u in self.updates] + [c.at for c in self.corrections]
        return max([self.published, *changes])  # never before publication, even while check refuses it


# --- records -----------------------------------------------------------------


class Source(Record):
    """Where a fact comes from."""

    publisher: Text = Field(description="Who published it, e.g. 'CNN'.")
    title: Text = Field(description="Title of the article, release or record.")
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
    original: Text | None = Field(None, description="The words in the original language, if translated.")
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
    meeting: Text | None = Field(None, description="Meeting record, e.g. S/PV.6810.")
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
    symbol: Text | None = Field(None, description="UN symbol, e.g. S/2012/538; leave out if not known.")
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


COUNCIL_VOTES_NEEDED = 9  # Article 27 of the UN Charter


class Adoption(Model):
    rule: RuleKind = Field(
        RuleKind.COUNCIL,
        description="council (the default), assembly, majority or votes-needed; the guide says what each needs.",
    )
    votes_needed: Count | None = Field(
        None, description="Yes votes needed, for the council rule (default 9) and the votes-needed rule."
    )

    @model_validator(mode="after")
    def _needed(self) -> Adoption:
        if self.rule is RuleKind.VOTES_NEEDED and self.votes_needed is None:
            raise ValueError("the votes-needed rule needs `votes_needed` (the number of yes votes to adopt)")
        if self.rule in (RuleKind.ASSEMBLY, RuleKind.MAJORITY) and self.votes_needed is not None:
            raise ValueError(
                f"the {self.rule.value} rule counts a share of those present and voting: remove "
                "`votes_needed`, or use the votes-needed rule"
            )
        return self

    @property
    def needed(self) -> int:
        """Yes votes needed, for the rules that count them."""
        return self.votes_needed if self.votes_needed is not None else COUNCIL_VOTES_NEEDED


class Presidency(Model):
    """Who presided over a body in one month (a council's presidency rotates monthly)."""

    month: FuzzyDate = Field(description="The month, e.g. 2012-07.")
    member: ActorRef = Field(description="Id of the member that held the presidency that month.")
    sources: OptionalSources = ()


class Membership(Fact):
    """Who sat on a body in one year, and the body's adoption rule."""

    body: ActorRef = Field(description="Id of the body.")
    year: Annotated[int, Strict(), Field(ge=1945, le=2100)] = Field(description="The year.")
    since: FuzzyDate | None = Field(
        None,
        description="The day this membership took effect, when it changed within the year (a state admitted in "
        "July: a second membership of that year, since that day); left out, from 1 January.",
    )
    permanent: tuple[ActorRef, ...] = Field((), description="Ids of the permanent members.")
    elected: tuple[ActorRef, ...] = Field((), description="Ids of the elected members that year.")
    members: tuple[ActorRef, ...] = Field(
        (),
        description="Ids of the members (besides any permanent and elected ones); where not every seat is "
        "listed, give `seats` and list at least those named in votes.",
    )
    seats: Count | None = Field(
        None, description="How many seats the body has, when not every member is listed (e.g. 193 for an assembly)."
    )
    adoption: Adoption = Field(
        Adoption(),
        description="The adoption rule, e.g. {rule: assembly}; left out, the "
        "council rule (nine yes votes, no permanent member voting no).",
    )
    presidency: tuple[Presidency, ...] = Field(
        (), description="Who presided in the months of the year the story covers, e.g. {month: 2012-07, member: x}."
    )
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _seats(self) -> Membership:
        listed = len(self.permanent) + len(self.elected) + len(self.members)
        if self.seats is None and not listed:
            raise ValueError("list the members (permanent, elected or members), or give the number of `seats`")
        if self.seats is not None and self.seats < listed:
            raise ValueError(f"seats is {self.seats} but {listed} members are listed (fix the number of seats)")
        if "adoption" not in self.model_fields_set and not self.permanent:
            # The default is a council's rule: silently, a committee of nine would need all nine.
            raise ValueError(
                "say how this body adopts a text: `adoption: {rule: majority}` (or assembly, or votes-needed "
                "with votes_needed); the default, the council rule, is for a body with permanent members"
            )
        return self

    @property
    def listed(self) -> tuple[str, ...]:
        """Every member listed, permanent members first."""
        return (*self.permanent, *self.elected, *self.members)

    @property
    def size(self) -> int:
        """How many seats the body has."""
        return self.seats if self.seats is not None else len(self.listed)


class Credentials(StrEnum):
    """What a body decided about rival claims to one seat."""

    ACCEPTED = "accepted"  # the body seated one claimant (see `seated`)
    REJECTED = "rejected"  # no claimant was seated
    DEFERRED = "deferred"  # the decision was put off; the seat's holder stays as it was
    PENDING = "pending"  # not decided yet


class SeatLetter(Model):
    """One letter a claimant sent about the seat: its credentials, or the name of who should sit."""

    date: FuzzyDate = Field(description="Date of the letter.")
    nominee: Text | None = Field(None, description="Who the letter names to represent the claimant in the seat.")
    note: ProseText | None = Field(None, description="What else the letter says.")
    sources: OptionalSources = ()


class SeatClaim(Model):
    claimant: ActorRef = Field(description="Id of who claims the seat, e.g. a government or its rival.")
    letter: FuzzyDate | None = Field(
        None, description="Date of the claimant's letter or credentials, when it sent one (else list `letters`)."
    )
    letters: tuple[SeatLetter, ...] = Field(
        (), description="The claimant's letters over time, oldest first, each with its date and any nominee."
    )
    note: ProseText | None = Field(None, description="What the claimant says or sent.")
    sources: OptionalSources = ()

    @model_validator(mode="after")
    def _one_way(self) -> SeatClaim:
        if self.letter is not None and self.letters:
            raise ValueError("give `letter` (one date) or `letters` (several over time), not both")
        return self


class SeatDecision(Model):
    """One decision on the seat: a session may defer it, the next defer it again, a later one decide."""

    date: FuzzyDate = Field(description="When the body (or its credentials committee) decided.")
    decision: Credentials = Field(description="accepted, rejected, deferred or pending.")
    seated: ActorRef | None = Field(None, description="Id of the claimant seated, when one was accepted.")
    by: ActorRef | None = Field(None, description="Id of who decided, e.g. a credentials committee.")
    note: ProseText | None = Field(None, description="What was said or agreed.")
    sources: OptionalSources = ()

    @model_validator(mode="after")
    def _seated(self) -> SeatDecision:
        _check_seated(self.decision, self.seated)
        return self


def _check_seated(decision: Credentials | None, seated: str | None) -> None:
    """An accepted claim names who was seated; no other decision seats anyone."""
    if decision is Credentials.ACCEPTED and seated is None:
        raise ValueError("the decision is 'accepted': set `seated` to the id of one of the claimants")
    if decision is not Credentials.ACCEPTED and seated is not None:
        shown = f"the decision is '{decision.value}'" if decision is not None else "no decision is given"
        raise ValueError(f"`seated` is set but {shown} (set the decision to accepted, or remove `seated`)")


class ContestedSeat(Fact):
    """Rival claims to one state's seat in a body, and what the body decided, once or over time."""

    body: ActorRef = Field(description="Id of the body, e.g. a general assembly.")
    state: ActorRef = Field(description="Id of the state (or group or constituency) whose seat is claimed.")
    claims: tuple[SeatClaim, ...] = Field(min_length=2, description="Each claimant and its claim.")
    holder: ActorRef | None = Field(
        None, description="Id of the claimant that held the seat when the contest began, if one did."
    )
    decision: Credentials | None = Field(
        None, description="accepted, rejected, deferred or pending: for one decision (else list `decisions`)."
    )
    seated: ActorRef | None = Field(None, description="Id of the claimant seated, when one was accepted.")
    decided: FuzzyDate | None = Field(None, description="When the body (or its credentials committee) decided.")
    decided_by: ActorRef | None = Field(None, description="Id of who decided, e.g. a credentials committee.")
    decisions: tuple[SeatDecision, ...] = Field(
        (), description="Decisions over time, oldest first: deferred, deferred again, then accepted or rejected."
    )
    note: ProseText | None = Field(None, description="Anything else a reader should know.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources

    @model_validator(mode="after")
    def _seated(self) -> ContestedSeat:
        claimants = [c.claimant for c in self.claims]
        # A claimant listed twice is reported at the second listing, by validate.py.
        if self.decisions and (self.decision, self.seated, self.decided, self.decided_by) != (None,) * 4:
            raise ValueError(
                "give one decision (`decision`, `seated`, `decided`, `decided_by`) or several over time "
                "(`decisions`), not both"
            )
        _check_seated(self.decision, self.seated)
        for seated in (self.seated, *(d.seated for d in self.decisions), self.holder):
            if seated is not None and seated not in claimants:
                raise ValueError(f"'{seated}' is not one of the claimants (add its claim, or fix the id)")
        for before, after in itertools.pairwise(self.decisions):
            if after.date.latest < before.date.earliest:
                raise ValueError(
                    f"decisions are out of order: {after.date.iso()} comes before {before.date.iso()} "
                    "(list them oldest first)"
                )
        return self


class Mandate(Model):
    start: FuzzyDate = Field(description="The day this mandate period took effect.")
    end: FuzzyDate = Field(
        description="The day it expired (a period of 90 days from 21 April expires on 20 July, as the Council counts)."
    )
    by: DocumentRef | None = Field(None, description="Id of the document that set it.")
    ended_by: DocumentRef | None = Field(
        None,
        description="Id of the document that ended it (on `end`), when one did rather than the period running out.",
    )
    size: Text | None = Field(None, description="Authorised size, e.g. 'up to 300 unarmed observers'.")
    description: ProseText = Field(description="What the mission was to do in this period.")

    @model_validator(mode="after")
    def _ordered(self) -> Mandate:
        if self.start.earliest > self.end.latest:
            raise ValueError(
                f"end {self.end.iso()} is before start {self.start.iso()} (check both against the "
                "sources: one of them is wrong, or they were written the wrong way round)"
            )
        return self


class Mission(Fact):
    """A mission and its mandates over time."""

    actor: ActorRef = Field(description="Id of the mission's actor record.")
    mandates: tuple[Mandate, ...] = Field(min_length=1, description="Mandate periods in order.")
    note: ProseText | None = Field(None, description="How it ended or what else to know.")
    uncertain: Uncertain = None
    sources: Sources


class Plan(Fact):
    """A peace plan or proposal with its points."""

    name: Text = Field(description="Name of the plan.")
    short_name: ShortName = None
    by: ActorRef = Field(description="Id of who put it forward.")
    date: FuzzyDate = Field(description="When it was put forward.")
    points: tuple[ProseText, ...] = Field(min_length=1, description="The points, in order.")
    note: ProseText | None = Field(None, description="What became of it.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources


class Term(Fact):
    """A term or abbreviation."""

    term: Text = Field(description="The term or abbreviation as it appears in text.")
    expansion: Text | None = Field(None, description="What an abbreviation stands for (shown as a tooltip).")
    definition: ProseText = Field(description="What it means.")
    uncertain: Uncertain = None
    sources: OptionalSources = ()


# --- how a record reads -------------------------------------------------------

QUALIFIER_WORDS = {
    Qualifier.EXACTLY: "",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.ABOUT: "about ",
    Qualifier.FEWER_THAN: "fewer than ",
    Qualifier.UP_TO: "up to ",
    Qualifier.ALMOST: "almost ",
    Qualifier.NEARLY: "nearly ",
}


def opening(text: str, words: int = 6) -> str:
    """A quote's first words in quotation marks, to tell links to quotes apart: '“To my brothers in the…”'."""
    shown = text.split()
    return f"“{' '.join(shown[:words])}{'…' if len(shown) > words else ''}”"


def as_said(text: str, kind: QuoteKind) -> str:
    """Words as readers see them: a quote in quotation marks, a paraphrase as reported speech ('said that ...')."""
    return f"“{text}”" if kind is QuoteKind.QUOTE else f"said {text}"


def quote_opening(quote: Quote) -> str:
    """A quote's first words, to tell links to quotes apart; a paraphrase's, never in quotation marks."""
    if quote.kind is QuoteKind.QUOTE:
        return opening(quote.text)
    shown = quote.text.split()
    return as_said(" ".join(shown[:6]) + ("…" if len(shown) > 6 else ""), quote.kind)


def qualified(value: int, qualifier: Qualifier) -> str:
    """A number the way it was put: 'about 100'."""
    return f"{QUALIFIER_WORDS[qualifier]}{value:,}"


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
