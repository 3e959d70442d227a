"""The role an actor's infobox names: the one the story is about, not the last one listed.

Editors list roles in any order, and an actor often holds several at once (a president who
also leads a party) or left several on one day (an ambassador who quit the embassy and the
party). The role shown is worked out from the data, on any story:

1. a role held at the story's now, the one in the most prominent organization (prominence.py:
   the one the story's own words and records name most);
2. else a role the actor's defections ended, a post the defection names before a bare
   membership, then by the organization's prominence;
3. else the role that ended last.

Ties go to the role listed first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from generator.content.models import Actor, Defection, Role, RoleEnd


def story_role(actor: Actor, places: Mapping[str, int], defections: Iterable[Defection], now: dt.date) -> Role | None:
    """The role the story is about (see the module's docstring)."""
    roles = actor.roles
    if len(roles) < 2:
        # None, or the one role every rule below ends at (held, left, or the last to end): most
        # actors list one, and every actor's page and structured data ask (_story_role checks it).
        return roles[0] if roles else None
    return _story_role(actor, places, defections, now)


def _story_role(actor: Actor, places: Mapping[str, int], defections: Iterable[Defection], now: dt.date) -> Role | None:
    """story_role by the rules alone, for any number of roles."""
    roles = actor.roles
    if not roles:
        return None
    listed = {id(role): index for index, role in enumerate(roles)}
    unplaced = len(places) + 1

    def place(role: Role) -> tuple[int, int]:
        return (places.get(role.organization, unplaced) if role.organization else unplaced + 1, listed[id(role)])

    held = [r for r in roles if not r.over and (r.start is None or r.start.earliest <= now)]
    if held:
        return min(held, key=place)
    posts = {post.role.casefold() for d in defections for post in (*d.left, *d.kept) if post.role}
    left = [r for r in roles if r.ended is RoleEnd.DEFECTED or r.title.casefold() in posts]
    if left:
        return min(left, key=lambda r: (r.title.casefold() not in posts, *place(r)))
    never = (dt.date.min, dt.date.min)
    return max(roles, key=lambda r: (r.end.sort_key() if r.end else never, -place(r)[0], -listed[id(r)]))
