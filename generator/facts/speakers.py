"""Who a speaker was when they spoke: the post they held on the day, in words.

A quote names its speaker by what they were then ("Ambassador to the UN, Veloria"),
which a reader needs to weigh the words, rather than by the side they were on. Only a role
surely held on the day counts: begun by then (its start's latest day) and not yet over (its
end's earliest day), and stated as fact rather than as someone's claim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from generator.content.dates import FuzzyDate
from generator.content.i18n import _
from generator.content.models import Actor, Role
from generator.facts import sentences
from generator.facts.sentences import Phrase


def role_at(actor: Actor, date: FuzzyDate) -> Role | None:
    """The role `actor` surely held on `date`; of several, the one begun last (undated ones last)."""
    day = date.settled
    held = [role for role in actor.roles if role.attribution is None and _held(role, day)]
    if not held:
        return None
    return max(held, key=lambda role: role.start.settled if role.start else dt.date.min)


def _held(role: Role, day: dt.date) -> bool:
    begun = role.start is None or role.start.settled <= day
    if role.end is not None:
        return begun and day <= role.end.earliest
    return begun and role.ended is None  # ended on a day not recorded: not surely held then


def speaker_role(actor: Actor, date: FuzzyDate, name: Callable[[str], str]) -> Phrase:
    """The speaker's post on the day, with the organization it is in unless the title names it
    already ("Secretary of State, United States"); empty when no post was surely held."""
    role = role_at(actor, date)
    if role is None:
        return ()
    if role.organization is None or name(role.organization).casefold() in role.title.casefold():
        return (sentences.words(role.title),)
    return sentences.fill(_("{role}, {organization}"), role=role.title, organization=sentences.link(role.organization))
