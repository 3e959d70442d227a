"""Records' names: as every page shows them, and an actor's on a day.

A state renamed during the story is called by the name it had then.
"""

from __future__ import annotations

import datetime as dt

from generator.content.load import Content
from generator.content.models import Actor, Attribution, Record
from generator.facts.sentences import claimed_text


def shown_name(content: Content, record: Record) -> str:
    """The name links, lists and data show for a record: one that is wholly someone's claim (an
    event told on someone's word) says whose, wherever it is named."""
    own = getattr(record, "attribution", None)
    claim = own if isinstance(own, Attribution) else None
    return claimed_text(content.name_of(record), claim, content.actor_name)


def shown_names(content: Content) -> dict[str, str]:
    """Every record's shown name, by id (as shown_name gives it)."""
    names: dict[str, str] = {}
    actor_name, language = content.actor_name, content.story.language
    for kind, records in content.by_kind():
        # Kind by kind, each record labelled by its kind directly, and asked for its `attribution`
        # only where its model has one: a pydantic model asked for a field it lacks raises inside
        # and catches (this took a 1,000-actor story's names from 0.046 to 0.02 CPU seconds).
        claims = "attribution" in kind.model.model_fields
        for record in records:
            own = getattr(record, "attribution", None) if claims else None
            claim = own if isinstance(own, Attribution) else None
            names[record.id] = claimed_text(kind.label(record, actor_name, language), claim, actor_name)
    return names


def name_on(actor: Actor, day: dt.date) -> str:
    """The name an actor went by on `day`: an earlier name until the day it changed, then the next.

    A change known only within a range counts from its latest day, once it had surely happened."""
    for earlier in actor.earlier_names:
        if day < earlier.until.latest:
            return earlier.name
    return actor.name
