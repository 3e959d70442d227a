"""The one walker over model annotations: which fields can hold references, dates or parts, and those in a record."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.content.dates import FuzzyDate
from generator.content.fields import Linking, Prose, RefId
from generator.content.models import SourceId
from generator.content.prose import find_cites, find_refs
from generator.content.safe_yaml import FieldPath

# What a citation marker may name: what a `sources` list may name.
CITED_KINDS = SourceId.kinds
# Where a reference was found, the id it names, and the kinds it may name (empty: any kind).
Reference = tuple[FieldPath, str, tuple[str, ...]]


def references(model: BaseModel, path: FieldPath = ()) -> list[Reference]:
    """Every (path, target id, allowed kinds) of a model, in fields and in prose (and its markers)."""
    found: list[Reference] = []
    _model_references(model, path, found)
    return found


# Every record is walked once per build, and editions walk the records they change again: the
# walk appends to one list rather than nesting generators, visits only the fields the model's
# annotations say can link (linking_fields), and skips the many optional links left out (None).
# Most linking fields are prose with no bracket, or left out: those are passed over here, before
# a path is made and a call is made for them (a third of the walk at 1,000 actors).
def _model_references(model: BaseModel, path: FieldPath, found: list[Reference]) -> None:
    for name in linking_fields(type(model)):
        value = getattr(model, name)
        if value is None or (value.__class__ is Prose and "[" not in value):
            continue
        _references_in(value, (*path, name), found)


def _references_in(value: object, path: FieldPath, found: list[Reference]) -> None:
    if isinstance(value, RefId):
        found.append((path, str(value), type(value).kinds))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, RefId):  # most lists are of ids (`sources`): no call for each
                found.append(((*path, index), str(item), item.kinds))
            else:
                _references_in(item, (*path, index), found)
    elif isinstance(value, Prose):
        if "[" in value:  # most prose links and cites nothing: [[id]] and [^id] both need a bracket
            _prose_references(value, path, found)
    elif isinstance(value, BaseModel):
        _model_references(value, path, found)


def _prose_references(text: Prose, path: FieldPath, found: list[Reference]) -> None:
    found.extend((path, ref.target, ()) for ref in find_refs(text))
    found.extend((path, cite.source, CITED_KINDS) for cite in find_cites(text))


@functools.cache
def linking_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold a reference or prose: only those are walked."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if _can_link(info.annotation) or any(_can_link(m) for m in info.metadata)
    )


def _can_link(annotation: Any) -> bool:
    """Whether a field's type, or a type inside it, is marked as linking (see fields.Linking)."""
    if isinstance(annotation, Linking):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(linking_fields(annotation))
    return any(_can_link(arg) for arg in typing.get_args(annotation))


def dates(model: BaseModel, path: FieldPath = ()) -> Iterator[tuple[FieldPath, FuzzyDate]]:
    """Yield (path, date) for every date in a record, nested ones (a role's end, a vote's day) included."""
    # Gathered into one list, as references are, rather than through a generator per field and part:
    # the check of story time walks every record of the story.
    found: list[tuple[FieldPath, FuzzyDate]] = []
    _model_dates(model, path, found)
    return iter(found)


def _model_dates(model: BaseModel, path: FieldPath, found: list[tuple[FieldPath, FuzzyDate]]) -> None:
    for name in dated_fields(type(model)):
        value = getattr(model, name)
        if value is not None:  # an optional date left out, as most are
            _dates_in(value, (*path, name), found)


def _dates_in(value: object, path: FieldPath, found: list[tuple[FieldPath, FuzzyDate]]) -> None:
    if isinstance(value, FuzzyDate):
        found.append((path, value))
    elif isinstance(value, BaseModel):
        _model_dates(value, path, found)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            _dates_in(item, (*path, index), found)


@functools.cache
def dated_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold a date: only those are walked."""
    return tuple(name for name, info in model.model_fields.items() if _can_date(info.annotation))


def _can_date(annotation: Any) -> bool:
    if annotation is FuzzyDate:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(dated_fields(annotation))
    return any(_can_date(arg) for arg in typing.get_args(annotation))


@functools.cache
def part_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold a model of its own (a part: a role, a version, a vote...).

    Walks that look for parts (those that cite sources, those that make claims) visit only these,
    rather than asking every value of every record what it is.
    """
    return tuple(name for name, info in model.model_fields.items() if _can_hold_part(info.annotation))


def _can_hold_part(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_can_hold_part(arg) for arg in typing.get_args(annotation))
