"""Whether every dated record can be placed in time: what `check` refuses when it cannot.

An edition holds a record once a source it cites had been published, or from its `added`
time (facts/editions.py). A dated record, or a part of one with its own sources, that cites
only undated sources and has no `added` could belong to any edition: it is refused here.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from generator.content.dates import Timestamp
from generator.content.kinds import Kind
from generator.content.models import SOURCES_FIELD, Fact, Record, Source
from generator.content.safe_yaml import FieldPath
from generator.content.walk import part_fields


def unplaced_message(example: Timestamp) -> str:
    """What is wrong and how to fix it, with a time from the story itself as the example."""
    return (
        "cites only undated sources, so no edition can tell when it was reported "
        "(give one of its sources a `date`, or give the record `added:` with the time it joined the story, "
        f'e.g. added: "{example.iso()}")'
    )


def unplaced(kind: Kind[Record], record: Record, sources: dict[str, Source]) -> Iterator[FieldPath]:
    """The `sources` fields of a dated record, and of its parts, that cannot be placed in time."""
    if kind.dated_by is None or not kind.in_story_time:
        return
    if isinstance(record, Fact) and record.added is not None:
        return
    for path, model in _cited(record, ()):
        cited = getattr(model, SOURCES_FIELD)
        # An unknown id is reported already, as an unknown source.
        if all(s in sources and sources[s].date is None for s in cited):
            yield (*path, SOURCES_FIELD)


def _cited(model: BaseModel, path: FieldPath) -> Iterator[tuple[FieldPath, BaseModel]]:
    """Every model in a record that cites sources (the record itself, its versions, roles...)."""
    if SOURCES_FIELD in type(model).model_fields and getattr(model, SOURCES_FIELD):
        yield path, model
    for name in part_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _cited(value, (*path, name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _cited(item, (*path, name, index))
