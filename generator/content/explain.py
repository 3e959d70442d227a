"""Turn pydantic's validation errors into messages an editor can act on."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.content.annotations import first_in
from generator.content.fields import LANGUAGE_PATTERN, SLUG_PATTERN
from generator.content.i18n import conventional_case
from generator.content.models import MISSING_HINTS, SOURCES_FIELD
from generator.content.problems import describe, quote_hint, quoted, shorten

# Longer words are no typo of a field name or an id: no guess is looked for.
MAX_GUESSED_LENGTH = 100


def did_you_mean(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str | None:
    """Return the closest choice to a mistyped word, if one is close enough."""
    if len(word) > MAX_GUESSED_LENGTH:
        return None
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def field_path(loc: Sequence[str | int]) -> str:
    """Write a location as editors read it: roles[0].start."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """Return the model class that a location inside `model` points into."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = first_in(field.annotation, BaseModel) if field else None
    return current


def enum_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[Enum] | None:
    """Return the enum type of the field at `loc`, to list its allowed values."""
    parent, last = model_at(model, loc[:-1]), loc[-1] if loc else None
    if parent is None or not isinstance(last, str) or last not in parent.model_fields:
        return None
    return first_in(parent.model_fields[last].annotation, Enum)


# A number written with thousands separators: 7,338, 7 338, 7'338 or with a narrow no-break space.
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[,'\u00a0\u202f ]\d{3})+")


def _before(data: Any, loc: Sequence[str | int]) -> tuple[str, Any] | None:
    """The key and value just before the last key of `loc` in the editor's data, if there is one."""
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return None
    keys = list(parent)
    index = keys.index(loc[-1])
    return (keys[index - 1], parent[keys[index - 1]]) if index else None


def _split_value(name: str, value: object, data: Any, loc: Sequence[str | int]) -> str | None:
    """Say how an unquoted comma split a value in two, when an unknown key looks like its second half."""
    before = _before(data, loc)
    if before is None:
        return None
    key, first = before
    if name.isdigit() and isinstance(first, int) and not isinstance(first, bool) and isinstance(value, int | None):
        number = f"{first}{name}"
        return (
            f"unknown field {quoted(name)}: the comma in {first},{name} split the number in two (write "
            f"it without the separator: {key}: {number})"
        )
    if value is None and isinstance(first, str):
        return (
            f"unknown field {quoted(name)}: a comma cut the text before it in two (put the whole text in "
            f'quotes: {key}: "{shorten(f"{first}, {name}")}")'
        )
    return None


# Why a list needs more than one item, said where it is too short.
WHY_AT_LEAST = {
    "claims": "a seat is contested by two claimants or more; with one claimant, record who holds it in the "
    "membership instead",
}


def explain(error: ErrorDetails, model: type[BaseModel], data: Any = None) -> str:
    """Return one message, with how to fix it, for one pydantic error (`data`: the editor's record)."""
    kind, value, loc = error["type"], error.get("input"), error["loc"]
    name = loc[-1] if loc else ""
    if kind == "missing":
        hint = MISSING_HINTS.get(str(name))
        if hint:
            return f"required field is missing (add `{name}:`, {hint})"
        # A missing closed-set field says its choices, so that the editor need not look them up.
        closed = enum_at(model, loc)
        if closed is not None:
            return f"required field is missing (add `{name}:`, one of: {', '.join(c.value for c in closed)})"
        return f"required field is missing (add `{name}:`)"
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        guess = did_you_mean(str(name), allowed)
        if guess:
            return f"unknown field {quoted(str(name))} (did you mean '{guess}'?)"
        split = _split_value(str(name), value, data, loc)
        if split:
            return split
        return f"unknown field {quoted(str(name))} (remove it; allowed fields: {', '.join(allowed)})"
    if kind in ("string_type", "str_type"):
        return f"expected text, got {describe(value)} ({quote_hint(value)})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, str) and GROUPED_NUMBER.fullmatch(value.strip()):
            digits = re.sub(r"\D", "", value)
            return f"expected a whole number, got {describe(value)} (write it without the separators: {digits})"
        return f"expected a whole number, got {describe(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {describe(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {describe(value)} (write [a, b] or one '- item' per line)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {describe(value)}"
    if kind == "enum":
        enum = enum_at(model, loc)
        choices = [str(member.value) for member in enum] if enum else []
        shown = describe(value)
        if isinstance(value, bool):
            return f"{shown} is not allowed here ({quote_hint(value)})"
        guess = did_you_mean(str(value), choices) if isinstance(value, str) else None
        hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(choices)}"
        return f"{shown} is not allowed here ({hint})"
    if kind == "too_short":
        if name == SOURCES_FIELD:
            return "every fact needs a source (add `sources: [source-id]`)"
        least = error.get("ctx", {}).get("min_length", 1)
        reason = f" ({WHY_AT_LEAST[name]})" if isinstance(name, str) and name in WHY_AT_LEAST else ""
        return f"must list at least {least} {'item' if least == 1 else 'items'}{reason}"
    if kind == "string_too_short":
        return "must not be empty (write the text or remove the field)"
    if kind == "string_too_long" and isinstance(value, str):  # only ids have a maximum length
        limit = error.get("ctx", {}).get("max_length")
        return (
            f"id is {len(value):,} characters long, over the limit of {limit} "
            "(ids become file names and addresses; shorten it)"
        )
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern")
        if pattern == SLUG_PATTERN:
            return (
                f"{quoted(str(value))} is not a valid id (use lowercase letters, digits and single "
                "hyphens, like jane-doe)"
            )
        if pattern == LANGUAGE_PATTERN:
            return language_tag_problem(str(value))
    if kind in ("greater_than_equal", "less_than_equal"):
        bound, word = ("ge", "least") if kind == "greater_than_equal" else ("le", "most")
        limit = error.get("ctx", {}).get(bound)
        if not isinstance(limit, int):
            return f"{describe(value)} is out of range ({error['msg'].lower()})"
        shown = f"{limit:,}" if abs(limit) >= 10_000 else str(limit)  # a year reads better without a comma
        return f"{describe(value)} is out of range (it must be at {word} {shown})"
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, ")
    return error["msg"]


def language_tag_problem(value: str) -> str:
    """Why a value is no language tag, and what to write: the same tag in its usual case, where it is one."""
    cased = conventional_case(value)
    if re.fullmatch(LANGUAGE_PATTERN, cased):
        return (
            f"{quoted(value)} is not a language tag as written (write {quoted(cased)}: a tag's language is in "
            "lower case)"
        )
    return f"{quoted(value)} is not a language tag (write a BCP 47 tag such as en, ar or fr)"
