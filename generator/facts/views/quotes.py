"""Quotes, grouped by speaker."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.load import Content
from generator.content.models import Quote, QuoteKind
from generator.facts.derive import (
    Facts,
    side_at,
)
from generator.facts.parts import WHOLE, Scope
from generator.facts.prominence import protagonist
from generator.facts.sentences import Phrase
from generator.facts.speakers import speaker_role
from generator.facts.views.actors import in_calendar
from generator.facts.views.common import PartsNav, parts_nav, quotes

EXCERPT = 140  # characters of a quote shown on the timeline


@dataclass(frozen=True)
class QuoteSpeaker:
    quote: Quote
    side: str  # the speaker's side on the day, as readers see it
    role: Phrase  # the post the speaker held on the day (facts/speakers.py); empty when none is recorded
    paraphrase: bool  # reported speech: shown without quotation marks, and not as a quotation
    # The date in the calendar where the editor's text ("after Tlass defected") would hide it:
    # every quote shows when it was said.
    calendar: FuzzyDate | None


@dataclass(frozen=True)
class QuotesPage:
    language: str
    protagonist: str | None  # the actor the story is about, whose quotes come first (see prominence.py)
    quotes: tuple[QuoteSpeaker, ...]  # the protagonist's first, then by date, then id; when split, this part's
    count: str  # "1,000 quotes"
    nav: PartsNav | None  # set when the quotes are split by date


def quotes_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> QuotesPage:
    """The quotes page, or (when split) one year's or month's page of it."""
    # Worked out once for all the pages of split quotes (Scope.once), not again for each part.
    actors = scope.once("speakers", lambda: {a.id: a for a in content.actors})
    lead = scope.once("lead", lambda: protagonist(content, facts.prominence, {q.speaker for q in content.quotes}))
    shown = scope.listed(
        "lead first, then by date",
        lambda: sorted(content.quotes, key=lambda q: (q.speaker != lead, q.date.sort_key(), q.id)),
        _id,
    )
    return QuotesPage(
        content.story.language,
        lead,
        tuple(
            QuoteSpeaker(
                q,
                facts.side_labels[side_at(actors[q.speaker], q.date)],
                speaker_role(actors[q.speaker], q.date, content.actor_name),
                q.kind is QuoteKind.PARAPHRASE,
                in_calendar(q.date),
            )
            for q in shown
        ),
        quotes(len(content.quotes)),
        parts_nav(scope, quotes),
    )


def _id(quote: Quote) -> str:
    return quote.id
