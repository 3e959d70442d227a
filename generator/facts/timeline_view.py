"""The timeline page's view: a heading per month (and per year on a long story), one entry per happening.

An event about a vote (on the vote's day, naming the document or involving the body that voted)
is the same happening told twice: it is told once, in the vote's entry, and keeps its anchor
there so that links to it still land. The TimelineJS export keeps a slide per record
(`timeline_rows`): its readers filter and zoom rather than read down a page.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import itertools
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from generator.content.dates import Day, Precision
from generator.content.i18n import _
from generator.content.kinds import BY_NAME, DOCUMENTS, EVENTS, VOTE, kind_word, summary_attribution, summary_of
from generator.content.load import Content
from generator.content.models import (
    SOURCES_FIELD,
    Attribution,
    ContestedSeat,
    Defection,
    Document,
    Event,
    EventKind,
    Figure,
    Quote,
    QuoteKind,
)
from generator.content.phrasing import CREDENTIALS, as_said, figure_number
from generator.facts import seats as contested
from generator.facts import sentences
from generator.facts.derive import Facts, TimelineEntry
from generator.facts.parts import WHOLE, Scope
from generator.facts.sentences import Phrase
from generator.facts.views import (
    TIMELINE_DATA,
    DocumentRow,
    Download,
    PartsNav,
    document_row,
    excerpt,
    in_words,
    parts_nav,
    sentence_case,
)
from generator.facts.views.common import dated_entries

# A page of more months than this opens with links to each of them.
JUMP_MONTHS = 3
# A story whose timeline spans more than this is long: a heading per year, months under it.
LONG_STORY = dt.timedelta(days=2 * 365 + 31)


@dataclass(frozen=True)
class TimelineRow:
    entry: TimelineEntry
    kind: str  # the entry's kind: "vote", "event", "defection" (the TimelineJS group)
    label: str  # what the entry is, as the page names it: "Vote", "Meeting", "Defection"
    excerpt: str  # a quote's words, shortened, in quotation marks, or a paraphrase's as reported speech
    paraphrase: bool  # the entry is a paraphrase: no colon, no quotation marks
    number: str  # a figure's number as claimed
    document: DocumentRow | None
    contest: str  # a contested seat's decision, in words
    line: Phrase  # a defection's sentence: "X defects (left: ...)."
    about: tuple[About, ...] = ()  # events about this vote, told in its entry rather than apart
    # What every entry prints whatever its kind, so that a kind with no partial of its own still
    # reads (templates/timeline/_default.md.html) and links to it land:
    anchor: str | None = None  # the record's id, where the timeline is the record's home
    sources: tuple[str, ...] = ()
    uncertain: str | None = None

    # What the default partial prints of a kind with no partial of its own, worked out when it is
    # printed: for the other kinds it never is, and looking for the fields a record lacks is the
    # slowest part of a row (a third of the timeline's view at 1,000 actors).

    @functools.cached_property
    def summary(self) -> str | None:
        """What the record says about itself."""
        return summary_of(self.entry.record)

    @functools.cached_property
    def attribution(self) -> Attribution | None:
        """Whose claim the record is, when it is someone's."""
        return summary_attribution(self.entry.record)


@dataclass(frozen=True)
class About:
    """An event told in its vote's entry, with the sources the entry does not already cite."""

    event: Event
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Month:
    key: str  # "2012-07": the heading's anchor
    label: str  # "July 2012", in the story's language
    name: str  # "July": under its year, in the links that open the page
    entries: tuple[TimelineRow, ...]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]

    @property
    def entries(self) -> tuple[TimelineRow, ...]:
        return tuple(row for month in self.months for row in month.entries)


@dataclass(frozen=True)
class TimelinePage:
    count: str  # "21 dated entries": happenings, an event told in its vote's entry counted once
    years: tuple[Year, ...]  # when split, only this part's (none on the timeline's own page)
    by_year: bool  # a long story: a heading per year with its months under it; else a heading per month
    units: dict[str, str]  # each metric's unit
    nav: PartsNav | None  # set when the timeline is split by date
    data: Download = TIMELINE_DATA

    @property
    def jumps(self) -> bool:
        """Whether the page opens with links to its months: more than a screen of them."""
        return sum(len(year.months) for year in self.years) > JUMP_MONTHS


def timeline_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> TimelinePage:
    """The timeline, or (when split) one year's or month's page of it."""
    # Worked out once with the facts, and grouped by part once for all the parts' pages.
    count = len(facts.listed)
    entries = scope.listed("timeline", lambda: facts.listed, _record_id)
    made = rows_of(content, facts, scope)
    rows = [made.told(entry) for entry in entries]
    return TimelinePage(
        dated_entries(count),
        _years(rows, content.story.language),
        is_long(facts.timeline),
        facts.metric_units,
        parts_nav(scope, dated_entries),
    )


def timeline_rows(content: Content, facts: Facts, scope: Scope = WHOLE) -> tuple[TimelineRow, ...]:
    """A row per timeline entry, none folded: the TimelineJS export's slides. Given the timeline
    section's scope, the rows its pages made are reused."""
    made = rows_of(content, facts, scope)
    return tuple(made.row(entry) for entry in facts.timeline)


class TimelineRows:
    """The timeline's rows, each made once for a build's content and facts.

    The pages of a split timeline and the TimelineJS export show the same entries: made once, a
    row serves both (at 1,000 actors, 3,700 rows: a third of the export's time)."""

    def __init__(self, content: Content, facts: Facts) -> None:
        self.content, self.facts = content, facts
        # By id(entry): the facts, which this holder's owner keeps, keep every entry alive. A
        # dataclass's own hash would hash the whole record.
        self._rows: dict[int, TimelineRow] = {}
        # What an entry is called, by its kind and its record's sort (_label_key): a dozen labels
        # for thousands of entries, each looked up in the catalog once rather than once per entry.
        self._labels: dict[tuple[str, str | None], str] = {}

    def row(self, entry: TimelineEntry) -> TimelineRow:
        """The entry's row, telling no other event."""
        row = self._rows.get(id(entry))
        if row is None:
            row = self._rows[id(entry)] = _row(self.content, self.facts, entry, self._label(entry))
        return row

    def _label(self, entry: TimelineEntry) -> str:
        key = _label_key(entry)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = _label(entry)
        return label

    def told(self, entry: TimelineEntry) -> TimelineRow:
        """The entry's row on the timeline page: a vote's entry tells the events about the vote."""
        row = self.row(entry)
        about = self.facts.votes_about.get(entry.record.id, ()) if entry.kind == VOTE else ()
        if not about:
            return row
        return dataclasses.replace(row, about=tuple(About(e, _not_in(e.sources, row.sources)) for e in about))


def rows_of(content: Content, facts: Facts, scope: Scope = WHOLE) -> TimelineRows:
    """The timeline's rows for this build: shared by all the pages of a split timeline (Scope.once)."""
    return scope.once("timeline rows", lambda: TimelineRows(content, facts))


def is_long(entries: tuple[TimelineEntry, ...]) -> bool:
    """Whether the timeline spans more than about two years."""
    return bool(entries) and entries[-1].date.settled - entries[0].date.settled > LONG_STORY


def month_name(month: int, language: str) -> str:
    """A month's name standing alone ("July", "juillet"), in English where Babel does not know the language."""
    try:
        locale = Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return calendar.month_name[month]
    return str(get_month_names("wide", context="stand-alone", locale=locale)[month])


def _years(rows: list[TimelineRow], language: str) -> tuple[Year, ...]:
    """Rows (in date order) under their year and month, by the latest day each date can mean."""
    years: list[Year] = []
    # Each row's month worked out once (a date's settled day is a property), then runs of one month.
    for (year, month), in_month in itertools.groupby(rows, key=_month_of):
        first = dt.date(year, month, 1)
        shown = Day(first, first, Precision.MONTH).display(language)
        made = Month(f"{year:04d}-{month:02d}", shown, month_name(month, language), tuple(in_month))
        if years and years[-1].year == year:
            years[-1] = Year(year, (*years[-1].months, made))
        else:
            years.append(Year(year, (made,)))
    return tuple(years)


def _month_of(row: TimelineRow) -> tuple[int, int]:
    """The year and month a row is placed in: those of the latest day its date can mean."""
    day = row.entry.date.settled
    return day.year, day.month


def _row(content: Content, facts: Facts, entry: TimelineEntry, label: str) -> TimelineRow:
    record = entry.record
    kind = entry.kind if entry.kind not in BY_NAME else BY_NAME[entry.kind].singular
    quote = as_said(excerpt(record.text), record.kind) if isinstance(record, Quote) else ""
    paraphrase = isinstance(record, Quote) and record.kind is QuoteKind.PARAPHRASE
    number = figure_number(record) if isinstance(record, Figure) else ""
    document = document_row(facts.votes[record.id]) if isinstance(record, Document) else None
    contest = ""
    if isinstance(record, ContestedSeat):
        contest = _("credentials {decision}").format(decision=CREDENTIALS[contested.latest(record)])
    line: Phrase = ()
    if isinstance(record, Defection):
        line = sentences.defection_line(record, record.name or content.actor_name(record.actor))
    sources: tuple[str, ...] = getattr(record, SOURCES_FIELD, ())
    page, anchor = content.kinds[record.id].address(record.id)
    return TimelineRow(
        entry,
        kind,
        label,
        quote,
        paraphrase,
        number,
        document,
        contest,
        line,
        anchor=anchor if page == EVENTS.home else None,  # a record that lives on the timeline
        sources=sources,
        uncertain=getattr(record, "uncertain", None),
    )


def _label_key(entry: TimelineEntry) -> tuple[str, str | None]:
    """What an entry's label (_label) depends on: its kind, and the sort of an event or a document."""
    record = entry.record
    return entry.kind, record.kind if isinstance(record, Event | Document) else None


def _label(entry: TimelineEntry) -> str:
    """What an entry is, as the page names it: an event its sort ("Meeting"), a text put forward its
    kind ("Draft resolution"), any other entry its kind ("Vote", "Defection")."""
    record = entry.record
    if isinstance(record, Event) and record.kind is not EventKind.OTHER:
        return sentence_case(in_words(record.kind))
    if isinstance(record, Document) and entry.kind == DOCUMENTS.name:
        return sentence_case(in_words(record.kind))  # a text put forward, not (or not yet) voted on
    return sentence_case(kind_word(entry.kind))


def _not_in(sources: tuple[str, ...], cited: tuple[str, ...]) -> tuple[str, ...]:
    """The sources an entry does not already cite."""
    return tuple(s for s in sources if s not in cited)


def _record_id(entry: TimelineEntry) -> str:
    return entry.record.id
