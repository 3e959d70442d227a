"""The one walk over type annotations: the classes a field's type is made of, through Annotated, unions and lists."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def classes_in(annotation: Any) -> Iterator[type]:
    """Every class named in `annotation`, outermost first: tuple[Role, ...] | None gives tuple, Role, NoneType."""
    if isinstance(annotation, type):
        yield annotation
    for arg in typing.get_args(annotation):
        if arg is not Ellipsis:
            yield from classes_in(arg)


def first_in(annotation: Any, base: type[T]) -> type[T] | None:
    """The first class in `annotation` that is `base` or a subclass of it."""
    return next((cls for cls in classes_in(annotation) if issubclass(cls, base)), None)


def all_in(annotation: Any, base: type[T]) -> list[type[T]]:
    """Every class in `annotation` that is `base` or a subclass of it, in order."""
    return [cls for cls in classes_in(annotation) if issubclass(cls, base)]


def is_list(annotation: Any) -> bool:
    """Whether a field holds a list (written as a tuple in the models), under any Annotated extras."""
    if typing.get_origin(annotation) is typing.Annotated:
        return is_list(typing.get_args(annotation)[0])
    return typing.get_origin(annotation) in (tuple, list)
