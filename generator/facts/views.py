"""A typed view per page: the records and facts each template prints, sorted, counted and labelled.

Templates only print. Everything a page shows beyond the editor's own words (an
order, a count, a label made from a value, a sentence chosen by a rule) is worked
out here, so that it has one tested home and a template cannot get it wrong.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.kinds import ACTORS, DEFECTIONS, DOCUMENTS, FIGURES, KINDS, MISSIONS, Kind
from generator.content.load import Content
from generator.content.models import (
    Actor,
    AdoptionMode,
    ContestedSeat,
    Correction,
    Dateline,
    Document,
    DocumentKind,
    Event,
    Figure,
    Membership,
    Plan,
    PublisherType,
    Qualifier,
    Quote,
    QuoteKind,
    Related,
    RelationKind,
    Role,
    Side,
    Source,
    Story,
    Term,
    Update,
    quote_opening,
)
from generator.content.pages import edition_path
from generator.content.voting import SPECIAL_QUESTION, Choice, Count, Seat, rule_for
from generator.content.walk import references
from generator.facts import addresses, sentences
from generator.facts import seats as contested
from generator.facts.derive import (
    ActorView,
    Conflict,
    DefectionRow,
    Edge,
    Facts,
    FigureView,
    HighlightView,
    Leader,
    MetricGroup,
    MissionView,
    MonthCount,
    Relation,
    SidePeriod,
    VoteView,
    breakdown,
    side_at,
)
from generator.facts.key_facts import KeyFact, WhatIsNew, key_facts, what_is_new
from generator.facts.marks import Marks, seat_order
from generator.facts.official import official_text
from generator.facts.outcomes import Basis, Verdict
from generator.facts.parts import ByDate, Part, Parts
from generator.facts.prominence import CHARTED
from generator.facts.protagonist import protagonist
from generator.facts.roles import story_role
from generator.facts.seats import Step
from generator.facts.sentences import Phrase
from generator.facts.so_far import SoFar
from generator.facts.source_groups import SourceGroup, grouped, weak_label
from generator.facts.speakers import speaker_role

EXCERPT = 140  # characters of a quote shown on the timeline


# Parts of closed-set values that are initialisms, written as readers know them.
INITIALISMS = {"un": "UN", "ngo": "NGO"}


def words(value: StrEnum | str) -> str:
    """A closed-set value as words: `armed-group` -> armed group, `un-body` -> UN body."""
    return " ".join(INITIALISMS.get(part, part) for part in str(value).split("-"))


def sentence_case(text: str) -> str:
    """First letter upper case, the rest as written (so `UN body` keeps its initialism)."""
    return text[:1].upper() + text[1:]


# Only a council's resolutions can be adopted under Chapter VII; for other texts the question does not arise.
CHAPTER_VII_KINDS = frozenset({DocumentKind.DRAFT_RESOLUTION, DocumentKind.RESOLUTION})


def chapter_vii(document: Document, council: bool = True) -> str:
    """'yes', 'no' or 'not recorded'; empty where Chapter VII does not apply: statements, and texts of
    bodies that do not vote by the council rule (assemblies, other organisations)."""
    if document.chapter_vii is not None:
        return "yes" if document.chapter_vii else "no"
    return "not recorded" if council and document.kind in CHAPTER_VII_KINDS else ""


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 record', '3 records'."""
    return f"{count:,} {singular if count == 1 else many or singular + 's'}"


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


# --- the published data a table comes from ------------------------------------------


@dataclass(frozen=True)
class Download:
    """A data file a page links to: under a table, the file the table comes from."""

    path: str  # from the site's root, e.g. data/defections.csv
    name: str  # the file's name, as the link shows it
    format: str  # what it is, e.g. "CSV"


def download(path: str, format: str) -> Download:
    return Download(path, posixpath.basename(path), format)


def table(kind: Kind[Any]) -> Download:
    """The CSV of a kind of record."""
    return download(addresses.table_file(kind), "CSV")


STORY_DATA = download(addresses.STORY_JSON, "JSON")
VOTES_DATA = download(addresses.VOTES_CSV, "CSV, one row per member's vote")
TIMELINE_DATA = download(addresses.TIMELINE_JSON, "TimelineJS JSON")
ACTORS_DATA, DEFECTIONS_DATA, DOCUMENTS_DATA = table(ACTORS), table(DEFECTIONS), table(DOCUMENTS)
FIGURES_DATA, MISSIONS_DATA = table(FIGURES), table(MISSIONS)
# Every published file, for the overview's list: the whole story, its schema, the other
# formats, a table per kind, and the feeds.
DATA_FILES = (
    STORY_DATA,
    download(addresses.STORY_SCHEMA, "JSON Schema"),
    download(addresses.POPOLO_JSON, "Popolo JSON"),
    TIMELINE_DATA,
    VOTES_DATA,
    *(table(kind) for kind in KINDS),
    download(addresses.UPDATES_FEED, "Atom feed of updates"),
    download(addresses.CORRECTIONS_FEED, "Atom feed of corrections"),
)


@dataclass(frozen=True)
class Embed:
    """A chart other sites can show in an iframe: the page that holds it and the code to copy."""

    path: str  # the embed page, from the site's root
    code: str  # the <iframe> element, as text to copy


# --- the overview -----------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """How many of each thing the explainer holds, in words, for the overview's table of contents."""

    actors: str  # "12 people, groups and states"
    defections: str  # "about 80 people in 16 recorded defections"
    documents: str
    timeline: str
    figures: str
    quotes: str
    sources: str
    glossary: str


@dataclass(frozen=True)
class MediaItem:
    kind: str  # "Video"
    title: str
    duration: str | None
    caption: str | None
    source: str
    url: str  # where to watch, see or hear it: its source's address (every source has one)


@dataclass(frozen=True)
class EditionLink:
    """An update, and the page of the story as it stood then."""

    update: Update
    page: str  # updates/2012-07-11T2100.md
    shown: bool  # the edition being read: not a link


@dataclass(frozen=True)
class CorrectionView:
    """A correction, and the words of its link to the record it corrects: 'the corrected figure'
    (the record's name would repeat what the correction's own text says)."""

    correction: Correction
    link: str  # empty when the correction names no record


@dataclass(frozen=True)
class OverviewPage:
    story: Story
    headline: str  # as the story reads at its now (or the edition's): an update may rewrite it
    summary: str
    dateline: Dateline  # as of the page's now: the latest update's own, else its day (Story.current_dateline)
    latest: Update | None  # the newest update at the page's now: what it changed leads the page
    last_updated: Timestamp | None
    need_to_know: tuple[str, ...]  # the editor's sentences (prose), as of the page's moment
    key_facts: tuple[KeyFact, ...]  # worked out from the data at the page's moment (key_facts.py)
    highlights: WhatIsNew  # on an edition, of the newest few
    earlier_highlights: str  # on an edition, the highlights left out: "12 earlier highlights are"; else empty
    key_metrics: tuple[MetricGroup, ...]  # each with at most KEY_CLAIMS claims per table
    key_more: str  # when claims were left out: how many the figures page has; else empty
    updates: tuple[EditionLink, ...]  # newest first, each with its edition (on an edition, the newest few)
    earlier_updates: str  # on an edition, the updates left out: "12 earlier updates are"; else empty
    corrections: tuple[CorrectionView, ...]  # newest first
    so_far: SoFar
    media: tuple[MediaItem, ...]
    counts: Counts
    # Related coverage a reader can open; a title with no address is left out: it cannot be opened.
    related_linked: tuple[Related, ...]
    figures_data: Download = FIGURES_DATA
    data: tuple[Download, ...] = DATA_FILES
    title: str = ""  # the page's title: the headline, and on an edition the moment too
    # On an edition: the update it shows the story at; None on the overview itself.
    edition: Update | None = None
    overview: str = "index.md"  # the overview, which an edition links to


# The overview's key figures show the newest claims, each claimant's latest: a story with
# hundreds of claimants keeps them on the figures page, so that the overview stays short.
KEY_CLAIMS = 8


def _newest(claims: tuple[FigureView, ...]) -> tuple[FigureView, ...]:
    """The KEY_CLAIMS newest claims, in the order they were given."""
    if len(claims) <= KEY_CLAIMS:
        return claims
    newest = sorted(claims, key=lambda v: v.made.sort_key())
    kept = {id(v) for v in newest[-KEY_CLAIMS:]}
    return tuple(v for v in claims if id(v) in kept)


def _key_claims(group: MetricGroup) -> MetricGroup:
    return dataclasses.replace(
        group, latest_by_claimant=_newest(group.latest_by_claimant), older_by_claimant=_newest(group.older_by_claimant)
    )


def _key_more(groups: tuple[MetricGroup, ...]) -> str:
    shown = sum(len(_newest(g.latest_by_claimant)) + len(_newest(g.older_by_claimant)) for g in groups)
    total = sum(len(g.latest_by_claimant) + len(g.older_by_claimant) for g in groups)
    if total == shown:
        return ""
    return f"Here are the newest {shown} of {total:,} claimants' latest figures; the figures page has them all."


def _url(content: Content, source_id: str) -> str:
    source = content.by_id[source_id]
    assert isinstance(source, Source)
    return str(source.url)


# An edition lists the newest few updates and highlights of its time and leaves the rest to the
# overview: listing them all made each edition grow with the story, and the editions together
# with its square (800 updates: 87 MB of editions). So each edition stays within a bound.
EDITION_UPDATES = 10
EDITION_HIGHLIGHTS = 10


def _highlights_shown(highlights: tuple[HighlightView, ...], edition: Update | None) -> tuple[HighlightView, ...]:
    """All of them on the overview; on an edition the EDITION_HIGHLIGHTS newest, in the order given."""
    if edition is None or len(highlights) <= EDITION_HIGHLIGHTS:
        return highlights
    newest = sorted(range(len(highlights)), key=lambda i: highlights[i].highlight.added)[-EDITION_HIGHLIGHTS:]
    return tuple(highlights[i] for i in sorted(newest))


def _left_out(total: int, shown: int, what: str) -> str:
    left = total - shown
    return "" if not left else f"{plural(left, what)} {'is' if left == 1 else 'are'}"


def _corrected(content: Content, record_id: str | None) -> str:
    """The words of a correction's link to its record: 'the corrected figure'. An edition may not hold
    the record (a correction can name one that joined the story later): it is then 'the corrected record'."""
    if record_id is None:
        return ""
    kind = content.kinds.get(record_id)
    return f"the corrected {kind.singular if kind else 'record'}"


def _updates_shown(story: Story, edition: Update | None) -> tuple[EditionLink, ...]:
    newest = sorted(story.updates, key=lambda u: u.at, reverse=True)
    shown = newest if edition is None else newest[:EDITION_UPDATES]
    return tuple(EditionLink(u, edition_path(u.at), edition is not None and u.at == edition.at) for u in shown)


def overview_page(content: Content, facts: Facts, edition: Update | None = None) -> OverviewPage:
    """The overview; or, given the content as of an update (editions.as_of) and that update,
    the edition of the story at that update, printed by the same template."""
    story = content.story
    return OverviewPage(
        story=story,
        headline=story.current_headline,
        summary=story.current_summary,
        dateline=story.current_dateline,
        latest=max(story.updates, key=lambda u: u.at, default=None),
        last_updated=last_updated(story),
        need_to_know=story.current_need_to_know,
        key_facts=key_facts(content, facts),
        highlights=what_is_new(_highlights_shown(facts.highlights, edition)),
        earlier_highlights=_left_out(
            len(facts.highlights), len(_highlights_shown(facts.highlights, edition)), "earlier highlight"
        ),
        key_metrics=tuple(_key_claims(g) for g in facts.key_metrics),
        key_more=_key_more(facts.key_metrics),
        updates=_updates_shown(story, edition),
        earlier_updates=_left_out(len(story.updates), len(_updates_shown(story, edition)), "earlier update"),
        title=story.current_headline
        if edition is None
        else f"{story.current_headline} (as of {edition.at.display(story.language)})",
        edition=edition,
        corrections=tuple(
            CorrectionView(c, _corrected(content, c.record))
            for c in sorted(story.corrections, key=lambda c: c.at, reverse=True)
        ),
        so_far=facts.so_far,
        media=tuple(
            MediaItem(sentence_case(m.kind.value), m.title, m.duration, m.caption, m.source, _url(content, m.source))
            for m in story.media
        ),
        related_linked=tuple(r for r in story.related if r.url),
        counts=Counts(
            actors=plural(len(content.actors), "person, group or state", "people, groups and states"),
            defections=defections_summary(facts.defection_people, len(content.defections)),
            documents=plural(
                len(content.documents), "draft, resolution or statement", "drafts, resolutions and statements"
            ),
            timeline=plural(len(facts.timeline), "dated entry", "dated entries"),
            figures=plural(len(content.figures), "claim"),
            quotes=plural(len(content.quotes), "quote"),
            sources=plural(len(content.sources), "source"),
            glossary=plural(len(content.glossary), "term"),
        ),
    )


def defections_summary(people: str, count: int) -> str:
    """'about 80 people in 16 recorded defections', '1 person in 1 recorded defection'."""
    return f"{people} {'person' if people == '1' else 'people'} in {plural(count, 'recorded defection')}"


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


def actors_page(
    content: Content,
    facts: Facts,
    parts: Parts | None = None,
    here: Part | None = None,
    part_of: Mapping[str, str] | None = None,
) -> ActorsPage:
    """Who's who, or (when split) one side's page of it: `part_of` gives each actor's part key."""
    one, many = "person, group or state", "people, groups and states"
    nav = parts_nav(parts, here, one, many)
    groups = []
    for side, actors in facts.sides:
        shown = actors
        if parts is not None and part_of is not None:
            shown = tuple(a for a in actors if part_of[a.id] == here.key) if here else actors[:SIDE_PREVIEW]
        if not shown:
            continue
        keys = {part_of[a.id] for a in actors} if parts is not None and part_of is not None else set()
        # On the index a side's pages are named by their letters alone: the side is the heading.
        more = tuple(
            PartLink(p.label.removeprefix(f"{side.label}: "), p.page, plural(p.count, one, many))
            for p in (parts.parts if parts else ())
            if p.key in keys
        )
        rows = tuple(ActorRow(a, words(a.kind)) for a in shown)
        count = plural(len(actors), one, many)
        groups.append(SideGroup(side, rows, count, more[0] if len(more) == 1 else None, more if len(more) > 1 else ()))
    ranked = sorted(content.actors, key=lambda a: facts.prominence[a.id])
    return ActorsPage(
        count=plural(len(content.actors), one, many),
        featured=()
        if here
        else tuple(ActorRow(a, words(a.kind), facts.side_labels[a.side]) for a in ranked[:FEATURED]),
        sides=tuple(groups),
        edges=() if here else tuple(edge_row(e) for e in facts.edges),
        charted=_charted(facts),
        claims=any(e.attribution for e in facts.edges),
        nav=nav,
    )


def _charted(facts: Facts) -> str:
    if len(facts.charted) == len(facts.edges):
        return ""
    return (
        f"It draws {len(facts.charted):,} of the {len(facts.edges):,} relations: those of the most "
        f"prominent actors, up to {CHARTED} boxes. The table lists them all."
    )


def edge_row(edge: Edge) -> EdgeRow:
    kind = RelationKind(edge.kind)
    if edge.attribution is None:
        return EdgeRow(edge, (sentences.words(words(edge.kind)),))
    *claim, last, _ = sentences.claimed_relation(kind, edge.attribution, sentences.words(""))
    return EdgeRow(edge, (*claim, sentences.words(last.text.rstrip())))


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
    people = f"{row.people} {'person' if d.people == 1 else 'people'}" if group else ""
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
    actor = view.actor
    rows = {row.defection.id: row for row in facts.defections}
    events = tuple(e for e in (content.by_id[i] for i in view.events) if isinstance(e, Event))
    quotes = tuple(q for q in (content.by_id[i] for i in view.quotes) if isinstance(q, Quote))
    role = story_role(actor, facts.prominence, view.defections, content.story.now.moment.date())
    return ActorPage(
        actor=actor,
        kind=words(actor.kind),
        side_label=facts.side_labels[actor.side],
        side_since=view.sides[-1].since,
        sides=view.sides if len(view.sides) > 1 else (),
        roles=tuple(
            RoleRow(r, words(r.ended) if r.ended else "", sentences.role_claim(r.attribution) if r.attribution else ())
            for r in actor.roles
        ),
        last_role=last_role(role),
        role_over=role is not None and role.over,
        defections=tuple(defection_line(rows[d.id]) for d in view.defections),
        events=events,
        sponsored=view.sponsored,
        quotes=tuple(
            QuoteRow(q, quote_opening(q), q.kind is QuoteKind.PARAPHRASE, in_calendar(q.date)) for q in quotes
        ),
        relations=tuple(relation_row(content, actor, r) for r in view.relations),
        mentions=mentions(content, view.mentions),
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


@dataclass(frozen=True)
class DefectionsPage:
    rows: tuple[DefectionLine, ...]  # by date (the latest day each can mean)
    summary: str  # "about 80 people in 16 recorded defections"
    first: FuzzyDate | None
    last: FuzzyDate | None
    leaders: tuple[Leader, ...]
    months: tuple[MonthCount, ...]
    nav: PartsNav | None  # set when the list is split by date: the rows are then one part's
    data: Download = DEFECTIONS_DATA
    months_data: Download = STORY_DATA  # the count by month is among the story's derived facts

    @property
    def downloads(self) -> tuple[Download, ...]:
        """The list's file, and on the whole page (not a part) the count by month's."""
        whole = self.nav is None or self.nav.here is None
        return (self.data,) + ((self.months_data,) if whole and self.months else ())


def defections_page(facts: Facts, split: ByDate | None = None, here: Part | None = None) -> DefectionsPage:
    """The defections page, or (when split) one year's or month's page of its list."""
    rows = facts.defections
    summary = defections_summary(facts.defection_people, len(rows))
    shown = rows
    if split is not None:
        shown = tuple(r for r in rows if here is not None and split.key(r.defection.date) == here.key)
    return DefectionsPage(
        tuple(defection_line(row) for row in shown),
        summary[:1].upper() + summary[1:],
        rows[0].defection.date if rows else None,
        rows[-1].defection.date if rows else None,
        facts.leaders,
        facts.defection_months,
        parts_nav(split.parts if split else None, here, "defection"),
    )


# --- drafts and votes ----------------------------------------------------------------


@dataclass(frozen=True)
class SeatRow:
    seat: Seat
    code: str  # the member's code, as on its seat in the chart
    member_kind: str  # "permanent", "elected" or "member"
    vote: str  # "no (veto)" is printed from vote and veto
    veto: bool


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


MODE_NAMES = {
    AdoptionMode.VOTE: "by a vote",
    AdoptionMode.CONSENSUS: "by consensus",
    AdoptionMode.WITHOUT_VOTE: "without a vote",
    AdoptionMode.STATEMENT: "agreed as a statement, with no vote",
}


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
        words(document.kind),
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
    documents: tuple[DocumentRow, ...]
    chapter_vii: bool  # whether any of the body's texts is recorded as under Chapter VII or not: the column shows


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
    rule = f"A text is adopted with {rule_for(adoption).needs()}"
    special = SPECIAL_QUESTION.get(adoption.rule)
    if special is not None:
        rule += f"; on {special.value} questions, with {rule_for(adoption, special).needs()}"
    listed = len(membership.listed)
    partial = (
        ""
        if listed == membership.size
        else (
            f"{listed} of {plural(membership.size, 'member')} listed: those the story names"
            if listed
            else f"{plural(membership.size, 'member')}, not listed here"
        )
    )
    return MembershipRow(membership, rule + ".", partial)


@dataclass(frozen=True)
class Jump:
    """A link to a section further down the same page."""

    anchor: str
    label: str


@dataclass(frozen=True)
class VotesPage:
    counted: tuple[Document, ...]  # the vote the story is about first, then by date
    bodies: tuple[BodyGroup, ...]
    memberships: tuple[MembershipRow, ...]  # by year
    missions: tuple[MissionView, ...]
    plans: tuple[Plan, ...]
    contests: tuple[ContestRow, ...]  # by body, then state
    latest: DocumentRow | None  # the page opens with the latest vote taken, in any body
    jumps: tuple[Jump, ...]  # links to the page's sections, under the latest vote
    data: Download = DOCUMENTS_DATA
    missions_data: Download = MISSIONS_DATA

    @property
    def downloads(self) -> tuple[Download, ...]:
        return ((self.data,) if self.bodies else ()) + ((self.missions_data,) if self.missions else ())


def votes_page(content: Content, facts: Facts) -> VotesPage:
    bodies = []
    for body, documents in facts.bodies:
        rows = tuple(document_row(facts.votes[d.id]) for d in documents)
        # The column shows only where some text's answer is recorded: a column of "not recorded" says nothing.
        bodies.append(BodyGroup(body, rows, any(row.chapter_vii in ("yes", "no") for row in rows)))
    # The missions and plans sit far down a long page: the top links to every section.
    sections = (
        (facts.counted, "at-a-glance", "Every vote at a glance"),
        *((True, f"body-{group.body}", content.actor_name(group.body)) for group in bodies),
        (content.memberships, "membership", "Membership"),
        (facts.missions, "mission-mandates", "Missions"),
        (content.seats, "contested-seats", "Contested seats"),
        (content.plans, "the-plans", "Plans"),
    )
    return VotesPage(
        counted=story_vote_first(facts.counted, facts.marks.focus),
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
    )


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
    provisions_heading: str = "What it would do"  # by the document's status (sentences.provisions_heading)
    presiding: str | None = None  # the member presiding over the body that day, when the membership says


def _sentence(clause: str) -> str:
    """A clause made to start a sentence (its first letter raised)."""
    return clause[:1].upper() + clause[1:]


CHOICE_WORDS = {
    Choice.YES: "voted yes",
    Choice.NO: "voted no",
    Choice.ABSTAIN: "abstained",
    Choice.ABSENT: "did not vote",
}


OUTCOME_BASIS = {
    Basis.COUNTED: "Outcome by the adoption rule",
    Basis.REPORTED: "Outcome, as the sources report it",
    Basis.RECORDED: "Outcome",
}


def _explanation(verdict: Verdict, count: Count | None) -> str:
    """Why the outcome follows from the rule, or why the votes the sources give do not settle it."""
    if count is None:
        return ""
    if verdict.basis is Basis.REPORTED:
        return f"The votes the sources give do not settle it by the adoption rule: {count.reason()}"
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
                "permanent" if s.member in permanent else "elected" if s.member in elected else "member",
                s.choice.value,
                s.member in count.vetoes,
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
        unnamed = f"The votes of the other {plural(others, 'member')} are not named." if named and others else ""
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


@dataclass(frozen=True)
class ClaimRow:
    figure: Figure
    number: str
    breakdown: str  # "1,200 civilians, about 300 soldiers; of them 40 officers"
    date: Phrase  # the date the number describes, or "reported 11 July 2012"


@dataclass(frozen=True)
class MetricSection:
    group: MetricGroup
    charted: bool  # a chart needs two claims or more (on a split section, only its index draws it)
    claims: tuple[ClaimRow, ...]
    window: str  # "7 days": how close claims must be to be compared
    conflicts: tuple[Conflict, ...]  # where sources differ; on a split index, the newest
    # On a split section's index the rows are the newest claims, each linking to its row on its
    # part, which holds the claim's anchor: an id is on one page only.
    anchored: bool = True
    newest: str = ""  # on a split index: "The 10 newest of 251 claims."
    more_conflicts: str = ""  # on a split index, when comparisons were left out: "The 5 newest of 84."
    parts: tuple[PartLink, ...] = ()  # on a split index: this metric's pages

    @property
    def reported(self) -> bool:
        """Whether the claims table has a "Reported by" column: some claim names who relayed it."""
        return any(row.figure.reported_by for row in self.claims)

    @property
    def noted(self) -> bool:
        """Whether the claims table has a "Scope and notes" column: some claim has either."""
        return any(row.figure.scope or row.figure.note or row.figure.uncertain for row in self.claims)


@dataclass(frozen=True)
class FiguresPage:
    metrics: tuple[MetricSection, ...]  # when split, on a part only its metric's
    nav: PartsNav | None = None  # set when the figures are split by metric and date
    count: str = ""  # "502": the claims of every metric
    data: Download = FIGURES_DATA

    @property
    def downloads(self) -> tuple[Download, ...]:
        return (self.data,) if self.metrics else ()


# A split figures page's index shows, per metric, the newest claims and comparisons; the
# part pages by date hold them all.
INDEX_CLAIMS = 10
INDEX_CONFLICTS = 5


def _of_newest(shown: int, total: int, what: str = "") -> str:
    """What an index shows of a longer list ("The 10 newest of 251 claims."), or nothing when it shows all."""
    return f"The {shown} newest of {total:,}{what}." if shown < total else ""


def _claim_rows(claims: tuple[FigureView, ...]) -> tuple[ClaimRow, ...]:
    return tuple(ClaimRow(v.figure, v.number, v.breakdown, v.date) for v in claims)


def figures_page(
    facts: Facts, parts: Parts | None = None, here: Part | None = None, part_of: Mapping[str, str] | None = None
) -> FiguresPage:
    """The figures page, or (when split, parts.py) its index or one metric's page of it:
    `part_of` gives each figure's part key."""
    nav = parts_nav(parts, here, "claim")
    count = f"{sum(len(g.claims) for g in facts.metrics):,}"
    if parts is None or part_of is None:
        return FiguresPage(
            tuple(
                MetricSection(g, len(g.charted) > 1, _claim_rows(g.claims), plural(g.window_days, "day"), g.conflicts)
                for g in facts.metrics
            ),
            nav,
            count,
        )
    if here is not None:
        sections = []
        for g in facts.metrics:
            claims = tuple(v for v in g.claims if part_of[v.figure.id] == here.key)
            if not claims:
                continue
            # A comparison is told on the page of its first claim.
            conflicts = tuple(c for c in g.conflicts if part_of[c.claims[0].figure.id] == here.key)
            sections.append(MetricSection(g, False, _claim_rows(claims), plural(g.window_days, "day"), conflicts))
        return FiguresPage(tuple(sections), nav, count)
    sections = []
    for g in facts.metrics:
        newest = g.claims[-INDEX_CLAIMS:]
        conflicts = g.conflicts[-INDEX_CONFLICTS:]
        keys = {part_of[v.figure.id] for v in g.claims}
        sections.append(
            MetricSection(
                g,
                len(g.charted) > 1,
                _claim_rows(newest),
                plural(g.window_days, "day"),
                conflicts,
                anchored=False,
                newest=_of_newest(len(newest), len(g.claims), " claims"),
                more_conflicts=_of_newest(len(conflicts), len(g.conflicts)),
                # Under the metric's heading its pages are named by their dates alone: "2012".
                parts=tuple(
                    PartLink(p.label.removeprefix(f"{g.label}: "), p.page, plural(p.count, "claim"))
                    for p in parts.parts
                    if p.key in keys
                ),
            )
        )
    return FiguresPage(tuple(sections), nav, count)


@dataclass(frozen=True)
class QuoteSpeaker:
    quote: Quote
    side: str  # the speaker's side on the day, as readers see it
    role: Phrase  # the post the speaker held on the day (facts/speakers.py); empty when none is recorded
    paraphrase: bool  # reported speech: shown without quotation marks, and not as a quotation
    # The date in the calendar where the editor's text ("after Tlass defected") would hide it:
    # every quote shows when it was said.
    calendar: FuzzyDate | None


@dataclass(frozen=True)
class QuotesPage:
    language: str
    protagonist: str | None  # the actor the story is about, whose quotes come first (see protagonist.py)
    quotes: tuple[QuoteSpeaker, ...]  # the protagonist's first, then by date, then id; when split, this part's
    count: str  # "1,000 quotes"
    nav: PartsNav | None  # set when the quotes are split by date


def quotes_page(content: Content, facts: Facts, split: ByDate | None = None, here: Part | None = None) -> QuotesPage:
    """The quotes page, or (when split) one year's or month's page of it."""
    actors = {a.id: a for a in content.actors}
    lead = protagonist(content, facts.mentions, frozenset(q.speaker for q in content.quotes))
    ordered = sorted(content.quotes, key=lambda q: (q.speaker != lead, q.date.sort_key(), q.id))
    shown = ordered
    if split is not None:
        shown = [q for q in ordered if here is not None and split.key(q.date) == here.key]
    return QuotesPage(
        content.story.language,
        lead,
        tuple(
            QuoteSpeaker(
                q,
                facts.side_labels[side_at(actors[q.speaker], q.date)],
                speaker_role(actors[q.speaker], q.date, content.actor_name),
                q.kind is QuoteKind.PARAPHRASE,
                in_calendar(q.date),
            )
            for q in shown
        ),
        plural(len(ordered), "quote"),
        parts_nav(split.parts if split else None, here, "quote"),
    )


PUBLISHER_TYPE_WORDS = {
    PublisherType.OFFICIAL: "official document",
    PublisherType.WIRE: "wire service",
    PublisherType.NEWSPAPER: "newspaper",
    PublisherType.BROADCASTER: "broadcaster",
    PublisherType.NEWS_SITE: "news website",
    PublisherType.NGO: "NGO",
    PublisherType.THINK_TANK: "think tank",
    PublisherType.PARTISAN: "partisan site",
    PublisherType.AGGREGATOR: "aggregator",
    PublisherType.BLOG: "blog",
    PublisherType.REFERENCE: "reference work",
}


def publisher_type(source: Source) -> str:
    """What kind of publisher a source comes from, in words: "wire service", "NGO"."""
    return PUBLISHER_TYPE_WORDS[source.publisher_kind]


@dataclass(frozen=True)
class SourceRow:
    source: Source
    kind: str
    publisher_type: str  # "newspaper", "official document": shown next to the publisher
    supports: tuple[Mention, ...]
    overview: bool  # the overview cites it itself (its media, summary or highlights)
    supports_count: str  # "3 records", "the overview and 2 records"
    weak: str  # what makes it a weaker source ("blog", "mirror"); empty when nothing does


@dataclass(frozen=True)
class SourcesPage:
    count: str  # "81 sources"
    sources: tuple[SourceRow, ...]  # by publisher, then id; when split, only this part's
    groups: tuple[SourceGroup, ...]  # the same rows by publisher type, the weaker ones last (source_groups.py)
    nav: PartsNav | None  # set when the sources are split by the first letters of their publisher

    @property
    def jumps(self) -> bool:
        """Whether the page opens with links to its groups: there is more than one."""
        return len(self.groups) > 1


def sources_page(
    content: Content,
    facts: Facts,
    parts: Parts | None = None,
    here: Part | None = None,
    part_of: dict[str, str] | None = None,
) -> SourcesPage:
    """The sources page, or (when split) one part of it: `part_of` gives each source's part key."""
    # Case-insensitive, as readers look names up.
    ordered = sorted(content.sources, key=lambda s: (s.publisher.lower(), s.id))
    # The story itself cites sources too (its media, links in its summary and highlights): a
    # source the overview rests on must not read "not cited".
    on_overview = {target for _, target, _ in references(content.story)}
    shown = ordered
    if parts is not None:
        shown = [s for s in ordered if here is not None and part_of and part_of[s.id] == here.key]
    rows = tuple(_source_row(content, facts, s, s.id in on_overview) for s in shown)
    return SourcesPage(plural(len(ordered), "source"), rows, grouped(rows), parts_nav(parts, here, "source"))


def _source_row(content: Content, facts: Facts, source: Source, overview: bool) -> SourceRow:
    cited = facts.supports[source.id]
    count = plural(len(cited), "record")
    if overview:
        count = f"the overview and {count}" if cited else "the overview"
    kind, weak = words(source.kind), weak_label(source)
    return SourceRow(source, kind, publisher_type(source), mentions(content, cited), overview, count, weak)


@dataclass(frozen=True)
class GlossaryPage:
    terms: tuple[Term, ...]  # alphabetical


def glossary_page(content: Content) -> GlossaryPage:
    return GlossaryPage(tuple(sorted(content.glossary, key=lambda t: t.term.lower())))


# --- sections split into parts (see parts.py) -------------------------------------------


@dataclass(frozen=True)
class PartLink:
    label: str  # "July 2012"
    page: str  # its source path, for the page_url filter
    count: str  # "77 entries"


@dataclass(frozen=True)
class PartsNav:
    """How a reader moves through a section split into pages: every part, and where they are."""

    index: str  # the section's own page, which lists the parts
    parts: tuple[PartLink, ...]
    pages: str  # "48 pages"
    here: PartLink | None  # the part this page shows; None on the section's page
    before: PartLink | None
    after: PartLink | None


def parts_nav(parts: Parts | None, here: Part | None, one: str, many: str | None = None) -> PartsNav | None:
    """The navigation of a split section's page (None when the section is one page)."""
    if parts is None:
        return None

    def link(part: Part | None) -> PartLink | None:
        return PartLink(part.label, part.page, plural(part.count, one, many)) if part else None

    before, after = parts.around(here) if here else (None, None)
    return PartsNav(
        parts.section,
        tuple(PartLink(p.label, p.page, plural(p.count, one, many)) for p in parts.parts),
        plural(len(parts.parts), "page"),
        link(here),
        link(before),
        link(after),
    )
