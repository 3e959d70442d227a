"""The overview's box of key facts, and its split of highlights into what is new and what is older.

Each fact is worked out from the content the page is made from: the whole story for the
overview, the story as it stood at an update for an edition (editions.as_of), so a fact is
always the one of the page's own moment. Nothing here is typed by the editor but the labels
of the story's metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.i18n import _, pgettext
from generator.content.load import Content
from generator.content.models import Defection, Document
from generator.content.phrasing import number
from generator.content.prose import strip_markup
from generator.facts import sentences
from generator.facts.derive import Facts, HighlightView, people_count
from generator.facts.metrics import FigureView, MetricGroup
from generator.facts.sentences import Bit, Phrase, defections_summary, fill, link, words

MAIN_CLAIMS = 3  # claimants of the main metric shown: a box, not a table (the figures section has it)


@dataclass(frozen=True)
class KeyFact:
    """One line of the box: what it is about, and one or more short phrases saying it."""

    label: str
    lines: tuple[Phrase, ...]


@dataclass(frozen=True)
class WhatIsNew:
    """The highlights: the newest batch open (its items marked NEW when there is older news), the rest folded."""

    latest: tuple[HighlightView, ...]
    earlier: tuple[HighlightView, ...]

    @property
    def earlier_count(self) -> int:
        return len(self.earlier)


def what_is_new(highlights: tuple[HighlightView, ...]) -> WhatIsNew:
    """Newest first: the latest batch of highlights, then the earlier ones."""
    if not highlights:
        return WhatIsNew((), ())
    ordered = sorted(highlights, key=lambda h: h.highlight.added, reverse=True)
    newest = ordered[0].highlight.added
    return WhatIsNew(
        tuple(h for h in ordered if h.highlight.added == newest),
        tuple(h for h in ordered if h.highlight.added != newest),
    )


def key_facts(content: Content, facts: Facts) -> tuple[KeyFact, ...]:
    """How many by each claimant, defections so far, the latest vote, and how long it has lasted."""
    found = (_main_metric(content, facts), _defections(content), _latest_vote(content, facts), _duration(facts))
    return tuple(fact for fact in found if fact is not None)


def _short(content: Content, record_id: str) -> Bit:
    return link(record_id, content.short_name_of(content.by_id[record_id]))


def _main_metric(content: Content, facts: Facts) -> KeyFact | None:
    """The newest claim of each claimant of the story's main metric, newest first: the first key
    metric with claims (story.yml's `key_metrics`), else the first metric with claims."""
    group: MetricGroup | None = next((g for g in (*facts.key_metrics, *facts.metrics) if g.claims), None)
    if group is None:
        return None
    # Each claimant's latest claim, however far back: the box says whose number is newest, and when.
    latest = (*group.latest_by_claimant, *group.older_by_claimant)
    newest = sorted(latest, key=lambda v: (v.figure.dated.sort_key(), v.figure.claimed_by), reverse=True)
    return KeyFact(group.label, tuple(_claim(content, view, group.unit) for view in newest[:MAIN_CLAIMS]))


def _claim(content: Content, view: FigureView, unit: str) -> Phrase:
    """'Rights Monitor: more than 1,200 deaths (4 May 2021)', the number linked to its claim."""
    figure = view.figure
    number = link(figure.id, _("{number} {unit}").format(number=view.number, unit=unit))
    who = _short(content, figure.claimed_by)
    # A claim's scope words ("martyrs only", "civilians") travel with its number wherever it is shown.
    if figure.scope:
        scope = strip_markup(figure.scope, lambda rid: rid)
        return fill(
            _("{claimant}: {number} ({scope} {date})"), claimant=who, number=number, scope=scope, date=view.date
        )
    return fill(_("{claimant}: {number} ({date})"), claimant=who, number=number, date=view.date)


def _defections(content: Content) -> KeyFact | None:
    if not content.defections:
        return None
    people, count = people_count(content.defections), len(content.defections)
    total = defections_summary(people, count, sum(d.people for d in content.defections))
    total = total[:1].upper() + total[1:]
    latest = max(content.defections, key=lambda d: (d.date.sort_key(), d.id))
    latest_line = fill(_("Latest: {defection}"), defection=_defector(content, latest))
    return KeyFact(_("Defections so far"), ((words(total),), latest_line))


def _defector(content: Content, defection: Defection) -> Phrase:
    who = _short(content, defection.actor) if defection.actor else link(defection.id, defection.name or "")
    return fill(_("{who}, {date}"), who=who, date=Bit(date=defection.date))


def _latest_vote(content: Content, facts: Facts) -> KeyFact | None:
    """The last vote held by the page's moment, with its outcome and count."""
    now = content.story.now.moment.date()
    held = [(d, d.vote) for d in content.documents if d.vote is not None and d.vote.date.earliest <= now]
    if not held:
        return None
    document, vote = max(held, key=lambda pair: (pair[1].date.sort_key(), pair[0].id))
    outcome = f"{sentences.status_label(document.status, document.mode)}{_tally(facts, document)}"
    line = fill(
        _("{document}, {date}: {outcome}"),
        document=_short(content, document.id),
        date=Bit(date=vote.date),
        outcome=outcome,
    )
    return KeyFact(_("Latest vote"), (line,))


def _tally(facts: Facts, document: Document) -> str:
    """' (11 for, 2 against, 2 abstaining)' as the vote was counted; empty when it could not be."""
    count = facts.votes[document.id].count
    if count is None:
        return ""
    return _(" ({yes} for, {no} against, {abstain} abstaining)").format(
        yes=number(count.yes), no=number(count.no), abstain=number(count.abstain)
    )


def _duration(facts: Facts) -> KeyFact | None:
    if facts.duration is None:
        return None
    return KeyFact(pgettext("duration", "How long"), ((words(facts.duration[:1].upper() + facts.duration[1:]),),))
