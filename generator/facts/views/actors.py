"""Who's who and a page per actor."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _, ngettext
from generator.content.load import Content
from generator.content.models import Actor, Event, Qualifier, Quote, QuoteKind, RelationKind, Role, Side, Source
from generator.content.phrasing import number, quote_opening
from generator.facts import sentences
from generator.facts.derive import ActorView, DefectionRow, Edge, Facts, Relation, SidePeriod
from generator.facts.metrics import breakdown
from generator.facts.parts import WHOLE, Scope
from generator.facts.prominence import CHARTED
from generator.facts.roles import story_role
from generator.facts.sentences import Phrase
from generator.facts.views.common import (
    ACTORS_DATA,
    Download,
    Mention,
    Mentions,
    PartLink,
    PartsNav,
    in_words,
    parts_nav,
)
from generator.facts.views.common import (
    actors as counted_actors,
)

EXCERPT = 140  # characters of a quote shown on the timeline


# --- who's who and actors ------------------------------------------------------------


@dataclass(frozen=True)
class ActorRow:
    actor: Actor
    kind: str
    side: str = ""  # the side's label, where the row is not already under its side


@dataclass(frozen=True)
class EdgeRow:
    edge: Edge
    relation: Phrase  # "backs", "member of"; a claim says whose: "accused by some opposition members of backing"


@dataclass(frozen=True)
class SideGroup:
    side: Side
    actors: tuple[ActorRow, ...]  # the most prominent first; on a split who's who, only the first few
    count: str  # "213 people, groups and states"
    page: PartLink | None  # on a split who's who, the side's own page with all of them
    pages: tuple[PartLink, ...]  # or its pages, by the first letters of names, when it is long

    @property
    def described(self) -> bool:
        """Whether the side's table has a "Who" column: some actor shown has a few words saying who."""
        return any(row.actor.short for row in self.actors)


@dataclass(frozen=True)
class ActorsPage:
    count: str  # "12 people, groups and states"
    featured: tuple[ActorRow, ...]  # the people the story is about, the most prominent first
    sides: tuple[SideGroup, ...]  # each actor under its side now (on a part of who's who, that part's)
    edges: tuple[EdgeRow, ...]
    charted: str  # when the chart leaves relations out, which it draws; else empty
    claims: bool  # whether some relations are someone's claim (drawn apart in the graph)
    nav: PartsNav | None  # set when who's who is split by side
    data: Download = ACTORS_DATA

    @property
    def downloads(self) -> tuple[Download, ...]:
        """The files the page's tables come from, listed once at its end."""
        return (self.data,) if self.sides or self.featured else ()


# How many actors who's who opens with, and how many of each side a split who's who shows.
FEATURED = 10
SIDE_PREVIEW = 10


def actors_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> ActorsPage:
    """Who's who, or (when split) one side's page of it, or the index of its sides' pages."""
    parts, here = scope.parts, scope.here
    part_of = scope.division.part_of if scope.division else None
    nav = parts_nav(scope, counted_actors)
    groups = []
    for side, actors in facts.sides:
        shown = actors
        if parts is not None and part_of is not None:
            # Each side's actors are grouped by page once for all the pages (Scope.listed).
            by_page = scope.listed(f"side {side.id}", lambda: actors, _id)  # noqa: B023 - called at once
            shown = tuple(by_page) if here else actors[:SIDE_PREVIEW]
        if not shown:
            continue
        keys: set[str] = set()
        if parts is not None and part_of is not None:
            keys = scope.once(f"side {side.id} pages", lambda: {part_of[a.id] for a in actors})  # noqa: B023 - called at once
        # On the index a side's pages are named by their letters alone: the side is the heading.
        more = tuple(
            PartLink(p.label.removeprefix(f"{side.label}: "), p.page, counted_actors(p.count))
            for p in (parts.parts if parts else ())
            if p.key in keys
        )
        rows = tuple(ActorRow(a, in_words(a.kind)) for a in shown)
        count = counted_actors(len(actors))
        groups.append(SideGroup(side, rows, count, more[0] if len(more) == 1 else None, more if len(more) > 1 else ()))
    return ActorsPage(
        count=counted_actors(len(content.actors)),
        featured=() if here else _featured(content, facts),
        sides=tuple(groups),
        edges=() if here else tuple(edge_row(e) for e in _listed(facts)),
        charted=_charted(facts),
        claims=any(e.attribution for e in facts.edges),
        nav=nav,
    )


def _featured(content: Content, facts: Facts) -> tuple[ActorRow, ...]:
    """The most prominent actors, shown first on who's who (not on its parts' pages)."""
    ranked = sorted(content.actors, key=lambda a: facts.prominence[a.id])
    return tuple(ActorRow(a, in_words(a.kind), facts.side_labels[a.side]) for a in ranked[:FEATURED])


def _id(actor: Actor) -> str:
    return actor.id


# Relations who's who lists beside its chart: past this, the relations the chart draws. A story
# of 5,000 actors listed 500 (190 kB); each actor's page lists its own, and actors.csv has them all.
EDGE_ROWS = 60


def _listed(facts: Facts) -> tuple[Edge, ...]:
    return facts.edges if len(facts.edges) <= EDGE_ROWS else facts.charted


def _charted(facts: Facts) -> str:
    if len(facts.charted) == len(facts.edges):
        return ""
    drawn = ngettext(
        "It draws {drawn} of the {count} relation: those of the most prominent actors, up to {boxes} boxes.",
        "It draws {drawn} of the {count} relations: those of the most prominent actors, up to {boxes} boxes.",
        len(facts.edges),
    ).format(drawn=number(len(facts.charted)), count=number(len(facts.edges)), boxes=number(CHARTED))
    if len(_listed(facts)) == len(facts.edges):
        return drawn + " " + _("The table lists them all.")
    return (
        drawn
        + " "
        + _(
            "The table lists those it draws; each actor's page lists its own, and the table of actors "
            "to download at the end of this page has every relation."
        )
    )


def edge_row(edge: Edge) -> EdgeRow:
    kind = RelationKind(edge.kind)
    if edge.attribution is None:
        return EdgeRow(edge, (sentences.words(in_words(kind)),))
    return EdgeRow(edge, sentences.claimed_relation_alone(kind, edge.attribution))


def reported(content: Content, source_ids: tuple[str, ...]) -> Phrase:
    """', CNN reports': the publishers of a claim's sources, each once, linked to the first of its sources."""
    firsts: dict[str, str] = {}
    for source_id in source_ids:
        source = content.by_id[source_id]
        assert isinstance(source, Source)
        firsts.setdefault(source.publisher, source_id)
    return sentences.reported_in([(source_id, publisher) for publisher, source_id in firsts.items()])


@dataclass(frozen=True)
class RoleRow:
    role: Role
    ended: str  # how it ended, in words; empty while it goes on or when not recorded
    claim: Phrase  # whose claim the role is: " (according to the SNC)"; empty when stated as fact


@dataclass(frozen=True)
class RelationRow:
    line: Phrase  # "Backs X", "X is a member of Y"; a claim as a claim: "Accused by Y of backing X, CNN reports"
    note: str | None  # the editor's details, prose
    sources: tuple[str, ...]


@dataclass(frozen=True)
class DefectionLine:
    """A defection as its defector's page or the defections page tells it."""

    row: DefectionRow
    done: Phrase  # "Defected (left: Envoy, Foreign Ministry)."
    announced: Phrase  # "Announced in a video statement on Al Jazeera."; empty if not recorded
    dismissal: Phrase  # "Dismissed by ..., 12 July 2012."; empty if none
    breakdown: str  # who a group was made of: "about 40 soldiers; of them 10 officers"
    people: str  # for a group: "about 60 people"; empty for one person
    group: str  # the same, starting a sentence: "About 60 people"


def defection_line(row: DefectionRow) -> DefectionLine:
    d = row.defection
    group = d.people != 1 or d.people_qualifier is not Qualifier.EXACTLY
    people = ngettext("{people} person", "{people} people", d.people).format(people=row.people) if group else ""
    return DefectionLine(
        row,
        sentences.defection_done(d),
        sentences.announcement(d.announced) if d.announced else (),
        sentences.dismissal(d.dismissal) if d.dismissal else (),
        breakdown(d.breakdown),
        people,
        people[:1].upper() + people[1:],
    )


@dataclass(frozen=True)
class QuoteRow:
    quote: Quote
    label: str  # the link to it: its first words, so that two links to two quotes never read the same
    paraphrase: bool  # reported speech: shown without quotation marks
    calendar: FuzzyDate | None  # as QuoteSpeaker.calendar


def in_calendar(date: FuzzyDate) -> FuzzyDate | None:
    """The date without the editor's words, where words stand for it: a reader is shown both."""
    return FuzzyDate(date.start, date.end) if date.text else None


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    kind: str
    side_label: str  # the side now
    side_since: FuzzyDate | None  # when the actor joined the side it is on now, if it changed sides
    sides: tuple[SidePeriod, ...]  # every side over time, oldest first; empty when it never changed
    roles: tuple[RoleRow, ...]
    last_role: (
        Phrase  # the role the story is about (roles.py), as former once ended: "Former ambassador until 1 May 2021"
    )
    role_over: bool  # whether that role has ended ("Last role"), or goes on ("Current role")
    defections: tuple[DefectionLine, ...]
    events: tuple[Event, ...]
    sponsored: tuple[str, ...]
    quotes: tuple[QuoteRow, ...]
    relations: tuple[RelationRow, ...]
    mentions: tuple[Mention, ...]
    data: Download = ACTORS_DATA

    @property
    def downloads(self) -> tuple[Download, ...]:
        return (self.data,) if self.roles else ()

    @property
    def roles_ended(self) -> bool:
        """Whether the roles table has a "How it ended" column: some role's end is recorded."""
        return any(row.ended for row in self.roles)

    @property
    def roles_sourced(self) -> bool:
        """Whether the roles table has a column of sources: some role cites its own."""
        return any(row.role.sources for row in self.roles)


def actor_page(content: Content, facts: Facts, view: ActorView) -> ActorPage:
    """One actor's page, made alone: for a caller wanting one page (tests, a reader of the facts); a
    build makes every actor's page with one ActorPages, sharing what the pages have in common."""
    return ActorPages(content, facts).page(view)


class ActorPages:
    """Makes the actor pages of one build, sharing what they have in common: the story's now, and
    each mentioned record's Mention (a record that names several actors is on each of their pages:
    5,039 mentions of 3,723 records at 1,000 actors)."""

    def __init__(self, content: Content, facts: Facts) -> None:
        self.content, self.facts = content, facts
        self.now = content.story.now.moment.date()  # Story.now finds the latest update each time it is asked
        self.mentions = Mentions(content)

    def page(self, view: ActorView) -> ActorPage:
        content, facts, actor = self.content, self.facts, view.actor
        role = story_role(actor, facts.prominence, view.defections, self.now)
        return ActorPage(
            actor=actor,
            kind=in_words(actor.kind),
            side_label=facts.side_labels[actor.side],
            side_since=view.sides[-1].since,
            sides=view.sides if len(view.sides) > 1 else (),
            roles=tuple(
                RoleRow(
                    r,
                    in_words(r.ended) if r.ended else "",
                    sentences.role_claim(r.attribution) if r.attribution else (),
                )
                for r in actor.roles
            ),
            last_role=last_role(role),
            role_over=role is not None and role.over,
            defections=tuple(defection_line(row) for row in view.ranked),
            events=view.events,
            sponsored=view.sponsored,
            quotes=tuple(
                QuoteRow(q, quote_opening(q), q.kind is QuoteKind.PARAPHRASE, in_calendar(q.date)) for q in view.quotes
            ),
            relations=tuple(relation_row(content, actor, r) for r in view.relations),
            mentions=self.mentions.of(view.mentions),
        )


def relation_row(content: Content, actor: Actor, relation: Relation) -> RelationRow:
    """A relation as the actor's page tells it; a claim ends with who reports it."""
    kind = RelationKind(relation.kind)
    other = sentences.link(relation.other)
    if relation.outgoing:
        line = sentences.relation_line(kind, relation.attribution, None, other)
    else:
        line = sentences.relation_line(kind, relation.attribution, other, sentences.words(actor.name))
    tail = reported(content, relation.sources) if relation.attribution else ()
    return RelationRow((*line, *tail, sentences.words(".")), relation.note, relation.sources)


def last_role(role: Role | None) -> Phrase:
    """That role as the infobox says it: its title while held, as former once it has ended."""
    if role is None:
        return ()
    claim = sentences.role_claim(role.attribution) if role.attribution else ()
    if role.over:
        return (*sentences.last_role(role.title, role.end), *claim)
    return (sentences.words(role.title), *claim)


# --- defections ---------------------------------------------------------------------
