"""The loader's and checker's shortcuts give what the plain way gives, on generated inputs.

- plain scalars: one holding a space is text without asking the resolvers, and each word's
  value is kept once made (safe_yaml._scalar, safe_yaml._word);
- plain text: the stray-character search and the citation-marker search are skipped where
  they could find nothing (fields._text, fields._plain_text);
- a file's records: validated as one list, falling back to one record at a time when the list
  fails (load._records), so the records and problems must be those of one at a time;
- the walk over a record's dates gathers them into one list (walk.dates): it must find what
  a walk over every field finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, TESTS, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.content import fields, safe_yaml
from generator.content import load as load_module
from generator.content.dates import FuzzyDate
from generator.content.kinds import KINDS
from generator.content.load import content_files, load, parse_bytes
from generator.content.models import Record
from generator.content.problems import Problem
from generator.content.safe_yaml import FieldPath, YamlFile
from generator.content.walk import dates

SETTINGS = settings(deadline=None, derandomize=True, database=None, max_examples=examples(300))

# Words some implicit resolver claims (bool, int, float, null, merge, value), and their edges.
RESOLVED = ["true", "No", "on", "0x1f", "0o17", "1_000", "190:20:30", "1.5", "-.inf", ".NaN", "~", "null", "<<", "="]
STR = "tag:yaml.org,2002:str"


@SETTINGS
@given(st.sampled_from(RESOLVED), st.integers(0, 12), st.sampled_from([" ", "  ", " x", "x "]))
def test_a_resolved_word_with_a_space_in_it_is_text(word: str, at: int, space: str) -> None:
    text = word[:at] + space + word[at:]
    assert safe_yaml._resolved(text) == STR
    assert safe_yaml._scalar(text) == text


@SETTINGS
@given(st.text(st.characters(codec="utf-8"), max_size=12).map(lambda t: t + " "))
def test_no_resolver_claims_a_text_with_a_space(text: str) -> None:
    assert safe_yaml._resolved(text) == STR
    assert safe_yaml._resolved(" " + text.strip()) == STR


@SETTINGS
@given(st.sampled_from([*RESOLVED, "false", "2012-07", "newspaper", "0777", "1e3", "+12"]))
def test_a_word_reads_as_its_resolver_and_constructor_read_it(word: str) -> None:
    tag = safe_yaml._resolved(word)
    if tag not in safe_yaml._SCALAR_TAGS:
        return  # `<<` and `=`: the careful way refuses them (tests/test_safe_yaml_fast.py)
    plain = word if tag == STR else safe_yaml._constructed(tag, word)
    assert repr(safe_yaml._scalar(word)) == repr(plain)
    assert repr(safe_yaml._scalar(word)) == repr(plain)  # and again, from the cache


def _answer(check: object, value: str) -> str:
    """What a text check gives back, or the message it refuses the text with."""
    try:
        return str(check(value))  # type: ignore[operator]
    except ValueError as err:
        return f"refused: {err}"


def _text_the_plain_way(value: str) -> str:
    problem = fields.stray_character(value)
    if problem:
        raise ValueError(problem)
    return fields._text(value)


def _plain_text_the_plain_way(value: str) -> str:
    return fields._uncited(_text_the_plain_way(fields._bounded(value)))


@SETTINGS
@given(st.lists(st.sampled_from(["a", " ", "[^", "x]", "]", "[", "\x00", "\u202a", "é", "\n", "\t", "~"]), max_size=8))
def test_plain_text_is_judged_as_every_check_judges_it(pieces: list[str]) -> None:
    value = "".join(pieces)
    assert _answer(fields._text, value) == _answer(_text_the_plain_way, value)
    assert _answer(fields._plain_text, value) == _answer(_plain_text_the_plain_way, value)


def _every_date(value: object, path: FieldPath) -> list[tuple[FieldPath, FuzzyDate]]:
    if isinstance(value, FuzzyDate):
        return [(path, value)]
    if isinstance(value, tuple):
        return [d for i, item in enumerate(value) for d in _every_date(item, (*path, i))]
    if isinstance(value, BaseModel):
        return [d for name in type(value).model_fields for d in _every_date(getattr(value, name), (*path, name))]
    return []


@pytest.mark.parametrize("folder", [TESTS / "fixtures" / "harbour-story", ROOT / "content"], ids=lambda f: f.name)
def test_the_dates_walk_finds_what_a_walk_of_every_field_finds(folder: Path) -> None:
    content, problems = load(folder)
    assert content is not None and not problems, problems
    for record in content.all():
        assert list(dates(record)) == _every_date(record, ()), record.id


def _record_by_record(kind: type[Record], parsed: YamlFile, problems: list[Problem]) -> list[tuple[int, Record]]:
    """The plain way: each record validated on its own (load._validate)."""
    records = []
    for index, item in enumerate(parsed.data):
        record = load_module._validate(kind, item, parsed, (index,), problems)
        if record is not None:
            records.append((index, record))
    return records


def _kind_files(folder: Path) -> list[tuple[type[Record], Path]]:
    return [(kind.model, path) for kind in KINDS for path in content_files(folder)[0][kind.name]]


@pytest.mark.parametrize("folder", [TESTS / "fixtures" / "harbour-story", ROOT / "content"], ids=lambda f: f.name)
def test_a_file_validated_as_one_list_gives_each_record_as_validated_alone(folder: Path) -> None:
    for kind, path in _kind_files(folder):
        parsed = parse_bytes(path, folder, path.read_bytes(), [])
        assert parsed is not None
        fast_problems: list[Problem] = []
        slow_problems: list[Problem] = []
        fast = load_module._records(kind, parsed, fast_problems)
        assert fast == _record_by_record(kind, parsed, slow_problems), path
        assert fast_problems == slow_problems == []


@SETTINGS
@given(st.data())
def test_a_file_with_a_broken_record_is_reported_record_by_record(data: st.DataObject) -> None:
    """A list that fails as a whole takes the record-by-record way: the same records and problems."""
    folder = TESTS / "fixtures" / "harbour-story"
    kind, path = data.draw(st.sampled_from(_kind_files(folder)))
    parsed = parse_bytes(path, folder, path.read_bytes(), [])
    assert parsed is not None and parsed.data
    broken = data.draw(st.integers(0, len(parsed.data) - 1))
    spoiled = data.draw(st.sampled_from([{"id": "Not An Id"}, {"unknown_field": 1}, {"id": None}]))
    parsed.data[broken] = {**parsed.data[broken], **spoiled}
    fast_problems: list[Problem] = []
    slow_problems: list[Problem] = []
    fast = load_module._records(kind, parsed, fast_problems)
    assert fast == _record_by_record(kind, parsed, slow_problems)
    assert fast_problems == slow_problems != []
    assert broken not in [index for index, _ in fast]


def test_only_short_words_are_kept_and_a_long_one_reads_the_same() -> None:
    """The words' cache holds short words only: a long one (an address) is resolved each time,
    to the same value, and does not stay in memory."""
    safe_yaml._word.cache_clear()
    long_word = "https://example.org/" + "x" * 1_000_000
    assert safe_yaml._scalar(long_word) == long_word
    assert safe_yaml._scalar("false") is False
    assert safe_yaml._word.cache_info().currsize == 1
