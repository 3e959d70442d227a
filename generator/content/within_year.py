"""Rules for what changes within a membership's year: the day it took effect, and the monthly presidency."""

from __future__ import annotations

import datetime as dt

from generator.content.load import Content
from generator.content.models import Membership, Presidency


def presidency_problem(membership: Membership, held: Presidency) -> str | None:
    """What is wrong with a month's presidency: not one month, not in the membership's year, or not a member's."""
    first, shown = held.month.earliest, held.month.iso()
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if held.month.is_range or first.day != 1 or held.month.latest != following - dt.timedelta(days=1):
        return f"month {shown} is not one month (write the month alone, e.g. {first:%Y-%m})"
    if first.year != membership.year:
        return f"month {shown} is not in {membership.year} (move it to the {first.year} membership)"
    others = [p for p in membership.presidency if p.month.earliest == first]
    if others[0] is not held:
        return f"month {shown} is listed twice (one member presides over a month: remove one)"
    if membership.listed and membership.seats is None and held.member not in membership.listed:
        return f"'{held.member}' is not listed as a member in {membership.year} (add it to the members, or fix the id)"
    return None


def since_problem(content: Content, membership: Membership) -> str | None:
    """What is wrong with the day a membership took effect: outside its year, or shared with another."""
    since = membership.since
    if since is not None and not since.earliest.year == since.latest.year == membership.year:
        return (
            f"since {since.iso()} is not in {membership.year} (a membership covers one year: fix the year or the date)"
        )
    day = since.latest if since is not None else None
    for other in content.memberships:
        if other is membership:
            break
        if (other.body, other.year) == (membership.body, membership.year) and (
            other.since.latest if other.since is not None else None
        ) == day:
            when = f"on {since.iso()}" if since is not None else f"from 1 January {membership.year}"
            return (
                f"'{other.id}' already gives who sat on '{membership.body}' {when} "
                "(give this one `since`, the day the membership changed, or merge the two)"
            )
    return None
