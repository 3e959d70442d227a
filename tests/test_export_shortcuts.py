"""The exports' shortcuts give what the plain way gives.

The CSV tables write a table column by column from a plan made once per model (tables.Cells);
these tests check it against reading each column's path cell by cell, on the stories and on
generated records, and write a row by joining its cells where the csv module would write it so
(tables.csv_bytes, tables.csv_columns): checked against the module on generated rows and columns.
The JSON Schema of story.json is made once per model: it must be the schema of the model asked for.
JSON is written by orjson: checked against the json module on every story's exports and on
generated values.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import ENGINE_STORY, TESTS, examples, first_story
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, create_model

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import Prose, ProseText, RefId
from generator.content.kinds import EVENTS, KINDS
from generator.content.models import ActorRef
from generator.content.prose import plain_words, strip_markup
from generator.facts.addresses import page_url
from generator.facts.derivation import derive_site
from generator.facts.parts import Scope
from generator.facts.timeline_view import timeline_page, timeline_rows
from generator.facts.views import last_updated
from generator.pipeline import load_checked
from generator.site.exports import Export, popolo, story_data, timelinejs
from generator.site.exports.context import json_bytes
from generator.site.exports.tables import (
    LIST_SEPARATORS,
    MAX_CELL,
    Cells,
    columns,
    csv_bytes,
    csv_columns,
    fitted,
    inert,
)
from generator.site.render import Renderer

STORIES = ("engine", "first", "harbour")


def story_folder(name: str) -> Path:
    """A story's folder, found when a test asks: the first story's skips when content/ holds another."""
    return {"engine": ENGINE_STORY, "harbour": TESTS / "fixtures" / "harbour-story"}.get(name) or first_story()


# --- the plain way: each column's path read cell by cell -------------------------------------


def plain_cell(export: Export, value: object, path: tuple[str, ...], names: bool, depth: int = 0) -> str:
    """The value at `path`, lists joined by depth, as one cell: how a table's cell is defined."""
    while path and value is not None and not isinstance(value, tuple):
        value, path = getattr(value, path[0]), path[1:]
    if value is None:
        return ""
    if isinstance(value, tuple):
        separator = LIST_SEPARATORS[min(depth, len(LIST_SEPARATORS) - 1)]
        return separator.join(plain_cell(export, item, path, names, depth + 1) for item in value)
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, RefId) and names:
        return export.names[value]
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Prose):
        return export.words(value)
    if isinstance(value, (FuzzyDate, Timestamp)):
        return value.iso()
    return str(value)


def plain_row(export: Export, record: BaseModel) -> list[str]:
    return [plain_cell(export, record, c.path, c.names) for c in columns(type(record))]


# --- on the stories ----------------------------------------------------------------------


@pytest.fixture(scope="module", params=STORIES)
def export(request: pytest.FixtureRequest) -> Export:
    content = load_checked(story_folder(request.param))
    return Renderer(derive_site(content)).export


def plain_table(export: Export, model: type[BaseModel], records: Sequence[BaseModel]) -> list[list[str]]:
    """A table's columns, each cell read on its own."""
    rows = [plain_row(export, record) for record in records]
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in columns(model)]


def test_every_table_of_every_story_is_its_cells_read_one_by_one(export: Export) -> None:
    for kind in KINDS:
        records = export.content.of(kind)
        assert list(map(list, Cells(export).table(kind.model, records))) == plain_table(export, kind.model, records)


# --- on generated records ------------------------------------------------------------------


class Colour(Enum):
    RED = "red"
    BLUE = "blue"


class Leaf(BaseModel):
    label: str
    who: ActorRef | None = None
    tags: tuple[str, ...] = ()


class Part(BaseModel):
    said: str | None = None
    when: FuzzyDate | None = None
    leaf: Leaf | None = None
    leaves: tuple[Leaf, ...] = ()
    whom: tuple[ActorRef, ...] = ()


class Record(BaseModel):
    id: str
    number: int | None = None
    flag: bool = False
    colour: Colour | None = None
    prose: ProseText | None = None
    part: Part | None = None
    parts: tuple[Part, ...] = ()
    groups: tuple[tuple[Leaf, ...], ...] = ()
    mixed: str | int | bool | tuple[str, ...] | None = None  # classes and lists in one column


class Names:
    """What the cells read of an export: names by id, prose as words."""

    def __init__(self) -> None:
        self.names = {"a": "Alpha", "b": "Beta", "c": "Gamma"}

    def words(self, text: str) -> str:
        return text.upper()


texts = st.one_of(st.none(), st.sampled_from(["", "x", "=1", "a; b", "-"]), st.text(max_size=5))
ids = st.sampled_from(["a", "b", "c"]).map(RefId)
dates = st.sampled_from(["2012", "2012-07", "2012-07-11"]).map(FuzzyDate.parse)
leaves = st.builds(
    Leaf.model_construct,
    label=st.text(max_size=3),
    who=st.none() | ids,
    tags=st.lists(st.text(max_size=2), max_size=3).map(tuple),
)
parts = st.builds(
    Part.model_construct,
    said=texts,
    when=st.none() | dates,
    leaf=st.none() | leaves,
    leaves=st.lists(leaves, max_size=3).map(tuple),
    whom=st.lists(ids, max_size=3).map(tuple),
)
records = st.builds(
    Record.model_construct,
    id=st.just("r"),
    number=st.none() | st.integers(-5, 5),
    flag=st.booleans(),
    colour=st.none() | st.sampled_from(Colour),
    prose=st.none() | st.text(max_size=4).map(Prose),
    part=st.none() | parts,
    parts=st.lists(parts, max_size=3).map(tuple),
    groups=st.lists(st.lists(leaves, max_size=2).map(tuple), max_size=2).map(tuple),
    mixed=st.one_of(st.none(), texts, st.integers(-2, 2), st.booleans(), st.lists(st.text(max_size=2)).map(tuple)),
)


@settings(deadline=None, max_examples=examples(300))
@given(st.lists(records, max_size=6))
def test_generated_tables_are_their_cells_read_one_by_one(generated: list[Any]) -> None:
    export = cast(Export, Names())
    assert list(map(list, Cells(export).table(Record, generated))) == plain_table(export, Record, generated)


def test_the_generated_records_cover_each_column_once() -> None:
    assert len(columns(Record)) == len(Cells(cast(Export, Names())).table(Record, [Record.model_construct(id="r")]))


# --- rows written by joining cells, when the csv module would quote none -----------------------

CSV_CELLS = st.one_of(
    st.lists(
        st.sampled_from(["", "a", " b ", ",", '"', "\r", "\n", "\t", "=1", "+", "-", "@", ";", "é"]), max_size=3
    ).map("".join),
    st.sampled_from([MAX_CELL, MAX_CELL + 1]).map("x".__mul__),  # a cell as long as a cell may be, and one cut
)


def plain_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """The csv module writing every row, each cell made inert and fitted: what csv_bytes writes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([fitted(inert(cell)) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@settings(deadline=None, max_examples=300)
@given(st.lists(st.lists(CSV_CELLS, max_size=4), max_size=5))
def test_csv_rows_are_what_the_csv_module_writes(rows: list[list[str]]) -> None:
    assert csv_bytes(["h", "i"], rows) == plain_csv(["h", "i"], rows)


# A column's cells joined by NUL are searched for a formula's start: NUL inside a cell, before one too.
COLUMN_CELLS = CSV_CELLS | st.sampled_from(["\x00", "\x00=", "a\x00-b", "=\x00"])


@settings(deadline=None, max_examples=examples(300))
@given(st.integers(0, 4).flatmap(lambda n: st.lists(st.lists(COLUMN_CELLS, min_size=n, max_size=n), max_size=4)))
def test_csv_columns_are_what_the_csv_module_writes(table: list[list[str]]) -> None:
    header = [f"h{i}" for i in range(len(table))]
    assert csv_columns(header, table) == plain_csv(header, [list(row) for row in zip(*table, strict=True)])


# --- the schema, made once per model ---------------------------------------------------------


def test_the_schema_file_is_the_schema_of_the_model_asked_for() -> None:
    model = story_data.story_model()
    assert story_data.schema_file(model) == json_bytes(story_data.schema(), pretty=True)
    # A kind added to the registry makes a new model (test_new_kind.py): never the last one's schema.
    added = create_model("StoryData", __base__=model, tremors=(tuple[int, ...], Field(description="Tremors.")))
    assert story_data.schema_file(added) == json_bytes(story_data.schema(added), pretty=True)
    assert b'"tremors"' in story_data.schema_file(added) and b'"tremors"' not in story_data.schema_file(model)


def test_the_shipped_schema_is_the_one_the_models_make() -> None:
    # A build copies it for the declared registry (story_data.SHIPPED_SCHEMA): stale once a model changes.
    made = story_data.made_schema_file(story_data.story_model())
    assert story_data.SHIPPED_SCHEMA.read_bytes() == made, "stale: run python -m generator schema"
    assert story_data.schema_file(story_data.story_model()) == made


# --- the timeline's rows, made once for its pages and the TimelineJS slides -------------------


@pytest.mark.parametrize("story", STORIES)
def test_timeline_rows_shared_by_the_parts_and_slides_are_the_rows_made_afresh(story: str) -> None:
    content = load_checked(story_folder(story))
    derived = derive_site(content, page_size=5)  # a timeline of many parts
    facts, division = derived.facts, derived.split.divisions[EVENTS.home]
    assert len(division.parts.parts) > 1
    shared = [timeline_page(content, facts, Scope(division, part)) for part in division.parts.parts]
    # Each part made with nothing made before it (a division of its own), as without the memo.
    alone = [
        timeline_page(content, facts, Scope(dataclasses.replace(division, made={}), part))
        for part in division.parts.parts
    ]
    assert shared == alone
    assert timeline_rows(content, facts, Scope(division)) == timeline_rows(content, facts)


# --- prose as plain words: references found by a pattern when they are the only markup ------------

PROSE_PIECES = st.sampled_from(
    ["[[a]]", "[[b-2]]", "[[a|shown]]", "[[A]]", "[[", "]]", "[", "]", "[^a]", "[x](https://e.org)", "(y)", "`c`"]
    + ["*", "**", "_", "\\", " ", "\n", "\t", "\x01", "\ue000", "word", "it's", "é", "—", "<b>", "&amp;"]
)


@settings(deadline=None, max_examples=300)
@given(st.lists(PROSE_PIECES, max_size=12).map("".join))
def test_plain_words_are_what_strip_markup_makes(text: str) -> None:
    names = {"a": " Ann ", "b-2": "Bo [[a]] *x*", "A": "Capital"}.__getitem__
    try:
        expected = strip_markup(text, names)
    except KeyError:  # a reference to no record: not valid content
        return
    assert plain_words(text, names) == expected


# --- JSON written by orjson, byte for byte what the json module writes ---------------------------

# Text that JSON escapes or that json_bytes makes script-safe, beside any other character (non-BMP
# included; lone surrogates are not text UTF-8 can hold, and no content can carry one).
JSON_TEXT = st.lists(
    st.one_of(st.sampled_from(["\x00", "\x1f", "\x7f", '"', "\\", "/", "<", ">", "&", "\u2028", "\u2029"]), st.text()),
    max_size=4,
).map("".join)
# Floats where orjson and json write them alike: orjson writes one below 1e-4 in another notation
# (0.00001 for 1e-05) and a NaN or an infinity as null, and the exports hold none (see below).
JSON_FLOATS = st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x == 0 or abs(x) >= 1e-4)
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-(2**70), 2**70), JSON_FLOATS, JSON_TEXT)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(JSON_TEXT, inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(deadline=None, max_examples=examples(500))
@given(JSON_VALUES)
def test_json_is_what_the_json_module_writes(data: Any) -> None:
    assert json_bytes(data) == plain_json(data)


def plain_json(data: Any) -> bytes:
    """What json_bytes wrote before orjson: the json module, then each script-unsafe character escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escape in {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}.items():
        text = text.replace(character, escape)
    return (text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n").encode("utf-8")


def test_every_json_export_of_every_story_is_what_the_json_module_writes(export: Export) -> None:
    for data in (story_data.story_data(export), popolo.Popolo(export).document(), timelinejs.Slides(export).timeline()):
        assert json_bytes(data) == plain_json(data)


def test_no_record_holds_a_float() -> None:
    # What keeps orjson's floats out of the exports: story.json holds every record, and none has a number
    # that is not an integer (a float field added to a model fails here; json_bytes would then need the
    # json module for the floats orjson writes otherwise).
    def types(schema: object) -> Iterator[object]:
        if isinstance(schema, dict):
            yield schema.get("type")
            for value in schema.values():
                yield from types(value)
        elif isinstance(schema, list):
            for value in schema:
                yield from types(value)

    found = list(types(story_data.story_model().model_json_schema(mode="serialization")))
    assert "integer" in found and "number" not in found


# --- made once per build: each record's address, each date's slide fields -------------------------


@pytest.mark.parametrize("site_url", [None, "https://example.org/story/"])
def test_record_addresses_made_once_are_made_afresh(export: Export, site_url: str | None) -> None:
    export = dataclasses.replace(export, site_url=site_url)
    for record_id, target in export.addresses.by_id.items():
        url = page_url(target.page, export.directory_urls) + (f"#{target.anchor}" if target.anchor else "")
        for _ in range(2):  # made, then kept
            assert export.published_page(record_id) == (export.absolute(url) or url)


def test_every_slide_is_the_slide_made_afresh(export: Export) -> None:
    slides = timelinejs.Slides(dataclasses.replace(export, site_url="https://example.org/story/"))
    rows = timeline_rows(export.content, export.facts)
    for row in rows + rows:  # made, then with every date's fields kept
        assert slides.slide(row) == timelinejs.Slides(slides.export).slide(row)


def test_story_data_constructed_is_the_story_data_validated(export: Export) -> None:
    # story.json's envelope is constructed from values already of their types: validating them gives the same.
    content, model = export.content, story_data.story_model()
    records = model.model_fields["records"].annotation
    assert isinstance(records, type) and issubclass(records, BaseModel)
    validated = model(
        updated=last_updated(content.story) or content.story.published,
        story=content.story,
        facts=story_data.facts_data(export),
        names=dict(sorted(export.names.items())),
        records=records(**{kind.name: content.of(kind) for kind in KINDS}),
    ).model_dump(mode="json")
    assert json_bytes(story_data.story_data(export)) == json_bytes(validated)
