"""What the explainer works out from the data: rankings, counts, outcomes, backlinks.

Everything a page shows beyond the editor's own words is computed here, once,
so that templates only print and every rule has one tested home.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from generator.content.dates import FuzzyDate
from generator.content.kinds import ENTRY_RANKS
from generator.content.load import Content
from generator.content.models import (
    Actor,
    Defection,
    Document,
    Figure,
    Highlight,
    Mandate,
    Membership,
    Mission,
    Record,
    Side,
    Track,
    figure_number,
)
from generator.content.voting import Count, count
from generator.facts.marks import Marks, marks


class Standing(StrEnum):
    """How a defection ranks against every earlier one on the same ladder."""

    RECORD = "record"  # higher than anyone before (or the first)
    EQUALS = "equals"  # as high as the highest before
    BELOW = "below"


@dataclass(frozen=True)
class Rank:
    track: Track
    grade_label: str
    grade_heading: str  # the label starting a sentence: "Brigadier general"
    level: int  # position on the ladder, 0 for the lowest grade
    standing: Standing


@dataclass(frozen=True)
class DefectionRow:
    defection: Defection
    ranks: tuple[Rank, ...]
    announced: str  # how it became known, in words: "video statement"


@dataclass(frozen=True)
class Leader:
    """The most senior defector on one ladder: the latest to set a new record."""

    track: Track
    row: DefectionRow
    rank: Rank


@dataclass(frozen=True)
class MonthCount:
    month: str  # display, e.g. "July 2012"
    iso: str  # 2012-07
    people: int
    total: int  # cumulative number of people up to and including this month


@dataclass(frozen=True)
class FigureView:
    figure: Figure
    number: str  # "more than 15,000", "300,000–380,000 (best estimate 340,000)"


@dataclass(frozen=True)
class Conflict:
    date: FuzzyDate
    claims: tuple[FigureView, ...]


@dataclass(frozen=True)
class MetricGroup:
    metric_id: str
    label: str
    unit: str
    claims: tuple[FigureView, ...]  # by date, then claimant
    latest_by_claimant: tuple[FigureView, ...]
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class VoteView:
    document: Document
    membership: Membership | None
    count: Count | None  # None when the vote is known only as a tally


@dataclass(frozen=True)
class MandateView:
    mandate: Mandate
    days: int


@dataclass(frozen=True)
class MissionView:
    mission: Mission
    mandates: tuple[MandateView, ...]
    total_days: int


@dataclass(frozen=True)
class TimelineEntry:
    date: FuzzyDate
    kind: str  # the record's kind, or "vote" for the day a document was voted on
    record: Record
    in_so_far: bool  # whether "the story so far" on the overview may show it


@dataclass(frozen=True)
class Relation:
    kind: str
    outgoing: bool  # True: this actor -> other; False: other -> this actor
    other: str


@dataclass(frozen=True)
class ActorView:
    actor: Actor
    defections: tuple[Defection, ...]
    events: tuple[str, ...]
    sponsored: tuple[str, ...]
    quotes: tuple[str, ...]
    relations: tuple[Relation, ...]
    mentions: tuple[str, ...]  # every other record that refers to this actor


@dataclass(frozen=True)
class Edge:
    """One relation between two actors, as the graph and its table show it."""

    source: str
    kind: str
    target: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HighlightView:
    highlight: Highlight
    is_new: bool


@dataclass(frozen=True)
class Facts:
    highlights: tuple[HighlightView, ...]
    duration: str | None
    sides: tuple[tuple[Side, tuple[Actor, ...]], ...]
    actors: dict[str, ActorView]
    edges: tuple[Edge, ...]
    defections: tuple[DefectionRow, ...]
    leaders: tuple[Leader, ...]
    defection_months: tuple[MonthCount, ...]
    defection_people: int
    votes: dict[str, VoteView]
    bodies: tuple[tuple[str, tuple[Document, ...]], ...]  # each body's documents, by date
    counted: tuple[Document, ...]  # documents with a member-by-member count, in the same order
    missions: tuple[MissionView, ...]
    metrics: tuple[MetricGroup, ...]
    key_metrics: tuple[MetricGroup, ...]  # the groups story.yml names for the overview
    side_labels: dict[str, str]
    metric_units: dict[str, str]
    timeline: tuple[TimelineEntry, ...]
    so_far: tuple[TimelineEntry, ...]
    mentions: dict[str, tuple[str, ...]]
    supports: dict[str, tuple[str, ...]]  # source id -> ids of the records that cite it
    marks: Marks  # what the charts share: seat codes, claimant colours, the story's vote


def derive(content: Content) -> Facts:
    """Work out every fact the pages show."""
    mentions = backlinks(content)
    ranked = rank_defections(content)
    index = ActorIndex(content)
    dated = timeline(content)
    votes = {d.id: vote_view(content, d) for d in content.documents}
    bodies = documents_by_body(content)
    metrics = metric_groups(content)
    counted = tuple(d for _, documents in bodies for d in documents if votes[d.id].count)
    return Facts(
        highlights=newest_highlights(content),
        duration=story_duration(content),
        sides=actors_by_side(content),
        actors={a.id: actor_view(index, a, mentions) for a in content.actors},
        edges=tuple(sorted((Edge(a.id, r.kind.value, r.target, r.sources) for a in content.actors
                            for r in a.relations), key=lambda e: (e.kind, e.source, e.target))),
        defections=ranked,
        leaders=leaders(content, ranked),
        defection_months=defections_by_month(content.defections, content.story.language),
        defection_people=sum(d.people for d in content.defections),
        votes=votes,
        bodies=bodies,
        counted=counted,
        missions=tuple(mission_view(m) for m in content.missions),
        metrics=metrics,
        key_metrics=tuple(g for g in metrics if g.metric_id in content.story.key_metrics),
        side_labels={side.id: side.label for side in content.story.sides},
        metric_units={metric.id: metric.unit for metric in content.story.metrics},
        timeline=dated,
        so_far=story_so_far(content, dated),
        mentions=mentions,
        # A source supports exactly the records that refer to it: its backlinks.
        supports={s.id: mentions.get(s.id, ()) for s in content.sources},
        marks=marks(content, counted),
    )


# --- the story ---------------------------------------------------------------

def newest_highlights(content: Content) -> tuple[HighlightView, ...]:
    """Mark as NEW the highlights added in the latest batch (the newest `added` time)."""
    highlights = content.story.highlights
    if not highlights:
        return ()
    newest = max(h.added for h in highlights)
    older = [h for h in highlights if h.added != newest]
    # With a single batch nothing is new: there is nothing older to compare with.
    return tuple(HighlightView(h, bool(older) and h.added == newest) for h in highlights)


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def story_duration(content: Content) -> str | None:
    """How long the situation has lasted at the story's date: '16 months since ...'."""
    since = content.story.since
    if since is None:
        return None
    months = months_between(since.date.earliest, content.story.dateline.date.latest)
    if months < 1:
        days = (content.story.dateline.date.latest - since.date.earliest).days
        return f"{days} days since {since.label}"
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''} since {since.label}"
    return f"{months // 12} years since {since.label}"


# --- actors --------------------------------------------------------------------

def actors_by_side(content: Content) -> tuple[tuple[Side, tuple[Actor, ...]], ...]:
    grouped: dict[str, list[Actor]] = defaultdict(list)
    for actor in content.actors:
        grouped[actor.side].append(actor)
    return tuple((side, tuple(sorted(grouped[side.id], key=_name_key)))
                 for side in content.story.sides if grouped[side.id])


def _name_key(actor: Actor) -> tuple[str, str]:
    return (actor.name.casefold(), actor.id)


def backlinks(content: Content) -> dict[str, tuple[str, ...]]:
    """Map each id to the ids of the other records that refer to it, in a stable order."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in content.all():
        for _, target, _ in content.references[record.id]:
            if target != record.id:
                found[target].add(record.id)
    order = _record_order(content)
    return {target: tuple(sorted(ids, key=order.__getitem__)) for target, ids in sorted(found.items())}


def _record_order(content: Content) -> dict[str, tuple[int, dt.date, str]]:
    """Order records by kind, then date when they have one, then id."""
    order = {}
    for kind, records in content.by_kind():
        for record in records:
            when = kind.date_of(record)
            order[record.id] = (kind.mention_rank, when.earliest if when else dt.date.min, record.id)
    return order


class ActorIndex:
    """Who appears where, indexed once so that each actor's page costs the same at any size."""

    def __init__(self, content: Content) -> None:
        self.defections: dict[str, list[Defection]] = defaultdict(list)
        self.events: dict[str, list[str]] = defaultdict(list)
        self.sponsored: dict[str, list[str]] = defaultdict(list)
        self.quotes: dict[str, list[str]] = defaultdict(list)
        self.incoming: dict[str, list[Relation]] = defaultdict(list)
        for d in sorted(content.defections, key=lambda d: (d.date.sort_key(), d.id)):
            if d.actor:
                self.defections[d.actor].append(d)
        for e in sorted(content.events, key=lambda e: (e.date.sort_key(), e.id)):
            for actor in dict.fromkeys(e.actors):
                self.events[actor].append(e.id)
        for doc in content.documents:
            for actor in dict.fromkeys(doc.sponsors):
                self.sponsored[actor].append(doc.id)
        for q in sorted(content.quotes, key=lambda q: (q.date.sort_key(), q.id)):
            self.quotes[q.speaker].append(q.id)
        for other in content.actors:
            for r in other.relations:
                self.incoming[r.target].append(Relation(r.kind.value, False, other.id))


def actor_view(index: ActorIndex, actor: Actor, mentions: dict[str, tuple[str, ...]]) -> ActorView:
    defections = tuple(index.defections.get(actor.id, ()))
    events = tuple(index.events.get(actor.id, ()))
    quotes = tuple(index.quotes.get(actor.id, ()))
    relations = [Relation(r.kind.value, True, r.target) for r in actor.relations]
    relations += index.incoming.get(actor.id, [])
    shown = {d.id for d in defections} | set(events) | set(quotes) | {r.other for r in relations}
    return ActorView(actor, defections, events, tuple(index.sponsored.get(actor.id, ())), quotes,
                     tuple(sorted(set(relations), key=lambda r: (r.kind, not r.outgoing, r.other))),
                     tuple(i for i in mentions.get(actor.id, ()) if i not in shown))


# --- defections ------------------------------------------------------------------

def rank_defections(content: Content) -> tuple[DefectionRow, ...]:
    """Rank each defection against every earlier one on the same seniority ladder.

    "Earlier" means over before this one could have begun (latest < earliest), so
    defections are walked by earliest date while a pointer adds, by latest date, the
    ones that are certainly earlier to each ladder's running maximum.
    """
    tracks = {t.id: t for t in content.story.seniority}
    grade_index = {(t.id, g.id): i for t in content.story.seniority for i, g in enumerate(t.grades)}
    ordered = sorted(content.defections, key=lambda d: (d.date.sort_key(), d.id))
    by_latest = sorted(content.defections, key=lambda d: d.date.latest)
    best: dict[str, int] = {}
    added = 0
    rows = []
    for defection in ordered:
        while added < len(by_latest) and by_latest[added].date.latest < defection.date.earliest:
            for r in by_latest[added].seniority:
                best[r.track] = max(best.get(r.track, -1), grade_index[(r.track, r.grade)])
            added += 1
        ranks = []
        for rank in defection.seniority:
            level, top = grade_index[(rank.track, rank.grade)], best.get(rank.track, -1)
            standing = Standing.RECORD if level > top else Standing.EQUALS if level == top else Standing.BELOW
            track = tracks[rank.track]
            label = track.grades[level].label
            ranks.append(Rank(track, label, label.capitalize(), level, standing))
        announced = defection.announced.via.value.replace("-", " ") if defection.announced else ""
        rows.append(DefectionRow(defection, tuple(ranks), announced))
    return tuple(rows)


def leaders(content: Content, rows: tuple[DefectionRow, ...]) -> tuple[Leader, ...]:
    """For each ladder, the last defection that set a new high."""
    found = []
    for track in content.story.seniority:
        latest = None
        for row in rows:
            for rank in row.ranks:
                if rank.track.id == track.id and rank.standing is Standing.RECORD:
                    latest = Leader(track, row, rank)
        if latest:
            found.append(latest)
    return tuple(found)


def defections_by_month(defections: Iterable[Defection], language: str = "en") -> tuple[MonthCount, ...]:
    """People who defected in each month (by the earliest possible date), with a running total."""
    per_month: dict[tuple[int, int], int] = defaultdict(int)
    for defection in defections:
        per_month[(defection.date.earliest.year, defection.date.earliest.month)] += defection.people
    if not per_month:
        return ()
    first, last = min(per_month), max(per_month)
    months, total = [], 0
    year, month = first
    while (year, month) <= last:
        people = per_month.get((year, month), 0)
        total += people
        day = FuzzyDate.parse(f"{year:04d}-{month:02d}")
        months.append(MonthCount(day.display(language), day.iso(), people, total))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


# --- votes and missions ---------------------------------------------------------------

def vote_view(content: Content, document: Document) -> VoteView:
    vote = document.vote
    if vote is None or vote.members is None:
        return VoteView(document, None, None)
    year = vote.date.earliest.year
    membership = content.membership(document.body, year)
    return VoteView(document, membership, count(vote, membership) if membership else None)


def document_date(document: Document) -> FuzzyDate | None:
    """The day a document is best known by: its vote, else the day it was tabled."""
    return document.vote.date if document.vote else document.tabled


def documents_by_body(content: Content) -> tuple[tuple[str, tuple[Document, ...]], ...]:
    def key(document: Document) -> tuple[dt.date, str]:
        when = document_date(document)
        return (when.earliest if when else dt.date.max, document.id)

    ordered = sorted(content.documents, key=key)
    bodies = list(dict.fromkeys(d.body for d in ordered))
    return tuple((body, tuple(d for d in ordered if d.body == body)) for body in bodies)


def mission_view(mission: Mission) -> MissionView:
    mandates = tuple(MandateView(m, (m.end.latest - m.start.earliest).days + 1) for m in mission.mandates)
    total = (mission.mandates[-1].end.latest - mission.mandates[0].start.earliest).days + 1
    return MissionView(mission, mandates, total)


# --- figures ----------------------------------------------------------------------

def metric_groups(content: Content) -> tuple[MetricGroup, ...]:
    groups = []
    for metric in content.story.metrics:
        claims = sorted((f for f in content.figures if f.metric == metric.id),
                        key=lambda f: (f.as_of.sort_key(), f.claimed_by, f.id))
        if not claims:
            continue
        views = tuple(FigureView(f, figure_number(f)) for f in claims)
        latest: dict[str, FigureView] = {}
        for view in views:
            latest[view.figure.claimed_by] = view
        groups.append(MetricGroup(metric.id, metric.label, metric.unit, views,
                                  tuple(sorted(latest.values(), key=lambda v: (v.figure.as_of.sort_key(),
                                                                              v.figure.claimed_by))),
                                  conflicts(views)))
    return tuple(groups)


def conflicts(views: tuple[FigureView, ...]) -> tuple[Conflict, ...]:
    """Claims for the same date by different claimants that do not say the same number."""
    by_date: dict[str, list[FigureView]] = defaultdict(list)
    for view in views:
        by_date[view.figure.as_of.iso()].append(view)
    found = []
    for same_day in by_date.values():
        claimants = {v.figure.claimed_by for v in same_day}
        numbers = {v.number for v in same_day}
        if len(claimants) > 1 and len(numbers) > 1:
            found.append(Conflict(same_day[0].figure.as_of, tuple(same_day)))
    return tuple(found)


# --- timeline and sources --------------------------------------------------------------

def timeline(content: Content) -> tuple[TimelineEntry, ...]:
    """Everything dated, in order of its earliest possible day."""
    entries = []
    for kind, records in content.by_kind():
        for record in records:
            moment = kind.moment_of(record)
            if moment is not None:
                entries.append(TimelineEntry(moment.date, moment.entry, record, kind.in_so_far))
    return tuple(sorted(entries, key=lambda e: (e.date.sort_key(), ENTRY_RANKS[e.kind], e.record.id)))


def story_so_far(content: Content, entries: tuple[TimelineEntry, ...], size: int = 8) -> tuple[TimelineEntry, ...]:
    """The latest happenings up to the story's date: the kinds that move the story on."""
    cutoff = content.story.dateline.date.latest
    return tuple(e for e in entries if e.in_so_far and e.date.earliest <= cutoff)[-size:]
