"""The story so far: the records the editor marked as turning points, each told in one sentence.

A record shows its own `summary` when the editor wrote one; otherwise a sentence is made from
what its kind records (a defection, a vote, a plan...), naming actors by their short names.
The list runs from the beginning to the page's own moment, in date order, and stays short
enough to read on the overview: past SO_FAR_SIZE it keeps the first milestone (where the story
began) and the most recent ones, and says how many in between the timeline has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _, ngettext
from generator.content.kinds import BY_MODEL, DEFECTIONS, DOCUMENTS, EVENTS, FIGURES, PLANS, QUOTES, SEATS
from generator.content.load import Content
from generator.content.models import (
    SOURCES_FIELD,
    ContestedSeat,
    Defection,
    Document,
    Event,
    Figure,
    Plan,
    Quote,
    QuoteKind,
    Record,
)
from generator.content.phrasing import CREDENTIALS, figure_number, number, quote_opening
from generator.facts import seats as contested
from generator.facts import sentences
from generator.facts.sentences import Bit, Phrase, fill, link, words

SO_FAR_SIZE = 10  # about what a reader takes in at a glance, and what a story's arc needs


@dataclass(frozen=True)
class Milestone:
    """One line of the story so far: its date, the record it links to, and the sentence that tells it."""

    date: FuzzyDate
    record: str  # the record's id: the line links to it
    summary: str | None  # the editor's own sentence (prose), when written
    sentence: Phrase  # else a sentence made from the record; empty when `summary` is given
    sources: tuple[str, ...]  # the record's sources: the line ends with a note for each


@dataclass(frozen=True)
class SoFar:
    first: tuple[Milestone, ...]  # the story's first milestone, when later ones were left out; else empty
    gap: str  # how many milestones between it and the rest are left out, in words; else empty
    recent: tuple[Milestone, ...]  # the rest, in date order


def story_so_far(content: Content, dated: Iterable[tuple[FuzzyDate, Record]], size: int = SO_FAR_SIZE) -> SoFar:
    """The milestones among the timeline's dated records (in date order) up to the story's now."""
    cutoff = content.story.now.moment.date()
    # A line cites only sources published by the page's moment (or undated): nothing from its
    # future, such as a data set compiled years later.
    published = frozenset(s.id for s in content.sources if s.date is None or s.date.earliest <= cutoff)
    marked = [
        (date, record)
        for date, record in dated
        if BY_MODEL[type(record)].is_milestone(record) and date.earliest <= cutoff
    ]

    def told(chosen: list[tuple[FuzzyDate, Record]]) -> tuple[Milestone, ...]:
        # Only the lines shown are told: a long story marks hundreds of milestones, and every
        # edition's facts list them again (at 1,000 actors: 200 marked, 11 shown).
        return tuple(_milestone(content, date, record, published) for date, record in chosen)

    if len(marked) <= size:
        return SoFar((), "", told(marked))
    left_out = len(marked) - size
    gap = ngettext(
        "{count} more turning point in between are on the timeline.",
        "{count} more turning points in between are on the timeline.",
        left_out,
    ).format(count=number(left_out))
    return SoFar(told(marked[:1]), gap, told(marked[-(size - 1) :]))


def _milestone(content: Content, date: FuzzyDate, record: Record, published: frozenset[str]) -> Milestone:
    summary = getattr(record, "summary", None)
    sources = tuple(s for s in getattr(record, SOURCES_FIELD, ()) if s in published)
    # An editor's summary of a record that is someone's account would drop whose it is: the
    # sentence made from the record says it.
    if summary and getattr(record, "attribution", None) is None:
        return Milestone(date, record.id, summary, (), sources)
    maker = SENTENCES.get(BY_MODEL[type(record)].name, _named)
    return Milestone(date, record.id, None, maker(content, record), sources)


def _short(content: Content, record_id: str | None) -> Bit:
    """A link to a record by its short name: the sentences are running text."""
    if record_id is None or record_id not in content.by_id:
        return words(record_id or "")
    return link(record_id, content.short_name_of(content.by_id[record_id]))


def _sentence(text: str) -> Bit:
    """Text ending a sentence: a full stop unless it ends in one already."""
    ended = text.rstrip().endswith((".", "!", "?", "”", '"', "»", "؟"))
    return words(text if ended else _("{sentence}.").format(sentence=text))


def _defection(content: Content, record: Record) -> Phrase:
    assert isinstance(record, Defection)
    who = _short(content, record.actor) if record.actor else words(record.name or "")
    return sentences.defection_sentence(record, who)


def _event(content: Content, record: Record) -> Phrase:
    assert isinstance(record, Event)
    if record.attribution is None:
        return (_sentence(record.title),)
    # Someone's account of what happened reads as theirs, in this line as everywhere it is told.
    return fill(_("{title}{claim}."), title=record.title.rstrip("."), claim=sentences.claim_note(record.attribution))


def _document(content: Content, record: Record) -> Phrase:
    assert isinstance(record, Document)
    document, body = _short(content, record.id), _short(content, record.body)
    if record.vote is not None:
        outcome = sentences.status_label(record.status, record.mode)
        return fill(_("{body} votes on {document}: {outcome}."), body=body, document=document, outcome=outcome)
    if record.sponsors:
        sponsors = sentences.joined([(_short(content, s),) for s in record.sponsors], sentences.comma())
        message = ngettext(
            "{sponsors} tables {document} in {body}.", "{sponsors} table {document} in {body}.", len(record.sponsors)
        )
        return fill(message, sponsors=sponsors, document=document, body=body)
    return fill(_("{document} is tabled in {body}."), document=document, body=body)


def _plan(content: Content, record: Record) -> Phrase:
    assert isinstance(record, Plan)
    return fill(_("{actor} puts forward {plan}."), actor=_short(content, record.by), plan=_short(content, record.id))


def _figure(content: Content, record: Record) -> Phrase:
    assert isinstance(record, Figure)
    unit = next((m.unit for m in content.story.metrics if m.id == record.metric), record.metric)
    said = _("{claimant} counts {number} {unit}.")
    return fill(said, claimant=_short(content, record.claimed_by), number=figure_number(record), unit=unit)


def _quote(content: Content, record: Record) -> Phrase:
    assert isinstance(record, Quote)
    speaker = _short(content, record.speaker)
    if record.kind is QuoteKind.QUOTE:
        return fill(_("{speaker}: {words}"), speaker=speaker, words=quote_opening(record))
    return fill(_("{speaker} {words}."), speaker=speaker, words=quote_opening(record))


def _seat(content: Content, record: Record) -> Phrase:
    assert isinstance(record, ContestedSeat)
    state = _short(content, record.state)
    # Where the case stands after the decisions known at the page's moment, and who held the seat then.
    return fill(
        _("{body} rules on the seat of {state}: {decision}{holder}."),
        body=_short(content, record.body),
        state=state,
        decision=CREDENTIALS[contested.latest(record)],
        holder=contested.held_by(record),
    )


def _named(content: Content, record: Record) -> Phrase:
    """A kind with no sentence of its own: its name, as a sentence."""
    return (_sentence(content.short_name_of(record)),)


# A sentence maker per dated kind, by the registry's name; a new dated kind reads as its name
# until it has one (tests/test_so_far.py checks every dated kind of the registry has one).
SENTENCES: dict[str, Callable[[Content, Record], Phrase]] = {
    DEFECTIONS.name: _defection,
    EVENTS.name: _event,
    DOCUMENTS.name: _document,
    PLANS.name: _plan,
    FIGURES.name: _figure,
    QUOTES.name: _quote,
    SEATS.name: _seat,
}
