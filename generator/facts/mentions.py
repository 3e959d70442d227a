"""Backlinks: which records refer to each record, the mentions every page lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from operator import attrgetter, itemgetter
from typing import Any

from generator.content.dates import SETTLED_FIELD, FuzzyDate
from generator.content.load import Content


def backlinks(content: Content) -> dict[str, tuple[str, ...]]:
    """Map each id to the ids of the other records that refer to it, in a stable order."""
    # Records are walked once in that order, so that each target's list comes out ordered: one
    # sort of the records, not one per target. Each record's targets are made a set first (in C),
    # so that a record naming a target many times is on its list once, with no dict per target.
    found: defaultdict[str, list[str]] = defaultdict(list)
    references = content.references
    for record_id in _in_order(content):
        targets = set(map(_TARGET, references[record_id]))  # (field, target, path): in C, not a comprehension
        targets.discard(record_id)
        for target in targets:
            found[target].append(record_id)
    return {target: tuple(found[target]) for target in sorted(found)}


def _in_order(content: Content) -> list[str]:
    """Every record's id, by kind, then date when it has one, then id."""
    order: list[str] = []
    # Kind by kind in their mention order, each sorted on its own by (day, id): the same order
    # as one sort of (rank, day, id) over every record, with the date read straight from the
    # field that dates the kind (Kind.date_of, asked per record, was most of this).
    for kind, records in sorted(content.by_kind(), key=lambda pair: pair[0].mention_rank):
        field = kind.dated_by
        if field is None:
            order += sorted(map(_ID, records))
            continue
        order += map(_SECOND, sorted(zip(_days(records, field), map(_ID, records), strict=True)))
    return order


_TARGET = _SECOND = itemgetter(1)
_ID = attrgetter("id")


def _days(records: tuple[Any, ...], field: str) -> list[dt.date]:
    """Each record's _day by its dated `field`, in order.

    Read in C by one attrgetter of the date's latest day (its settled day, FuzzyDate.settled) while
    every record gives its date, as nearly all do: a Python call per record was most of _in_order.
    A date left out (None has no `end`) sends the kind the plain way."""
    try:
        return list(map(attrgetter(f"{field}.{SETTLED_FIELD}"), records))
    except AttributeError:
        return [_day(getattr(record, field, None)) for record in records]


def _day(date: object) -> dt.date:
    """The day a record is ordered by among its kind: its date's settled day, else before any."""
    return date.settled if isinstance(date, FuzzyDate) else dt.date.min
