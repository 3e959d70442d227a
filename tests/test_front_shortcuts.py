"""The shortcuts of loading and deriving give what the plain way gives.

`phrasing.number` groups digits with Python's `,` format and the language's separator once a
probe of every length has shown that this is what Babel writes (phrasing._group_separator): in
every language Babel knows, any number must read exactly as Babel writes it. `names.shown_names`
labels records kind by kind: every record's name must be the one `shown_name` gives it. The
timeline's month anchors are written once a month: they must be every record's moment's month.
Who's who's order sorts actors by the story's own words over an order sorted once for every
moment (prominence.by_mentions): it must be the order of the whole rule sorted at once.
"""

from __future__ import annotations

from pathlib import Path

from babel.localedata import locale_identifiers
from babel.numbers import format_decimal
from conftest import ENGINE_STORY, examples, story_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_known_when import generated_story

from generator.content import phrasing
from generator.content.i18n import language, speaking
from generator.content.load import Content
from generator.content.phrasing import number
from generator.facts.derive import derive
from generator.facts.names import shown_name, shown_names
from generator.facts.prominence import named
from generator.facts.sections import _timeline_anchors
from generator.pipeline import load_checked

TAGS = sorted(identifier.replace("_", "-") for identifier in locale_identifiers())


@settings(max_examples=examples(300), deadline=None)
@given(
    tag=st.sampled_from(TAGS),
    value=st.integers(min_value=-(10**21), max_value=10**21) | st.integers(min_value=0, max_value=99_999),
)
def test_every_number_reads_as_babel_writes_it(tag: str, value: int) -> None:
    with speaking(tag):
        expected = format_decimal(value, locale=language(tag).locale, numbering_system="default")
        assert number(value) == expected


def test_grouping_in_twos_and_unseparated_millions_keep_babel() -> None:
    assert phrasing._group_separator(language("en")) == ","
    assert phrasing._group_separator(language("hi")) is None  # 12,34,567
    assert phrasing._group_separator(language("de-CH")) is None  # 1234567 but 1'234


def assert_as_the_plain_way(content: Content) -> None:
    with speaking(content.story.language):
        names = shown_names(content)
        assert names == {record_id: shown_name(content, record) for record_id, record in content.by_id.items()}
        assert list(names) == list(content.by_id)
    moments = (kind.moment_of(record) for kind, records in content.by_kind() for record in records)
    months = [f"{moment.date.settled:%Y-%m}" for moment in moments if moment is not None]
    assert sorted(_timeline_anchors(content)) == sorted(set(months))
    with speaking(content.story.language):
        facts = derive(content)
    counts, mentions = named(content), facts.mentions
    whole = sorted(content.actors, key=lambda a: (-counts[a.id], -len(mentions.get(a.id, ())), a.name.casefold(), a.id))
    assert facts.prominence == {actor.id: place for place, actor in enumerate(whole)}


def test_the_fixture_stories_name_and_anchor_as_the_plain_way_does() -> None:
    for root in (ENGINE_STORY, ENGINE_STORY.parent / "harbour-story", story_content()):
        assert_as_the_plain_way(load_checked(root))


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), size=st.integers(8, 120))
def test_a_generated_story_names_and_anchors_as_the_plain_way_does(tmp_path: Path, seed: int, size: int) -> None:
    assert_as_the_plain_way(load_checked(generated_story(tmp_path / "story", seed, size)))
