"""Long section pages split into parts, decided once: which part each entry is on.

A section whose list is longer than the page size is split: its page becomes an index of
parts, and each part is a page of its own under the section's folder (timeline.md's July
2012 is timeline/2012-07.md). Parts are named by what their entries share, not by a page
number, so that an entry keeps its address while the story grows: dated lists by year, or
by month when a year alone is too long; sources by the first letters of their publisher;
who's who by side. Quotes split as the timeline does. Figures split by metric, and a long
metric's claims by date as the timeline is (figures/deaths/2012.md).

Each section's entry in the registry (facts/sections.py) names its splitter here; the split
is decided once, before rendering (facts/derivation.py), and addresses and pages both read it.
A view is told which page of its section it makes by a `Scope`.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from generator.content.dates import SETTLED_FIELD, Day, FuzzyDate, Precision
from generator.content.i18n import _
from generator.content.load import Content
from generator.facts.derive import Facts

T = TypeVar("T")

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


@dataclass(frozen=True)
class PagePart:
    """One page of a split section (not a figure's breakdown part: models.Part)."""

    key: str  # its name in the URL: "2012", "2012-07", "pu", a side's id
    label: str  # what the index calls it: "2012", "July 2012", "Pu…", a side's label
    page: str  # its source path: timeline/2012-07.md
    count: int  # entries on it


@dataclass(frozen=True)
class Parts:
    """A section split into parts, in reading order."""

    section: str  # the section page, now the index of its parts
    parts: tuple[PagePart, ...]
    by_key: Mapping[str, PagePart] = field(default_factory=dict, compare=False)

    def __getitem__(self, key: str) -> PagePart:
        return self.by_key[key]

    def around(self, part: PagePart) -> tuple[PagePart | None, PagePart | None]:
        """The parts before and after `part`, for a reader going through them in order."""
        at = self.parts.index(part)
        return (self.parts[at - 1] if at else None, self.parts[at + 1] if at + 1 < len(self.parts) else None)


@dataclass(frozen=True)
class Place:
    """Where a section's list is split, for its splitter: the section page, and the folder its parts go in."""

    section: str  # timeline.md
    folder: str  # timeline: its parts are timeline/2012.md


@dataclass(frozen=True)
class Division:
    """A split section: its parts, and the part each record it lists is on (id -> part key)."""

    parts: Parts
    part_of: Mapping[str, str]
    # What the views of this section work out for all of its pages (its whole list in order, say),
    # made for the first page and reused by the others (Scope.once): a section's pages then cost
    # its length once, not once per part. A division is made for one build's content and facts.
    made: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def page_of(self, record_id: str) -> str:
        return self.parts[self.part_of[record_id]].page

    def on(self, record_id: str, here: PagePart) -> bool:
        """Whether a record is listed on the part `here`."""
        return record_id in self.members.get(here.key, frozenset())

    @functools.cached_property
    def members(self) -> dict[str, frozenset[str]]:
        """The ids on each part, by its key, grouped once: each part's page goes through the whole
        section's list asking which are its own (a set lookup, not a call chain, per entry)."""
        grouped: dict[str, set[str]] = defaultdict(set)
        for record_id, key in self.part_of.items():
            grouped[key].add(record_id)
        return {key: frozenset(ids) for key, ids in grouped.items()}


@dataclass(frozen=True)
class Scope:
    """Which page of a section a view makes: the whole section (not split), the index of its
    parts (`here` None), or one part."""

    division: Division | None = None
    here: PagePart | None = None

    @property
    def parts(self) -> Parts | None:
        return self.division.parts if self.division else None

    def shows(self, record_id: str) -> bool:
        """Whether the page lists a record: on a part, only the records of that part."""
        return self._listed is None or record_id in self._listed

    @functools.cached_property
    def _listed(self) -> frozenset[str] | None:
        """The ids the page lists, None for all of them (a section that is not split)."""
        if self.division is None:
            return None
        return self.division.members.get(self.here.key, frozenset()) if self.here else frozenset()

    def once(self, name: str, make: Callable[[], T]) -> T:
        """`make()`, worked out once for all the pages of a split section (Division.made)."""
        if self.division is None:
            return make()
        made = self.division.made
        if name not in made:
            made[name] = make()
        return cast(T, made[name])

    def listed(self, name: str, entries: Callable[[], Sequence[T]], id_of: Callable[[T], str]) -> Sequence[T]:
        """Of a section's whole list (`entries()`, in its order), what this page lists: all of it
        when the section is one page, none on the index of its parts, else its part's entries.
        The list is made and grouped by part once for the section, not once per part's page."""
        division, here = self.division, self.here
        if division is None:
            return entries()
        if here is None:
            return ()
        by_part = self.once(f"{name}, by part", lambda: _by_part(entries(), division.part_of, id_of))
        return by_part.get(here.key, ())


WHOLE = Scope()  # a section that is not split: one page with everything


def _by_part(entries: Sequence[T], part_of: Mapping[str, str], id_of: Callable[[T], str]) -> dict[str, list[T]]:
    """Entries grouped by the part each is on, in their order; an entry the split left out is on none."""
    grouped: dict[str, list[T]] = defaultdict(list)
    for entry in entries:
        key = part_of.get(id_of(entry))
        if key is not None:
            grouped[key].append(entry)
    return grouped


def _parts(place: Place, keyed: Iterable[tuple[str, str, int]]) -> Parts:
    parts = tuple(PagePart(key, label, f"{place.folder}/{key}.md", count) for key, label, count in keyed)
    return Parts(place.section, parts, {p.key: p for p in parts})


# --- dated lists: by year, or by month ------------------------------------------------


@dataclass(frozen=True)
class ByDate:
    """A dated list split by year, or by month when some year alone is longer than a page."""

    parts: Parts
    monthly: bool
    # The part each of the dates split is on, in their order: that of the day it is placed on (its
    # latest). Made once as the parts are counted, not again for each record placed on them.
    keys: tuple[str, ...]

    def key(self, date: FuzzyDate) -> str:
        """The part an entry of this date is on: that of the day it is placed on (its latest). The
        plain way `keys` is checked against (tests/test_view_shortcuts.py); the build reads `keys`."""
        return date_key(date.settled, self.monthly)


# Memoised on its immutable arguments: a long list asks it for every entry, of a few hundred days.
@functools.lru_cache(maxsize=4096)
def date_key(day: dt.date, monthly: bool) -> str:
    return f"{day.year:04d}-{day.month:02d}" if monthly else f"{day.year:04d}"


# A date's settled day (FuzzyDate.settled, its latest), read by map in C: the timeline's split reads
# thousands of them, as it makes each entry's key from a few hundred days.
_SETTLED = operator.attrgetter(SETTLED_FIELD)


def by_date(place: Place, dates: Iterable[FuzzyDate], size: int) -> ByDate | None:
    days = list(map(_SETTLED, dates))
    if len(days) <= size:
        return None
    # By month only when a year is far over the size: a year a little over it reads better whole
    # than as a dozen short pages.
    monthly = max(Counter(map(_YEAR, days)).values()) > 2 * size
    key_of = {day: date_key(day, monthly) for day in set(days)}  # a key per day, not per entry
    keys = tuple(map(key_of.__getitem__, days))
    counts = Counter(keys)
    # A label per part, made from its first day (labels name only the month or the year).
    labels = {key: _month(dt.date.fromisoformat(f"{key}-01")) if monthly else str(int(key)) for key in counts}
    return ByDate(_parts(place, ((k, labels[k], counts[k]) for k in sorted(counts))), monthly, keys)


def _month(day: dt.date) -> str:
    """'July 2012', in the language being written."""
    return Day(day, day, Precision.MONTH).display()


# --- named lists: by the first letters of a name ---------------------------------------


def name_key(name: str) -> str:
    """A name as it sorts and splits: case-folded, accents and spaces as readers ignore them."""
    return " ".join(unicodedata.normalize("NFKD", name).casefold().split())


def by_prefix(
    place: Place, names: Mapping[str, str], size: int, weights: Mapping[str, int] | None = None
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
    return _parts(place, keyed), part_of


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


# --- splitters: each section that may be split names one in its registry entry ------------


def dated(place: Place, placed: Iterable[tuple[str, FuzzyDate]], size: int) -> Division | None:
    """Split records placed on dates (id, date) by year, or by month (by_date)."""
    placed = list(placed)
    found = by_date(place, map(_SECOND, placed), size)  # by map in C: thousands of timeline entries
    if found is None:
        return None
    return Division(found.parts, dict(zip(map(_FIRST, placed), found.keys, strict=True)))


def timeline(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    """The timeline by the dates of its entries (their moments, worked out once by derive)."""
    entries = facts.timeline
    return dated(place, zip(map(_RECORD_ID, entries), map(_DATE, entries), strict=True), size)


_YEAR, _RECORD_ID, _DATE = operator.attrgetter("year"), operator.attrgetter("record.id"), operator.attrgetter("date")
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


def defections(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    return dated(place, ((d.id, d.date) for d in content.defections), max(1, size // DEFECTION_WEIGHT))


def quotes(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    return dated(place, ((q.id, q.date) for q in content.quotes), max(1, size // QUOTE_WEIGHT))


def sources(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    """Sources by the first letters of their publisher, weighed by the records citing each."""
    # How many records cite each source, as the sources page lists them (each record once).
    weights = {s.id: 1 + len(facts.supports.get(s.id, ())) for s in content.sources}
    if sum(weights.values()) <= size * SOURCES_SPLIT_WEIGHT:
        return None
    found = by_prefix(place, {s.id: s.publisher for s in content.sources}, int(size * SOURCES_PAGE_WEIGHT), weights)
    return Division(*found) if found else None


def sides(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    """Who's who by side: a page per side, or a side's pages by the first letters of names."""
    if len(content.actors) <= size:
        return None
    keyed: list[tuple[str, str, int]] = []
    of: dict[str, str] = {}
    by_side: dict[str, dict[str, str]] = defaultdict(dict)  # grouped once, not once per side
    for actor in content.actors:
        by_side[actor.side][actor.id] = actor.name
    for side in content.story.sides:
        members = by_side[side.id]
        if not members:
            continue
        within = by_prefix(place, members, size)
        if within is None:
            keyed.append((side.id, side.label, len(members)))
            of.update(dict.fromkeys(members, side.id))
            continue
        parts, keys = within
        # A long side's pages sit in a folder of its own (actors/sides/SIDE/a--f/), so that no
        # key of one side can be another side's.
        keyed.extend((f"{side.id}/{p.key}", f"{side.label}: {p.label}", p.count) for p in parts.parts)
        of.update({rid: f"{side.id}/{key}" for rid, key in keys.items()})
    return Division(_parts(place, keyed), of)


def metrics(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    """Figures by metric: a page per metric, or a long metric's pages by date (its claims'
    latest day, by year or by month as the timeline splits)."""
    if len(content.figures) <= size:
        return None
    keyed: list[tuple[str, str, int]] = []
    of: dict[str, str] = {}
    for metric in content.story.metrics:
        claims = [f for f in content.figures if f.metric == metric.id]
        if not claims:
            continue
        within = by_date(place, [f.dated for f in claims], size)
        if within is None:
            keyed.append((metric.id, metric.label, len(claims)))
            of.update(dict.fromkeys((f.id for f in claims), metric.id))
            continue
        # A long metric's pages sit in a folder of its own (figures/deaths/2012.md), so that no
        # date of one metric can be another metric's key.
        keyed.extend((f"{metric.id}/{p.key}", f"{metric.label}: {p.label}", p.count) for p in within.parts.parts)
        of.update({f.id: f"{metric.id}/{key}" for f, key in zip(claims, within.keys, strict=True)})
    return Division(_parts(place, keyed), of)


Splitter = Callable[[Content, Facts, Place, int], Division | None]


@dataclass(frozen=True)
class Split:
    """Every split section of a story (by its page), decided once from the section registry."""

    size: int
    divisions: Mapping[str, Division] = field(default_factory=dict)

    def sections(self) -> dict[str, Parts]:
        """The split sections' parts, by their page."""
        return {page: division.parts for page, division in self.divisions.items()}

    def page_of(self, home: str, record_id: str) -> str:
        """The page a record anchored on `home` is on: its part's, or `home` when that is not split."""
        division = self.divisions.get(home)
        if division is None or record_id not in division.part_of:
            return home
        return division.page_of(record_id)
