"""A typed view per page: the records and facts each template prints, sorted, counted and labelled.

Templates only print. Everything a page shows beyond the editor's own words (an
order, a count, a label made from a value, a sentence chosen by a rule) is worked
out here, so that it has one tested home and a template cannot get it wrong.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.kinds import BY_NAME
from generator.content.load import Content
from generator.content.models import (
    Actor,
    ContestedSeat,
    Correction,
    Document,
    Event,
    Figure,
    Membership,
    Plan,
    Quote,
    Role,
    Side,
    Source,
    Story,
    Term,
    Update,
    figure_number,
)
from generator.content.voting import Choice, Count, Seat
from generator.facts.derive import (
    ActorView,
    DefectionRow,
    Edge,
    Facts,
    HighlightView,
    Leader,
    MetricGroup,
    MissionView,
    MonthCount,
    TimelineEntry,
    VoteView,
)
from generator.facts.marks import Marks, seat_order

EXCERPT = 140  # characters of a quote shown on the timeline


def words(value: StrEnum | str) -> str:
    """A closed-set value as words: `armed-group` -> armed group."""
    return str(value).replace("-", " ")


def sentence_case(text: str) -> str:
    """First letter upper case, the rest lower: how a label starts a sentence or a line."""
    return text.capitalize()


def chapter_vii(document: Document) -> str:
    if document.chapter_vii is None:
        return "not recorded"
    return "yes" if document.chapter_vii else "no"


def excerpt(text: str, length: int = EXCERPT, leeway: int = 5) -> str:
    """Shorten long text at a word boundary with an ellipsis ('...'), leaving short text alone."""
    if len(text) <= length + leeway:
        return text
    return text[: length - 3].rsplit(" ", 1)[0] + "..."


def last_updated(story: Story) -> Timestamp | None:
    """When the story last changed for readers: its latest update or correction (None if neither)."""
    changes = [u.at for u in story.updates] + [c.at for c in story.corrections]
    return max(changes) if changes else None


@dataclass(frozen=True)
class Mention:
    """A link to another record, with what kind of record it is."""

    id: str
    kind: str  # singular, e.g. "defection"


def mentions(content: Content, ids: tuple[str, ...]) -> tuple[Mention, ...]:
    return tuple(Mention(i, content.kinds[i].singular) for i in ids)


# --- the overview -----------------------------------------------------------------

@dataclass(frozen=True)
class Counts:
    """How many of each thing the explainer holds, for the overview's table of contents."""

    actors: int
    defections: int
    defection_people: int
    documents: int
    timeline: int
    figures: int
    quotes: int
    sources: int
    glossary: int


@dataclass(frozen=True)
class MediaItem:
    kind: str  # "Video"
    title: str
    duration: str | None
    caption: str | None
    source: str


@dataclass(frozen=True)
class OverviewPage:
    story: Story
    duration: str | None
    last_updated: Timestamp | None
    highlights: tuple[HighlightView, ...]
    key_metrics: tuple[MetricGroup, ...]
    updates: tuple[Update, ...]  # newest first
    corrections: tuple[Correction, ...]  # newest first
    so_far: tuple[TimelineEntry, ...]
    media: tuple[MediaItem, ...]
    counts: Counts


def overview_page(content: Content, facts: Facts) -> OverviewPage:
    story = content.story
    return OverviewPage(
        story=story, duration=facts.duration, last_updated=last_updated(story), highlights=facts.highlights,
        key_metrics=facts.key_metrics,
        updates=tuple(sorted(story.updates, key=lambda u: u.at, reverse=True)),
        corrections=tuple(sorted(story.corrections, key=lambda c: c.at, reverse=True)),
        so_far=facts.so_far,
        media=tuple(MediaItem(sentence_case(m.kind.value), m.title, m.duration, m.caption, m.source)
                    for m in story.media),
        counts=Counts(len(content.actors), len(content.defections), facts.defection_people,
                      len(content.documents), len(facts.timeline), len(content.figures), len(content.quotes),
                      len(content.sources), len(content.glossary)),
    )


# --- who's who and actors ------------------------------------------------------------

@dataclass(frozen=True)
class ActorRow:
    actor: Actor
    kind: str


@dataclass(frozen=True)
class SideGroup:
    side: Side
    actors: tuple[ActorRow, ...]


@dataclass(frozen=True)
class EdgeRow:
    edge: Edge
    relation: str  # "backs", "member of"


@dataclass(frozen=True)
class ActorsPage:
    count: int
    sides: tuple[SideGroup, ...]
    edges: tuple[EdgeRow, ...]


def actors_page(content: Content, facts: Facts) -> ActorsPage:
    return ActorsPage(
        count=len(content.actors),
        sides=tuple(SideGroup(side, tuple(ActorRow(a, words(a.kind)) for a in actors)) for side, actors in facts.sides),
        edges=tuple(EdgeRow(e, words(e.kind)) for e in facts.edges),
    )


@dataclass(frozen=True)
class RoleRow:
    role: Role
    ended: str  # how it ended, in words; empty while it goes on or when not recorded


@dataclass(frozen=True)
class RelationRow:
    other: str
    outgoing: bool
    relation: str  # "backs", in an incoming line: "Ruritania backs the rebels"
    starts: str  # "Backs", starting an outgoing line: "Backs the rebels"


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    kind: str
    side_label: str
    roles: tuple[RoleRow, ...]
    defections: tuple[DefectionRow, ...]
    events: tuple[Event, ...]
    sponsored: tuple[str, ...]
    quotes: tuple[Quote, ...]
    relations: tuple[RelationRow, ...]
    mentions: tuple[Mention, ...]


def actor_page(content: Content, facts: Facts, view: ActorView) -> ActorPage:
    actor = view.actor
    rows = {row.defection.id: row for row in facts.defections}
    events = tuple(e for e in (content.by_id[i] for i in view.events) if isinstance(e, Event))
    quotes = tuple(q for q in (content.by_id[i] for i in view.quotes) if isinstance(q, Quote))
    return ActorPage(
        actor=actor, kind=words(actor.kind), side_label=facts.side_labels[actor.side],
        roles=tuple(RoleRow(r, words(r.ended) if r.ended else "") for r in actor.roles),
        defections=tuple(rows[d.id] for d in view.defections), events=events, sponsored=view.sponsored,
        quotes=quotes,
        relations=tuple(RelationRow(r.other, r.outgoing, words(r.kind), sentence_case(words(r.kind)))
                        for r in view.relations),
        mentions=mentions(content, view.mentions),
    )


# --- defections ---------------------------------------------------------------------

@dataclass(frozen=True)
class DefectionsPage:
    rows: tuple[DefectionRow, ...]
    count: int
    people: int
    first: FuzzyDate | None
    last: FuzzyDate | None
    leaders: tuple[Leader, ...]
    months: tuple[MonthCount, ...]


def defections_page(facts: Facts) -> DefectionsPage:
    rows = facts.defections
    return DefectionsPage(rows, len(rows), facts.defection_people, rows[0].defection.date if rows else None,
                          rows[-1].defection.date if rows else None, facts.leaders, facts.defection_months)


# --- drafts and votes ----------------------------------------------------------------

@dataclass(frozen=True)
class SeatRow:
    seat: Seat
    code: str  # the member's code, as on its seat in the chart
    member_kind: str  # "permanent" or "elected"
    vote: str  # "no (veto)" is printed from vote and veto
    veto: bool


@dataclass(frozen=True)
class Tally:
    """A vote's numbers as printed (yes, no, abstaining), whether counted seat by seat or only reported."""

    yes: int
    no: int
    abstain: int


@dataclass(frozen=True)
class DocumentRow:
    """What a table row or a document's page says about it."""

    document: Document
    kind: str
    status: str  # the outcome's CSS class, e.g. not-voted
    status_label: str  # the outcome in words, e.g. not voted
    chapter_vii: str
    date: FuzzyDate | None  # the day of its vote, else the day it was tabled
    first_provision: str | None
    more_provisions: int
    count: Count | None
    tally: Tally | None  # the numbers, counted or reported


def document_row(view: VoteView) -> DocumentRow:
    document, count = view.document, view.count
    provisions = document.provisions
    tally = None
    if count is not None:
        tally = Tally(count.yes, count.no, count.abstain)
    elif document.vote is not None and document.vote.tally is not None:
        reported = document.vote.tally
        tally = Tally(reported.yes, reported.no, reported.abstain)
    date = document.vote.date if document.vote else document.tabled
    return DocumentRow(document, words(document.kind), document.status.value, words(document.status),
                       chapter_vii(document), date, provisions[0] if provisions else None,
                       max(len(provisions) - 1, 0), count, tally)


@dataclass(frozen=True)
class BodyGroup:
    body: str
    documents: tuple[DocumentRow, ...]


@dataclass(frozen=True)
class ContestRow:
    """A contested seat as the votes page shows it."""

    contest: ContestedSeat
    decision: str  # "accepted", "deferred"


@dataclass(frozen=True)
class VotesPage:
    counted: tuple[Document, ...]  # the vote the story is about first, then by date
    bodies: tuple[BodyGroup, ...]
    memberships: tuple[Membership, ...]  # by year
    missions: tuple[MissionView, ...]
    plans: tuple[Plan, ...]
    contests: tuple[ContestRow, ...]  # by body, then state


def votes_page(content: Content, facts: Facts) -> VotesPage:
    return VotesPage(
        counted=story_vote_first(facts.counted, facts.marks.focus),
        bodies=tuple(BodyGroup(body, tuple(document_row(facts.votes[d.id]) for d in documents))
                     for body, documents in facts.bodies),
        memberships=tuple(sorted(content.memberships, key=lambda m: m.year)),
        missions=facts.missions, plans=content.plans,
        contests=tuple(ContestRow(c, words(c.decision))
                       for c in sorted(content.seats, key=lambda c: (c.body, c.state, c.id))),
    )


def story_vote_first(counted: tuple[Document, ...], focus: str | None) -> tuple[Document, ...]:
    """The documents in their order, but the one the story is about first."""
    return tuple(sorted(counted, key=lambda d: d.id != focus))


@dataclass(frozen=True)
class DocumentPage:
    row: DocumentRow
    outcome: str | None  # the outcome by the adoption rule, None when undetermined
    explanation: str
    seats: tuple[SeatRow, ...]


def document_page(view: VoteView, marks: Marks) -> DocumentPage:
    """A document's page; its table lists the seats in the chart's order, grouped by vote."""
    count = view.count
    seats: tuple[SeatRow, ...] = ()
    if count is not None:
        seats = tuple(SeatRow(s, marks.codes.get(s.member, ""), "permanent" if s.permanent else "elected",
                              s.choice.value, s.permanent and s.choice is Choice.NO and count.rule.permanent_veto)
                      for s in seat_order(count))
    outcome = count.outcome.value if count is not None and count.outcome else None
    return DocumentPage(document_row(view), outcome, count.explain() if count is not None else "", seats)


# --- timeline, figures, quotes, sources, glossary --------------------------------------

@dataclass(frozen=True)
class TimelineRow:
    entry: TimelineEntry
    kind: str  # the entry's label: "vote", "event", "defection"
    excerpt: str  # a quote's words, shortened
    number: str  # a figure's number as claimed
    document: DocumentRow | None
    contest: str  # a contested seat's decision, in words


@dataclass(frozen=True)
class Year:
    year: int
    entries: tuple[TimelineRow, ...]


@dataclass(frozen=True)
class TimelinePage:
    count: int
    years: tuple[Year, ...]
    units: dict[str, str]  # each metric's unit


def timeline_page(facts: Facts) -> TimelinePage:
    rows = [_timeline_row(facts, entry) for entry in facts.timeline]
    years = tuple(Year(year, tuple(group))
                  for year, group in itertools.groupby(rows, key=lambda r: r.entry.date.earliest.year))
    return TimelinePage(len(rows), tuple(sorted(years, key=lambda y: y.year)), facts.metric_units)


def _timeline_row(facts: Facts, entry: TimelineEntry) -> TimelineRow:
    record = entry.record
    kind = entry.kind if entry.kind not in BY_NAME else BY_NAME[entry.kind].singular
    quote = excerpt(record.text) if isinstance(record, Quote) else ""
    number = figure_number(record) if isinstance(record, Figure) else ""
    document = document_row(facts.votes[record.id]) if isinstance(record, Document) else None
    contest = f"credentials {words(record.decision)}" if isinstance(record, ContestedSeat) else ""
    return TimelineRow(entry, kind, quote, number, document, contest)


@dataclass(frozen=True)
class ClaimRow:
    figure: Figure
    number: str
    breakdown: str  # "1,200 civilians, 300 soldiers"


@dataclass(frozen=True)
class MetricSection:
    group: MetricGroup
    charted: bool  # a chart needs two claims or more
    claims: tuple[ClaimRow, ...]


@dataclass(frozen=True)
class FiguresPage:
    metrics: tuple[MetricSection, ...]


def figures_page(facts: Facts) -> FiguresPage:
    return FiguresPage(tuple(
        MetricSection(g, len(g.claims) > 1,
                      tuple(ClaimRow(v.figure, v.number,
                                     ", ".join(f"{p.value:,} {p.label}" for p in v.figure.breakdown))
                            for v in g.claims))
        for g in facts.metrics))


@dataclass(frozen=True)
class QuotesPage:
    language: str
    quotes: tuple[Quote, ...]  # by date, then id


def quotes_page(content: Content) -> QuotesPage:
    return QuotesPage(content.story.language,
                      tuple(sorted(content.quotes, key=lambda q: (q.date.earliest, q.id))))


@dataclass(frozen=True)
class SourceRow:
    source: Source
    kind: str
    supports: tuple[Mention, ...]
    supports_count: str  # "3 records"


@dataclass(frozen=True)
class SourcesPage:
    count: int
    sources: tuple[SourceRow, ...]  # by publisher, then id


def sources_page(content: Content, facts: Facts) -> SourcesPage:
    # Case-insensitive, as readers look names up.
    ordered = sorted(content.sources, key=lambda s: (s.publisher.lower(), s.id))
    return SourcesPage(len(ordered), tuple(_source_row(content, facts, s) for s in ordered))


def _source_row(content: Content, facts: Facts, source: Source) -> SourceRow:
    cited = facts.supports[source.id]
    count = f"{len(cited)} record{'s' if len(cited) != 1 else ''}"
    return SourceRow(source, words(source.kind), mentions(content, cited), count)


@dataclass(frozen=True)
class GlossaryPage:
    terms: tuple[Term, ...]  # alphabetical


def glossary_page(content: Content) -> GlossaryPage:
    return GlossaryPage(tuple(sorted(content.glossary, key=lambda t: t.term.lower())))
