"""What the explainer works out from the data: rankings, counts, outcomes, backlinks.

Everything a page shows beyond the editor's own words is computed here, once,
so that templates only print and every rule has one tested home.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import filterfalse
from operator import attrgetter, itemgetter
from typing import TypedDict

from generator.content.dates import SORT_FIELDS, FuzzyDate
from generator.content.i18n import _, ngettext
from generator.content.kinds import ENTRY_RANKS, EVENTS
from generator.content.load import Content
from generator.content.models import (
    Actor,
    Attribution,
    Defection,
    Document,
    Event,
    Highlight,
    Mandate,
    Membership,
    Mission,
    Qualifier,
    Quote,
    Record,
    RuleKind,
    Side,
    Track,
)
from generator.content.phrasing import number, qualified
from generator.content.voting import Count, count
from generator.facts.marks import Marks, marks
from generator.facts.mentions import backlinks
from generator.facts.metrics import MetricGroup, metric_groups
from generator.facts.outcomes import Verdict, verdict
from generator.facts.presidency import presiding
from generator.facts.prominence import by_mentions, charted, prominence
from generator.facts.sentences import claimed_text
from generator.facts.so_far import SoFar, story_so_far
from generator.facts.vote_days import votes_about


class Standing(StrEnum):
    """How a defection ranks against every earlier one on the same ladder."""

    # Both RECORD and FIRST make a defection the highest on its ladder so far (Rank.highest);
    # the exports keep them apart, since only a record outranks someone.
    RECORD = "record"  # higher than at least one earlier defector, and than all of them
    EQUALS = "equals"  # as high as the highest before
    FIRST = "first"  # no earlier defector on this ladder to compare with
    BELOW = "below"


@dataclass(frozen=True)
class Rank:
    track: Track
    grade_label: str
    grade_heading: str  # the label starting a sentence: "Brigadier general"
    level: int  # position on the ladder, 0 for the lowest grade
    standing: Standing
    # The highest on its ladder so far: a record, or the first on the ladder, unless a defection
    # that may have come as early (their dates overlap) outranks it.
    highest: bool = False


@dataclass(frozen=True)
class DefectionRow:
    defection: Defection
    ranks: tuple[Rank, ...]
    people: str  # how many, as put: "about 60"


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
    people: str  # how many people, as their counts were put: "about 62"
    total: str  # cumulative, up to and including this month
    number: int  # how many people, the number the chart draws


@dataclass(frozen=True)
class VoteView:
    document: Document
    membership: Membership | None
    count: Count | None  # None without a vote, or without a membership to count it by
    council: bool  # the body votes by the council rule in some year: Chapter VII is a question for its texts
    verdict: Verdict  # the outcome every page and table states (outcomes.py)
    presiding: str | None = None  # the member presiding over the body on the day it was voted on or adopted

    @property
    def seat_by_seat(self) -> bool:
        """Whether the vote can be drawn seat by seat: every seat listed and members' votes given."""
        return (
            self.count is not None
            and self.count.complete
            and self.document.vote is not None
            and self.document.vote.members is not None
        )


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


@dataclass(frozen=True)
class Relation:
    kind: str
    outgoing: bool  # True: this actor -> other; False: other -> this actor
    other: str
    attribution: Attribution | None = None  # whose claim it is; None when the sources state it as fact
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class SidePeriod:
    """A side an actor was on, and when: `since` is None for the first, `until` None for the side now."""

    side: Side
    since: FuzzyDate | None
    until: FuzzyDate | None
    attribution: Attribution | None = None  # whose claim it is that the actor was on it, if someone's


@dataclass(frozen=True)
class ActorView:
    actor: Actor
    sides: tuple[SidePeriod, ...]  # oldest first; the last is the side now
    defections: tuple[Defection, ...]
    ranked: tuple[DefectionRow, ...]  # the same defections, as ranked among all (rank_defections)
    events: tuple[Event, ...]
    sponsored: tuple[str, ...]
    quotes: tuple[Quote, ...]
    relations: tuple[Relation, ...]
    mentions: tuple[str, ...]  # every other record that refers to this actor


@dataclass(frozen=True)
class Edge:
    """One relation between two actors, as the graph and its table show it."""

    source: str
    kind: str
    target: str
    sources: tuple[str, ...]
    attribution: Attribution | None = None  # whose claim it is: drawn and listed as a claim, never as fact


@dataclass(frozen=True)
class HighlightView:
    highlight: Highlight
    is_new: bool


@dataclass(frozen=True)
class Facts:
    highlights: tuple[HighlightView, ...]
    duration: str | None
    sides: tuple[tuple[Side, tuple[Actor, ...]], ...]  # each side's actors, the most prominent first
    prominence: dict[str, int]  # each actor's place in who's who, 0 first (see prominence.py)
    actors: dict[str, ActorView]
    edges: tuple[Edge, ...]
    charted: tuple[Edge, ...]  # the relations the chart draws (prominence.charted)
    defections: tuple[DefectionRow, ...]
    leaders: tuple[Leader, ...]
    defection_months: tuple[MonthCount, ...]
    defection_people: str  # how many people in all, as their counts were put: "about 80"
    votes: dict[str, VoteView]
    bodies: tuple[tuple[str, tuple[Document, ...]], ...]  # each body's documents, by date
    counted: tuple[Document, ...]  # documents with a member-by-member count, in the same order
    missions: tuple[MissionView, ...]
    metrics: tuple[MetricGroup, ...]
    key_metrics: tuple[MetricGroup, ...]  # the groups story.yml names for the overview
    side_labels: dict[str, str]  # each side's label, with whose claim it is when it is someone's
    metric_units: dict[str, str]
    timeline: tuple[TimelineEntry, ...]
    votes_about: dict[str, tuple[Event, ...]]  # each voted document's events of its day (vote_days.py)
    listed: tuple[TimelineEntry, ...]  # the timeline page's entries: an event told in its vote's entry is not again
    so_far: SoFar  # the milestones up to the story's now (so_far.py)
    milestones: tuple[TimelineEntry, ...]  # the timeline's entries marked as turning points (so_far picks from them)
    by_mentions: tuple[Actor, ...]  # the order of who's who among actors the story's words name alike (prominence.py)
    mentions: dict[str, tuple[str, ...]]
    supports: dict[str, tuple[str, ...]]  # source id -> ids of the records that cite it
    marks: Marks  # what the charts share: seat codes, claimant colours, the story's vote


def side_labels(content: Content) -> dict[str, str]:
    """Each side's label as every page prints it: a label that is someone's claim says whose."""
    name = content.actor_names.__getitem__
    return {side.id: claimed_text(side.label, side.attribution, name) for side in content.story.sides}


def derive(content: Content) -> Facts:
    """Work out every fact the pages show."""
    mentions = backlinks(content)
    ranked = rank_defections(content)
    index = ActorIndex(content, ranked)
    dated = timeline(content)
    # The entries of the days documents were voted on ("vote": content/kinds.py's document moment).
    voted = tuple((e.record, e.date) for e in dated if e.kind == "vote" and isinstance(e.record, Document))
    councils = frozenset(m.body for m in content.memberships if m.adoption.rule is RuleKind.COUNCIL)
    votes = {d.id: vote_view(content, d, d.body in councils) for d in content.documents}
    bodies = documents_by_body(content)
    metrics = metric_groups(content)
    about = votes_about(content, voted)
    folded = {event.id for events in about.values() for event in events}
    counted = tuple(d for _, documents in bodies for d in documents if votes[d.id].seat_by_seat)
    pairs = (Edge(a.id, r.kind.value, r.target, r.sources, r.attribution) for a in content.actors for r in a.relations)
    edges = tuple(sorted(pairs, key=lambda e: (e.kind, e.source, e.target)))
    order = by_mentions(content, mentions)
    marked = tuple(e for e in dated if getattr(e.record, "milestone", False))  # the few turning points
    sides = {side.id: side for side in content.story.sides}  # by id, once for every actor's side_periods
    return Facts(
        **told(content, edges, marked, order),
        milestones=marked,
        by_mentions=order,
        actors={a.id: actor_view(index, a, mentions, side_periods(a, sides)) for a in content.actors},
        edges=edges,
        defections=ranked,
        leaders=leaders(content, ranked),
        defection_months=defections_by_month(content.defections, content.story.language),
        defection_people=people_count(content.defections),
        votes=votes,
        bodies=bodies,
        counted=counted,
        missions=tuple(mission_view(m) for m in content.missions),
        metrics=metrics,
        key_metrics=tuple(g for g in metrics if g.metric_id in content.story.key_metrics),
        side_labels=side_labels(content),
        metric_units={metric.id: metric.unit for metric in content.story.metrics},
        timeline=dated,
        votes_about=about,
        listed=tuple(e for e in dated if e.kind != EVENTS.name or e.record.id not in folded),
        mentions=mentions,
        # A source supports exactly the records that refer to it: its backlinks.
        supports={s.id: mentions.get(s.id, ()) for s in content.sources},
        marks=marks(content, counted),
    )


class Told(TypedDict):
    """The facts read from what the story tells at its moment (its summary, highlights and updates,
    and its now): the only ones that differ between two moments that know the same records.
    A fact that reads those belongs here, so that `retold` works it out again."""

    highlights: tuple[HighlightView, ...]
    duration: str | None
    sides: tuple[tuple[Side, tuple[Actor, ...]], ...]
    prominence: dict[str, int]
    charted: tuple[Edge, ...]
    so_far: SoFar


def told(content: Content, edges: tuple[Edge, ...], marked: tuple[TimelineEntry, ...], order: Sequence[Actor]) -> Told:
    """Work out the `Told` facts of `content`, from facts read from its records alone, worked out once
    for all its moments: its `edges`, the turning points `marked` and its actors in `order` (by_mentions)."""
    places = prominence(content, order)
    return Told(
        highlights=newest_highlights(content),
        duration=story_duration(content),
        sides=actors_by_side(content, places),
        prominence=places,
        charted=charted(edges, places),
        so_far=story_so_far(content, ((e.date, e.record) for e in marked)),
    )


def retold(facts: Facts, content: Content) -> Facts:
    """The facts of `content`, which holds the very records `facts` were derived from, told at its
    own moment (an edition whose update added no record): only the `Told` facts are worked out again."""
    return dataclasses.replace(facts, **told(content, facts.edges, facts.milestones, facts.by_mentions))


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
    """How long the situation has lasted at the story's now (its dateline then): '16 months since ...'."""
    since = content.story.since
    if since is None:
        return None
    day = content.story.current_dateline.date.latest
    months = months_between(since.date.earliest, day)
    if months < 1:
        days = (day - since.date.earliest).days
        said = ngettext("{count} day since {event}", "{count} days since {event}", days)
        return said.format(count=number(days), event=since.label)
    if months < 24:
        said = ngettext("{count} month since {event}", "{count} months since {event}", months)
        return said.format(count=number(months), event=since.label)
    years = months // 12
    return ngettext("{count} year since {event}", "{count} years since {event}", years).format(
        count=number(years), event=since.label
    )


# --- actors --------------------------------------------------------------------


def side_at(actor: Actor, date: FuzzyDate) -> str:
    """The id of the side an actor was on at `date`.

    Both dates are taken at the latest day they can mean (see FuzzyDate.sort_key): a change
    of side counts once it has surely happened, and the side now is `side`.
    """
    for earlier in actor.earlier_sides:
        if date.settled < earlier.until.settled:
            return earlier.side
    return actor.side


def side_periods(actor: Actor, sides: Mapping[str, Side]) -> tuple[SidePeriod, ...]:
    """The sides an actor was on, oldest first, with the dates it changed (`sides`: the story's, by id)."""
    periods, since = [], None
    for earlier in actor.earlier_sides:
        periods.append(SidePeriod(sides[earlier.side], since, earlier.until, earlier.attribution))
        since = earlier.until
    periods.append(SidePeriod(sides[actor.side], since, None, actor.side_attribution))
    return tuple(periods)


def actors_by_side(content: Content, places: dict[str, int]) -> tuple[tuple[Side, tuple[Actor, ...]], ...]:
    """Every actor under the side it is on now (its latest), the most prominent first."""
    grouped: dict[str, list[Actor]] = defaultdict(list)
    for actor in content.actors:
        grouped[actor.side].append(actor)
    return tuple(
        (side, tuple(sorted(grouped[side.id], key=lambda a: places[a.id])))
        for side in content.story.sides
        if grouped[side.id]
    )


class ActorIndex:
    """Who appears where, indexed once so that each actor's page costs the same at any size."""

    def __init__(self, content: Content, ranked: tuple[DefectionRow, ...]) -> None:
        self.rows = {row.defection.id: row for row in ranked}
        self.defections: dict[str, list[Defection]] = defaultdict(list)
        self.events: dict[str, list[Event]] = defaultdict(list)
        self.sponsored: dict[str, list[str]] = defaultdict(list)
        self.quotes: dict[str, list[Quote]] = defaultdict(list)
        self.incoming: dict[str, list[Relation]] = defaultdict(list)
        for d in sorted(content.defections, key=_BY_DATE):
            if d.actor:
                self.defections[d.actor].append(d)
        for e in sorted(content.events, key=_BY_DATE):
            for actor in dict.fromkeys(e.actors):
                self.events[actor].append(e)
        for doc in content.documents:
            for actor in dict.fromkeys(doc.sponsors):
                self.sponsored[actor].append(doc.id)
        for q in sorted(content.quotes, key=_BY_DATE):
            self.quotes[q.speaker].append(q)
        for other in content.actors:
            for r in other.relations:
                self.incoming[r.target].append(
                    Relation(r.kind.value, False, other.id, r.attribution, r.sources, r.note)
                )


def actor_view(
    index: ActorIndex, actor: Actor, mentions: dict[str, tuple[str, ...]], sides: tuple[SidePeriod, ...]
) -> ActorView:
    defections = tuple(index.defections.get(actor.id, ()))
    events = tuple(index.events.get(actor.id, ()))
    quotes = tuple(index.quotes.get(actor.id, ()))
    relations = [Relation(r.kind.value, True, r.target, r.attribution, r.sources, r.note) for r in actor.relations]
    relations += index.incoming.get(actor.id, [])
    # What the page shows already is not mentioned again: the set made by map in C (a comprehension
    # each was a tenth of deriving an actor's facts).
    shown = set(map(_ID, defections))
    shown.update(map(_ID, events), map(_ID, quotes), map(_OTHER, relations))
    return ActorView(
        actor,
        sides,
        defections,
        tuple(index.rows[d.id] for d in defections),
        events,
        tuple(index.sponsored.get(actor.id, ())),
        quotes,
        tuple(sorted(set(relations), key=lambda r: (r.kind, not r.outgoing, r.other))) if relations else (),
        tuple(filterfalse(shown.__contains__, mentions.get(actor.id, ()))),  # in C: dozens an actor
    )


# --- defections ------------------------------------------------------------------


def rank_defections(content: Content) -> tuple[DefectionRow, ...]:
    """Rank each defection against every earlier one on the same seniority ladder.

    "Earlier" means over before this one could have begun (latest < earliest), so
    defections are walked by earliest date while a pointer adds, by latest date, the
    ones that are certainly earlier to each ladder's running maximum. The rows come
    back in the story's order of dates (by the latest day, see FuzzyDate.sort_key).
    """
    tracks = {t.id: t for t in content.story.seniority}
    grade_index = {(t.id, g.id): i for t in content.story.seniority for i, g in enumerate(t.grades)}
    walked = sorted(content.defections, key=lambda d: (d.date.earliest, d.date.latest, d.id))
    by_latest = sorted(content.defections, key=lambda d: d.date.latest)
    best: dict[str, int] = {}
    added = 0
    rows = []
    for defection in walked:
        while added < len(by_latest) and by_latest[added].date.latest < defection.date.earliest:
            for r in by_latest[added].seniority:
                best[r.track] = max(best.get(r.track, -1), grade_index[(r.track, r.grade)])
            added += 1
        ranks = []
        for rank in defection.seniority:
            level, top = grade_index[(rank.track, rank.grade)], best.get(rank.track, -1)
            standing = (
                Standing.FIRST
                if top < 0
                else Standing.RECORD
                if level > top
                else Standing.EQUALS
                if level == top
                else Standing.BELOW
            )
            track = tracks[rank.track]
            label = track.grades[level].label
            highest = standing in (Standing.RECORD, Standing.FIRST) and not _outranked_alongside(
                defection, rank.track, level, walked, grade_index
            )
            ranks.append(Rank(track, label, label.capitalize(), level, standing, highest))
        rows.append(DefectionRow(defection, tuple(ranks), qualified(defection.people, defection.people_qualifier)))
    return tuple(sorted(rows, key=lambda row: (row.defection.date.sort_key(), row.defection.id)))


def _outranked_alongside(
    defection: Defection, track: str, level: int, walked: list[Defection], grade_index: dict[tuple[str, str], int]
) -> bool:
    """Whether a defection whose dates overlap this one's (so it may have come first) ranks higher on the ladder.

    Asked only of records and firsts, which are few, so a scan of the defections that began
    by this one's latest day is cheap.
    """
    for other in walked:
        if other.date.earliest > defection.date.latest:
            break
        if other is defection or other.date.latest < defection.date.earliest:
            continue
        if any(r.track == track and grade_index[(r.track, r.grade)] > level for r in other.seniority):
            return True
    return False


def leaders(content: Content, rows: tuple[DefectionRow, ...]) -> tuple[Leader, ...]:
    """For each ladder, the last defection that set a new high, if it outranks someone on it.

    The first on a ladder sets its first high; it leads only while no one has outranked it
    and only if it outranks at least one other defector there (one alone leads nobody).
    """
    found = []
    for track in content.story.seniority:
        latest = None
        on_track = [rank for row in rows for rank in row.ranks if rank.track.id == track.id]
        for row in rows:
            for rank in row.ranks:
                if rank.track.id == track.id and rank.highest:
                    latest = Leader(track, row, rank)
        if latest and any(rank.level < latest.rank.level for rank in on_track):
            found.append(latest)
    return tuple(found)


# Qualifiers that say a count is a floor, or a ceiling: a sum of floors is a floor.
FLOORS = frozenset({Qualifier.EXACTLY, Qualifier.AT_LEAST, Qualifier.MORE_THAN})
CEILINGS = frozenset({Qualifier.EXACTLY, Qualifier.UP_TO, Qualifier.FEWER_THAN, Qualifier.ALMOST, Qualifier.NEARLY})


def sum_qualifier(qualifiers: Iterable[Qualifier]) -> Qualifier:
    """How a sum of counts must be put: exact only if every count is, else at least, up to or about."""
    found = set(qualifiers)
    if found <= {Qualifier.EXACTLY}:
        return Qualifier.EXACTLY
    if found <= FLOORS:
        return Qualifier.AT_LEAST
    return Qualifier.UP_TO if found <= CEILINGS else Qualifier.ABOUT


def people_count(defections: Iterable[Defection]) -> str:
    """How many people defected in all, put as honestly as their counts were: '12', 'at least 80',
    '12 and about 60 more'.

    Exact counts and floors add up to a floor; estimates ("about 60", "up to 40") are summed
    apart and said after it, so an estimate never makes the exact part look exact or vice
    versa ("12 and about 60 more", never "about 72" or "at least 72").
    """
    listed = list(defections)
    firm = [d for d in listed if d.people_qualifier in FLOORS]
    rough = [d for d in listed if d.people_qualifier not in FLOORS]
    firm_words = qualified(sum(d.people for d in firm), sum_qualifier(d.people_qualifier for d in firm))
    if not rough:
        return firm_words
    rough_words = qualified(sum(d.people for d in rough), sum_qualifier(d.people_qualifier for d in rough))
    return _("{firm} and {rough} more").format(firm=firm_words, rough=rough_words) if firm else rough_words


def defections_by_month(defections: Iterable[Defection], language: str = "en") -> tuple[MonthCount, ...]:
    """People who defected in each month, with a running total.

    A defection is counted in the month of the latest day its date can mean: one known only
    as "by 7 April" is counted in April, never in an earlier month it may not belong to.
    """
    per_month: dict[tuple[int, int], list[Defection]] = defaultdict(list)
    for defection in defections:
        per_month[(defection.date.settled.year, defection.date.settled.month)].append(defection)
    if not per_month:
        return ()
    first, last = min(per_month), max(per_month)
    months: list[MonthCount] = []
    # people_count reads only people and qualifiers: the total so far is one stand-in per qualifier
    # carrying its sum, not every defection again for each month (months times defections).
    so_far: dict[Qualifier, Defection] = {}
    year, month = first
    while (year, month) <= last:
        those = per_month.get((year, month), [])
        for d in those:
            had = so_far.get(d.people_qualifier)
            so_far[d.people_qualifier] = had.model_copy(update={"people": had.people + d.people}) if had else d
        day = FuzzyDate.parse(f"{year:04d}-{month:02d}")
        months.append(
            MonthCount(
                day.display(language),
                day.iso(),
                people_count(those),
                people_count(so_far.values()),
                sum(d.people for d in those),
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


# --- votes and missions ---------------------------------------------------------------


def vote_view(content: Content, document: Document, council: bool = False) -> VoteView:
    """A document's vote counted by its body's rule for the year (the check requires the membership)."""
    vote = document.vote
    if vote is None:
        chair = presiding(content, document.body, document.adopted)
        return VoteView(document, None, None, council, verdict(document, None), chair)
    # Members are counted as they sat on the day: a body's membership may change within a year.
    membership = content.membership_on(document.body, vote.date.earliest)
    counted = count(vote, membership, document.question) if membership else None
    chair = presiding(content, document.body, vote.date)
    return VoteView(document, membership, counted, council, verdict(document, counted), chair)


def document_date(document: Document) -> FuzzyDate | None:
    """The day a document is best known by: its vote, else the day it was tabled."""
    return document.vote.date if document.vote else document.tabled


def documents_by_body(content: Content) -> tuple[tuple[str, tuple[Document, ...]], ...]:
    def key(document: Document) -> tuple[dt.date, str]:
        when = document_date(document)
        return (when.settled if when else dt.date.max, document.id)

    ordered = sorted(content.documents, key=key)
    bodies = list(dict.fromkeys(d.body for d in ordered))
    return tuple((body, tuple(d for d in ordered if d.body == body)) for body in bodies)


def mission_view(mission: Mission) -> MissionView:
    # A mandate "for 90 days" from 21 April expires on 20 July: the Council counts a period from
    # the day it takes effect to the day it expires, so the day of expiry is not counted again.
    mandates = tuple(MandateView(m, (m.end.latest - m.start.earliest).days) for m in mission.mandates)
    total = (mission.mandates[-1].end.latest - mission.mandates[0].start.earliest).days
    return MissionView(mission, mandates, total)


# --- timeline and sources --------------------------------------------------------------


def timeline(content: Content) -> tuple[TimelineEntry, ...]:
    """Everything dated, in the order of the latest day each date can mean (see FuzzyDate.sort_key)."""
    # Each entry's sort key made with it, its date's sort_key read from the fields (as sort_key reads
    # them), and the pairs sorted by key alone: a lambda calling sort_key per entry was a third of this.
    keyed = []
    for kind, records in content.by_kind():
        for record in records:
            moment = kind.moment_of(record)
            if moment is not None:
                date = moment.date
                key = _SORT_KEY(date), ENTRY_RANKS[moment.entry], record.id
                keyed.append((key, TimelineEntry(date, moment.entry, record)))
    keyed.sort(key=_FIRST)
    return tuple(map(_SECOND, keyed))


_FIRST, _SECOND = itemgetter(0), itemgetter(1)
# A dated record's order, (date.sort_key(), id) read in C: the fields sort_key reads, then the id (the
# same order as its tuple of a tuple, without a Python call per record: 2,000 events at 1,000 actors).
_BY_DATE = attrgetter(*(f"date.{field}" for field in SORT_FIELDS), "id")
_SORT_KEY = attrgetter(*SORT_FIELDS)  # FuzzyDate.sort_key, read in C
_ID, _OTHER = attrgetter("id"), attrgetter("other")
