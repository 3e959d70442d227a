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
    """Every record's shown name, by id."""
    return {record_id: shown_name(content, record) for record_id, record in content.by_id.items()}


def name_on(actor: Actor, day: dt.date) -> str:
    """The name an actor went by on `day`: an earlier name until the day it changed, then the next.

    A change known only within a range counts from its latest day, once it had surely happened."""
    for earlier in actor.earlier_names:
        if day < earlier.until.latest:
            return earlier.name
    return actor.name
