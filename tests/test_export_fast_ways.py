"""Popolo's and the tables' shortcuts give what the plain way gives.

Its events are ordered by two stable sorts on keys gathered in C (popolo.by_date_then_id): checked
against the one sort by (date's sort key, id) on generated events, equal dates and ids among them.
An event's description looks up whose claim it is only when the record has a summary: checked
against the plain way on every record of the engine's stories. A table's lists of one item or
none are joined by picking each cell by its position (tables._one_or_blank): checked against
joining each cell's items, on generated counts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import ENGINE_STORY, TESTS
from hypothesis import given
from hypothesis import strategies as st

from generator.content.dates import FuzzyDate
from generator.content.kinds import EVENTS, KINDS, Kind, summary_attribution, summary_of
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.exports import Export, popolo, tables
from generator.site.render import Renderer


@dataclass(frozen=True, eq=False)
class Stand:
    """A record as the order reads it: its id alone (compared by identity, as the sort keeps records)."""

    id: str


DAYS = st.sampled_from(["2011", "2012", "2012-07", "2012-07-11", "2012-07-31", "2012-08", "2012-08-01"])
DATES = st.one_of(
    DAYS.map(FuzzyDate.parse),
    st.tuples(DAYS, DAYS).map(lambda ends: FuzzyDate.parse({"earliest": min(ends), "latest": max(ends)})),
)
EVENTS_OF = st.lists(st.tuples(DATES, st.sampled_from("abc"), st.sampled_from(["e-1", "e-2", "e-10", "q-1"])))


@given(EVENTS_OF)
def test_events_order_as_one_sort(drawn: list[tuple[FuzzyDate, str, str]]) -> None:
    kind: Kind[Any] = EVENTS
    events: list[popolo.PopoloEvent] = [(date, kind, Stand(id)) for date, _, id in drawn]  # type: ignore[misc]
    plain = sorted(events, key=lambda event: (event[0].sort_key(), event[2].id))
    fast = popolo.by_date_then_id(events)
    assert len(fast) == len(plain)
    assert all(a is b for a, b in zip(fast, plain, strict=True))


@pytest.fixture(scope="module", params=["engine", "harbour"])
def export(request: pytest.FixtureRequest) -> Export:
    folder = ENGINE_STORY if request.param == "engine" else TESTS / "fixtures" / "harbour-story"
    return Renderer(derive_site(load_checked(folder))).export


def test_event_description_as_the_plain_way(export: Export) -> None:
    made = popolo.Popolo(export)
    records = [record for kind in KINDS for record in export.content.of(kind)]
    assert records
    for record in records:
        plain = export.claimed(summary_of(record), summary_attribution(record))
        assert made._summary(record) == plain, record.id


@given(st.lists(st.sampled_from([0, 1])), st.sampled_from(["; ", ", ", ""]))
def test_lists_of_one_item_or_none_joined_as_each_cell_its_items(counts: list[int], separator: str) -> None:
    cells = [f"cell {n}" for n in range(sum(counts))]
    taken = iter(cells)
    plain = [separator.join(itertools.islice(taken, count)) for count in counts]
    assert tables._one_or_blank(cells, counts) == plain
    assert tables._joined(cells, counts, separator) == plain
