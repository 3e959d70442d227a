"""What every export reads (the checked content, its facts, where the site lives) and how JSON is written."""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, PlainSerializer, TypeAdapter, WrapSerializer
from pydantic.fields import FieldInfo

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.load import Content
from generator.content.models import Attribution, Source
from generator.content.prose import plain_words
from generator.facts.addresses import Addresses, page_url, relative
from generator.facts.derive import Facts
from generator.facts.sentences import claimed_text

# Characters escaped in every JSON file we publish: with <, > and & written as \u escapes the
# JSON can be pasted into a <script> element (as TimelineJS users do) and never close it; U+2028
# and U+2029 end a line in older JavaScript.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# The same in UTF-8, for the bytes orjson writes (a character's UTF-8 bytes are found only where it is).
_SCRIPT_SAFE_BYTES = {character.encode(): escape.encode() for character, escape in _SCRIPT_SAFE.items()}
# orjson as json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")) with a final line
# break: keys sorted by code point, text as UTF-8 with control characters escaped as json escapes
# them. Dataclasses and datetimes are passed through to raise, as json raises on them.
_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATACLASS
_ORJSON |= orjson.OPT_PASSTHROUGH_DATETIME


@dataclass(frozen=True)
class Export:
    """The content, the facts and the site's address, for the export builders."""

    content: Content
    facts: Facts
    names: dict[str, str]  # every record's display name, by id
    templates: Path  # the page templates' folder, which also holds the embed page's template
    addresses: Addresses  # the pages' addresses, with their split (facts/derivation.py)
    directory_urls: bool = True
    site_url: str | None = None  # the published site's address; without it, links are relative

    @functools.cached_property
    def sources(self) -> dict[str, Source]:
        """The sources by id, for the exports that cite them (looked up once per build, not per file)."""
        return {source.id: source for source in self.content.sources}

    @functools.cached_property
    def _words(self) -> dict[str, str]:
        return {}  # prose already reduced to words: the same text is in several exports

    def words(self, text: str | None) -> str:
        """Prose as plain words: Markdown dropped, [[id]] references as the records' short names."""
        if not text:
            return ""
        if text not in self._words:
            self._words[text] = plain_words(text, self.short_name)
        return self._words[text]

    @functools.cached_property
    def _short_names(self) -> dict[str, str]:
        return {}  # by id: a record is referred to from many texts, and its kind works out its name

    def short_name(self, record_id: str) -> str:
        """What [[id]] reads as in running text: the record's short name where it has one."""
        name = self._short_names.get(record_id)
        if name is None:
            name = self._short_names[record_id] = self.content.short_name_of(self.content.by_id[record_id])
        return name

    def claimed(self, text: str | None, attribution: Attribution | None) -> str:
        """Prose as plain words, followed by whose claim it is when it is someone's claim."""
        return claimed_text(self.words(text), attribution, self.names.__getitem__)

    def page_of(self, record_id: str) -> str:
        """The URL of a record's page (and anchor) from the site's root."""
        target = self.addresses[record_id]
        url = self._urls.get(target.page)
        if url is None:
            url = self._urls[target.page] = page_url(target.page, self.directory_urls)
        return f"{url}#{target.anchor}" if target.anchor else url

    @functools.cached_property
    def _urls(self) -> dict[str, str]:
        return {}  # each page's URL, by its path: a timeline or quotes page holds hundreds of records

    def published_page(self, record_id: str) -> str:
        """The address of a record's page (and anchor): absolute when the site's address is known,
        else from the site's root (as `absolute(page_of(record_id)) or page_of(record_id)`)."""
        return self._published[record_id]

    @functools.cached_property
    def _published(self) -> dict[str, str]:
        """Every record's published_page, made at once when one is first asked: the tables link every
        record and the TimelineJS slides most of them again. One loop over the addresses, rather than
        page_of and absolute called per record (5 of the tables' 55 ms at 1,000 actors)."""
        root = self._root or ""  # without the site's address, the address from the site's root
        urls, found = self._urls, {}
        for record_id, target in self.addresses.by_id.items():
            url = urls.get(target.page)
            if url is None:
                url = urls[target.page] = page_url(target.page, self.directory_urls)
            found[record_id] = f"{root}{url}#{target.anchor}" if target.anchor else root + url
        return found

    def record_link(self, from_file: str, record_id: str) -> str:
        """A link from a published file to a record: absolute when the site's address is known."""
        target = self.addresses[record_id]
        return self.link(from_file, target.page, target.anchor)

    def absolute(self, path: str) -> str | None:
        """The full address of a path from the site's root, when the site's address is known."""
        if self._root is None:
            return None
        return self._root + path

    @functools.cached_property
    def _root(self) -> str | None:
        return None if self.site_url is None else self.site_url.rstrip("/") + "/"  # asked of every record

    def link(self, from_file: str, to_page: str, anchor: str | None = None) -> str:
        """A link from one published file to a page or file: absolute when the site's address is known."""
        url = page_url(to_page, self.directory_urls) + (f"#{anchor}" if anchor else "")
        return self.absolute(url) or relative(from_file, to_page, anchor, self.directory_urls)


def json_bytes(data: Any, *, pretty: bool = False) -> bytes:
    """Data as UTF-8 JSON with sorted keys, safe inside a <script> element.

    Compact JSON is written by orjson, four times as fast as json.dumps with sorted keys (0.06 s of
    the exports at 1,000 actors) and byte for byte the same on JSON values: text (control, non-BMP
    and line-separator characters included), integers, booleans, null, lists and objects with text
    keys, and floats but two sorts: orjson writes one below 1e-4 in other notation (0.00001 for
    1e-05) and NaN or infinity as null. The exports hold no float, as no model has a float field.
    tests/test_export_shortcuts.py checks that, and the two ways' bytes on every story's exports and
    on generated values. What orjson refuses (an integer past 64 bits, a key that is not text, deep
    nesting) goes the json way."""
    if pretty:
        return _json_module(data, pretty=True)
    try:
        text = orjson.dumps(data, option=_ORJSON)
    except orjson.JSONEncodeError:
        return _json_module(data)
    return _script_safe(text)


def model_json(model: BaseModel) -> bytes:
    """json_bytes(model.model_dump(mode="json")), written by orjson from the model itself.

    Dumping story.json's models to JSON values before orjson wrote them took two thirds of its time
    (25 of 37 ms at 1,000 actors): pydantic builds a dict per record that orjson then walks again.
    orjson writes what JSON mode makes of text (and its subclasses: ids, prose), integers, flags,
    enums (their values), tuples and None as they are; it asks `_json_value` for the rest, a model's
    fields or a date as written. A model pydantic would write otherwise (aliases, excluded or computed
    fields, its own serializers) is dumped by pydantic, and what orjson refuses goes the plain way.
    tests/test_model_json.py checks it against the plain way on every story and on generated models."""
    try:
        text = orjson.dumps(model, default=_json_value, option=_ORJSON)
    except orjson.JSONEncodeError:
        return json_bytes(model.model_dump(mode="json"))
    return _script_safe(text)


def _json_value(value: object) -> Any:
    """What JSON mode makes of a value orjson does not write itself (orjson's `default`)."""
    write = _JSON_WRITERS.get(type(value))
    if write is None:
        write = _JSON_WRITERS[type(value)] = _json_writer(type(value))
    return write(value)


def _json_writer(cls: type) -> Callable[[Any], Any]:
    """How JSON mode writes a value of class `cls`: decided once per class."""
    if not issubclass(cls, BaseModel):
        return functools.partial(TypeAdapter(cls).dump_python, mode="json")  # raises on what it cannot write
    if _dumps_its_fields(cls):
        return _fields_getter(tuple(cls.model_fields))
    return functools.partial(cls.model_dump, mode="json")


def _dumps_its_fields(cls: type[BaseModel]) -> bool:
    """Whether pydantic writes a model as its fields, under their own names, and nothing else."""
    decorators = cls.__pydantic_decorators__
    return (
        not cls.model_computed_fields
        and not decorators.field_serializers
        and not decorators.model_serializers
        and not any(key.startswith("ser_json_") for key in cls.model_config)  # e.g. timedeltas as seconds
        and all(_written_as_it_is(field) for field in cls.model_fields.values())
    )


def _written_as_it_is(field: FieldInfo) -> bool:
    """Whether pydantic writes a field under its name, always, by its type's own serializer."""
    return (
        field.exclude is None
        and field.exclude_if is None
        and field.alias is None
        and field.serialization_alias is None
        and not any(isinstance(m, (PlainSerializer, WrapSerializer)) for m in field.metadata)
        and not _written_its_own_way(field.annotation)
    )


def _written_its_own_way(annotation: Any) -> bool:
    """Whether a serializer is annotated anywhere inside a field's type (`Annotated[str, ...] | None`,
    in a tuple), or a model class there has subclasses: pydantic writes a subclass's value as the
    field's class, its fields only, where orjson would write the value's own."""
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        return any(isinstance(m, (PlainSerializer, WrapSerializer)) for m in metadata) or _written_its_own_way(inner)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation.__subclasses__():
        return True
    return any(_written_its_own_way(arg) for arg in typing.get_args(annotation))


def _fields_getter(names: tuple[str, ...]) -> Callable[[BaseModel], dict[str, Any]]:
    """A function giving a model's fields by name (these are its fields' names)."""

    def fields(model: BaseModel) -> dict[str, Any]:
        # Its __dict__, which holds its fields, unless something else was kept there (a cached property).
        held = model.__dict__
        return held if len(held) == len(names) else {name: held[name] for name in names}

    return fields


# By class: the dates' are what their pydantic schemas write (content/dates.py, _parsed_by), called
# directly rather than through a TypeAdapter (a fifth of story.json's time); tests/test_model_json.py
# checks that they agree.
_JSON_WRITERS: dict[type, Callable[[Any], Any]] = {FuzzyDate: FuzzyDate.data, Timestamp: Timestamp.iso}


def _script_safe(text: bytes) -> bytes:
    """orjson's JSON with the characters a <script> element cannot hold escaped (see _SCRIPT_SAFE)."""
    for character, escape in _SCRIPT_SAFE_BYTES.items():
        # Seldom there: a search is a fraction of a replace's pass over megabytes. Its last byte is
        # looked for first, as one byte is found by memchr and three by a slower search (4 ms over
        # story.json at 1,000 actors), and most text holds no byte \xa8 or \xa9 at all.
        if character[-1:] in text and character in text:
            text = text.replace(character, escape)
    return text


def _json_module(data: Any, *, pretty: bool = False) -> bytes:
    """json_bytes by the json module: for a pretty file, and what orjson refuses."""
    text = json.dumps(
        data,
        ensure_ascii=False,
        sort_keys=True,
        indent=2 if pretty else None,
        separators=(",", ": ") if pretty else (",", ":"),
    )
    for character, escape in _SCRIPT_SAFE.items():
        if character in text:
            text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")
