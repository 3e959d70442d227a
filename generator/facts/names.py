"""An actor's name on a day: a state renamed during the story is called by the name it had then."""

from __future__ import annotations

import datetime as dt

from generator.content.models import (
    Actor,
)


def name_on(actor: Actor, day: dt.date) -> str:
    """The name an actor went by on `day`: an earlier name until the day it changed, then the next.

    A change known only within a range counts from its latest day, once it had surely happened."""
    for earlier in actor.earlier_names:
        if day < earlier.until.latest:
            return earlier.name
    return actor.name
