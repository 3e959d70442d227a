"""Sources, grouped by publisher type, weaker ones set apart."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.i18n import _
from generator.content.load import Content
from generator.content.models import PublisherType, Source
from generator.content.phrasing import Words
from generator.content.walk import references
from generator.facts.derive import (
    Facts,
)
from generator.facts.parts import WHOLE, Scope
from generator.facts.source_groups import SourceGroup, grouped, weak_label
from generator.facts.views.common import Mention, Mentions, PartsNav, in_words, parts_nav, records, sources

EXCERPT = 140  # characters of a quote shown on the timeline

PUBLISHER_TYPE_WORDS: Words[PublisherType, str] = Words(
    lambda: {
        PublisherType.OFFICIAL: _("official document"),
        PublisherType.WIRE: _("wire service"),
        PublisherType.NEWSPAPER: _("newspaper"),
        PublisherType.BROADCASTER: _("broadcaster"),
        PublisherType.NEWS_SITE: _("news website"),
        PublisherType.NGO: _("NGO"),
        PublisherType.THINK_TANK: _("think tank"),
        PublisherType.PARTISAN: _("partisan site"),
        PublisherType.AGGREGATOR: _("aggregator"),
        PublisherType.BLOG: _("blog"),
        PublisherType.REFERENCE: _("reference work"),
    }
)


def publisher_type(source: Source) -> str:
    """What kind of publisher a source comes from, in words: "wire service", "NGO"."""
    return PUBLISHER_TYPE_WORDS[source.publisher_kind]


@dataclass(frozen=True)
class SourceRow:
    source: Source
    kind: str
    publisher_type: str  # "newspaper", "official document": shown next to the publisher
    supports: tuple[Mention, ...]
    overview: bool  # the overview cites it itself (its media, summary or highlights)
    supports_count: str  # "3 records", "the overview and 2 records"
    weak: str  # what makes it a weaker source ("blog", "mirror"); empty when nothing does


@dataclass(frozen=True)
class SourcesPage:
    count: str  # "81 sources"
    sources: tuple[SourceRow, ...]  # by publisher, then id; when split, only this part's
    groups: tuple[SourceGroup, ...]  # the same rows by publisher type, the weaker ones last (source_groups.py)
    nav: PartsNav | None  # set when the sources are split by the first letters of their publisher

    @property
    def jumps(self) -> bool:
        """Whether the page opens with links to its groups: there is more than one."""
        return len(self.groups) > 1


def sources_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> SourcesPage:
    """The sources page, or (when split) one part of it."""
    # Case-insensitive, as readers look names up.
    # The story itself cites sources too (its media, links in its summary and highlights): a
    # source the overview rests on must not read "not cited". Worked out once for all the pages of
    # split sources (Scope.once), as their order is.
    on_overview = scope.once("on the overview", lambda: {target for _, target, _ in references(content.story)})
    shown = scope.listed(
        "by publisher", lambda: sorted(content.sources, key=lambda s: (s.publisher.lower(), s.id)), _id
    )
    # A record several sources support is one Mention on each of their lists, made once for all the pages.
    made = scope.once("mentions", lambda: Mentions(content))
    rows = tuple(_source_row(facts, s, s.id in on_overview, made) for s in shown)
    nav = parts_nav(scope, sources)
    return SourcesPage(sources(len(content.sources)), rows, grouped(rows), nav)


def _id(source: Source) -> str:
    return source.id


def _source_row(facts: Facts, source: Source, overview: bool, made: Mentions) -> SourceRow:
    cited = facts.supports[source.id]
    count = records(len(cited))
    if overview:
        count = _("the overview and {records}").format(records=count) if cited else _("the overview")
    kind, weak = in_words(source.kind), weak_label(source)
    return SourceRow(source, kind, publisher_type(source), made.of(cited), overview, count, weak)
