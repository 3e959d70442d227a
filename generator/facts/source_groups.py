"""The sources page in groups a reader can weigh: by publisher type, the weaker sources apart.

A blog, a partisan outlet and a copy of someone else's page (a mirror, a wrapper, a content
farm: content/weak_sources.py) must not look like an official record. They are gathered last,
under a heading of their own, each labelled with what makes it weak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from generator.content.i18n import _
from generator.content.models import PublisherType, Source
from generator.content.phrasing import Words
from generator.content.weak_sources import weak_site

# The groups in reading order: bodies in their own words, then the news, then everyone else.
GROUPS: Words[PublisherType, str] = Words(
    lambda: {
        PublisherType.OFFICIAL: _("Official records"),
        PublisherType.WIRE: _("Wire services"),
        PublisherType.NEWSPAPER: _("Newspapers"),
        PublisherType.BROADCASTER: _("Broadcasters"),
        PublisherType.NEWS_SITE: _("News websites"),
        PublisherType.NGO: _("NGOs and research groups"),
        PublisherType.THINK_TANK: _("Think tanks"),
        PublisherType.REFERENCE: _("Reference works"),
    }
)
WEAK_TYPES: Words[PublisherType, str] = Words(
    lambda: {
        PublisherType.BLOG: _("blog"),
        PublisherType.PARTISAN: _("partisan outlet"),
        PublisherType.AGGREGATOR: _("aggregator"),
    }
)
WEAK_ANCHOR = "weaker-sources"


def group_anchor(kind: PublisherType) -> str:
    return f"publisher-{kind.value}"


# Every anchor the groups' headings take on the sources page (the section registry, facts/sections.py, reserves them).
ANCHORS = frozenset({WEAK_ANCHOR, *(group_anchor(kind) for kind in PublisherType)})


# What the sources page calls a copy of someone else's page, by content/weak_sources.py's label
# (which `check` prints, in English).
COPY_LABELS: Words[str, str] = Words(
    lambda: {
        "mirror": _("mirror"),
        "copy through a proxy": _("copy through a proxy"),
        "blog": _("blog"),
        "content farm": _("content farm"),
        "aggregator": _("aggregator"),
        "AMP copy": _("AMP copy"),
        "shortened link": _("shortened link"),
        "partisan outlet": _("partisan outlet"),
    }
)


def weak_label(source: Source) -> str:
    """What makes a source weak, in a few words ("mirror", "blog"); empty if nothing."""
    copied = weak_site(str(source.url))
    if copied is not None:
        return COPY_LABELS.get(copied.label, copied.label)
    return WEAK_TYPES.get(source.publisher_kind, "")


class _Row(Protocol):
    @property
    def source(self) -> Source: ...
    @property
    def weak(self) -> str: ...


@dataclass(frozen=True)
class SourceGroup:
    anchor: str
    title: str  # "Wire services"
    weak: bool  # the weaker sources, set apart
    count: int
    rows: tuple[_Row, ...]


def grouped(rows: Iterable[_Row]) -> tuple[SourceGroup, ...]:
    """The rows (already in the order a group lists them) in their groups; empty groups left out."""
    rows = list(rows)
    groups = []
    for kind, title in GROUPS.items():
        members = tuple(r for r in rows if not r.weak and r.source.publisher_kind is kind)
        if members:
            groups.append(SourceGroup(group_anchor(kind), title, False, len(members), members))
    weak = tuple(r for r in rows if r.weak)
    if weak:
        groups.append(SourceGroup(WEAK_ANCHOR, _("Weaker sources"), True, len(weak), weak))
    return tuple(groups)
