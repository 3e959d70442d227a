"""The shortcuts of loading and deriving give what the plain way gives.

`phrasing.number` groups digits with Python's `,` format and the language's separator once a
probe of every length has shown that this is what Babel writes (phrasing._group_separator): in
every language Babel knows, any number must read exactly as Babel writes it. `names.shown_names`
labels records kind by kind: every record's name must be the one `shown_name` gives it. The
timeline's month anchors are written once a month: they must be every record's moment's month.
Who's who's order sorts actors by the story's own words over an order sorted once for every
moment (prominence.by_mentions): it must be the order of the whole rule sorted at once.
`prose.check_prose` runs each check only on text that holds what it looks for: it must report
what running every check on any text reports (and find_refs must find the references among
links_and_refs). Content that loaded with no problem has no broken ids, without a walk for them.
A plain web address is let through without the checks (urls._PLAIN): any address must get the
answer every check gives. `kinds.field_of` asks a record only for names its model has: it must
answer what getattr with a default answers. Backlinks order the records kind by kind, each sorted
by its own dated field (mentions._in_order): they must be those of one sort of every record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.localedata import locale_identifiers
from babel.numbers import format_decimal
from conftest import ENGINE_STORY, examples, story_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_known_when import generated_story

from generator.content import phrasing
from generator.content.i18n import language, speaking
from generator.content.kinds import SUMMARY_FIELDS, field_of
from generator.content.load import Content, _raw_ids
from generator.content.phrasing import number
from generator.content.problems import quoted
from generator.content.prose import (
    SLUG_RE,
    Link,
    Ref,
    _bad_markers,
    _markers_in_link_text,
    _web_link_problem,
    check_prose,
    find_refs,
    links_and_refs,
    shorten,
)
from generator.content.urls import address_problem, checked_address_problem
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
    assert content.broken_ids == frozenset(_raw_ids(content.files.values())) - set(content.origins)
    asked = {name for pair in SUMMARY_FIELDS for name in pair if name} | {"attribution", "no_such_field", "id"}
    for record in content.by_id.values():
        assert {name: field_of(record, name) for name in asked} == {name: getattr(record, name, None) for name in asked}
    moments = (kind.moment_of(record) for kind, records in content.by_kind() for record in records)
    months = [f"{moment.date.settled:%Y-%m}" for moment in moments if moment is not None]
    assert sorted(_timeline_anchors(content)) == sorted(set(months))
    with speaking(content.story.language):
        facts = derive(content)
    counts, mentions = named(content), facts.mentions
    whole = sorted(content.actors, key=lambda a: (-counts[a.id], -len(mentions.get(a.id, ())), a.name.casefold(), a.id))
    assert facts.prominence == {actor.id: place for place, actor in enumerate(whole)}
    assert facts.mentions == plain_backlinks(content)


def plain_backlinks(content: Content) -> dict[str, tuple[str, ...]]:
    """Each id's referrers, the records sorted once by kind, date and id and walked in that order."""
    order = []
    for kind, records in content.by_kind():
        for record in records:
            when = kind.date_of(record)
            order.append((kind.mention_rank, when.settled if when else dt.date.min, record.id))
    found: dict[str, list[str]] = {}
    for *_, record_id in sorted(order):
        for _field, target, _path in content.references[record_id]:
            if target != record_id and record_id not in found.setdefault(target, []):
                found[target].append(record_id)
    return {target: tuple(ids) for target, ids in sorted(found.items())}


def test_the_fixture_stories_name_and_anchor_as_the_plain_way_does() -> None:
    for root in (ENGINE_STORY, ENGINE_STORY.parent / "harbour-story", story_content()):
        assert_as_the_plain_way(load_checked(root))


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), size=st.integers(8, 120))
def test_a_generated_story_names_and_anchors_as_the_plain_way_does(tmp_path: Path, seed: int, size: int) -> None:
    assert_as_the_plain_way(load_checked(generated_story(tmp_path / "story", seed, size)))


def every_prose_check(text: str) -> list[str]:
    """check_prose the plain way: every check on every text."""
    nodes = list(links_and_refs(text))
    problems = [
        f"{quoted(f'[[{node.target}]]')} is not a valid reference (write [[record-id]] or [[record-id|text to show]])"
        for node in nodes
        if isinstance(node, Ref) and not SLUG_RE.match(node.target)
    ]
    problems += [
        f"link to {quoted(node.url)} is not allowed (links must start with https://, http:// or mailto:)"
        for node in nodes
        if isinstance(node, Link) and not node.safe
    ]
    problems += [
        f"link to {quoted(node.url)} is not a web address: {problem}"
        for node in nodes
        if isinstance(node, Link) and node.safe and (problem := _web_link_problem(node.url))
    ]
    problems += [
        f"{shorten(marker)} is not a valid citation marker (write [^source-id], with the id of a source)"
        for marker in _bad_markers(text)
    ]
    problems += [
        f"{quoted(found)} holds a citation marker in a link's text, which cannot show it "
        "(put the marker after the link: [text](https://...)[^source-id])"
        for found in _markers_in_link_text(text)
    ]
    problems += [
        f"{shorten(f'[[{node.target}|{node.label}]]')} holds a citation marker in the text it shows "
        "(put the marker after the reference: [[id|text]][^source-id])"
        for node in nodes
        if isinstance(node, Ref) and node.label and "[^" in node.label
    ]
    return problems


PROSE_PIECES = st.sampled_from(
    ["[", "]", "[[", "]]", "[^", "(", ")", "](", "|", "`", "*", "_", " ", "\x01", "a", "b-c", "x y", "^",
     "https://example.org/a", "http://", "mailto:a@b.org", "javascript:x", "http://a b", "[[a|b [^c]]]"]
)  # fmt: skip


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(PROSE_PIECES, max_size=14).map("".join))
def test_prose_is_checked_as_every_check_would(text: str) -> None:
    assert check_prose(text) == every_prose_check(text)
    assert list(find_refs(text)) == [node for node in links_and_refs(text) if isinstance(node, Ref)]


URL_PIECES = st.sampled_from(
    ["http://", "https://", "HTTPS://", "ftp://", "example", "EXAMPLE", "ex-ample", "-", ".", "org", "0", "1", "0x7f",
     "a" * 70, "/", "//", "%", "%2F", "%zz", "@", ":", ":80", ":99999", "[", "]", "[::1]", "?", "#", "=", "&", "_",
     "~", "'", " ", "\\", "\t", "\x7f", "é", "ｅ", "\u2100", "news", "!", "$", "*", "+", ",", ";", "(", ")"]
)  # fmt: skip


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(URL_PIECES, max_size=10).map("".join), st.sampled_from(["", "https://", "http://"]))
def test_an_address_gets_the_answer_every_check_gives(rest: str, start: str) -> None:
    url = start + rest
    assert address_problem(url) == checked_address_problem(url)


def test_a_plain_address_with_a_host_too_long_is_checked() -> None:
    url = "https://" + ".".join(["a" * 60] * 5) + ".org/news"
    assert address_problem(url) == checked_address_problem(url) is not None
