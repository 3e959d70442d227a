"""The shortcuts that make editions cheap give what the long way gives.

`editions.Cuts` keeps a record whole, without walking it, at a moment after everything it
dates and cites: the content it cuts must equal the content cut record by record the slow way
(`_record_as_of` on every record), on generated stories at any moment, not only at updates.

An edition whose update added no record takes every fact but the `Told` ones from the whole
story's (derivation.derive_site, derive.retold): its facts must equal those derived afresh
from its content. A part's page asks a set of its ids (parts.Division.members) whether it lists
a record: the answer must be the part each record was placed on. The running total of people
who defected is kept as one sum per qualifier: it must read as the count of every defection by then.
A cut that holds the very records of the whole shares the whole's indexes of them (Content._uncut):
every cut's indexes must be those made from its own records.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ENGINE_STORY, story_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_known_when import START, generated_story

from generator.content.dates import Timestamp
from generator.content.kinds import SOURCES
from generator.content.load import Content
from generator.content.models import Defection, Qualifier
from generator.content.walk import references
from generator.facts import editions
from generator.facts.derivation import derive_site, same_records
from generator.facts.derive import defections_by_month, derive, people_count
from generator.facts.editions import Cuts, Known, Settled, _record_as_of, _story_as_of, as_of
from generator.facts.parts import Division, PagePart, Parts, Scope
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
    assert_kinds_settle_as_their_records(cuts)
    for moment in moments:
        fast, slow = cuts.at(moment), slow_cut(content, moment)
        assert fast.story == slow["story"], moment
        for kind, records in fast.by_kind():
            assert records == slow[kind.name], f"{kind.name} at {moment.iso()}"
        if all(slow[kind.name] == records for kind, records in content.by_kind()) and slow["story"] == content.story:
            assert fast is content  # a moment that knew everything is the content itself
        assert_indexes_of_its_records(fast)


def assert_indexes_of_its_records(cut: Content) -> None:
    """A cut's indexes of records, shared with the whole's or not, are those made from its own records."""
    assert list(cut.by_id.items()) == [(record.id, record) for record in cut.all()]
    assert cut.kinds == {record.id: kind for kind, records in cut.by_kind() for record in records}
    assert cut.references == {record.id: tuple(references(record)) for record in cut.all()}


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
    for root in (ENGINE_STORY, ENGINE_STORY.parent / "harbour-story", story_content()):
        content = load_checked(root)
        days = range(-400, 400, 7)
        now = content.story.now.moment
        assert_fast_cut_is_slow_cut(content, [Timestamp(now + dt.timedelta(days=d)) for d in days])


def test_a_record_settles_on_the_day_its_every_field_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cuts walks only the fields that can hold a date, prose, a part or sources (_settling_fields):
    # walking every field must settle every record on the same day.
    for root in (ENGINE_STORY, ENGINE_STORY.parent / "harbour-story", story_content()):
        content = load_checked(root)
        planned = settled_of(Cuts(content))
        every = functools.cache(lambda model: tuple((name, cited) for name, cited, _ in editions._fields_of(model)))
        monkeypatch.setattr(editions, "_settling_fields", every)
        assert settled_of(Cuts(content)) == planned
        monkeypatch.undo()


def settled_of(cuts: Cuts) -> tuple[dict[str, Settled | None], dict[str, tuple[Settled | None, ...]]]:
    """What a Cuts found: each kind's settling as a whole, and each of its records'."""
    kinds = [kind for kind, _ in cuts.content.by_kind() if kind is not SOURCES]
    return cuts.whole, {kind.name: cuts.settled(kind) for kind in kinds}


def assert_kinds_settle_as_their_records(cuts: Cuts) -> None:
    # Cuts finds when a kind stands whole in one walk of its records (_kind_settled), with no
    # Settled made for each: it must be when the last of its records, each settled alone, does.
    for kind, _ in cuts.content.by_kind():
        if kind is not SOURCES:
            assert cuts.whole[kind.name] == editions._all_settled(cuts.settled(kind)), kind.name


# -- editions that added no record ------------------------------------------------------------


# Long enough after a generated story's last update that every source in it was published (test_known_when.Maker).
LATER = dt.timedelta(days=500)


def with_later_updates(folder: Path, count: int) -> Path:
    """The story in `folder` with `count` more updates, an hour apart long after its last, each
    adding a highlight (one citing the story's first source) and no record."""
    story = yaml.safe_load((folder / "story.yml").read_text(encoding="utf-8"))
    last = max(Timestamp.parse(u["at"]).moment for u in story["updates"])
    cited = load_checked(folder).sources[0].id
    for index in range(count):
        at = (last + LATER + dt.timedelta(hours=index)).strftime("%Y-%m-%dT%H:%M:%SZ")
        story["updates"].append({"at": at, "text": f"Update {index} says it again."})
        story["highlights"].append({"text": f"Highlight {index}, said again.[^{cited}]", "added": at})
    (folder / "story.yml").write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def assert_editions_derive_as_afresh(content: Content, retold: int) -> None:
    """Every edition's facts equal those derived from its content; at least `retold` of them took the shortcut."""
    derived = derive_site(content)
    took = 0
    for edition in derived.editions:
        assert edition.facts == derive(edition.content), edition.update.at.iso()
        assert_indexes_of_its_records(edition.content)
        took += edition.content is not content and same_records(edition.content, content)
    assert took >= retold


@pytest.mark.parametrize("story", [ENGINE_STORY, ENGINE_STORY.parent / "harbour-story"], ids=lambda p: p.name)
def test_an_edition_that_added_no_record_has_the_facts_derived_afresh(tmp_path: Path, story: Path) -> None:
    shutil.copytree(story, tmp_path / "story")
    assert_editions_derive_as_afresh(load_checked(with_later_updates(tmp_path / "story", 3)), 3)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), size=st.integers(8, 120), later=st.integers(2, 4))
def test_a_generated_story_edition_that_added_no_record_has_the_facts_derived_afresh(
    tmp_path: Path, seed: int, size: int, later: int
) -> None:
    folder = with_later_updates(generated_story(tmp_path / "story", seed, size), later)
    # A generated story holds parts no edition shows (citing only undated sources, with no
    # `added`): the story as of its now holds none, so its later editions keep every record whole.
    content = load_checked(folder)
    assert_editions_derive_as_afresh(as_of(content, content.story.now), later - 1)  # the last is the now


# -- which part lists a record -----------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(placed=st.dictionaries(st.text("abc-", min_size=1, max_size=4), st.sampled_from(["2012", "2013", "x/a"])))
def test_a_part_lists_exactly_the_records_placed_on_it(placed: dict[str, str]) -> None:
    keys = sorted(set(placed.values()) | {"empty"})
    parts = tuple(PagePart(key, key, f"timeline/{key}.md", 0) for key in keys)
    division = Division(Parts("timeline.md", parts, {p.key: p for p in parts}), placed)
    asked = [*placed, "unplaced"]
    assert not any(Scope(division).shows(record_id) for record_id in asked)  # the index of the parts
    for part in parts:
        scope = Scope(division, part)
        assert [scope.shows(r) for r in asked] == [placed.get(r) == part.key for r in asked]
        assert [division.on(r, part) for r in asked] == [placed.get(r) == part.key for r in asked]


# -- the running count of defectors ------------------------------------------------------------


@functools.cache
def engine_story_defections() -> tuple[Defection, ...]:
    return load_checked(ENGINE_STORY).defections


@settings(max_examples=30, deadline=None)
@given(counts=st.lists(st.tuples(st.integers(1, 500), st.sampled_from(list(Qualifier))), min_size=1, max_size=40))
def test_each_month_counts_every_defection_by_then(counts: list[tuple[int, Qualifier]]) -> None:
    defections = engine_story_defections()
    recounted = [
        defections[i % len(defections)].model_copy(update={"people": people, "people_qualifier": qualifier})
        for i, (people, qualifier) in enumerate(counts)
    ]
    for month in defections_by_month(recounted):
        by_then = [d for d in recounted if f"{d.date.settled:%Y-%m}" <= month.iso]
        assert month.total == people_count(by_then), month.iso
