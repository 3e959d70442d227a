"""Warnings for a date written in two places that no longer agree.

A defection's date is repeated where its consequences are written: the `end` of each role
the person left by defecting (`ended: defected`, in the organization they left) and the
`until` of the side they left (`earlier_sides`). Correcting one and not the other leaves
the actor's page and the defections tracker telling different days; `check` warns, at the
repeated date, naming the defection and where it is written.
"""

from __future__ import annotations

import datetime as dt

from generator.content.dates import FuzzyDate
from generator.content.explain import field_path
from generator.content.load import Content
from generator.content.models import Actor, Defection, DefectionKind, RoleEnd
from generator.content.problems import Problem

# A side left this close to a defection, on another day, is taken for its date edited in one place.
NEAR_DAYS = 31


def warnings(content: Content) -> list[Problem]:
    """A located warning for each role end or side change that disagrees with its defection's date."""
    actors = {a.id: a for a in content.actors}
    found: list[Problem] = []
    for defection in content.defections:
        actor = actors.get(defection.actor or "")
        if actor is None or defection.kind is DefectionKind.BROKE_RANKS:
            continue
        found += _role_ends(content, actor, defection) + _side_changes(content, actor, defection)
    return sorted(found)


def _same_day(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Whether two dates can mean the same day: `2011-06` and `2011-06-07` agree, written less precisely."""
    return a.earliest <= b.latest and b.earliest <= a.latest


def _role_ends(content: Content, actor: Actor, defection: Defection) -> list[Problem]:
    left = {post.organization for post in defection.left if post.organization}
    matched = [
        (index, role)
        for index, role in enumerate(actor.roles)
        if role.ended is RoleEnd.DEFECTED and role.organization in left and role.end is not None
    ]
    return [
        _warning(content, actor, ("roles", index, "end"), role.end, defection)
        for index, role in matched
        if role.end is not None and not _same_day(role.end, defection.date)
    ]


def _side_changes(content: Content, actor: Actor, defection: Defection) -> list[Problem]:
    if any(_same_day(side.until, defection.date) for side in actor.earlier_sides):
        return []
    near = dt.timedelta(days=NEAR_DAYS)
    return [
        _warning(content, actor, ("earlier_sides", index, "until"), side.until, defection)
        for index, side in enumerate(actor.earlier_sides)
        if abs(side.until.latest - defection.date.latest) <= near
    ]


def _warning(
    content: Content, actor: Actor, path: tuple[str | int, ...], date: FuzzyDate, defection: Defection
) -> Problem:
    origin = content.origins[actor.id]
    line, column = content.locate(origin, path)
    there = content.origins[defection.id]
    where, _ = content.locate(there, ("date",))
    message = (
        f"warning: {date.iso()} cannot be the day of the defection '{defection.id}', {defection.date.iso()} "
        f"({there.file}:{where}), which it repeats; correct both to the same day"
    )
    return Problem(origin.file, line, column, field_path([actor.id, *path]), message)
