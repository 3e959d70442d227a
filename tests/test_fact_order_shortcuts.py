"""The orders and splits derive reads in C give what the plain way gives.

`derive.timeline` sorts its entries by keys made with them, and `ActorIndex` sorts defections,
events and quotes by `_BY_DATE` (the fields `FuzzyDate.sort_key` reads, then the id): they must
be the orders of the plain sorts by `sort_key()`. An actor's mentions leave out what its page
shows, by a set made with map: they must be those the plain sets leave. Backlinks read each
record's day by one attrgetter (`mentions._days`): they must be `_day` of its dated field, a
record without a date too. A dated split reads each entry's settled day by one attrgetter and
makes a key per day (`parts.by_date`): each entry's key must be `date_key` of its own `settled`.
`roles.story_role` names an actor's only role without the rules: it must be the role they name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ENGINE_STORY, examples, story_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_known_when import generated_story

from generator.content.i18n import speaking
from generator.content.kinds import ENTRY_RANKS
from generator.content.load import Content
from generator.facts import mentions
from generator.facts.derive import ActorIndex, TimelineEntry, derive, rank_defections, timeline
from generator.facts.parts import Place, by_date, date_key
from generator.facts.roles import _story_role, story_role
from generator.pipeline import load_checked


def plain_timeline(content: Content) -> tuple[TimelineEntry, ...]:
    entries = []
    for kind, records in content.by_kind():
        for record in records:
            moment = kind.moment_of(record)
            if moment is not None:
                entries.append(TimelineEntry(moment.date, moment.entry, record))
    return tuple(sorted(entries, key=lambda e: (e.date.sort_key(), ENTRY_RANKS[e.kind], e.record.id)))


def assert_as_the_plain_way(content: Content) -> None:
    with speaking(content.story.language):
        assert [(e.date, e.kind, e.record.id) for e in timeline(content)] == [
            (e.date, e.kind, e.record.id) for e in plain_timeline(content)
        ]
        index = ActorIndex(content, rank_defections(content))
        dated = {"defections": content.defections, "events": content.events, "quotes": content.quotes}
        for name, records in dated.items():
            ordered = sorted(records, key=lambda r: (r.date.sort_key(), r.id))
            by_actor = getattr(index, name)
            for actor, listed in by_actor.items():
                assert [r.id for r in listed] == [r.id for r in ordered if r.id in {x.id for x in listed}], actor
        facts = derive(content)
        for actor in content.actors:
            view = facts.actors[actor.id]
            shown = (
                {d.id for d in view.defections}
                | {e.id for e in view.events}
                | {q.id for q in view.quotes}
                | {r.other for r in view.relations}
            )
            assert view.mentions == tuple(m for m in facts.mentions.get(actor.id, ()) if m not in shown)
        for kind, records in content.by_kind():
            if kind.dated_by is not None:
                field = kind.dated_by
                assert mentions._days(records, field) == [mentions._day(getattr(r, field, None)) for r in records]
        now = content.story.now.moment.date()
        for actor in content.actors:
            defections = facts.actors[actor.id].defections
            for day in (dt.date.min, now, dt.date.max):
                assert story_role(actor, facts.prominence, defections, day) == _story_role(
                    actor, facts.prominence, defections, day
                )
        dates = [e.date for e in facts.timeline]
        for size in (1, 3, max(1, len(dates) // 4)):
            found = by_date(Place("timeline.md", "timeline"), dates, size)
            if found is not None:
                assert found.keys == tuple(date_key(d.settled, found.monthly) for d in dates)


def test_the_fixture_stories_order_and_split_as_the_plain_way_does() -> None:
    for root in (ENGINE_STORY, ENGINE_STORY.parent / "harbour-story", story_content()):
        assert_as_the_plain_way(load_checked(root))


def test_a_record_without_its_date_is_placed_before_any_day() -> None:
    content = load_checked(ENGINE_STORY)
    kind, records = next((k, r) for k, r in content.by_kind() if k.dated_by is not None and r)
    undated = records[0].model_copy(update={kind.dated_by: None})
    assert mentions._days((*records, undated), kind.dated_by)[-1] == mentions._day(None)


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), size=st.integers(8, 120))
def test_a_generated_story_orders_and_splits_as_the_plain_way_does(tmp_path: Path, seed: int, size: int) -> None:
    assert_as_the_plain_way(load_checked(generated_story(tmp_path / "story", seed, size)))
