"""Backlinks: which records refer to each record, the mentions every page lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from generator.content.load import Content


def backlinks(content: Content) -> dict[str, tuple[str, ...]]:
    """Map each id to the ids of the other records that refer to it, in a stable order."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in content.all():
        for _field, target, _path in content.references[record.id]:
            if target != record.id:
                found[target].add(record.id)
    order = _record_order(content)
    return {target: tuple(sorted(ids, key=order.__getitem__)) for target, ids in sorted(found.items())}


def _record_order(content: Content) -> dict[str, tuple[int, dt.date, str]]:
    """Order records by kind, then date when they have one, then id."""
    order = {}
    for kind, records in content.by_kind():
        for record in records:
            when = kind.date_of(record)
            order[record.id] = (kind.mention_rank, when.settled if when else dt.date.min, record.id)
    return order
