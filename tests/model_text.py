"""The text fields of the content models, found from the models themselves, for the tests that fill them.

A field is text when its type takes a plain sentence and keeps it: ids, addresses, language tags,
dates, numbers and closed sets all refuse one. Prose (inline Markdown, [[id]] links) comes back as
`Prose`. So a field added to a model, or a kind added to the registry, gets the hostile and
generated text of tests/test_hostile.py and tests/test_properties.py with no list to update.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.content.fields import Prose

SENTENCE = "Plain words, as an editor types them."
LISTED = 3
MARKER = "[^a-source]"  # a citation marker: some prose must cite (a line of what you need to know)


@dataclass(frozen=True)
class TextField:
    """A text field: its name, whether it is prose (and must cite), and whether it holds a list of texts."""

    name: str
    prose: bool
    listed: bool
    cited: bool = False


@dataclass(frozen=True)
class Nested:
    """A field that holds a model (or a list of them), whose own text fields are walked too."""

    name: str
    model: type[BaseModel]
    listed: bool


@functools.cache
def _text_kind(annotation: Any) -> str | None:
    """'text', 'prose' or 'cited' (prose that must cite) when a value of this type may be a
    sentence, else None."""
    for sentence, kind in ((SENTENCE, ""), (SENTENCE + MARKER, "cited")):
        try:
            value = TypeAdapter(annotation).validate_python(sentence)
        except (ValidationError, TypeError, ValueError):
            continue
        if isinstance(value, str):
            return kind or ("prose" if isinstance(value, Prose) else "text")
    return None


def _options(annotation: Any) -> list[Any]:
    """The types a field may hold, None left out: X | None is X."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _parts(annotation: Any) -> tuple[Any, bool] | None:
    """The type of one value of a field, and whether the field is a list of them (a tuple)."""
    for option in _options(annotation):
        base = typing.get_args(option)[0] if typing.get_origin(option) is Annotated else option
        if typing.get_origin(base) is tuple:
            return typing.get_args(base)[0], True
        return option, False
    return None


@functools.cache
def fields_of(model: type[BaseModel]) -> tuple[TextField | Nested, ...]:
    """Every text field and every nested model of a model, in declaration order."""
    found: list[TextField | Nested] = []
    for name, info in model.model_fields.items():
        whole = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        parts = _parts(info.annotation)
        if parts is None:
            continue
        inner, listed = parts
        kind = _text_kind(inner if listed else whole)
        if kind is not None:
            found.append(TextField(name, kind != "text", listed, kind == "cited"))
            continue
        nested = next((o for o in _options(inner) if isinstance(o, type) and issubclass(o, BaseModel)), None)
        if nested is not None:
            found.append(Nested(name, nested, listed))
    return tuple(found)


def text_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """The dotted path of every text field, through nested models: 'roles.title'."""
    for field in fields_of(model):
        if isinstance(field, TextField):
            yield prefix + field.name
        else:
            yield from text_paths(field.model, f"{prefix}{field.name}.")


def fill(
    model: type[BaseModel], data: dict[str, Any], text: str, prose: str, marker: str = "", prefix: str = ""
) -> set[str]:
    """Put `text` (or `prose`, in prose fields; followed by `marker` where prose must cite) in every
    text field of a record's data, set or not, and in the text fields of the nested models it
    holds; return the dotted paths filled."""
    filled: set[str] = set()
    for field in fields_of(model):
        if isinstance(field, TextField):
            value = prose + marker if field.cited else prose if field.prose else text
            # Three of them in a list: some lists need several (what you need to know is 3 to 5 lines).
            data[field.name] = [value] * LISTED if field.listed else value
            filled.add(prefix + field.name)
            continue
        held = data.get(field.name)
        items = held if field.listed and isinstance(held, list) else [held]
        for item in items:
            if isinstance(item, dict):
                filled |= fill(field.model, item, text, prose, marker, f"{prefix}{field.name}.")
    return filled


def text_locations(
    model: type[BaseModel], data: dict[str, Any], path: tuple[Any, ...] = ()
) -> Iterator[tuple[Any, ...]]:
    """Where a record's data holds (or may hold) text: each text field, set or not (a list's first
    item, where it has one), and the text fields of the nested parts it holds."""
    for field in fields_of(model):
        held = data.get(field.name)
        if isinstance(field, TextField):
            if not field.listed:
                yield (*path, field.name)
            elif isinstance(held, list) and held:
                yield (*path, field.name, 0)
            continue
        items = enumerate(held) if field.listed and isinstance(held, list) else [(None, held)]
        for index, item in items:
            if isinstance(item, dict):
                where = (*path, field.name) if index is None else (*path, field.name, index)
                yield from text_locations(field.model, item, where)
