"""The closed sets of values editors choose from."""

from __future__ import annotations

from enum import StrEnum

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
