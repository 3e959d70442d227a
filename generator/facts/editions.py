"""The story as it stood at one moment: the content an edition of the overview is made from.

Every update is an edition a reader can open. `as_of` keeps what was known then: the
highlights, updates and corrections made by that moment, and of the records only what had
happened by its day. It is the same rule `check` applies at the story's now (validate.py),
turned from a refusal into a filter, so an edition passes the check it would have passed then.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.kinds import RECORD_FIELDS
from generator.content.load import Content
from generator.content.models import Story
from generator.content.walk import dated_fields, references

M = TypeVar("M", bound=BaseModel)


def as_of(content: Content, moment: Timestamp) -> Content:
    """The content as it stood at `moment`.

    A record is left out when its kind's date (the registry's `dated_by`) or another date it
    cannot do without is after the moment's day (a defection of a later day); a part of a
    record that came later is left out of it (a vote held later, a role's end, a later
    mandate). Days known in advance (`scheduled`) stay, and so do the kinds whose dates are
    not in story time (a source's publication date)."""
    day = moment.moment.date()
    kept: dict[str, Any] = {}
    for kind, records in content.by_kind():
        if kind.in_story_time:
            # A record dated later by its kind's own date (a document's `tabled`, optional in
            # general) is left out whole; otherwise only its later parts are.
            current = (r for r in records if (when := kind.date_of(r)) is None or not when.ahead_of(day))
            kept[kind.name] = tuple(r for r in (_as_of(record, day) for record in current) if r is not None)
    assert set(kept) <= set(RECORD_FIELDS)
    edition = dataclasses.replace(content, story=_story_as_of(content.story, moment), **kept)
    # Finding every reference is most of what deriving costs: a record kept as it was keeps
    # the references already found (Content.references is a cached property, kept in __dict__).
    found, same = content.references, content.by_id
    edition.__dict__["references"] = {
        r.id: found[r.id] if same.get(r.id) is r else tuple(references(r)) for r in edition.all()
    }
    return edition


def _story_as_of(story: Story, moment: Timestamp) -> Story:
    """The story's logs and highlights as far as `moment`."""
    return story.model_copy(
        update={
            "highlights": tuple(h for h in story.highlights if h.added <= moment),
            "updates": tuple(u for u in story.updates if u.at <= moment),
            "corrections": tuple(c for c in story.corrections if c.at <= moment),
        }
    )


def _as_of(model: M, day: dt.date) -> M | None:
    """`model` without its later parts, or None when a date it needs is later than `day`."""
    changes: dict[str, Any] = {}
    for name in dated_fields(type(model)):
        value = getattr(model, name)
        trimmed = _value_as_of(value, day)
        required = type(model).model_fields[name].is_required()
        if trimmed == () and value != () and required:
            return None  # every item came later, of a list the record is made of (a mission's mandates)
        if trimmed is _GONE:
            if required:
                return None
            trimmed = None
        if trimmed is not value:
            changes[name] = trimmed
    if changes and "milestone" in type(model).model_fields:
        # A milestone's summary tells the whole record ("Russia and China veto the draft"): a record
        # cut at an earlier moment (tabled, not yet voted on) is told by a sentence made from what
        # was known then (so_far.py) instead.
        changes["summary"] = None
    return model.model_copy(update=changes) if changes else model


_GONE = object()  # a value that had not happened yet


def _value_as_of(value: object, day: dt.date) -> object:
    if isinstance(value, FuzzyDate):
        return _GONE if value.ahead_of(day) else value
    if isinstance(value, BaseModel):
        trimmed = _as_of(value, day)
        return _GONE if trimmed is None else trimmed
    if isinstance(value, tuple):
        items = tuple(_value_as_of(item, day) for item in value)
        kept = tuple(item for item in items if item is not _GONE)
        return value if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)) else kept
    return value
