"""The events told with a vote: what happened on the day of a vote, about the text voted on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.content.dates import FuzzyDate, Precision
from generator.content.load import Content
from generator.content.models import Document, Event


def votes_about(content: Content, voted: Iterable[tuple[Document, FuzzyDate]]) -> dict[str, tuple[Event, ...]]:
    """Each document voted on a known day (with its vote's date), with the events about its vote:
    on the vote's very day, and naming the document or involving the body that voted.

    Worked out once with the facts: the timeline's every part reads it (it once walked every
    event again for each part of a split timeline)."""
    days: dict[dt.date, list[Document]] = {}
    for document, date in voted:
        if date.start.precision is Precision.DAY:
            days.setdefault(date.settled, []).append(document)
    about: dict[str, list[Event]] = {}
    for event in content.events:
        if event.date.start.precision is not Precision.DAY or event.date.is_range:
            continue
        named = {target for _, target, _ in content.references[event.id]}
        for document in days.get(event.date.settled, ()):
            if document.id in named or document.body in event.actors:
                about.setdefault(document.id, []).append(event)
                break  # told once: in the first vote of the day it is about
    return {document_id: tuple(events) for document_id, events in about.items()}
