"""story.json written by orjson from its models (context.model_json) is what the plain way writes:
pydantic's dump to JSON values, then json_bytes. Checked on every story and on generated models,
with the fields pydantic writes in its own way (aliases, excluded and computed fields, serializers)
and a model holding more than its fields."""

from __future__ import annotations

import datetime
import functools
from enum import Enum
from typing import Annotated

import pytest
from conftest import ENGINE_STORY, TESTS, first_story
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, TypeAdapter, computed_field, field_serializer

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import Prose, ProseText, RefId
from generator.content.models import ActorRef
from generator.facts.addresses import STORY_JSON
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.exports import story_data
from generator.site.exports.context import _JSON_WRITERS, json_bytes, model_json
from generator.site.render import Renderer


def plain(model: BaseModel) -> bytes:
    return json_bytes(model.model_dump(mode="json"))


@pytest.mark.parametrize("story", ["engine", "first", "harbour"])
@pytest.mark.parametrize("site_url", [None, "https://example.org/story/"])
def test_story_json_is_the_story_data_dumped(story: str, site_url: str | None) -> None:
    folder = {"engine": ENGINE_STORY, "harbour": TESTS / "fixtures" / "harbour-story"}.get(story) or first_story()
    export = Renderer(derive_site(load_checked(folder)), site_url=site_url).export
    assert story_data.files(export)[STORY_JSON] == json_bytes(story_data.story_data(export))


# --- on generated models ---------------------------------------------------------------------


class Colour(Enum):
    RED = "red"
    BLUE = "blue"


class Leaf(BaseModel):
    label: str
    who: ActorRef | None = None
    when: FuzzyDate | None = None


class Counted(BaseModel):
    """Fields pydantic writes its own way: the model goes pydantic's way, its neighbours orjson's."""

    shown: str = Field(serialization_alias="Shown")
    hidden: str = Field(default="", exclude=True)
    loud: Annotated[str, PlainSerializer(str.upper)] = "x"
    leaf: Leaf | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size(self) -> int:
        return len(self.shown)


class Odd(BaseModel):
    """A field serializer, and a cached property kept in the instance's __dict__ beside the fields."""

    number: int

    @field_serializer("number")
    def _twice(self, number: int) -> int:
        return number * 2


class Kept(BaseModel):
    name: str

    @functools.cached_property
    def shout(self) -> str:
        return self.name.upper()


class Record(BaseModel):
    id: str
    number: int | None = None
    flag: bool = False
    colour: Colour | None = None
    prose: ProseText | None = None
    at: Timestamp | None = None
    leaves: tuple[Leaf, ...] = ()
    counted: Counted | None = None
    odd: Odd | None = None
    kept: Kept | None = None
    names: dict[str, str] = {}


TEXT = st.text(max_size=6) | st.sampled_from(["<", "&", "\u2028", "\u2029", "é", "\x00"])


def range_of(earliest: str, latest: str, text: str) -> dict[str, str]:
    return {"earliest": earliest, "latest": latest, **({"text": text} if text else {})}


DATE_TEXT = st.sampled_from(["", "the week before", "<b>", "\u2028", "é"])  # text a date may hold
ONE_DAY = st.sampled_from(["2012", "2012-07", "2012-07-11", "2013-02-28"])
DATES = st.one_of(
    ONE_DAY.map(FuzzyDate.parse),
    st.builds(
        lambda a, b, text: {"earliest": a, "latest": b, **({"text": text} if text else {})}, ONE_DAY, ONE_DAY, DATE_TEXT
    )
    .filter(lambda d: d["earliest"] <= d["latest"])
    .map(FuzzyDate.parse),
    st.builds(lambda day, text: {"scheduled": day, **({"text": text} if text else {})}, ONE_DAY, DATE_TEXT).map(
        FuzzyDate.parse
    ),
)
MOMENTS = st.sampled_from(["2012-07-11T18:30:00Z", "2012-07-11T21:30:00+03:00"]).map(Timestamp.parse)
LEAVES = st.builds(Leaf.model_construct, label=TEXT, who=st.none() | TEXT.map(RefId), when=st.none() | DATES)


def kept(name: str, asked: bool) -> Kept:
    made = Kept(name=name)
    if asked:
        assert made.shout == name.upper()  # now in made.__dict__
    return made


RECORDS = st.builds(
    Record.model_construct,
    id=TEXT,
    number=st.none() | st.integers(-(2**70), 2**70),  # past 64 bits: orjson refuses, the plain way writes it
    flag=st.booleans(),
    colour=st.none() | st.sampled_from(Colour),
    prose=st.none() | TEXT.map(Prose),
    at=st.none() | MOMENTS,
    leaves=st.lists(LEAVES, max_size=3).map(tuple),
    counted=st.none() | st.builds(Counted, shown=TEXT, hidden=TEXT, loud=TEXT, leaf=st.none() | LEAVES),
    odd=st.none() | st.builds(Odd, number=st.integers(-5, 5)),
    kept=st.none() | st.builds(kept, TEXT, st.booleans()),
    names=st.dictionaries(TEXT, TEXT, max_size=3),
)


@settings(deadline=None, max_examples=300)
@given(RECORDS)
def test_a_generated_model_is_written_as_pydantic_dumps_it(record: Record) -> None:
    assert model_json(record) == plain(record)


@settings(deadline=None, max_examples=200)
@given(DATES, MOMENTS)
def test_the_dates_are_written_as_their_schemas_write_them(date: FuzzyDate, moment: Timestamp) -> None:
    assert _JSON_WRITERS[FuzzyDate](date) == TypeAdapter(FuzzyDate).dump_python(date, mode="json")
    assert _JSON_WRITERS[Timestamp](moment) == TypeAdapter(Timestamp).dump_python(moment, mode="json")


class _Shouted(BaseModel):
    """A serializer inside an optional field's type and inside a tuple's items."""

    loud: Annotated[str, PlainSerializer(str.upper)] | None = "x"
    many: tuple[Annotated[str, PlainSerializer(str.upper)], ...] = ("y",)


class _Base(BaseModel):
    a: int = 1


class _Sub(_Base):
    b: int = 2


class _HoldsBase(BaseModel):
    """A field of a class with subclasses: pydantic writes a subclass's value as the field's class."""

    inner: _Base


class _Timed(BaseModel):
    model_config = ConfigDict(ser_json_timedelta="float")
    span: datetime.timedelta = datetime.timedelta(seconds=90)


@pytest.mark.parametrize(
    "model", [_Shouted(), _HoldsBase(inner=_Sub()), _Timed()], ids=lambda model: type(model).__name__
)
def test_a_model_pydantic_writes_its_own_way_is_dumped_by_pydantic(model: BaseModel) -> None:
    assert model_json(model) == plain(model)
