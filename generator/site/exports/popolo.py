"""The story's people, organizations, memberships, events and votes in Popolo's JSON (data/popolo.json).

Field names are Popolo's (https://www.popoloproject.com/specs/): persons, organizations,
memberships, events and vote_events, each vote event with its motion, counts and votes. The
events are the records of every kind whose registry entry declares them Popolo events.
Two additions follow common practice: a membership's `end_reason` says how it ended (as
EveryPolitician's data does), and organizations that sit on a body are members through
Popolo's `member` object, since `person_id` names only people.
"""

from __future__ import annotations

import operator
from typing import Any

from generator.content.dates import FuzzyDate
from generator.content.kinds import Kind, field_of, summary_attribution, summary_of
from generator.content.models import SOURCES_FIELD, Actor, ActorKind, Document, Record, Source
from generator.content.voting import Choice, Count, Outcome
from generator.facts.addresses import POPOLO_JSON
from generator.site.exports.context import Export, json_bytes

# Popolo's results are pass and fail: from the outcome by rule, else the status the editor wrote
# (other statuses, such as withdrawn, have no result).
RESULTS = {Outcome.ADOPTED.value: "pass", Outcome.VETOED.value: "fail", Outcome.FAILED.value: "fail"}
OPTIONS = (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT)  # Popolo's options use the same words


def _date(date: FuzzyDate | None, end: bool = False) -> str | None:
    """A Popolo date (YYYY, YYYY-MM or YYYY-MM-DD): a range's earliest day, or its latest for an end."""
    if date is None:
        return None
    return (date.end if end else date.start).iso()


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is not known (None, an empty list or text), as Popolo's examples do, rather
    than writing null."""
    # Kept at once when true, as most values are: `not in` would compare each with all three.
    return {key: value for key, value in data.items() if value or value not in (None, [], "")}


class Popolo:
    """Builds the Popolo document from the content and the facts."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.content = export.content
        # Each source's link, made once: most records cite a source many others cite too.
        self.links = {s.id: self._link(s) for s in self.content.sources}
        self.people = {a.id for a in self.content.actors if a.kind is ActorKind.PERSON}

    def cited(self, source_ids: tuple[str, ...]) -> list[dict[str, str]]:
        """Popolo's `sources` (its name for the list, as ours): a link per source, publisher and title as note."""
        return list(map(self.links.__getitem__, source_ids))

    def _link(self, source: Source) -> dict[str, str]:
        return {"url": source.url, "note": f"{source.publisher}: {source.title}"}

    def member(self, actor_id: str) -> dict[str, Any]:
        """Who is a member: a person by `person_id`, an organization by Popolo's `member` object."""
        if actor_id in self.people:
            return {"person_id": actor_id}
        return {"member": {"@type": "Organization", "id": actor_id}}

    def person(self, actor: Actor) -> dict[str, Any]:
        return _compact(
            {
                "id": actor.id,
                "name": actor.name,
                "other_names": [{"name": n} for n in actor.other_names],
                "summary": self.export.claimed(actor.short, actor.description_attribution),
                "biography": self.export.claimed(actor.description, actor.description_attribution),
                "national_identity": actor.nationality,
                SOURCES_FIELD: self.cited(actor.sources),
            }
        )

    def organization(self, actor: Actor) -> dict[str, Any]:
        return _compact(
            {
                "id": actor.id,
                "name": actor.name,
                "other_names": [{"name": n} for n in actor.other_names],
                "classification": actor.kind.value,
                "description": self.export.claimed(actor.description, actor.description_attribution),
                SOURCES_FIELD: self.cited(actor.sources),
            }
        )

    def memberships(self, actors: list[Actor]) -> list[dict[str, Any]]:
        """Actors' roles over time (`actors`, by id), with how each ended, then the seats on each body by year."""
        found = []
        for actor in actors:
            for n, role in enumerate(actor.roles, start=1):
                found.append(
                    _compact(
                        {
                            "id": f"{actor.id}-role-{n}",
                            **self.member(actor.id),
                            "organization_id": role.organization,
                            "role": role.title,
                            "start_date": _date(role.start),
                            "end_date": _date(role.end, end=True),
                            "end_reason": role.ended.value if role.ended else None,
                            # A role held on someone's word stays their claim in the data too.
                            "attribution": role.attribution.model_dump(mode="json", exclude_none=True)
                            if role.attribution
                            else None,
                            SOURCES_FIELD: self.cited(role.sources),
                        }
                    )
                )
        for membership in sorted(self.content.memberships, key=lambda m: (m.body, m.year, m.id)):
            seats = [(m, "permanent member") for m in membership.permanent]
            seats += [(m, "elected member") for m in membership.elected]
            for member, seat in seats:
                found.append(
                    {
                        "id": f"{membership.id}-{member}",
                        **self.member(member),
                        "organization_id": membership.body,
                        "role": seat,
                        # A membership changed within its year starts on the day it took effect.
                        "start_date": membership.since.iso() if membership.since else str(membership.year),
                        "end_date": str(membership.year),
                        SOURCES_FIELD: self.cited(membership.sources),
                    }
                )
        return found

    def events(self) -> list[dict[str, Any]]:
        """The records of every kind declared a Popolo event (kinds.Linked), by date, then by id."""
        found = []
        for kind, records in self.content.by_kind():
            if kind.linked is None or not kind.linked.popolo_event:
                continue
            for record in records:
                moment = kind.moment_of(record)
                if moment is not None and kind.linked.fits(record):
                    found.append((moment.date, kind, record))
        return [self.event(*each) for each in by_date_then_id(found)]

    def event(self, date: FuzzyDate, kind: Kind[Any], record: Record) -> dict[str, Any]:
        place = field_of(record, "place")
        return _compact(
            {
                "id": record.id,
                "name": self.export.names[record.id],  # with whose claim it is, when it is someone's
                "description": self._summary(record),
                "start_date": _date(date),
                "end_date": _date(date, end=True) if date.is_range else None,
                "classification": kind.classification(record),
                "location": place if isinstance(place, str) else None,
                SOURCES_FIELD: self.cited(getattr(record, SOURCES_FIELD, ())),
            }
        )

    def _summary(self, record: Record) -> str:
        """What a record says about itself, as plain words with whose claim it is. Whose claim is looked
        up only for a record with something to say (finding it looks for the summary field again)."""
        summary = summary_of(record)
        return self.export.claimed(summary, summary_attribution(record)) if summary else ""

    def vote_events(self) -> list[dict[str, Any]]:
        """Every vote, by body and date: its motion, result, counts and, when known, each member's vote."""
        return [
            self.vote_event(document)
            for _, documents in self.export.facts.bodies
            for document in documents
            if document.vote is not None
        ]

    def vote_event(self, document: Document) -> dict[str, Any]:
        vote, count = document.vote, self.export.facts.votes[document.id].count
        assert vote is not None
        outcome = count.outcome if count is not None else None
        result = RESULTS.get(outcome.value if outcome is not None else document.status.value)
        motion = _compact(
            {
                "id": document.id,
                "organization_id": document.body,
                "text": document.title,
                "classification": document.kind.value,
                "date": _date(document.tabled),
                "requirement": _requirement(count),
                "result": result,
            }
        )
        return _compact(
            {
                "id": f"{document.id}-vote",
                "identifier": document.symbol,
                "motion_id": document.id,
                "motion": motion,
                "organization_id": document.body,
                "start_date": _date(vote.date),
                "result": result,
                "counts": self.counts(document, count),
                "votes": [
                    {
                        "voter_id": seat.member,
                        "option": seat.choice.value,
                        "role": "permanent member" if seat.permanent else "elected member",
                    }
                    for seat in count.seats
                    if seat.choice is not Choice.UNKNOWN
                ]
                if count
                else [],
                SOURCES_FIELD: self.cited(document.sources),
            }
        )

    def counts(self, document: Document, count: Count | None) -> list[dict[str, Any]]:
        if count is not None:
            return [{"option": option.value, "value": getattr(count, option.value)} for option in OPTIONS]
        tally = document.vote.tally if document.vote else None
        if tally is None:
            return []
        return [{"option": option.value, "value": getattr(tally, option.value)} for option in OPTIONS[:3]]

    def document(self) -> dict[str, Any]:
        """The Popolo document: its collections under Popolo's names (keywords, since a collection may
        share its name with one of our kinds without being it)."""
        actors = sorted(self.content.actors, key=_RECORD_ID)  # sorted once for the three lists
        return dict(
            persons=[self.person(a) for a in actors if a.id in self.people],
            organizations=[self.organization(a) for a in actors if a.id not in self.people],
            memberships=self.memberships(actors),
            events=self.events(),
            vote_events=self.vote_events(),
        )


PopoloEvent = tuple[FuzzyDate, Kind[Any], Record]  # a Popolo event: its date, its record's kind, the record


def by_date_then_id(events: list[PopoloEvent]) -> list[PopoloEvent]:
    """Events in the order of their dates (FuzzyDate.sort_key), then of their records' ids.

    Two stable sorts on keys gathered by C loops, the second keeping the first's order among equal
    dates: a key tuple made per event by a Python function took twice as long (2.5 ms of Popolo's
    30 at 1,000 actors). Checked against that sort in tests/test_export_fast_ways.py."""
    order = list(range(len(events)))
    ids = list(map(_RECORD_ID, map(_RECORD, events)))
    order.sort(key=ids.__getitem__)
    dates = list(map(FuzzyDate.sort_key, map(_DATE, events)))
    order.sort(key=dates.__getitem__)
    return list(map(events.__getitem__, order))


_DATE, _RECORD, _RECORD_ID = operator.itemgetter(0), operator.itemgetter(2), operator.attrgetter("id")


def _requirement(count: Count | None) -> str | None:
    """The adoption rule in words, when the vote was counted against the body's membership."""
    if count is None:
        return None
    return count.rule.explain()


def files(export: Export) -> dict[str, bytes]:
    return {POPOLO_JSON: json_bytes(Popolo(export).document())}
