"""The shortcuts that make loading and checking cheap give what the plain way gives.

- a text's stray characters: printable ASCII and one character class are tried before the
  named patterns that say which character it is (fields.stray_character); ids are not asked,
  since their pattern admits none (fields.Id);
- unsourced claims: parts that list sources are skipped, since every claim in them rests on
  those (facts/claims.unsourced), so the result must be every claim without a source;
- prose: a text without `](` or `[^` is not searched for links or markers (prose._holds);
- walks over records (claims, the parts that cite sources) visit only the fields that the
  models' annotations say can hold prose or a part (content/walk.py): they must find what a
  walk over every field finds; so must the references walk, which also skips prose without a
  bracket and takes the ids of a list without a call each;
- records that cannot be placed in time: only a record naming an undated source is walked
  (validate.Checker.check_placed), so the check must find what walking every record finds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from conftest import ROOT, TESTS, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.content import fields, prose
from generator.content.explain import field_path
from generator.content.fields import Prose, RefId
from generator.content.kinds import KINDS
from generator.content.load import Content, load
from generator.content.models import SOURCES_FIELD, Relation, Role
from generator.content.placed import _cited, unplaced, unplaced_message
from generator.content.safe_yaml import FieldPath
from generator.content.validate import Checker
from generator.content.walk import CITED_KINDS, Reference, references
from generator.facts.claims import Claim, _part_words, claims, sentences, unsourced

STORIES = [TESTS / "fixtures" / "harbour-story", TESTS / "fixtures" / "coup-story", ROOT / "content"]
# The characters at the edges of the forbidden ranges, and some that are allowed.
EDGES = "\x00\x08\t\n\x0b\x1f \x7e\x7f\x9f\xa0é\ufdcf\ufdd0\ufdef\ufdf0\ufffd\ufffe\uffff\ud800\udfff"
EDGES += "\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a\ue000\ue001\ue002\U0001fffe\U0001fffd\U0010ffff"


def _named_only(value: str) -> str | None:
    """What stray_character says, found the plain way: the named patterns alone."""
    found = fields._FORBIDDEN.search(value)
    if found is None:
        return None
    what = fields._WHAT[found.lastgroup or "control"]
    return (
        f"holds {what} U+{ord(found.group()):04X} at position {found.start() + 1} "
        "(remove it; copy-pasting from PDFs often adds these)"
    )


@settings(max_examples=examples(1000), derandomize=True, database=None)
@given(st.one_of(st.from_regex(fields.SLUG_PATTERN), st.text(st.sampled_from("ab-0 \t\x00\u202a\ue000é"))))
def test_no_id_the_slug_pattern_takes_holds_what_a_text_may_not(value: str) -> None:
    # An id is not checked for stray characters and spaces (fields.Id): its pattern refuses them first.
    if prose.SLUG_RE.fullmatch(value):
        assert fields._text(value) == value
    with pytest.raises(ValidationError):
        TypeAdapter(fields.Id).validate_python(value + "\x00")


@settings(max_examples=examples(1000), derandomize=True, database=None)
@given(st.text(st.one_of(st.characters(exclude_categories=()), st.sampled_from(EDGES)), max_size=20))
def test_stray_characters_are_found_as_the_named_patterns_find_them(value: str) -> None:
    assert fields.stray_character(value) == _named_only(value)


def test_every_edge_character_is_judged_alike() -> None:
    for char in EDGES:
        assert fields.stray_character(f"ab{char}") == _named_only(f"ab{char}"), repr(char)


def _without_sources(model: Any, keep: bool) -> Any:
    """The model with its own sources (and its parts', all the way down) dropped, unless `keep`."""
    if isinstance(model, tuple):
        return tuple(_without_sources(item, keep) for item in model)
    if not isinstance(model, BaseModel):
        return model
    update = {name: _without_sources(getattr(model, name), keep) for name in type(model).model_fields}
    if not keep and SOURCES_FIELD in update:
        update[SOURCES_FIELD] = ()
    return model.model_copy(update=update)


def _stripped(content: Content, every: int) -> Content:
    """The content with every `every`-th record's sources (its parts' too) dropped."""
    records = {
        kind.name: tuple(
            _without_sources(record, keep=index % every != 0)
            for index, record in enumerate(getattr(content, kind.name))
        )
        for kind in KINDS
        if kind.name != "sources"
    }
    return dataclasses.replace(content, **records)


@pytest.mark.parametrize("every", [1, 2, 3, 10**9])
@pytest.mark.parametrize("folder", STORIES, ids=lambda folder: folder.name)
def test_unsourced_claims_are_the_claims_without_a_source(folder: Path, every: int) -> None:
    content, problems = load(folder)
    assert content is not None and not problems, problems
    content = _stripped(content, every)
    expected = [claim for claim in claims(content) if not claim.sources]
    assert unsourced(content) == expected
    if every == 1:
        assert expected, "dropping every source leaves claims without one"


# -- the plain ways: every field of every model, asked what it holds ---------------------


def _every_part(model: BaseModel, path: FieldPath) -> list[tuple[FieldPath, BaseModel]]:
    found = [(path, model)] if getattr(model, SOURCES_FIELD, ()) else []
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, tuple) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                found += _every_part(item, (*path, name) if index is None else (*path, name, index))
    return found


def _every_claim(value: object, file: str, record: str, path: FieldPath, inherited: tuple[str, ...]) -> list[Claim]:
    if isinstance(value, Prose):
        return [Claim(file, record, path, s.text, inherited + s.cites, s.cites) for s in sentences(value)]
    if isinstance(value, tuple):
        return [c for i, item in enumerate(value) for c in _every_claim(item, file, record, (*path, i), inherited)]
    if not isinstance(value, BaseModel):
        return []
    single = getattr(value, "source", None)
    sources = (*inherited, *getattr(value, SOURCES_FIELD, ()), *((single,) if isinstance(single, str) else ()))
    found = [Claim(file, record, path, _part_words(value), sources)] if isinstance(value, Relation | Role) else []
    for name in type(value).model_fields:
        found += _every_claim(getattr(value, name), file, record, (*path, name), sources)
    return found


def _every_reference(value: object, path: FieldPath) -> list[Reference]:
    if isinstance(value, RefId):
        return [(path, str(value), type(value).kinds)]
    if isinstance(value, Prose):
        return [(path, ref.target, ()) for ref in prose.find_refs(value)] + [
            (path, cite.source, CITED_KINDS) for cite in prose.find_cites(value)
        ]
    if isinstance(value, tuple):
        return [r for i, item in enumerate(value) for r in _every_reference(item, (*path, i))]
    if isinstance(value, BaseModel):
        return [r for name in type(value).model_fields for r in _every_reference(getattr(value, name), (*path, name))]
    return []


@pytest.mark.parametrize("folder", STORIES, ids=lambda folder: folder.name)
def test_walks_find_what_a_walk_of_every_field_finds(folder: Path) -> None:
    content, problems = load(folder)
    assert content is not None and not problems, problems
    found = [claim for claim in claims(content) if claim.record and claim.path]  # a figure's own claim has no path
    expected: list[Claim] = []
    for kind, records in content.by_kind():
        for record in records:
            assert list(_cited(record, ())) == _every_part(record, ()), record.id
            assert references(record) == _every_reference(record, ()), record.id
            if kind.name != "sources":
                expected += _every_claim(record, content.origins[record.id].file, record.id, (), ())
    assert found == expected


PROSE_PIECES = ["[[", "]]", "[", "]", "(", ")", "](", "[^", "^", "`", "**", "*", "_", "|", " ", "\n", "\x00"]
PROSE_PIECES += ["a", "b-c", "https://example.org/x", "mailto:a@b.org", "javascript:x", "\ue000", "é"]


@settings(max_examples=examples(1000), derandomize=True, database=None)
@given(st.lists(st.sampled_from(PROSE_PIECES), max_size=16).map("".join))
def test_prose_is_scanned_as_if_every_text_held_links_and_markers(text: str) -> None:
    prose._scan.cache_clear()
    fast = prose._scan(text)
    prose._scan.cache_clear()
    with mock.patch.object(prose, "_holds", lambda text, mark: True):
        slow = prose._scan(text)
    prose._scan.cache_clear()
    assert fast == slow


PLACING = [*STORIES, *(TESTS / "broken" / name for name in ("undated-sources-only", "undated-sources-only-in-a-part"))]


@pytest.mark.parametrize("folder", PLACING, ids=lambda folder: folder.name)
def test_the_check_finds_unplaced_what_a_walk_of_every_record_finds(folder: Path) -> None:
    content, _ = load(folder)
    assert content is not None
    checker = Checker(content)
    checker.check_placed()
    message = unplaced_message(content.story.now)
    found = [problem.field for problem in checker.problems if problem.message == message]
    sources = {s.id: s for s in content.sources}
    expected = [
        field_path([record.id, *path])
        for kind, records in content.by_kind()
        for record in records
        for path in unplaced(kind, record, sources)
    ]
    assert found == expected
    assert found or folder in STORIES
