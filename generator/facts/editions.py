"""The story as it stood at one moment: the content every edition of the overview is made from.

What was known at a moment T is what had been reported by T. A record, a part of a record
(a vote, a role's end, a version of a text, a claim to a seat), a citation and a figure belong
to the content as of T only when

- its event date had passed by T's day: a range counts from its latest day, a day known in
  advance (`scheduled`) always (a figure's `reported` date is such a date too); and
- it had joined the story by T: a record with an `added` time at that time; any other record,
  and any part, once a source cited for it had been published by T's day (a source's date is
  a range too: "July 2012" counts from 31 July).

Citations of sources published later are dropped with them, in `sources` lists and in the
`[^id]` markers of prose; so are the sources themselves. Undated sources stay cited (check
makes sure a record that cites only those has an `added`). Records that date nothing (actors,
memberships, glossary terms) are the story's background: other records name them, so they
stay, with only their later parts and citations gone.

Every edition and the overview go through `as_of`, so no page can hold what its moment did not
know; the metamorphic test in tests/test_known_when.py checks it against a cut written apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import Prose, RefId
from generator.content.kinds import SOURCES, Kind
from generator.content.load import Content
from generator.content.models import SOURCES_FIELD, Actor, DocumentStatus, Fact, Record, Source, Story
from generator.content.walk import dated_fields, linking_fields, part_fields
from generator.facts.names import name_on

M = TypeVar("M", bound=BaseModel)
_GONE = object()  # a value that had not happened, or not been reported, yet
_MARKER = re.compile(r"\[\^([^\]\s]+)]")


def known_by(date: FuzzyDate, day: dt.date) -> bool:
    """Whether a date had surely passed by `day` (its latest day), or was known in advance."""
    return date.scheduled or date.latest <= day


def published_by(source: Source, day: dt.date) -> bool:
    """Whether a dated source had surely been published by `day` (its date's latest day)."""
    return source.date is not None and source.date.latest <= day


@dataclass(frozen=True)
class Known:
    """What had been reported by a moment: the sources published by its day, and its day."""

    moment: Timestamp
    day: dt.date
    published: frozenset[str]  # dated sources published by the day
    citable: frozenset[str]  # those, and the undated sources (placed by the `added` of what cites them)

    @classmethod
    def at(cls, content: Content, moment: Timestamp) -> Known:
        day = moment.moment.date()
        published = frozenset(s.id for s in content.sources if published_by(s, day))
        undated = frozenset(s.id for s in content.sources if s.date is None)
        return cls(moment, day, published, published | undated)

    def reported(self, model: BaseModel, record: Record) -> bool:
        """Whether a record or part had joined the story by the moment.

        A record with `added` joined it then, whatever its sources' dates (the drafts added by the
        evening's update are not in the afternoon's edition); any other record, and a part, once
        a source it cites had been published. A part that cites only undated sources is placed
        by its record's `added`."""
        added = record.added if isinstance(record, Fact) else None
        if model is record and added is not None:
            return added <= self.moment
        cited = _cited(model)
        if any(s in self.published for s in cited):
            return True
        return (
            model is not record and added is not None and added <= self.moment and any(s in self.citable for s in cited)
        )


def _cited(model: BaseModel) -> tuple[str, ...]:
    """The sources a record or part cites (none for a part that has no `sources`)."""
    cited: tuple[str, ...] = getattr(model, SOURCES_FIELD, ())
    return cited


def as_of(content: Content, moment: Timestamp) -> Content:
    """The content as it stood at `moment`: only what had happened and been reported by then.

    Returns `content` itself when nothing in it was unknown at `moment` (the overview, mostly)."""
    return Cuts(content).at(moment)


class Cuts:
    """One content cut at any number of moments (its editions), each record's settling found once.

    Most records of a story stand as written in most of its editions: everything they date and
    every source they cite is older than the edition. Walking every field of every record again
    for each update made the editions grow with the story times the updates; a kind is walked
    once here, to find when all its records stand whole. Only a kind that does not by a moment is
    then settled record by record (once, for every moment), and only a record that settled after
    the moment is cut the slow way at it.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        self.dates = {s.id: s.date for s in content.sources}
        # When each kind's records all stand as written: at a later moment (the story's now, the
        # updates of a story edited at its end) the kind is kept whole without asking each record.
        # Found by one walk of the kind's records, with no Settled made per record: in a story
        # whose every update is later than its records, no record is ever asked alone.
        self.whole = {
            kind.name: _kind_settled(kind, records, self.dates)
            for kind, records in content.by_kind()
            if kind is not SOURCES
        }
        self._settled: dict[str, tuple[Settled | None, ...]] = {}

    def settled(self, kind: Kind[Any]) -> tuple[Settled | None, ...]:
        """When each record of a kind stands as written, in its order: found the first time a moment
        cuts the kind record by record, and kept for the other moments."""
        found = self._settled.get(kind.name)
        if found is None:
            records = self.content.of(kind)
            found = self._settled[kind.name] = tuple(_settled(kind, record, self.dates) for record in records)
        return found

    def at(self, moment: Timestamp) -> Content:
        """The content as it stood at `moment` (as_of)."""
        content, known = self.content, Known.at(self.content, moment)
        kept: dict[str, Any] = {}
        for kind, records in content.by_kind():
            if self._whole_at(kind, records, known):
                kept[kind.name] = records
                continue
            cut = self._records_at(kind, records, known)
            # A kind kept whole keeps its very tuple: what derive works out from it alone is the same.
            same = len(cut) == len(records) and all(a is b for a, b in zip(cut, records, strict=True))
            kept[kind.name] = records if same else cut
        story = _story_as_of(content.story, known)
        if story is content.story and all(kept[kind.name] is records for kind, records in content.by_kind()):
            return content
        # Finding every reference is most of what deriving costs: a record kept as it was keeps
        # the references already found in the whole content (Content.cut_from).
        return dataclasses.replace(content, story=story, cut_from=content, **kept)

    def _whole_at(self, kind: Kind[Any], records: tuple[Any, ...], known: Known) -> bool:
        """Whether every record of a kind stood as written at the moment, told without asking each."""
        if kind is SOURCES:
            return len(known.citable) == len(records)  # the citable sources are some of these
        whole = self.whole[kind.name]
        return whole is not None and whole.by(known)

    def _records_at(self, kind: Kind[Any], records: tuple[Any, ...], known: Known) -> tuple[Any, ...]:
        """A kind's records as they stood: one settled by then as it is, any other cut the long way."""
        if kind is SOURCES:
            return tuple(s for s in records if s.id in known.citable)
        found = []
        for record, settled in zip(records, self.settled(kind), strict=True):
            kept = record if settled is not None and settled.by(known) else _record_as_of(kind, record, known)
            if kept is not None:
                found.append(kept)
        return tuple(found)


@dataclass(frozen=True)
class Settled:
    """When a record stands as written: at any moment on or after `day` (and its `added`), as_of keeps it whole."""

    day: dt.date  # the latest day of anything it dates, or of a source it cites
    added: Timestamp | None

    def by(self, known: Known) -> bool:
        return self.day <= known.day and (self.added is None or self.added <= known.moment)


def _all_settled(settled: tuple[Settled | None, ...]) -> Settled | None:
    """When all these records stand as written: the latest of their days and `added` times; None
    when one of them never surely does. (The plain way _kind_settled takes in one walk: the tests
    hold it to this.)"""
    days, added = [dt.date.min], []
    for one in settled:
        if one is None:
            return None
        days.append(one.day)
        if one.added is not None:
            added.append(one.added)
    return Settled(max(days), max(added, default=None))


def _kind_settled(kind: Kind[Any], records: tuple[Any, ...], dates: dict[str, FuzzyDate | None]) -> Settled | None:
    """When all of a kind's records stand as written: _all_settled of each one's _settled, found in
    one walk (tests/test_edition_shortcuts.py checks it is)."""
    days, added = [dt.date.min], []
    dated = kind.dated_by is not None
    for record in records:
        joined = record.added if isinstance(record, Fact) else None
        if (dated and joined is None and not _cited(record)) or not _gather(record, dates, days):
            return None
        if joined is not None:
            added.append(joined)
    return Settled(max(days), max(added, default=None))


def _settled(kind: Kind[Any], record: Record, dates: dict[str, FuzzyDate | None]) -> Settled | None:
    """When `record` stands as written, or None when no day is sure to keep it whole.

    Every date in it, and every source it cites (in `sources` and in `[^id]` markers), at any
    depth: once all of them are past, no rule of _record_as_of can cut anything. Citing an
    undated source (placed by `added`), or a record dated by sources that cites none, is left
    to _record_as_of at every moment: they are few."""
    added = record.added if isinstance(record, Fact) else None
    if kind.dated_by is not None and added is None and not _cited(record):
        return None
    days: list[dt.date] = []
    if not _gather(record, dates, days):
        return None
    return Settled(max(days, default=dt.date.min), added)


def _gather(value: object, dates: dict[str, FuzzyDate | None], days: list[dt.date]) -> bool:
    """Add the latest day of every date `value` holds, and of every source it cites, to `days`
    (the values _value_as_of cuts, walked the same way); False at a citation of an undated or
    unknown source."""
    if type(value) in _FIXED:
        return True
    if isinstance(value, tuple):
        # A loop rather than all() over a generator, and no call for an id (a list of actors...):
        # an id names a record and is never cut. Together about a quarter off the walk.
        for item in value:  # noqa: SIM110
            if not isinstance(item, RefId) and not _gather(item, dates, days):
                return False
        return True
    if isinstance(value, FuzzyDate):
        days.append(value.latest)
        return True
    if isinstance(value, Prose):
        return "[^" not in value or _gather_cited(_MARKER.findall(value), dates, days)
    if isinstance(value, BaseModel):
        return _gather_fields(value, dates, days)
    return True


def _gather_fields(model: BaseModel, dates: dict[str, FuzzyDate | None], days: list[dt.date]) -> bool:
    """_gather of a model: its fields' values, the commonest told apart here without a call each.

    Most fields walked are a date, prose with no marker, an empty list or an id: at 1,000 actors
    23,000 calls of _gather, 16,000 of them for such a value, a third of the settling walk."""
    for name, cited in _settling_fields(type(model)):
        field = getattr(model, name)
        kind = type(field)
        if kind in _FIXED or (kind is tuple and not field) or isinstance(field, RefId):
            continue  # a left-out part, date or prose (None), an empty list, or an id
        if cited:
            settles = _gather_cited(field, dates, days)
        elif kind is FuzzyDate:
            days.append(field.latest)
            continue
        elif kind is Prose:
            settles = "[^" not in field or _gather_cited(_MARKER.findall(field), dates, days)
        else:
            settles = _gather(field, dates, days)
        if not settles:
            return False
    return True


@functools.cache
def _settling_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model that can hold what _value_as_of cuts, each with whether it lists sources.

    A date, a part or prose (every prose field is marked as linking, for its [[id]] links and
    [^id] markers): the walk plans of content/walk.py say which fields can hold one. Most
    fields (names, numbers, flags, kinds, plain text) can hold none, and are not visited: this
    took the settling walk of a 1,000-actor story's records from 0.043 to 0.028 CPU seconds.
    tests/test_edition_shortcuts.py checks that a whole walk settles every record alike."""
    holding = set(dated_fields(model)) | set(linking_fields(model)) | set(part_fields(model))
    return tuple((name, cited) for name, cited, _ in _fields_of(model) if name in holding or cited)


def _gather_cited(cited: Iterable[str], dates: dict[str, FuzzyDate | None], days: list[dt.date]) -> bool:
    for source in cited:
        date = dates.get(source)
        if date is None:
            return False
        days.append(date.latest)
    return True


def _record_as_of(kind: Kind[Any], record: Record, known: Known) -> Record | None:
    """A record as it stood, or None when it had not happened or not been reported by then."""
    if kind.in_story_time:
        dates = [kind.date_of(record), *(getattr(record, name) for name in kind.known_from)]
        if any(d is not None and not known_by(d, known.day) for d in dates):
            return None
    if kind.dated_by is not None and not known.reported(record, record):
        return None
    trimmed = _model_as_of(record, known, record)
    if isinstance(record, Actor) and trimmed is not None and record.earlier_names:
        # A renaming not yet known leaves the actor under the name it had then.
        named = name_on(record, known.day)
        return trimmed if named == record.name else trimmed.model_copy(update={"name": named})
    return trimmed


def _story_as_of(story: Story, known: Known) -> Story:
    """The story's logs, highlights and media as far as the moment, its prose without later citations."""
    moment = known.moment
    changes: dict[str, Any] = {
        "highlights": tuple(h for h in story.highlights if h.added <= moment),
        "updates": tuple(u for u in story.updates if u.at <= moment),
        "corrections": tuple(c for c in story.corrections if c.at <= moment),
        "media": tuple(m for m in story.media if m.source in known.citable),
    }
    changes = {name: value for name, value in changes.items() if len(value) != len(getattr(story, name))}
    trimmed = story.model_copy(update=changes) if changes else story
    cited = _cites_of(trimmed, known)
    return cited if cited is not None else trimmed


def _cites_of(story: Story, known: Known) -> Story | None:
    """The story with citation markers of later sources taken out of its prose, None if it has none."""
    clean: Callable[[str], str] = lambda text: _uncite(text, known)  # noqa: E731
    changes: dict[str, Any] = {}
    if (summary := clean(story.summary)) != story.summary:
        changes["summary"] = Prose(summary)
    for name in ("highlights", "updates", "corrections"):
        items = getattr(story, name)
        new = tuple(_prose_fields(item, clean) for item in items)
        if any(a is not b for a, b in zip(new, items, strict=True)):
            changes[name] = new
    return story.model_copy(update=changes) if changes else None


def _prose_fields(model: M, clean: Callable[[str], str]) -> M:
    changes = {
        name: Prose(clean(value))
        for name in type(model).model_fields
        if isinstance(value := getattr(model, name), Prose) and clean(value) != value
    }
    return model.model_copy(update=changes) if changes else model


def _uncite(text: str, known: Known) -> str:
    """Prose without the `[^id]` markers of sources not yet published."""
    if "[^" not in text:
        return text
    return _MARKER.sub(lambda m: m.group(0) if m.group(1) in known.citable else "", text)


def _model_as_of(model: M, known: Known, record: Record) -> M | None:
    """`model` without its later parts and citations, or None when something it needs came later."""
    changes: dict[str, Any] = {}
    fields = type(model).model_fields
    cut = False  # whether a part of it came later (not only a citation)
    for name, cited, begins in _fields_of(type(model)):
        value = getattr(model, name)
        if type(value) in _FIXED or value == ():
            continue
        trimmed = _value_as_of(value, known, record, cited, begins)
        if trimmed is value:
            continue
        required = fields[name].is_required()
        if trimmed is _GONE or (trimmed == () and value != () and required and name != SOURCES_FIELD):
            # Every item came later, of a list the record is made of (a mission's mandates), or a date it needs.
            if required:
                return None
            trimmed = None if value != () else ()
        changes[name] = trimmed
        if trimmed is None or (isinstance(trimmed, tuple) and name != SOURCES_FIELD and len(trimmed) < len(value)):
            cut = True
        if trimmed is None:
            # What is said along with a part that came later goes with it: a role's `ended`, a document's result.
            changes.update(TOLD_WITH.get((type(model).__name__, name), {}))
    if model is not record and _cited(model) and not known.reported(model, record):
        return None
    if cut and "milestone" in fields:
        # A milestone's summary tells the whole record ("Russia and China veto the draft"): a record
        # cut at an earlier moment (tabled, not yet voted on) is told by a sentence made from what
        # was known then (so_far.py) instead.
        changes["summary"] = None
    return model.model_copy(update=changes) if changes else model


# Values that never change with the moment: most fields are plain text, numbers, flags or ids.
# Checked by exact type first, before the isinstance chain below (a record's every field, in
# every edition, passes through here). Prose is a str subclass, so it is not among them.
_FIXED = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _fields_of(model: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    """A model's fields, each with whether it lists sources and whether it is known from its first day."""
    return tuple(
        (name, name == SOURCES_FIELD, (model.__name__, name) in KNOWN_FROM_FIRST_DAY) for name in model.model_fields
    )


def _value_as_of(value: object, known: Known, record: Record, cited: bool, begins: bool = False) -> object:
    if type(value) in _FIXED or value == ():
        return value
    if isinstance(value, FuzzyDate):
        # A period known in advance (a month's presidency) is known from its first day.
        return value if known_by(value, known.day) or (begins and value.earliest <= known.day) else _GONE
    if isinstance(value, Prose):
        clean = _uncite(value, known)
        return value if clean == value else Prose(clean)
    if isinstance(value, BaseModel):
        trimmed = _model_as_of(value, known, record)
        return _GONE if trimmed is None else trimmed
    if isinstance(value, tuple):
        if cited:
            kept_ids = tuple(s for s in value if s in known.citable)
            return value if len(kept_ids) == len(value) else kept_ids
        items = tuple(_value_as_of(item, known, record, False) for item in value)
        kept = tuple(item for item in items if item is not _GONE)
        return value if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)) else kept
    return value


# Periods that are known, and go on, from their first day: the month a member presides over a body.
KNOWN_FROM_FIRST_DAY = frozenset({("Presidency", "month")})

# A part that had not happened yet takes what is said along with it: (model, field) -> the
# other fields' values until then. A role whose end came later had not ended; a document
# whose vote came later was still pending, and had no result.
TOLD_WITH: dict[tuple[str, str], dict[str, Any]] = {
    ("Role", "end"): {"ended": None},
    ("Document", "vote"): {"status": DocumentStatus.PENDING, "result": None},
    # A statement not yet adopted was pending, and not yet "without a vote" either.
    ("Document", "adopted"): {"status": DocumentStatus.PENDING, "result": None, "adoption": None},
}
