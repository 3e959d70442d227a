"""The story's logs in time: updates and corrections between publication and now, in order.

Each update and correction lies between publication and the moment of checking, each after
the one above it.

An update dated before publication would make an edition of a story not yet published (and
a page named for a year before it), one after the clock an edition of a moment still to come,
and one out of order a log whose newest entry is not the story's "now".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.content.dates import Timestamp
from generator.content.models import Story
from generator.content.safe_yaml import FieldPath


def log_problems(story: Story, clock: dt.datetime | None = None) -> Iterator[tuple[FieldPath, str]]:
    """(field path, message) for each timestamp of story.yml out of its place in time."""
    now = clock or dt.datetime.now(dt.UTC)
    if story.published.moment > now:
        yield ("published",), f"{story.published.iso()} is in the future (write when the story was published)"
    logs: tuple[tuple[str, list[Timestamp]], ...] = (
        ("updates", [u.at for u in story.updates]),
        ("corrections", [c.at for c in story.corrections]),
    )
    for field, moments in logs:
        previous: Timestamp | None = None
        for index, at in enumerate(moments):
            yield from _placed(field, index, at, story.published, previous, now)
            previous = at


def _placed(
    field: str, index: int, at: Timestamp, published: Timestamp, previous: Timestamp | None, now: dt.datetime
) -> Iterator[tuple[FieldPath, str]]:
    what = field.removesuffix("s")
    a_what = f"an {what}" if what == "update" else f"a {what}"
    if at < published:
        yield (
            (field, index, "at"),
            (
                f"{at.iso()} is before the story was published, {published.iso()} "
                f"({a_what} comes after publication; fix the date or `published`)"
            ),
        )
    elif previous is not None and at < previous:
        yield (
            (field, index, "at"),
            (
                f"{at.iso()} is before the {what} above it, {previous.iso()} "
                f"(list {field} oldest first, each with the moment it was made)"
            ),
        )
    if at.moment > now:
        yield (field, index, "at"), f"{at.iso()} is in the future (write the moment the {what} was made)"
