"""Backlinks: which records refer to each record, the mentions every page lists."""

from __future__ import annotations

import datetime as dt

from generator.content.load import Content


def backlinks(content: Content) -> dict[str, tuple[str, ...]]:
    """Map each id to the ids of the other records that refer to it, in a stable order."""
    # Records are walked once in that order, so that each target's list comes out ordered
    # (a dict keeps the first mention of each): one sort of the records, not one per target.
    found: dict[str, dict[str, None]] = {}
    references = content.references
    for record_id in _in_order(content):
        for _field, target, _path in references[record_id]:
            if target != record_id:
                found.setdefault(target, {})[record_id] = None
    return {target: tuple(ids) for target, ids in sorted(found.items())}


def _in_order(content: Content) -> list[str]:
    """Every record's id, by kind, then date when it has one, then id."""
    order = []
    for kind, records in content.by_kind():
        for record in records:
            when = kind.date_of(record)
            order.append((kind.mention_rank, when.settled if when else dt.date.min, record.id))
    return [record_id for *_, record_id in sorted(order)]
