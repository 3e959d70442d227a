"""The overview: what you need to know, the key facts, what is new and the story so far, at the page's moment."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.content.dates import Timestamp
from generator.content.i18n import _, ngettext
from generator.content.kinds import (
    ACTORS,
    DEFECTIONS,
    DOCUMENTS,
    EVENTS,
    FIGURES,
    GLOSSARY,
    MEMBERSHIPS,
    MISSIONS,
    PLANS,
    QUOTES,
    SEATS,
    SOURCES,
)
from generator.content.load import Content
from generator.content.models import Correction, Dateline, Related, Source, Story, Update
from generator.content.pages import edition_path
from generator.content.phrasing import MEDIA_KINDS, Words, number
from generator.facts.derive import Facts, HighlightView
from generator.facts.key_facts import KeyFact, WhatIsNew, key_facts, what_is_new
from generator.facts.metrics import FigureView, MetricGroup
from generator.facts.parts import WHOLE, Scope
from generator.facts.sentences import defections_summary
from generator.facts.so_far import SoFar
from generator.facts.views.common import (
    DATA_FILES,
    FIGURES_DATA,
    Counts,
    Download,
    actors,
    claims,
    dated_entries,
    documents,
    last_updated,
    quotes,
    sources,
    terms,
)

EXCERPT = 140  # characters of a quote shown on the timeline


@dataclass(frozen=True)
class MediaItem:
    kind: str  # "Video"
    title: str
    duration: str | None
    caption: str | None
    source: str
    url: str  # where to watch, see or hear it: its source's address (every source has one)


@dataclass(frozen=True)
class EditionLink:
    """An update, and the page of the story as it stood then."""

    update: Update
    page: str  # updates/2012-07-11T2100.md
    shown: bool  # the edition being read: not a link


@dataclass(frozen=True)
class CorrectionView:
    """A correction, and the words of its link to the record it corrects: 'the corrected figure'
    (the record's name would repeat what the correction's own text says)."""

    correction: Correction
    link: str  # empty when the correction names no record


@dataclass(frozen=True)
class OverviewPage:
    story: Story
    headline: str  # as the story reads at its now (or the edition's): an update may rewrite it
    summary: str
    dateline: Dateline  # as of the page's now: the latest update's own, else its day (Story.current_dateline)
    latest: Update | None  # the newest update at the page's now: what it changed leads the page
    last_updated: Timestamp | None
    need_to_know: tuple[str, ...]  # the editor's sentences (prose), as of the page's moment
    key_facts: tuple[KeyFact, ...]  # worked out from the data at the page's moment (key_facts.py)
    highlights: WhatIsNew  # on an edition, of the newest few
    earlier_highlights: str  # on an edition, the highlights left out: "12 earlier highlights are"; else empty
    key_metrics: tuple[MetricGroup, ...]  # each with at most KEY_CLAIMS claims per table
    key_more: str  # when claims were left out: how many the figures page has; else empty
    updates: tuple[EditionLink, ...]  # newest first, each with its edition (on an edition, the newest few)
    earlier_updates: str  # on an edition, the updates left out: "12 earlier updates are"; else empty
    corrections: tuple[CorrectionView, ...]  # newest first
    so_far: SoFar
    media: tuple[MediaItem, ...]
    counts: Counts
    # Related coverage a reader can open; a title with no address is left out: it cannot be opened.
    related_linked: tuple[Related, ...]
    figures_data: Download = FIGURES_DATA
    data: tuple[Download, ...] = DATA_FILES
    title: str = ""  # the page's title: the headline, and on an edition the moment too
    # On an edition: the update it shows the story at; None on the overview itself.
    edition: Update | None = None
    overview: str = "index.md"  # the overview, which an edition links to


# The overview's key figures show the newest claims, each claimant's latest: a story with
# hundreds of claimants keeps them on the figures page, so that the overview stays short.
KEY_CLAIMS = 8


def _newest(claims: tuple[FigureView, ...]) -> tuple[FigureView, ...]:
    """The KEY_CLAIMS newest claims, in the order they were given."""
    if len(claims) <= KEY_CLAIMS:
        return claims
    newest = sorted(claims, key=lambda v: v.made.sort_key())
    kept = {id(v) for v in newest[-KEY_CLAIMS:]}
    return tuple(v for v in claims if id(v) in kept)


def _key_claims(group: MetricGroup) -> MetricGroup:
    return dataclasses.replace(
        group, latest_by_claimant=_newest(group.latest_by_claimant), older_by_claimant=_newest(group.older_by_claimant)
    )


def _key_more(groups: tuple[MetricGroup, ...]) -> str:
    shown = sum(len(_newest(g.latest_by_claimant)) + len(_newest(g.older_by_claimant)) for g in groups)
    total = sum(len(g.latest_by_claimant) + len(g.older_by_claimant) for g in groups)
    if total == shown:
        return ""
    said = ngettext(
        "Here are the newest {shown} of {total} claimant's latest figures; the figures page has them all.",
        "Here are the newest {shown} of {total} claimants' latest figures; the figures page has them all.",
        total,
    )
    return said.format(shown=number(shown), total=number(total))


def _url(content: Content, source_id: str) -> str:
    source = content.by_id[source_id]
    assert isinstance(source, Source)
    return str(source.url)


# An edition lists the newest few updates and highlights of its time and leaves the rest to the
# overview: listing them all made each edition grow with the story, and the editions together
# with its square (800 updates: 87 MB of editions). So each edition stays within a bound.
EDITION_UPDATES = 10
EDITION_HIGHLIGHTS = 10


def _highlights_shown(highlights: tuple[HighlightView, ...], edition: Update | None) -> tuple[HighlightView, ...]:
    """All of them on the overview; on an edition the EDITION_HIGHLIGHTS newest, in the order given."""
    if edition is None or len(highlights) <= EDITION_HIGHLIGHTS:
        return highlights
    newest = sorted(range(len(highlights)), key=lambda i: highlights[i].highlight.added)[-EDITION_HIGHLIGHTS:]
    return tuple(highlights[i] for i in sorted(newest))


def _left_out(left: int, message: str) -> str:
    """What an edition leaves to the overview: '12 earlier updates are' (the template ends the sentence)."""
    return message.format(count=number(left)) if left else ""


def _earlier_highlights(total: int, shown: int) -> str:
    left = total - shown
    return _left_out(left, ngettext("{count} earlier highlight is", "{count} earlier highlights are", left))


def _earlier_updates(total: int, shown: int) -> str:
    left = total - shown
    return _left_out(left, ngettext("{count} earlier update is", "{count} earlier updates are", left))


def _corrected(content: Content, record_id: str | None) -> str:
    """The words of a correction's link to its record: 'the corrected figure'. An edition may not hold
    the record (a correction can name one that joined the story later): it is then 'the corrected record'."""
    if record_id is None:
        return ""
    kind = content.kinds.get(record_id)
    return CORRECTED.get(kind.name, _("the corrected record")) if kind else _("the corrected record")


# A link to a corrected record, one message per kind: the words agree with the kind's in some languages.
CORRECTED: Words[str, str] = Words(
    lambda: {
        SOURCES.name: _("the corrected source"),
        ACTORS.name: _("the corrected actor"),
        DEFECTIONS.name: _("the corrected defection"),
        EVENTS.name: _("the corrected event"),
        FIGURES.name: _("the corrected figure"),
        QUOTES.name: _("the corrected quote"),
        DOCUMENTS.name: _("the corrected document"),
        MEMBERSHIPS.name: _("the corrected membership"),
        MISSIONS.name: _("the corrected mission"),
        PLANS.name: _("the corrected plan"),
        SEATS.name: _("the corrected contested seat"),
        GLOSSARY.name: _("the corrected glossary term"),
    }
)


def _updates_shown(story: Story, edition: Update | None) -> tuple[EditionLink, ...]:
    newest = sorted(story.updates, key=lambda u: u.at, reverse=True)
    shown = newest if edition is None else newest[:EDITION_UPDATES]
    return tuple(EditionLink(u, edition_path(u.at), edition is not None and u.at == edition.at) for u in shown)


def overview_page(content: Content, facts: Facts, scope: Scope = WHOLE, edition: Update | None = None) -> OverviewPage:
    """The overview; or, given the content as of an update (editions.as_of) and that update,
    the edition of the story at that update, printed by the same template."""
    story = content.story
    return OverviewPage(
        story=story,
        headline=story.current_headline,
        summary=story.current_summary,
        dateline=story.current_dateline,
        latest=max(story.updates, key=lambda u: u.at, default=None),
        last_updated=last_updated(story),
        need_to_know=story.current_need_to_know,
        key_facts=key_facts(content, facts),
        highlights=what_is_new(_highlights_shown(facts.highlights, edition)),
        earlier_highlights=_earlier_highlights(
            len(facts.highlights), len(_highlights_shown(facts.highlights, edition))
        ),
        key_metrics=tuple(_key_claims(g) for g in facts.key_metrics),
        key_more=_key_more(facts.key_metrics),
        updates=_updates_shown(story, edition),
        earlier_updates=_earlier_updates(len(story.updates), len(_updates_shown(story, edition))),
        title=story.current_headline
        if edition is None
        else _("{headline} (as of {moment})").format(
            headline=story.current_headline, moment=edition.at.display(story.language)
        ),
        edition=edition,
        corrections=tuple(
            CorrectionView(c, _corrected(content, c.record))
            for c in sorted(story.corrections, key=lambda c: c.at, reverse=True)
        ),
        so_far=facts.so_far,
        media=tuple(
            MediaItem(MEDIA_KINDS[m.kind], m.title, m.duration, m.caption, m.source, _url(content, m.source))
            for m in story.media
        ),
        related_linked=tuple(r for r in story.related if r.url),
        counts=Counts(
            actors=actors(len(content.actors)),
            defections=defections_summary(
                facts.defection_people, len(content.defections), sum(d.people for d in content.defections)
            ),
            documents=documents(len(content.documents)),
            timeline=dated_entries(len(facts.timeline)),
            figures=claims(len(content.figures)),
            quotes=quotes(len(content.quotes)),
            sources=sources(len(content.sources)),
            glossary=terms(len(content.glossary)),
        ),
    )
