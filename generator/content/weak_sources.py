"""The project's list of addresses that copy or wrap other pages, and the warnings `check` gives for them.

A mirror, a proxy or a content farm repeats someone else's page: a reader who follows the
link cannot tell whether it is faithful, and it may vanish or change. `check` warns about a
source whose address matches (it does not fail: an editor may have no better source yet) and
says what to do. A source whose `uncertain` note is written is not warned about again: the
editor has looked, and the reader is told.

Extend WEAK_SITES when a new kind of copy turns up; README.md's "Sources" section describes it.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from generator.content.explain import field_path
from generator.content.load import Content
from generator.content.problems import Problem


@dataclass(frozen=True)
class WeakSite:
    """A family of sites that copy other pages: what they are, and what to cite instead."""

    what: str  # "a mirror of Wikipedia"
    instead: str  # "cite the Wikipedia article itself"
    hosts: tuple[str, ...]  # the domains; a subdomain of one matches too
    label: str  # what the sources page calls such a source, in a word or two: "mirror"


WEAK_SITES = (
    WeakSite(
        "a mirror of Wikipedia",
        "cite en.wikipedia.org itself, or better, the sources the article cites",
        ("wikivividly.com", "wikiwand.com", "wikizero.com", "wiki2.org", "wikimili.com", "wikiital.com"),
        "mirror",
    ),
    WeakSite(
        "a proxy or translation wrapper around another page",
        "cite the page it wraps",
        ("movatter.jp", "translate.goog", "webcache.googleusercontent.com", "proxysite.com", "hidemyass.com"),
        "copy through a proxy",
    ),
    WeakSite(
        "a free blog platform, where anyone can repost anything",
        "cite the outlet or the document the post reports",
        ("blogspot.com", "wordpress.com", "tumblr.com", "livejournal.com"),
        "blog",
    ),
    WeakSite(
        "a content farm",
        "cite the original report",
        ("hubpages.com", "ezinearticles.com", "ehow.com", "answers.com"),
        "content farm",
    ),
)

# Any address carrying a whole other address in its query ("?url=https%3A%2F%2F...") is a wrapper.
_WRAPPED = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)


# An address that wraps another in its query: weak as a proxy is.
_WRAPPER = WEAK_SITES[1]


def weak_site(url: str) -> WeakSite | None:
    """The family of copying sites an address belongs to, or None."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    for site in WEAK_SITES:
        if any(host == domain or host.endswith("." + domain) for domain in site.hosts):
            return site
    for _, value in urllib.parse.parse_qsl(parts.query):
        if _WRAPPED.match(value):
            return _WRAPPER
    return None


def weakness(url: str) -> tuple[str, str] | None:
    """What is weak about an address and what to cite instead, or None if nothing is."""
    site = weak_site(url)
    return (site.what, site.instead) if site else None


def warnings(content: Content) -> list[Problem]:
    """A located warning for each source that copies or wraps another page, unless marked uncertain."""
    found = []
    for source in content.sources:
        weak = weakness(str(source.url))
        if weak is None or source.uncertain:
            continue
        what, instead = weak
        origin = content.origins[source.id]
        line, column = content.locate(origin, ("url",))
        message = f"warning: {what} ({instead}; or say in `uncertain` why this copy is cited)"
        found.append(Problem(origin.file, line, column, field_path([source.id, "url"]), message))
    return sorted(found)
