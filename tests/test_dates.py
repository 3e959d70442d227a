from __future__ import annotations

import datetime as dt
import operator
import pickle
from collections.abc import Callable

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content import dates
from generator.content.dates import SETTLED_FIELD, SORT_FIELDS, Day, FuzzyDate, Timestamp


@pytest.mark.parametrize(
    ("raw", "shown", "iso"),
    [
        ("2012", "2012", "2012"),
        (2012, "2012", "2012"),
        ("2012-07", "July 2012", "2012-07"),
        ("2012-07-11", "11 July 2012", "2012-07-11"),
        ({"earliest": "2012-07-05", "latest": "2012-07-06"}, "5–6 July 2012", "2012-07-05/2012-07-06"),
        ({"earliest": "2012-06-30", "latest": "2012-07-06"}, "30 June – 6 July 2012", "2012-06-30/2012-07-06"),
        ({"earliest": "2012-06", "latest": "2012-07"}, "June–July 2012", "2012-06/2012-07"),
        (
            {"earliest": "2011-12-30", "latest": "2012-01-02"},
            "30 December 2011 – 2 January 2012",
            "2011-12-30/2012-01-02",
        ),
        (
            {"earliest": "2012-07-03", "latest": "2012-07-06", "text": "the week before"},
            "the week before",
            "2012-07-03/2012-07-06",
        ),
    ],
)
def test_display_with_its_precision(raw: object, shown: str, iso: str) -> None:
    date = FuzzyDate.parse(raw)
    assert date.display() == shown
    assert date.iso() == iso


def test_reduced_precision_spans_its_whole_period() -> None:
    date = FuzzyDate.parse("2012-02")
    assert (date.earliest.isoformat(), date.latest.isoformat()) == ("2012-02-01", "2012-02-29")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2012-02-30", "2012-02-30 is not a real date (check the month and day)"),
        ("2012-13", "2012-13 is not a real date (check the month and day)"),
        ("11 July 2012", "'11 July 2012' is not a date (write 2012-07-11, 2012-07 or 2012)"),
        (True, "date must be text like 2012-07-11, 2012-07 or 2012, not the boolean true"),
        (
            {"earliest": "2012-07-06", "latest": "2012-07-03"},
            "earliest 2012-07-06 is after latest 2012-07-03 (check both against the sources: one of them is "
            "wrong, or they were written the wrong way round)",
        ),
        (
            {"earliest": "2012-07-06"},
            "a date range needs both earliest and latest (for example {earliest: 2012-07-03, latest: 2012-07-06})",
        ),
        (
            {"earliest": "2012", "latest": "2013", "when": "x"},
            "unknown key 'when' in a date (a date takes earliest, latest and text)",
        ),
    ],
)
def test_bad_dates_are_explained(raw: object, message: str) -> None:
    with pytest.raises(ValueError) as info:
        FuzzyDate.parse(raw)
    assert str(info.value) == message


def test_timestamp_needs_a_zone_and_displays_it() -> None:
    assert Timestamp.parse("2012-07-11T21:05:00Z").display() == "11 July 2012, 21:05 UTC"
    assert Timestamp.parse("2019-03-14T08:00:00+01:00").display() == "14 March 2019, 08:00 UTC+01:00"
    with pytest.raises(ValueError, match="has no time zone"):
        Timestamp.parse("2012-07-11T21:05:00")


_DATE_TIME = jsonschema.Draft202012Validator.FORMAT_CHECKER


@given(
    st.datetimes(min_value=dt.datetime(1001, 1, 1), max_value=dt.datetime(2998, 12, 31)),
    st.timedeltas(min_value=dt.timedelta(hours=-23, minutes=-59), max_value=dt.timedelta(hours=23, minutes=59)),
    st.sampled_from(["T", " ", "t"]),
    st.sampled_from(["", ":15", ".5"]),
)
def test_invalid_timestamps_are_not_published(moment: dt.datetime, offset: dt.timedelta, t: str, extra: str) -> None:
    """Issue 22, class 6: whatever `check` accepts is an RFC 3339 date-time, and is published as one
    (Atom's <updated>, story.json's format: date-time); an offset with seconds is refused."""
    zone = dt.timezone(offset)
    written = moment.replace(tzinfo=zone).isoformat(sep=t) + extra
    try:
        parsed = Timestamp.parse(written)
    except ValueError:
        return
    assert _DATE_TIME.conforms(written, "date-time"), written
    assert _DATE_TIME.conforms(parsed.iso(), "date-time"), parsed.iso()


def test_offset_with_seconds_is_refused_with_how_to_write_it() -> None:
    with pytest.raises(ValueError) as refused:
        Timestamp.parse("2024-05-02T15:30:15+05:30:15")
    assert str(refused.value) == (
        "'2024-05-02T15:30:15+05:30:15' is not an RFC 3339 timestamp (write the date, T, the time with "
        "seconds and Z or an offset in hours and minutes: 2012-07-11T18:30:00Z or 2012-07-11T21:30:00+03:00)"
    )


DATE_PIECES = ["2012", "1999", "0999", "3000", "-", "07", "02", "13", "00", "29", "30", "31", "1", " ", "\n", "x"]


@given(st.lists(st.sampled_from(DATE_PIECES), max_size=5).map("".join))
def test_a_date_read_once_per_text_reads_as_read_afresh(text: str) -> None:
    # FuzzyDate.parse keeps what each text means (dates._plain_date): twice, and as Day.parse reads it.
    def read(parse: Callable[[str], object]) -> object:
        try:
            return parse(text)
        except ValueError as err:
            return str(err)

    day = read(Day.parse)
    afresh = FuzzyDate(day, day) if isinstance(day, Day) else day
    assert read(FuzzyDate.parse) == read(FuzzyDate.parse) == afresh
    dates._plain_date.cache_clear()


# --- ISO text and is_range kept once made (the exports ask them of the same dates many times) -----

DAYS = st.tuples(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)), st.sampled_from([4, 7, 10])
).map(lambda given: Day.parse(given[0].isoformat()[: given[1]]))


def plain_iso(day: Day) -> str:
    """A day's ISO text written afresh, at its precision."""
    first = day.first
    return {"year": f"{first.year:04d}", "month": f"{first.year:04d}-{first.month:02d}"}.get(day.precision, str(first))


@given(DAYS, DAYS, st.booleans())
def test_iso_text_kept_once_made_is_the_text_written_afresh(a: Day, b: Day, same: bool) -> None:
    start, end = sorted((a, a if same else b), key=lambda day: (day.first, day.last))
    date = FuzzyDate(start, end)
    for _ in range(2):  # made, then kept
        assert start.iso() == plain_iso(start) and end.iso() == plain_iso(end)
        assert date.is_range is (start != end)
        assert date.iso() == (plain_iso(start) if start == end else f"{plain_iso(start)}/{plain_iso(end)}")


@given(DAYS, DAYS, st.text(max_size=5) | st.none())
def test_a_date_pickles_the_same_before_and_after_its_text_is_kept(a: Day, b: Day, text: str | None) -> None:
    """The page memo's keys are pickles of what a page shows, and dates are shared by every build in a
    process: what one build's exports kept on a date must not change the keys of the next."""
    start, end = sorted((a, b), key=lambda day: (day.first, day.last))
    date = FuzzyDate(start, end, text)
    before = pickle.dumps(date)
    date.iso(), date.is_range, start.iso(), end.iso()
    assert pickle.dumps(date) == before
    thawed = pickle.loads(before)  # noqa: S301 - bytes this test just made
    assert thawed == date and thawed.iso() == date.iso()


@given(DAYS, DAYS)
def test_the_fields_named_for_readers_in_c_are_sort_key_and_settled(a: Day, b: Day) -> None:
    """derive, mentions and parts read a date's order and settled day by attrgetter of the fields
    dates.py names (SORT_FIELDS, SETTLED_FIELD): they must read what the methods return."""
    start, end = sorted((a, b), key=lambda day: (day.first, day.last))
    date = FuzzyDate(start, end)
    assert operator.attrgetter(*SORT_FIELDS)(date) == date.sort_key()
    assert operator.attrgetter(SETTLED_FIELD)(date) == date.settled
