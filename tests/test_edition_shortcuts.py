"""The shortcuts that make editions cheap give what the long way gives.

`editions.Cuts` keeps a record whole, without walking it, at a moment after everything it
dates and cites: the content it cuts must equal the content cut record by record the slow way
(`_record_as_of` on every record), on generated stories at any moment, not only at updates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import ENGINE_STORY, first_story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_known_when import START, generated_story

from generator.content.dates import Timestamp
from generator.content.kinds import SOURCES
from generator.content.load import Content
from generator.facts.editions import Cuts, Known, _record_as_of, _story_as_of
from generator.pipeline import load_checked


def slow_cut(content: Content, moment: Timestamp) -> dict[str, Any]:
    """Every kind's records (and the story) as of `moment`, each record cut the long way."""
    known = Known.at(content, moment)
    found: dict[str, Any] = {"story": _story_as_of(content.story, known)}
    for kind, records in content.by_kind():
        if kind is SOURCES:
            found[kind.name] = tuple(s for s in records if s.id in known.citable)
        else:
            found[kind.name] = tuple(r for r in (_record_as_of(kind, r, known) for r in records) if r is not None)
    return found


def assert_fast_cut_is_slow_cut(content: Content, moments: list[Timestamp]) -> None:
    cuts = Cuts(content)
    for moment in moments:
        fast, slow = cuts.at(moment), slow_cut(content, moment)
        assert fast.story == slow["story"], moment
        for kind, records in fast.by_kind():
            assert records == slow[kind.name], f"{kind.name} at {moment.iso()}"
        if all(slow[kind.name] == records for kind, records in content.by_kind()) and slow["story"] == content.story:
            assert fast is content  # a moment that knew everything is the content itself


def _moments(content: Content, hours: list[int]) -> list[Timestamp]:
    """The story's updates and its now, and moments `hours` after its start."""
    begin = dt.datetime.combine(START, dt.time(), dt.UTC)
    drawn = [Timestamp(begin + dt.timedelta(hours=h)) for h in hours]
    return [*(u.at for u in content.story.updates), content.story.now, *drawn]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 2**32),
    size=st.integers(8, 150),
    hours=st.lists(st.integers(-200 * 24, 200 * 24), min_size=1, max_size=6),
)
def test_a_generated_story_cut_fast_is_cut_the_long_way(tmp_path: Path, seed: int, size: int, hours: list[int]) -> None:
    content = load_checked(generated_story(tmp_path / "story", seed, size))
    assert_fast_cut_is_slow_cut(content, _moments(content, hours))


def test_the_fixture_stories_cut_fast_are_cut_the_long_way() -> None:
    for root in (ENGINE_STORY, ENGINE_STORY.parent / "harbour-story", first_story()):
        content = load_checked(root)
        days = range(-400, 400, 7)
        now = content.story.now.moment
        assert_fast_cut_is_slow_cut(content, [Timestamp(now + dt.timedelta(days=d)) for d in days])
