"""Values quoted back to editors: described safely, shortened, and never breaking the one-line format."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.content import models
from generator.content.fields import (
    CHECKS_CHARACTERS,
    SLUG_PATTERN,
    AnyRef,
    Id,
    Language,
    ProseText,
    Text,
    Url,
    stray_character,
)
from generator.content.models import ActorRef, DocumentRef, QuoteRef, SourceRef
from generator.content.problems import ContentError, Problem, describe, quoted, shorten

# Every character that str.splitlines() breaks a line at.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


DESCRIBED: list[tuple[object, str]] = [
    (True, "the boolean true"),
    (None, "an empty value"),
    (0, "the number 0"),
    (-12, "the number -12"),
    (10**30 - 1, "the number 999999999999999999999999999999"),
    (10**30, "a number with 31 digits"),
    (-(10**30), "a number with 31 digits"),
    (10**4999, "a number with 5,000 digits"),
    (10**5000 - 1, "a number with 5,000 digits"),
    (16**5000, "a number with 6,021 digits"),  # what `0x` and 5,000 hex digits read as
    (2**2_000_000, "a number with about 602,060 digits"),
    (1.5, "the number 1.5"),
    (float("inf"), "a number too large to hold (.inf)"),
    (float("nan"), "the value .nan (not a number)"),
    ([1], "a list"),
    ({"a": 1}, "a mapping"),
    ("short", "'short'"),
]


# Ids by the expected words: pytest would name a case by its value, and cannot print a huge number.
@pytest.mark.parametrize(("value", "expected"), DESCRIBED, ids=[expected for _, expected in DESCRIBED])
def test_describe(value: object, expected: str) -> None:
    assert describe(value) == expected


def test_describe_counts_digits_exactly_at_every_boundary() -> None:
    for digits in range(31, 1500):
        assert describe(10 ** (digits - 1)) == f"a number with {digits:,} digits"
        assert describe(10**digits - 1) == f"a number with {digits:,} digits"


def test_long_text_is_shortened() -> None:
    text = "x" * 1_000_000
    assert describe(text) == f"'{'x' * 60}…'"
    assert quoted("abc") == "'abc'"
    assert shorten("y" * 60) == "y" * 60
    assert shorten("y" * 61) == "y" * 60 + "…"


def test_problem_keeps_every_part_on_one_line() -> None:
    everything = "".join(chr(code) for code in range(0x110000))
    problem = Problem(f"content/a{LINE_BREAKS}.yml", 1, 2, f"id{LINE_BREAKS}.title", everything)
    shown = str(problem)
    assert len(shown.splitlines()) == 1
    shown.encode("utf-8")  # lone surrogates are escaped: printing the report cannot fail


def test_problem_escapes_like_python() -> None:
    problem = Problem("content/x.yml", 3, 4, "a\nb", "'x\x85y' and \u202e and \ud800 and \ttab")
    assert str(problem) == r"content/x.yml:3:4: a\nb: 'x\x85y' and \u202e and \ud800 and \ttab"


def test_printable_text_is_left_alone() -> None:
    message = "'سوريا' — “quoted” 😀 \u200f and a \\ backslash"
    assert str(Problem("content/x.yml", 1, 1, "", message)) == f"content/x.yml:1:1: {message}"


def test_report_has_one_line_per_problem() -> None:
    problems = [Problem("content/x.yml", n, 1, "f\n", "m\r\nn") for n in range(1, 4)]
    assert len(ContentError(problems).report().splitlines()) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bob\x85Brown", "holds the control character U+0085 at position 4"),
        ("\x7f", "holds the control character U+007F at position 1"),
        ("a\rb", "holds the control character U+000D at position 2"),
        ("\x00", "holds the control character U+0000 at position 1"),
        ("x\ufffe", "holds the noncharacter U+FFFE at position 2"),
        ("x\U0010ffff", "holds the noncharacter U+10FFFF at position 2"),
        ("\ufdd5", "holds the noncharacter U+FDD5 at position 1"),
        ("\ud800", "holds the lone surrogate U+D800 at position 1"),
        ("abc\u202e", "holds the bidirectional control U+202E at position 4"),
        ("\u2066x\u2069", "holds the bidirectional control U+2066 at position 1"),
        ("\ue000", "holds the private-use character U+E000 at position 1"),
    ],
)
def test_stray_characters_are_named_and_placed(text: str, expected: str) -> None:
    assert stray_character(text) == f"{expected} (remove it; copy-pasting from PDFs often adds these)"


@pytest.mark.parametrize(
    "text", ["tab\tand\nnewline", "سوريا \u200f\u200e\u061c", "\u2028\u2029", "😀", "\ue002", "x" * 1_000_000]
)
def test_ordinary_text_passes(text: str) -> None:
    assert stray_character(text) is None


TEXT_TYPES: dict[str, Any] = {
    "Text": Text,
    "ProseText": ProseText,
    "Url": Url,
    "Id": Id,
    "Language": Language,
    "ActorRef": ActorRef,
    "SourceRef": SourceRef,
    "DocumentRef": DocumentRef,
    "QuoteRef": QuoteRef,
    "AnyRef": AnyRef,
}


@pytest.mark.parametrize("name", sorted(TEXT_TYPES))
def test_every_text_type_refuses_stray_characters(name: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(TEXT_TYPES[name]).validate_python("https://x.org/ab\x85c")


def test_ids_are_bounded() -> None:
    TypeAdapter(Id).validate_python("a" * 80)
    with pytest.raises(ValidationError, match="string_too_long"):
        TypeAdapter(Id).validate_python("a" * 81)


def _all_models() -> list[type[BaseModel]]:
    found, todo = [], [models.Model]
    while todo:
        model = todo.pop()
        found.append(model)
        todo += model.__subclasses__()
    return found


def _plain_strings(annotation: Any, metadata: list[Any]) -> bool:
    """True if `annotation` takes text anywhere without the shared check for stray characters."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _plain_strings(base, [*metadata, *extra])
    if annotation is str:
        # An id's pattern admits no stray character, and is checked first (test_check_fast_paths.py).
        slug = any(getattr(m, "pattern", None) == SLUG_PATTERN for m in metadata)
        return not slug and not any(getattr(m, "func", None) in CHECKS_CHARACTERS for m in metadata)
    return any(_plain_strings(arg, []) for arg in typing.get_args(annotation))


@pytest.mark.parametrize("model", _all_models(), ids=lambda m: m.__name__)
def test_no_model_field_takes_unchecked_text(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        assert not _plain_strings(info.annotation, list(info.metadata)), f"{model.__name__}.{name}"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"!!bool maybe", "'maybe' is not a valid !!bool value (remove the tag, or quote the text)"),
        (b"!!int abc", "'abc' is not a valid !!int value (remove the tag, or quote the text)"),
        (b"!!float x", "'x' is not a valid !!float value (remove the tag, or quote the text)"),
    ],
)
def test_an_explicit_tag_on_a_value_it_cannot_hold_is_located(raw: bytes, message: str) -> None:
    """Found by the property tests: the scalar constructor raised KeyError for `!!bool maybe`."""
    from generator.content.safe_yaml import load_file

    _, problems = load_file(Path("events.yml"), "content/events.yml", raw)
    assert [str(p) for p in problems] == [f"content/events.yml:1:1: {message}"]
