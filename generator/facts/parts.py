"""Long section pages split into parts, decided once: which part each entry is on.

A section whose list is longer than the page size is split: its page becomes an index of
parts, and each part is a page of its own under the section's folder (timeline.md's July
2012 is timeline/2012-07.md). Parts are named by what their entries share, not by a page
number, so that an entry keeps its address while the story grows: dated lists by year, or
by month when a year alone is too long; sources by the first letters of their publisher;
who's who by side. Addresses and pages both read the split from here.
Quotes split as the timeline does. Figures split by metric, and a long metric's claims by
date as the timeline is (figures/deaths/2012.md).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.content.dates import Day, FuzzyDate, Precision
from generator.content.i18n import _
from generator.content.kinds import DEFECTIONS, EVENTS, FIGURES, QUOTES, SOURCES
from generator.content.load import Content

# Entries a list page holds before it is split: timeline entries, or who's who rows. Measured
# with Lighthouse on a 1,000-actor story (benchmarks/README.md): a page of this many keeps its
# performance score at 95 or more; the first story's lists stay whole.
PAGE_SIZE = 150
# A defection is told twice (a table row and a card), each heavier than a timeline entry: its
# list splits at a quarter of the size.
DEFECTION_WEIGHT = 4
# A quote, with its speaker, side, date, context and sources, weighs about two entries.
QUOTE_WEIGHT = 2
# A source weighs one, plus one for each record it lists as citing it, and a page of sources
# holds two and a half sizes of that: the records are links in a list, lighter than entries.
# The list splits only past four sizes: the first story's sources (82, listing 298 citing records)
# read best whole and measured 99.
SOURCES_PAGE_WEIGHT = 2.5
SOURCES_SPLIT_WEIGHT = 4

WHO = "actors/index.md"
TIMELINE = EVENTS.home
DEFECTIONS_PAGE = DEFECTIONS.home
QUOTES_PAGE = QUOTES.home
SOURCES_PAGE = SOURCES.home
FIGURES_PAGE = FIGURES.home


@dataclass(frozen=True)
class Part:
    """One page of a split section."""

    key: str  # its name in the URL: "2012", "2012-07", "pu", a side's id
    label: str  # what the index calls it: "2012", "July 2012", "Pu…", a side's label
    page: str  # its source path: timeline/2012-07.md
    count: int  # entries on it


@dataclass(frozen=True)
class Parts:
    """A section split into parts, in reading order."""

    section: str  # the section page, now the index of its parts
    parts: tuple[Part, ...]
    by_key: Mapping[str, Part] = field(default_factory=dict, compare=False)

    def __getitem__(self, key: str) -> Part:
        return self.by_key[key]

    def around(self, part: Part) -> tuple[Part | None, Part | None]:
        """The parts before and after `part`, for a reader going through them in order."""
        at = self.parts.index(part)
        return (self.parts[at - 1] if at else None, self.parts[at + 1] if at + 1 < len(self.parts) else None)


def folder(section: str) -> str:
    """The folder a section's parts live in: timeline.md's in timeline/, who's who's in actors/sides/."""
    return "actors/sides" if section == WHO else section.removesuffix(".md")


def _parts(section: str, keyed: Iterable[tuple[str, str, int]]) -> Parts:
    parts = tuple(Part(key, label, f"{folder(section)}/{key}.md", count) for key, label, count in keyed)
    return Parts(section, parts, {p.key: p for p in parts})


# --- dated lists: by year, or by month ------------------------------------------------


@dataclass(frozen=True)
class ByDate:
    """A dated list split by year, or by month when some year alone is longer than a page."""

    parts: Parts
    monthly: bool

    def key(self, date: FuzzyDate) -> str:
        """The part an entry of this date is on: that of the day it is placed on (its latest)."""
        return date_key(date.settled, self.monthly)


def date_key(day: dt.date, monthly: bool) -> str:
    return f"{day.year:04d}-{day.month:02d}" if monthly else f"{day.year:04d}"


def by_date(section: str, dates: Iterable[FuzzyDate], size: int) -> ByDate | None:
    days = [d.settled for d in dates]
    if len(days) <= size:
        return None
    # By month only when a year is far over the size: a year a little over it reads better whole
    # than as a dozen short pages.
    monthly = max(Counter(day.year for day in days).values()) > 2 * size
    counts = Counter(date_key(day, monthly) for day in days)
    labels = {date_key(day, monthly): _month(day) if monthly else str(day.year) for day in days}
    return ByDate(_parts(section, ((k, labels[k], counts[k]) for k in sorted(counts))), monthly)


def _month(day: dt.date) -> str:
    """'July 2012', in the language being written."""
    return Day(day, day, Precision.MONTH).display()


# --- named lists: by the first letters of a name ---------------------------------------


def name_key(name: str) -> str:
    """A name as it sorts and splits: case-folded, accents and spaces as readers ignore them."""
    return " ".join(unicodedata.normalize("NFKD", name).casefold().split())


def by_prefix(
    section: str, names: Mapping[str, str], size: int, weights: Mapping[str, int] | None = None
) -> tuple[Parts, dict[str, str]] | None:
    """Split records by the first letters of their name (id -> name), when their weight (one
    each, or `weights`) is over `size`: by one letter, or more where one letter alone weighs more
    than a page; then neighbouring letters share a page while it stays within `size` ("A to F").
    Returns the parts and each record's part key."""
    weight = {rid: weights[rid] if weights else 1 for rid in names}
    if sum(weight.values()) <= size:
        return None
    keys = {rid: name_key(name) for rid, name in names.items()}
    chosen: dict[str, str] = {}
    _split(list(keys), keys, weight, 1, size, chosen)
    members: dict[str, list[str]] = defaultdict(list)
    for rid in sorted(chosen, key=lambda r: (keys[r], r)):
        members[chosen[rid]].append(rid)
    pages: list[list[str]] = []  # prefixes sharing a page, in order
    load = 0
    for prefix in sorted(members, key=_slug):
        heavy = sum(weight[r] for r in members[prefix])
        if pages and load + heavy <= size:
            pages[-1].append(prefix)
            load += heavy
        else:
            pages.append([prefix])
            load = heavy
    part_of: dict[str, str] = {}
    keyed = []
    for group in pages:
        first, last = group[0], group[-1]
        key = _slug(first) if first == last else f"{_slug(first)}--{_slug(last)}"
        first_name, last_name = names[members[first][0]], names[members[last][0]]
        label = _prefix_label(first_name, len(first))
        if first != last:
            label = _("{first} to {last}").format(first=label, last=_prefix_label(last_name, len(last)))
        ids = [rid for prefix in group for rid in members[prefix]]
        keyed.append((key, label, len(ids)))
        part_of.update(dict.fromkeys(ids, key))
    return _parts(section, keyed), part_of


def _split(
    ids: list[str], keys: Mapping[str, str], weight: Mapping[str, int], length: int, size: int, chosen: dict[str, str]
) -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in ids:
        groups[keys[rid][:length]].append(rid)
    for prefix, members in groups.items():
        # A name no longer than the prefix cannot be split further: its group stays whole.
        if sum(weight[r] for r in members) > size and any(len(keys[r]) > length for r in members):
            _split(members, keys, weight, length + 1, size, chosen)
        else:
            chosen.update(dict.fromkeys(members, prefix))


def _slug(prefix: str) -> str:
    """A prefix in a URL: letters and digits as they are, a space as '-', anything else by its code
    point between underscores ("中" is _4e2d_). The underscores keep it one-to-one: as "u4e2d", the
    code point read as a name's own letters, and "中" and "u4e2d" shared a page."""
    return "".join(_slug_character(c) for c in prefix)


def _slug_character(c: str) -> str:
    if c.isascii() and c.isalnum():
        return c
    return "-" if c == " " else f"_{ord(c):x}_"


def _prefix_label(first_name: str, length: int) -> str:
    """The index's name for a part: the first letters of its first name, "Pu…"."""
    shown = unicodedata.normalize("NFC", first_name.strip())[:length]
    return f"{shown}…"


# --- the split of a whole story -----------------------------------------------------


@dataclass(frozen=True)
class Split:
    """Every split section of a story, and the page of each record anchored on one."""

    size: int
    timeline: ByDate | None
    defections: ByDate | None
    quotes: ByDate | None
    sources: Parts | None
    source_parts: Mapping[str, str]  # source id -> part key
    sides: Parts | None  # who's who, a page per side (a long side split by the first letters of names)
    actor_parts: Mapping[str, str]  # actor id -> part key, when who's who is split
    figures: Parts | None = None  # a page per metric (a long metric's split by date)
    figure_parts: Mapping[str, str] = field(default_factory=dict)  # figure id -> part key

    def sections(self) -> dict[str, Parts]:
        """The split sections by their page."""
        found = {
            TIMELINE: self.timeline.parts if self.timeline else None,
            DEFECTIONS_PAGE: self.defections.parts if self.defections else None,
            QUOTES_PAGE: self.quotes.parts if self.quotes else None,
            SOURCES_PAGE: self.sources,
            WHO: self.sides,
            FIGURES_PAGE: self.figures,
        }
        return {page: parts for page, parts in found.items() if parts is not None}

    def page_of(self, home: str, record_id: str, date: FuzzyDate | None) -> str:
        """The page a record anchored on `home` (placed on `date` in a dated list) is on: its
        part's, or `home` when that is not split."""
        if home == TIMELINE and self.timeline and date:
            return self.timeline.parts[self.timeline.key(date)].page
        if home == DEFECTIONS_PAGE and self.defections and date:
            return self.defections.parts[self.defections.key(date)].page
        if home == QUOTES_PAGE and self.quotes and date:
            return self.quotes.parts[self.quotes.key(date)].page
        if home == SOURCES_PAGE and self.sources:
            return self.sources[self.source_parts[record_id]].page
        if home == FIGURES_PAGE and self.figures:
            return self.figures[self.figure_parts[record_id]].page
        return home


def split(content: Content, size: int = PAGE_SIZE) -> Split:
    """Decide which sections of `content` are split, and how."""
    moments = [m.date for kind, records in content.by_kind() for r in records if (m := kind.moment_of(r))]
    # How many records cite each source, as the sources page lists them (each record once).
    cited = Counter(
        target
        for record in content.all()
        for target in {t for _, t, _ in content.references[record.id] if t != record.id}
    )
    weights = {s.id: 1 + cited[s.id] for s in content.sources}
    sources = (
        by_prefix(SOURCES_PAGE, {s.id: s.publisher for s in content.sources}, int(size * SOURCES_PAGE_WEIGHT), weights)
        if sum(weights.values()) > size * SOURCES_SPLIT_WEIGHT
        else None
    )
    sides, actor_parts = _by_side(content, size) if len(content.actors) > size else (None, {})
    figures, figure_parts = _by_metric(content, size) if len(content.figures) > size else (None, {})
    return Split(
        size,
        by_date(TIMELINE, moments, size),
        by_date(DEFECTIONS_PAGE, [d.date for d in content.defections], max(1, size // DEFECTION_WEIGHT)),
        by_date(QUOTES_PAGE, [q.date for q in content.quotes], max(1, size // QUOTE_WEIGHT)),
        sources[0] if sources else None,
        sources[1] if sources else {},
        sides,
        actor_parts,
        figures,
        figure_parts,
    )


def _by_side(content: Content, size: int) -> tuple[Parts, dict[str, str]]:
    """Who's who by side: a page per side, or a side's pages by the first letters of names."""
    keyed: list[tuple[str, str, int]] = []
    of: dict[str, str] = {}
    for side in content.story.sides:
        members = {a.id: a.name for a in content.actors if a.side == side.id}
        if not members:
            continue
        within = by_prefix(WHO, members, size)
        if within is None:
            keyed.append((side.id, side.label, len(members)))
            of.update(dict.fromkeys(members, side.id))
            continue
        parts, keys = within
        # A long side's pages sit in a folder of its own (actors/sides/SIDE/a--f/), so that no
        # key of one side can be another side's.
        keyed.extend((f"{side.id}/{p.key}", f"{side.label}: {p.label}", p.count) for p in parts.parts)
        of.update({rid: f"{side.id}/{key}" for rid, key in keys.items()})
    return _parts(WHO, keyed), of


def _by_metric(content: Content, size: int) -> tuple[Parts, dict[str, str]]:
    """Figures by metric: a page per metric, or a long metric's pages by date (its claims'
    latest day, by year or by month as the timeline splits)."""
    keyed: list[tuple[str, str, int]] = []
    of: dict[str, str] = {}
    for metric in content.story.metrics:
        claims = [f for f in content.figures if f.metric == metric.id]
        if not claims:
            continue
        within = by_date(FIGURES_PAGE, [f.dated for f in claims], size)
        if within is None:
            keyed.append((metric.id, metric.label, len(claims)))
            of.update(dict.fromkeys((f.id for f in claims), metric.id))
            continue
        # A long metric's pages sit in a folder of its own (figures/deaths/2012.md), so that no
        # date of one metric can be another metric's key.
        keyed.extend((f"{metric.id}/{p.key}", f"{metric.label}: {p.label}", p.count) for p in within.parts.parts)
        of.update({f.id: f"{metric.id}/{within.key(f.dated)}" for f in claims})
    return _parts(FIGURES_PAGE, keyed), of
