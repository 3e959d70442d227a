"""Dates as newsrooms know them: a year, a month, a day, or a range between two."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, parse_pattern
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from generator.content.fields import stray_character
from generator.content.i18n import _, current
from generator.content.problems import describe, quoted

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# RFC 3339's date-time, which Atom, JSON Schema's date-time and our exports promise: Python's
# fromisoformat also takes offsets with seconds (+05:30:15), a space or no seconds, none of
# which a reader of our feeds and story.json must expect.
_RFC_3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})", re.ASCII)
# Years a story can mean. Bounded so that every date the check accepts can be counted
# from, added to and shown (a year of 9999 overflowed the mandate chart's day arithmetic).
MIN_YEAR, MAX_YEAR = 1000, 2999
_MONTHS = list(calendar.month_name)
_SKELETONS = {"month": "yMMMM", "day": "yMMMMd"}
# Most locales give ranges of days only with a short month ("11–19 juil. 2012"): CLDR lets the
# pattern's field be widened to the one asked for (UTS #35, intervalFormats), which we do.
_SHORT_SKELETONS = {"month": "yMMM", "day": "yMMMd"}
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


@functools.cache
def _locale(language: str) -> Locale | None:
    """Babel's locale for a story language other than English, whose house style (11 July 2012)
    is kept; None for English and for languages Babel does not know (shown in English)."""
    if language.split("-")[0].lower() == "en":
        return None
    try:
        return Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return None


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def _fields_of(date: Day | FuzzyDate) -> dict[str, Any]:
    """A date's state for pickle: its fields, without the text worked out from them and kept
    (functools.cached_property). Dates are shared by every build in a process (_plain_date), and the
    page memo's keys are pickles of what a page shows (site/page_memo.py): a date pickled with what
    one build's exports kept would make every page's key differ at serve's next rebuild."""
    return {field.name: getattr(date, field.name) for field in fields(date)}


@dataclass(frozen=True, order=True)
class Day:
    """One end of a date: the first and last calendar day it may mean."""

    first: dt.date
    last: dt.date
    precision: Precision

    def __getstate__(self) -> dict[str, Any]:
        return _fields_of(self)

    @classmethod
    def parse(cls, value: object, what: str = "date") -> Day:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"{what} must be text like 2012-07-11, 2012-07 or 2012, not {describe(value)}")
        if isinstance(value, int) and not MIN_YEAR <= value <= MAX_YEAR:
            raise ValueError(
                f"{describe(value)} is not a year from {MIN_YEAR} to {MAX_YEAR} "
                "(write a date like 2012-07-11, 2012-07 or 2012)"
            )
        match = _DATE.fullmatch(str(value))  # not match: `$` would let a trailing newline through
        if not match:
            raise ValueError(f"{quoted(str(value))} is not a date (write 2012-07-11, 2012-07 or 2012)")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        _check_year(year)
        try:
            if month is None:
                return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)
            last_day = calendar.monthrange(year, month)[1]
            if day is None:
                return cls(dt.date(year, month, 1), dt.date(year, month, last_day), Precision.MONTH)
            return cls(dt.date(year, month, day), dt.date(year, month, day), Precision.DAY)
        except (ValueError, calendar.IllegalMonthError):
            raise ValueError(f"{value} is not a real date (check the month and day)") from None

    def display(self, language: str | None = None) -> str:
        """The day as readers of `language` (by default the one being written) write it: 11 July 2012,
        11 juillet 2012, 2012年7月11日."""
        language = language or current().tag
        if self.precision is Precision.YEAR:
            return str(self.first.year)
        locale = _locale(language)
        if locale is not None:
            return format_skeleton(_SKELETONS[self.precision], self.first, locale=locale)
        if self.precision is Precision.MONTH:
            return f"{_MONTHS[self.first.month]} {self.first.year}"
        return f"{self.first.day} {_MONTHS[self.first.month]} {self.first.year}"

    def iso(self) -> str:
        """Return ISO 8601 text at the day's precision: `2012`, `2012-07` or `2012-07-11`."""
        return self._iso

    @functools.cached_property
    def _iso(self) -> str:
        # Written once per day: the exports ask it of the same day many times (15,000 times of 1,500
        # days at 1,000 actors), and the day never changes. tests/test_dates.py checks it.
        if self.precision is Precision.YEAR:
            return f"{self.first.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()


# The fields FuzzyDate.sort_key and .settled read, for callers that read them in C (operator.attrgetter)
# over thousands of dates: named here, beside the methods, so that they change together
# (tests/test_dates.py holds the getters to the methods).
SORT_FIELDS = ("end.last", "start.first")
SETTLED_FIELD = "end.last"


@dataclass(frozen=True)
class FuzzyDate:
    """A date with reduced precision, or a range, with optional display text."""

    # Its parts readers see as words, translated into each language of the story (content/translations.py).
    TRANSLATED: ClassVar[tuple[str, ...]] = ("text",)

    start: Day
    end: Day
    text: str | None = None
    # Known in advance (a mandate's end, a vote set for a later day): it may lie after the
    # story's latest update, and is shown as scheduled while it does.
    scheduled: bool = False

    def __getstate__(self) -> dict[str, Any]:
        return _fields_of(self)

    @property
    def earliest(self) -> dt.date:
        return self.start.first

    @property
    def latest(self) -> dt.date:
        return self.end.last

    @functools.cached_property
    def is_range(self) -> bool:
        # Kept once asked: every export asks it of each date, and comparing the ends compares six fields.
        return self.start != self.end

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Order by the latest day a date can mean, then the earliest.

        A date is placed where it is certainly past: "by 7 April" (a range up to 7 April)
        comes after 3 March, and "July 2012" after 11 July 2012. Counts by month use the
        same day (see derive.py), so nothing is counted before it surely happened.
        """
        # The fields themselves, not the properties: sorting asks this of every entry of every list.
        return (self.end.last, self.start.first)

    def ahead_of(self, day: dt.date) -> bool:
        """Whether this had certainly not happened by `day` (even its earliest day is later) and
        was not known in advance: what a story whose now is `day` may not hold (validate.py),
        and what its edition of that day leaves out (facts/editions.py)."""
        return not self.scheduled and self.earliest > day

    def known(self) -> str | None:
        """The most precise ISO date that holds for every day this date can mean: `2012-07` for
        "6-11 July 2012", `2012` for a range across months, None across years. Where a format has
        no room for a range (schema.org's dateCreated), this says no more than is known."""
        first, last = self.earliest, self.latest
        if (first, last) == (self.start.first, self.start.last) and not self.is_range:
            return self.start.iso()
        if first == last:
            return first.isoformat()
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return f"{first.year:04d}" if first.year == last.year else None

    @property
    def settled(self) -> dt.date:
        """The day a date is placed and counted on: its latest (see sort_key)."""
        return self.end.last

    def iso(self) -> str:
        """Return ISO 8601 text: `2012-07` or `2012-07-03/2012-07-06`."""
        return self._iso

    @functools.cached_property
    def _iso(self) -> str:
        # Written once per date, as Day.iso: a date is shared by the records that give it (_plain_date).
        return self.start.iso() if not self.is_range else f"{self.start.iso()}/{self.end.iso()}"

    def data(self) -> str | dict[str, str]:
        """The date as an editor writes it (and its JSON Schema describes it): 2012-07, or a range."""
        if self.scheduled:
            return {"scheduled": self.start.iso(), **({"text": self.text} if self.text else {})}
        if not self.is_range and self.text is None:
            return self.start.iso()
        return {"earliest": self.start.iso(), "latest": self.end.iso(), **({"text": self.text} if self.text else {})}

    def display(self, language: str | None = None) -> str:
        """The date as readers see it: the editor's text, else the day, month or year, or a range
        (in `language`, by default the one being written)."""
        language = language or current().tag
        if self.text:
            return self.text
        if not self.is_range:
            return self.start.display(language)
        a, b = self.start, self.end
        locale = _locale(language)
        if locale is not None:
            return _interval(a, b, locale) or f"{a.display(language)} – {b.display(language)}"
        if a.precision is b.precision is Precision.DAY and a.first.year == b.first.year:
            if a.first.month == b.first.month:
                return f"{a.first.day}–{b.display(language)}"
            return f"{a.first.day} {_MONTHS[a.first.month]} – {b.display(language)}"
        if a.precision is b.precision is Precision.MONTH and a.first.year == b.first.year:
            return f"{_MONTHS[a.first.month]}–{b.display(language)}"
        return f"{a.display(language)} – {b.display(language)}"

    @classmethod
    def parse(cls, value: Any) -> FuzzyDate:
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dict):
            return cls._parse_mapping(value)
        if type(value) is str:
            return _plain_date(value)
        day = Day.parse(value)
        return cls(day, day)

    @classmethod
    def _parse_mapping(cls, value: dict[str, Any]) -> FuzzyDate:
        if "scheduled" in value:
            return cls._parse_scheduled(value)
        allowed = {"earliest", "latest", "text"}
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValueError(_unknown_key(unknown[0], value))
        if "earliest" not in value or "latest" not in value:
            raise ValueError(
                "a date range needs both earliest and latest (for example {earliest: 2012-07-03, latest: 2012-07-06})"
            )
        start = Day.parse(value["earliest"], "earliest")
        end = Day.parse(value["latest"], "latest")
        if start.first > end.last:
            raise ValueError(
                f"earliest {start.iso()} is after latest {end.iso()} (check both against the sources: "
                "one of them is wrong, or they were written the wrong way round)"
            )
        return cls(start, end, _text_of(value))

    @classmethod
    def _parse_scheduled(cls, value: dict[str, Any]) -> FuzzyDate:
        """`{scheduled: 2012-07-20}`: one day known in advance, with optional text."""
        unknown = sorted(set(value) - {"scheduled", "text"})
        if unknown:
            raise ValueError(
                f"unknown key {quoted(unknown[0])} in a scheduled date (write {{scheduled: 2012-07-20}}, "
                "with text if you like; a range cannot be scheduled)"
            )
        day = Day.parse(value["scheduled"], "scheduled")
        return cls(day, day, _text_of(value), scheduled=True)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return _parsed_by(cls.parse, cls.data)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        day = {"type": "string", "pattern": r"^[12]\d{3}(-\d{2}(-\d{2})?)?$"}  # years MIN_YEAR to MAX_YEAR
        return {
            "description": "A date: 2012-07-11, 2012-07 or 2012, a range "
            "{earliest, latest, text} for an uncertain day, or {scheduled, text} for a day known in advance.",
            "examples": [
                "2012-07-11",
                "2012-07",
                {"earliest": "2012-07-03", "latest": "2012-07-06", "text": "the week before 11 July 2012"},
                {"scheduled": "2012-07-20"},
            ],
            "anyOf": [
                day,
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["earliest", "latest"],
                    "properties": {"earliest": day, "latest": day, "text": {"type": "string"}},
                },
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["scheduled"],
                    "properties": {"scheduled": day, "text": {"type": "string"}},
                },
            ],
        }


# A story writes the same days again and again (a day's votes, defections, sources): each text
# is read once. Keyed on the text alone, the memo cannot go stale: a date is immutable, and a
# text that is no date raises, which is not kept.
@functools.lru_cache(maxsize=1 << 14)
def _plain_date(text: str) -> FuzzyDate:
    """The date a text such as 2012-07-11 means (FuzzyDate.parse), read once per text."""
    day = Day.parse(text)
    return FuzzyDate(day, day)


@dataclass(frozen=True, order=True)
class Timestamp:
    """A moment with its time zone, as written: 2012-07-11T18:30:00+00:00."""

    moment: dt.datetime

    @classmethod
    def parse(cls, value: Any) -> Timestamp:
        if isinstance(value, Timestamp):
            return value
        if not isinstance(value, str):
            raise ValueError(f"a timestamp must be text like '2012-07-11T18:30:00Z', not {describe(value)} (quote it)")
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{quoted(value)} is not a timestamp (write 2012-07-11T18:30:00Z)") from None
        if moment.tzinfo is None:
            raise ValueError(f"{quoted(value)} has no time zone (add Z for UTC or an offset like +03:00)")
        if not _RFC_3339.fullmatch(value):
            raise ValueError(
                f"{quoted(value)} is not an RFC 3339 timestamp (write the date, T, the time with seconds "
                "and Z or an offset in hours and minutes: 2012-07-11T18:30:00Z or 2012-07-11T21:30:00+03:00)"
            )
        _check_year(moment.year)
        utc = moment.astimezone(dt.UTC)
        if not MIN_YEAR <= utc.year <= MAX_YEAR:  # editions are named by their moment in UTC
            raise ValueError(
                f"{quoted(value)} is in the year {utc.year} in UTC (write a moment from {MIN_YEAR} to {MAX_YEAR})"
            )
        return cls(moment)

    def iso(self) -> str:
        return self.moment.isoformat().replace("+00:00", "Z")

    def display(self, language: str | None = None) -> str:
        """The moment as readers see it, in `language` (by default the one being written): 11 July 2012, 18:30 UTC."""
        offset = self.moment.strftime("%z")
        zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
        m = self.moment
        day = Day(m.date(), m.date(), Precision.DAY).display(language)
        return _("{date}, {time} {zone}").format(date=day, time=f"{m.hour:02d}:{m.minute:02d}", zone=zone)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return _parsed_by(cls.parse, cls.iso)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "format": "date-time",
            "description": "A timestamp with its time zone, such as 2012-07-11T18:30:00Z.",
        }


def _interval(a: Day, b: Day, locale: Locale) -> str | None:
    """A range of days or months as the locale writes one, '11–19 juillet 2012', 'juin – juillet 2012'
    (CLDR's interval pattern for the field that differs); None where it has none."""
    if a.precision is not b.precision or a.precision is Precision.YEAR:
        return None
    formats = locale.interval_formats
    skeleton = _SKELETONS[a.precision]
    if skeleton not in formats:
        skeleton = _SHORT_SKELETONS[a.precision]
    if skeleton not in formats:
        return None
    start, end = a.first, b.first
    differs = {"y": start.year != end.year, "M": start.month != end.month, "d": start.day != end.day}
    field = next((f for f in ("y", "M", "d") if differs[f] and f in formats[skeleton]), None)
    if field is None:
        return None
    patterns = list(formats[skeleton][field])
    wanted = _SKELETONS[a.precision]
    # Widened only where the locale's long date differs from its short one (zh writes 7月 in both).
    if skeleton != wanted and any(
        format_skeleton(wanted, day, locale=locale) != format_skeleton(skeleton, day, locale=locale)
        for day in (start, end)
    ):
        patterns = [_SHORT_MONTH.sub("MMMM", pattern) for pattern in patterns]
    return "".join(
        parse_pattern(pattern).apply(day, locale) for pattern, day in zip(patterns, (start, end), strict=True)
    )


def _text_of(value: dict[str, Any]) -> str | None:
    """The display text of a date written as a mapping, checked."""
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError(f"text must be text, not {describe(text)} (quote it)")
    stray = stray_character(text) if text is not None else None
    if stray:
        raise ValueError(f"text {stray}")
    return text


def _check_year(year: int) -> None:
    """Refuse a year outside MIN_YEAR to MAX_YEAR."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is out of range (write a year from {MIN_YEAR} to {MAX_YEAR})")


def _parsed_by(parse: Callable[[Any], Any], write: Callable[[Any], Any]) -> core_schema.CoreSchema:
    """Let pydantic validate a field with our own parser, whose ValueError becomes the message,
    and write it to JSON as it was written (the published data reads like the content files)."""
    return core_schema.no_info_plain_validator_function(
        parse, serialization=core_schema.plain_serializer_function_ser_schema(write, when_used="json")
    )


def _unknown_key(key: str, value: dict[str, Any]) -> str:
    """Say why a date holds a key it does not take. A bare key with words in it is the rest of an
    unquoted text after a comma, in `{..., text: 20, 23 August}`: the comma ended the text."""
    if value[key] is None and " " in str(key).strip():
        return (
            f"{quoted(str(key))} is not a key of a date: a comma in unquoted text ended the text before it; "
            'put the whole text in quotes (text: "..., ...")'
        )
    return f"unknown key {quoted(str(key))} in a date (a date takes earliest, latest and text)"
