"""The timeline in TimelineJS3's JSON format (data/timeline.json), for newsrooms that point TimelineJS at it.

Each dated entry is a slide: its date at the precision it is known (a year, a month or a
day; a range gets an end date and the editor's words as display_date), a headline and text,
a group per kind of entry, and the record's id as unique_id (TimelineJS's deep link).
TimelineJS shows headline and text as HTML (after DOMPurify), so every word from the content
is escaped here and the only tags are our own links to the sources. It reads display_date and
group differently (TimelineConfig._tidyFields, 3.9): it takes their text content as HTML, which
decodes entities, then sets that text as HTML again. Those two fields are escaped twice, so that
its one decoding leaves escaped text (`&lt;img&gt;` in content shows as typed, not as an image).
"""

from __future__ import annotations

from typing import Any

from generator.content.dates import Day, FuzzyDate, Precision
from generator.content.i18n import _, ngettext
from generator.content.kinds import EVENTS
from generator.content.models import (
    SOURCES_FIELD,
    ContestedSeat,
    Defection,
    Document,
    Event,
    Figure,
    Plan,
    Quote,
    Record,
)
from generator.facts.addresses import TIMELINE_JSON
from generator.facts.parts import Scope
from generator.facts.timeline_view import TimelineRow, timeline_rows
from generator.facts.views import in_words, sentence_case
from generator.site.exports.context import Export, json_bytes
from generator.site.html import escape

VOTE = "vote"  # the timeline entry of the day a document was voted on (see kinds.py)


def _day(day: Day) -> dict[str, int]:
    """A TimelineJS date object with only the parts that are known."""
    parts = {"year": day.first.year}
    if day.precision is not Precision.YEAR:
        parts["month"] = day.first.month
    if day.precision is Precision.DAY:
        parts["day"] = day.first.day
    return parts


def decoded_text(text: str) -> str:
    """`text` for a field TimelineJS decodes once and then sets as HTML (display_date, group)."""
    return escape(escape(text))


def dates(date: FuzzyDate, language: str) -> dict[str, Any]:
    """A slide's start_date, and for a range its end_date and the date as readers see it."""
    found: dict[str, Any] = {"start_date": _day(date.start)}
    is_range = date.is_range  # a property that compares the date's ends: asked once per slide
    if is_range:
        found["end_date"] = _day(date.end)
    if is_range or date.text:
        found["display_date"] = decoded_text(date.display(language))
    return found


class Slides:
    """Builds the slides from the timeline page's rows (the same entries the site shows)."""

    def __init__(self, export: Export) -> None:
        self.export, self.names = export, export.names
        self.language = export.content.story.language
        # Each source's link, escaped once: a source is cited by many slides, which join theirs by
        # lookups in C (a map over the dict's __getitem__) rather than a call per citation.
        self._links = {s.id: f'<a href="{escape(s.url)}">{escape(s.publisher)}</a>' for s in export.content.sources}
        # Each date's fields, by the date's identity (the facts' timeline keeps every entry alive): many
        # entries share a day, and a date's own hash would hash both its ends.
        self._dates: dict[int, dict[str, Any]] = {}
        # The words every slide repeats, looked up and escaped once rather than per slide.
        self._comma, self._sources = escape(_(", ")), escape(_("Sources:"))
        self._more = escape(_("More in the explainer"))
        self._groups: dict[str, str] = {}  # each kind's group, escaped twice (see decoded_text)

    # The cases of `headline` and `text` come in the order of how many entries take them (events,
    # quotes, figures, then the rest): a class pattern that fails costs an isinstance check through
    # pydantic's metaclass, an ABC's (150 ns; 22,000 of them at 1,000 actors in the first order).

    def headline(self, row: TimelineRow) -> str:
        """One line saying what happened, in plain words."""
        record, name = row.entry.record, self.names[row.entry.record.id]
        match record:
            case Event():
                return name
            case Quote():
                return f"{self.names[record.speaker]}{' ' if row.paraphrase else ': '}{row.excerpt}"
            case Figure():
                unit = self.export.facts.metric_units.get(record.metric, "")
                return f"{self.names[record.claimed_by]}: {row.number} {unit}".rstrip()
            case Defection():
                return _("{name} defects").format(name=name)
            case Document() if row.document is not None and row.entry.kind == VOTE:
                tally = row.document.tally
                unknown = ", " + _("{count} unknown").format(count=tally.unknown) if tally and tally.unknown else ""
                numbers = f" ({tally.yes}–{tally.no}–{tally.abstain}{unknown})" if tally else ""
                said = _("Vote on {document}: {outcome}").format(
                    document=record.title, outcome=row.document.status_label
                )
                return said + numbers
            case Document() if row.document is not None:
                return f"{record.title} ({row.document.kind}): {row.document.status_label}"
            case Plan():
                return _("{actor} puts forward {plan}").format(actor=self.names[record.by], plan=record.name)
            case ContestedSeat():
                return f"{name}: {row.contest}"
        return name

    def text(self, record: Record) -> str:
        """What else the site says about the entry, in plain words."""
        words_of = self.export.words
        match record:
            case Event():
                place = _("Place: {place}.").format(place=record.place) if record.place else ""
                parts = [self.export.claimed(record.description, record.attribution), place]
            case Quote():
                parts = [f"“{record.text}”", words_of(record.context)]
            case Figure():
                wording = " ".join(t for t in (record.scope, record.note) if t)
                parts = [self.export.claimed(wording, record.wording_attribution)]
            case Defection():
                left = _("; ").join(
                    _(", ").join(p for p in (item.role, self.names.get(item.organization or "")) if p)
                    for item in record.left
                )
                parts = [_("Left {posts}.").format(posts=left), words_of(record.went_to), words_of(record.note)]
            case Document():
                parts = [words_of(p) for p in record.provisions[:1]] + [
                    _("Status: {status}.").format(status=in_words(record.status))
                ]
            case Plan():
                points = ngettext("{count} point.", "{count} points.", len(record.points))
                parts = [points.format(count=len(record.points)), words_of(record.note)]
            case ContestedSeat():
                parts = [words_of(record.note)]
            case _:
                parts = []
        uncertain = getattr(record, "uncertain", None)
        if uncertain:
            parts.append(_("Uncertain: {text}").format(text=words_of(uncertain)))
        return " ".join(filter(None, parts))

    def html_text(self, row: TimelineRow) -> str:
        """The slide's text as HTML: the words escaped, then links to the sources and to the site."""
        record = row.entry.record
        text = self.text(record)
        body = f"<p>{escape(text)}</p>" if text else ""
        links = self._comma.join(map(self._links.__getitem__, getattr(record, SOURCES_FIELD, ())))
        credit = f"<p>{self._sources} {links}</p>" if links else ""
        # The record's page is looked up only when the site's address is known: without it, no link.
        page = self.export.published_page(record.id) if self.export.site_url is not None else None
        more = f'<p><a href="{escape(page)}">{self._more}</a></p>' if page else ""
        return body + credit + more

    def slide(self, row: TimelineRow) -> dict[str, Any]:
        record = row.entry.record
        date = row.entry.date
        fields = self._dates.get(id(date))
        if fields is None:
            fields = self._dates[id(date)] = dates(date, self.language)
        return {
            **fields,
            "text": {"headline": escape(self.headline(row)), "text": self.html_text(row)},
            "group": self._group(row.kind),
            "unique_id": record.id,
        }

    def _group(self, kind: str) -> str:
        group = self._groups.get(kind)
        if group is None:
            group = self._groups[kind] = decoded_text(sentence_case(kind))
        return group

    def timeline(self) -> dict[str, Any]:
        story = self.export.content.story
        # The rows the timeline's pages made, when it is split: the same entries (timeline_view.py).
        scope = Scope(self.export.addresses.split.divisions.get(EVENTS.home))
        rows = timeline_rows(self.export.content, self.export.facts, scope)
        summary, byline = (
            self.export.words(story.current_summary),
            _("By {names}.").format(names=_(", ").join(story.byline)),
        )
        title = {
            "text": {
                "headline": escape(story.current_headline),
                "text": f"<p>{escape(summary)}</p><p>{escape(byline)}</p>",
            }
        }
        # TimelineJS's names, as keywords: its `events` are slides, not our kind of record of that name.
        return dict(title=title, events=[self.slide(row) for row in rows])


def files(export: Export) -> dict[str, bytes]:
    return {TIMELINE_JSON: json_bytes(Slides(export).timeline())}
