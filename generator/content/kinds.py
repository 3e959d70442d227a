"""The registry of record kinds: one declaration per kind, read by every other module.

Everything the pipeline knows about a kind of record lives in its `Kind` below:
the file or folder it is written in, its model, the words `new` accepts for it,
the page its records live on, where it sorts, how a link to one of its
records is named, and its schema.org and Popolo types. Adding a kind is one model
and one entry here (and a field in `Records`); its timeline entry is printed by
templates/timeline/<name>.md.html, or by the default one when that tells it well
enough (tests/test_new_kind.py adds a kind in a test alone).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

from generator.content.dates import FuzzyDate
from generator.content.fields import Prose
from generator.content.i18n import _, pgettext
from generator.content.models import (
    Actor,
    Attribution,
    ContestedSeat,
    Defection,
    Document,
    Event,
    Figure,
    Membership,
    Mission,
    Plan,
    Quote,
    QuoteKind,
    Record,
    Source,
    Term,
)
from generator.content.phrasing import Words, figure_number, quote_opening

R = TypeVar("R", bound=Record)
ActorName = Callable[[str | None], str]  # an actor's display name from its id
Label = Callable[[R, ActorName, str], str]  # a record's name, from actors' names, in a language


@dataclass(frozen=True)
class Moment:
    """Where a record sits on the timeline: its date and what the entry shows it as."""

    date: FuzzyDate
    entry: str  # the kind's name, or another word for a special entry (a vote)


@dataclass(frozen=True)
class Linked:
    """How a kind's dated records are published as linked data, where a type fits them: the
    schema.org type of each one's item in the timeline's JSON-LD, and whether each is an event
    in the Popolo data (data/popolo.json), classified how. Actors, memberships and votes have
    builders of their own (Popolo's persons, organizations, memberships and vote events)."""

    schema_type: str  # https://schema.org/<type>: "Event", "Quotation", "Claim"
    popolo_event: bool = False  # Popolo has types for people, organizations, posts, events and votes only
    classify: Callable[[Any], str] | None = None  # the Popolo event's classification (else the kind's singular)
    only: Callable[[Any], bool] | None = None  # the records the type fits (a paraphrase is no Quotation)

    def fits(self, record: Record) -> bool:
        return self.only is None or self.only(record)


@dataclass(frozen=True)
class Kind(Generic[R]):
    """Everything the pipeline needs to know about one kind of record."""

    name: str  # plural: the key, and the file `content/NAME.yml` or folder `content/NAME/`
    singular: str  # in messages: "unknown actor id"
    model: type[R]
    label: Label[R]  # what a link to a record shows
    home: str  # "folder/": a page of its own per record there; "page.md": an anchor on that page
    section: str  # the section page that lists the kind (its edit link opens the kind's file)
    aliases: tuple[str, ...] = ()  # more words `new` accepts for the kind
    suggested: tuple[str, ...] = ()  # optional fields that `new` writes anyway: needed in practice
    mention_rank: int = 0  # order of the kind in "mentioned in" and "supports" lists
    dated_by: str | None = None  # the field that dates a record, to order mentions
    # Other dates before which the record was not known, whatever it describes (a figure's `reported`).
    known_from: tuple[str, ...] = ()
    on_timeline: bool = False  # a timeline entry per record, on its `dated_by` date (when it has one)
    moment: Callable[[R], Moment | None] | None = None  # a timeline entry made otherwise (documents)
    timeline_rank: int = 0  # order among entries of the same day
    short: Callable[[R], str | None] | None = None  # the record's short name, for [[id]] in running text
    # Its dates say when things happened, so none may lie after the story's latest update
    # (unless scheduled), and an edition of the story leaves out what came later. A source's
    # date says when it was published, which may be long after what it reports.
    in_story_time: bool = True
    month_in_id: bool = False  # `new` ends its ids with a month, by convention: jane-doe-2024-05
    # Where its records carry a claim someone may only have made: the dotted paths of its
    # `Attribution` fields (through lists of parts). Every page and export that prints the text
    # beside one prints the claim too; tests/test_attribution_everywhere.py walks them all.
    claims: tuple[str, ...] = ()
    linked: Linked | None = None  # its schema.org and Popolo type, if one fits (None: left out of both)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word `new` accepts for this kind."""
        return (self.singular.split()[-1], *self.aliases)

    def address(self, record_id: str) -> tuple[str, str | None]:
        """The page a record is on and its anchor there (None for a page of its own)."""
        if self.home.endswith("/"):
            return f"{self.home}{record_id}.md", None
        return self.home, record_id

    def name_of(self, record: Record, actor_name: ActorName, language: str = "en") -> str:
        assert isinstance(record, self.model)
        return self.label(record, actor_name, language)

    def short_name_of(self, record: Record, actor_name: ActorName, language: str = "en") -> str:
        """What `[[id]]` prints in running text: the short name the editor gave, else the name."""
        assert isinstance(record, self.model)
        short = self.short(record) if self.short is not None else None
        return short or self.label(record, actor_name, language)

    @property
    def dated(self) -> bool:
        """Whether its records sit on the timeline: these may be milestones of the story so far."""
        return self.on_timeline or self.moment is not None

    def is_milestone(self, record: Record) -> bool:
        """Whether the editor marked a record `milestone: true` (every dated model has the field)."""
        return self.dated and bool(getattr(record, "milestone", False))

    def moment_of(self, record: Record) -> Moment | None:
        assert isinstance(record, self.model)
        if self.moment is not None:
            return self.moment(record)
        date = self.date_of(record) if self.on_timeline else None
        return Moment(date, self.name) if date is not None else None

    def date_of(self, record: Record) -> FuzzyDate | None:
        value = getattr(record, self.dated_by, None) if self.dated_by else None
        return value if isinstance(value, FuzzyDate) else None

    def classification(self, record: Record) -> str:
        """What sort of event a record is, in the Popolo data."""
        classify = self.linked.classify if self.linked else None
        return classify(record) if classify is not None else self.singular


# Fields a record may tell itself in, in prose: what a generic entry of any kind prints, first one
# set; each with the field that says whose words they are, when they are someone's (a claim's
# scope, what its number counts, is worded by whoever `wording_attribution` names).
SUMMARY_FIELDS = (("description", "description_attribution"), ("summary", None), ("scope", "wording_attribution"))


def field_of(record: Record, name: str) -> Any:
    """A record's field `name`, or None when its kind has no such field: `getattr(record, name,
    None)` without asking a model for a name it lacks (pydantic answers that with an exception
    raised from Python, and the timeline, Popolo and feeds ask every record for every summary field)."""
    return getattr(record, name) if _answers(type(record), name) else None


@functools.cache
def _answers(model: type, name: str) -> bool:
    """Whether records of `model` may have an attribute `name`: a field, or an attribute of the class
    (a property). A class that is not a pydantic model is asked every time."""
    fields = getattr(model, "model_fields", None)
    return fields is None or name in fields or hasattr(model, name)


def _summary_field(record: Record) -> tuple[Prose, str | None] | None:
    for name, claimed_by in SUMMARY_FIELDS:
        text = field_of(record, name)
        if isinstance(text, Prose):
            return text, claimed_by
    return None


def summary_of(record: Record) -> Prose | None:
    """What a record says about itself in prose, from the fields any kind may have."""
    found = _summary_field(record)
    return found[0] if found else None


def summary_attribution(record: Record) -> Attribution | None:
    """Whose words the summary is: its own field's claimant, else the whole record's."""
    found = _summary_field(record)
    own = field_of(record, found[1]) if found and found[1] else None
    return own if isinstance(own, Attribution) else attribution_of(record)


def attribution_of(record: Record) -> Attribution | None:
    """Whose claim a whole record is, when it is someone's (any kind may have an `attribution`)."""
    attribution = field_of(record, "attribution")
    return attribution if isinstance(attribution, Attribution) else None


def _document_moment(document: Document) -> Moment | None:
    """A document is on the timeline on the day of its vote or adoption, else the day it was tabled."""
    if document.vote is not None:
        return Moment(document.vote.date, "vote")
    if document.adopted is not None:
        return Moment(document.adopted, "documents")
    return Moment(document.tabled, "documents") if document.tabled is not None else None


def _seat_moment(seat: ContestedSeat) -> Moment | None:
    """A contested seat is on the timeline on the day of its latest decision, when it has one."""
    dates = [d for d in (seat.decided, *(d.date for d in seat.decisions)) if d is not None]
    return Moment(dates[-1], "seats") if dates else None


# In the order files are loaded and counted; sources first, since everything cites them.
SOURCES = Kind(
    "sources",
    "source",
    Source,
    lambda s, _, __: s.publisher,
    "sources.md",
    "sources.md",
    mention_rank=11,
    dated_by="date",
    in_story_time=False,
)
ACTORS = Kind(
    "actors",
    "actor",
    Actor,
    lambda a, _, __: a.name,
    "actors/",
    "actors/index.md",
    mention_rank=0,
    short=lambda a: a.short_name,
    claims=(
        "description_attribution",
        "side_attribution",
        "earlier_sides.attribution",
        "roles.attribution",
        "relations.attribution",
    ),
)
DEFECTIONS = Kind(
    "defections",
    "defection",
    Defection,
    lambda d, name, _: d.name or name(d.actor),
    "defections.md",
    "defections.md",
    suggested=("actor", "left"),
    mention_rank=1,
    claims=("dismissal.attribution",),
    dated_by="date",
    on_timeline=True,
    timeline_rank=3,
    month_in_id=True,
    linked=Linked("Event", popolo_event=True),
)
EVENTS = Kind(
    "events",
    "event",
    Event,
    lambda e, _, __: e.title,
    "timeline.md",
    "timeline.md",
    mention_rank=2,
    dated_by="date",
    on_timeline=True,
    timeline_rank=0,
    claims=("attribution",),
    linked=Linked("Event", popolo_event=True, classify=lambda e: e.kind.value),
)
FIGURES = Kind(
    "figures",
    "figure",
    Figure,
    lambda f, name, __: _("{number} ({claimant})").format(number=figure_number(f), claimant=name(f.claimed_by)),
    "figures.md",
    "figures.md",
    suggested=("value", "as_of"),
    mention_rank=5,
    dated_by="dated",
    known_from=("reported",),
    on_timeline=True,
    timeline_rank=5,
    claims=("wording_attribution",),
    linked=Linked("Claim"),
)
# A quote is named by its speaker, day and first words: two quotes from one day never read the same.
# A paraphrase's words are never put in quotation marks.
QUOTES = Kind(
    "quotes",
    "quote",
    Quote,
    lambda q, name, language: _("{speaker}, {date}: {words}").format(
        speaker=name(q.speaker), date=q.date.display(language), words=quote_opening(q)
    ),
    "quotes.md",
    "quotes.md",
    suggested=("kind",),  # quote or paraphrase: the editor decides whether the words are word for word
    mention_rank=4,
    dated_by="date",
    on_timeline=True,
    timeline_rank=4,
    linked=Linked("Quotation", only=lambda q: q.kind is QuoteKind.QUOTE),
)
DOCUMENTS = Kind(
    "documents",
    "document",
    Document,
    lambda d, _, __: d.title,
    "votes/",
    "votes/index.md",
    aliases=("un-move",),
    short=lambda d: d.short_name,
    mention_rank=3,
    dated_by="tabled",
    moment=_document_moment,
    timeline_rank=1,
    linked=Linked("Legislation"),
)
MEMBERSHIPS = Kind(
    "memberships",
    "membership",
    Membership,
    lambda m, name, __: (
        _("{body}, {year}, from {date}").format(body=name(m.body), year=m.year, date=m.since.display())
        if m.since
        else _("{body}, {year}").format(body=name(m.body), year=m.year)
    ),
    "votes/index.md",
    "votes/index.md",
    suggested=("members", "adoption"),
    mention_rank=8,
    known_from=("since",),  # a membership that took effect later in the year was not yet in force
)
MISSIONS = Kind(
    "missions", "mission", Mission, lambda m, name, _: name(m.actor), "votes/index.md", "votes/index.md", mention_rank=6
)
PLANS = Kind(
    "plans",
    "plan",
    Plan,
    lambda p, _, __: p.name,
    "votes/index.md",
    "votes/index.md",
    short=lambda p: p.short_name,
    mention_rank=7,
    dated_by="date",
    on_timeline=True,
    timeline_rank=2,
    linked=Linked("CreativeWork"),
)
# A contested seat is on the timeline on the day a body decided on it: an event, but not one
# Popolo types (its decisions are about a seat, not a happening people attend).
SEATS = Kind(
    "seats",
    "contested seat",
    ContestedSeat,
    lambda s, name, __: _("Seat of {state} in {body}").format(state=name(s.state), body=name(s.body)),
    "votes/index.md",
    "votes/index.md",
    aliases=("contested-seat",),
    mention_rank=9,
    dated_by="decided",
    moment=_seat_moment,
    on_timeline=True,
    timeline_rank=1,
    linked=Linked("Event"),
)
GLOSSARY = Kind(
    "glossary", "glossary term", Term, lambda t, _, __: t.term, "glossary.md", "glossary.md", mention_rank=10
)

KINDS: tuple[Kind[Any], ...] = (
    SOURCES,
    ACTORS,
    DEFECTIONS,
    EVENTS,
    FIGURES,
    QUOTES,
    DOCUMENTS,
    MEMBERSHIPS,
    MISSIONS,
    PLANS,
    SEATS,
    GLOSSARY,
)
# The claims story.yml carries: a side's label may be someone's claim about its members.
STORY_CLAIMS = ("sides.attribution",)
BY_NAME: dict[str, Kind[Any]] = {kind.name: kind for kind in KINDS}
BY_WORD: dict[str, Kind[Any]] = {word: kind for kind in KINDS for word in (kind.name, *kind.words)}
# Each kind has a model of its own: a record's kind by its model needs no dict of every record's
# id (Content.kinds), which every cut of the content (an edition) would make again.
BY_MODEL: dict[type[Any], Kind[Any]] = {kind.model: kind for kind in KINDS}
# Timeline entries that are not a kind of their own: the day a document was voted on.
VOTE = "vote"
ENTRY_RANKS = {**{kind.name: kind.timeline_rank for kind in KINDS}, VOTE: DOCUMENTS.timeline_rank}
VOTE_LINKED = Linked("Event")  # a vote is a happening; Popolo has vote events of their own


def entry_linked(entry: str) -> Linked | None:
    """The linked-data type of a timeline entry: its kind's, or a vote's."""
    return VOTE_LINKED if entry == VOTE else BY_NAME[entry].linked


# What a reader calls a record of each kind (and the day of a vote), in the language being written.
KIND_WORDS: Words[str, str] = Words(
    lambda: {
        SOURCES.name: pgettext("kind", "source"),
        ACTORS.name: pgettext("kind", "actor"),
        DEFECTIONS.name: pgettext("kind", "defection"),
        EVENTS.name: pgettext("kind", "event"),
        FIGURES.name: pgettext("kind", "figure"),
        QUOTES.name: pgettext("kind", "quote"),
        DOCUMENTS.name: pgettext("kind", "document"),
        MEMBERSHIPS.name: pgettext("kind", "membership"),
        MISSIONS.name: pgettext("kind", "mission"),
        PLANS.name: pgettext("kind", "plan"),
        SEATS.name: pgettext("kind", "contested seat"),
        GLOSSARY.name: pgettext("kind", "glossary term"),
        VOTE: pgettext("kind", "vote"),
    }
)


def kind_word(name: str) -> str:
    """A kind (by its registry name, or "vote") as readers call one of its records: 'defection'."""
    return KIND_WORDS.get(name, name)


@dataclass(frozen=True, kw_only=True)
class Records:
    """Every record of a story, one typed field per kind (named as in KINDS; a test keeps them in step)."""

    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    defections: tuple[Defection, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    documents: tuple[Document, ...] = ()
    memberships: tuple[Membership, ...] = ()
    missions: tuple[Mission, ...] = ()
    plans: tuple[Plan, ...] = ()
    seats: tuple[ContestedSeat, ...] = ()
    glossary: tuple[Term, ...] = ()

    def of(self, kind: Kind[R]) -> tuple[R, ...]:
        records: tuple[R, ...] = getattr(self, kind.name)
        return records

    def by_kind(self) -> Iterator[tuple[Kind[Any], tuple[Record, ...]]]:
        """Each kind with its records, in the registry's order."""
        for kind in KINDS:
            yield kind, self.of(kind)

    def all(self) -> Iterator[Record]:
        for _kind, records in self.by_kind():
            yield from records


RECORD_FIELDS = tuple(f.name for f in fields(Records))
