"""Read a language's translation files (`content/translations/TAG/*.yml`) into located entries.

Each file is a mapping: `translated:` (the day its translations were made), then either
`story:` (story.yml's fields) or `records:` (record id, or a hand-written page's file name,
to that record's fields). A field is its path with list positions left out (`roles.title`);
it maps to one entry, or to a list of entries where the English is a list. An entry is
`{text, of}`: the translation, and the fingerprint of the English text it translates, with
`on:` for a day other than the file's and, for a quote given in the speaker's own words in
this language, `original: true` and the `sources` that print them. This module only reads
and checks the files' shape; translations.py matches the entries with the story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator.content.explain import did_you_mean, field_path
from generator.content.fields import SLUG_PATTERN, TranslationText
from generator.content.load import TRANSLATIONS_FOLDER, display_name, folder_files, parse_bytes, read_bytes
from generator.content.models import SOURCES_FIELD
from generator.content.problems import Problem, describe, quoted
from generator.content.safe_yaml import FieldPath, YamlFile

STORY = ""  # the owner of story.yml's fields, beside record ids and page file names
PAGE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.md$")  # a hand-written page, content/pages/NAME.md
FIELD = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
ENTRY_KEYS = ("text", "of", "on", "original", SOURCES_FIELD)  # an original cites, as a record does
FILE_KEYS = ("translated", "story", "records")
_TEXT: TypeAdapter[str] = TypeAdapter(TranslationText)


def fingerprint(text: str) -> str:
    """The fingerprint of an original text: its first 12 hex digits of SHA-256, spacing and Unicode
    forms evened out, so that rewrapping a line does not make its translation stale."""
    even = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(even.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Entry:
    """One translation as written: its text, what it translates, and where it is."""

    text: str  # empty: not translated yet (a skeleton's entry)
    of: str  # the fingerprint of the original it translates
    on: dt.date  # the day it was made
    original: bool  # the speaker's own words in this language, not a translation
    sources: tuple[str, ...]  # for an original: the sources that print it
    owner: str  # STORY, a record id or a page's file name
    field: str  # the field's path, list positions left out: roles.title
    file: str
    at: FieldPath  # where the entry is inside its file
    listed: bool  # written as an item of a list

    @property
    def where(self) -> str:
        """The entry's place in its file, as messages name it: records.jane-doe.roles.title[0]."""
        return field_path(self.at)


@dataclass(frozen=True)
class Translations:
    """Every entry of one language's files, and the files, to point at an entry."""

    tag: str
    entries: tuple[Entry, ...]
    files: dict[str, YamlFile]

    def problem(self, entry: Entry, message: str, key: str = "") -> Problem:
        """A problem located at an entry (or one of its keys: `of`, `text`)."""
        path = entry.at + ((key,) if key else ())
        line, column = self.files[entry.file].locate(path)
        return Problem(entry.file, line, column, field_path(path), message)


def folder(root: Path, tag: str) -> Path:
    """Where a language's translation files are: content/translations/TAG/."""
    return root / TRANSLATIONS_FOLDER / tag


def load_translations(root: Path, tag: str) -> tuple[Translations, list[Problem]]:
    """Read every file of a language's folder; entries that are well formed, and the problems of the rest."""
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    entries: list[Entry] = []
    place = folder(root, tag)
    for part in (root / TRANSLATIONS_FOLDER, place):
        # A link would be read and, by the skeleton, written through, wherever it points.
        if part.is_symlink():
            name = display_name(part, root)
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    f"'{name}' is a link (translations must be a real folder of the content folder; "
                    "move the folder here, or delete the link)",
                )
            )
            return Translations(tag, (), {}), problems
    if not place.is_dir():
        return Translations(tag, (), {}), problems  # check() says it is missing, at story.yml's line
    for path in folder_files(place, root, problems):
        parsed, found, file_problems = _read(path, root)
        problems += file_problems
        if parsed is not None:
            files[parsed.name] = parsed
            entries += found
    return Translations(tag, tuple(entries), files), problems


# Each file as last read, by name and bytes: check, the build and every language's pages read the
# same files several times in one run (and `serve` on every save); an edit changes the bytes.
_READ: dict[tuple[str, bytes], tuple[YamlFile | None, tuple[Entry, ...], tuple[Problem, ...]]] = {}
MAX_READ = 256


def _read(path: Path, root: Path) -> tuple[YamlFile | None, tuple[Entry, ...], tuple[Problem, ...]]:
    raw = read_bytes(path, root)
    if isinstance(raw, Problem):
        return None, (), (raw,)
    key = (display_name(path, root), raw)
    if key not in _READ:
        problems: list[Problem] = []
        parsed = parse_bytes(path, root, raw, problems)
        entries = tuple(_file_entries(parsed, problems)) if parsed is not None else ()
        while len(_READ) >= MAX_READ:
            del _READ[next(iter(_READ))]
        _READ[key] = (parsed, entries, tuple(problems))
    return _READ[key]


class _Reader:
    """Reads one parsed file, adding a located problem for each part that is not well formed."""

    def __init__(self, parsed: YamlFile, problems: list[Problem]) -> None:
        self.parsed = parsed
        self.problems = problems

    def fail(self, path: FieldPath, message: str, *, key: bool = False) -> None:
        line, column = self.parsed.locate(path, key=key)
        self.problems.append(Problem(self.parsed.name, line, column, field_path(path), message))

    def mapping(self, value: Any, path: FieldPath, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(path, f"expected {what}, got {describe(value)}")
        return None

    def unknown_keys(self, data: dict[str, Any], allowed: tuple[str, ...], path: FieldPath) -> None:
        for key in data:
            if key not in allowed:
                guess = did_you_mean(key, allowed)
                hint = f"did you mean '{guess}'?" if guess else f"remove it; allowed fields: {', '.join(allowed)}"
                self.fail(path + (key,), f"unknown field {quoted(key)} ({hint})", key=True)


def _file_entries(parsed: YamlFile, problems: list[Problem]) -> list[Entry]:
    reader = _Reader(parsed, problems)
    if parsed.data is None:
        return []  # parse_bytes reported the empty file
    data = reader.mapping(
        parsed.data, (), "a mapping with `translated:` (the day) and `story:` or `records:` (the translations)"
    )
    if data is None:
        return []
    reader.unknown_keys(data, FILE_KEYS, ())
    day = _day(reader, data.get("translated"), ("translated",), required=True)
    if ("story" in data) == ("records" in data):
        reader.fail((), "give either `story:` (story.yml's fields) or `records:` (by record id), one per file")
        return []
    entries = _entries(reader, data, day or dt.date.min)
    return entries if day is not None else []  # the entries' problems are reported all the same


def _entries(reader: _Reader, data: dict[str, Any], day: dt.date) -> list[Entry]:
    if "story" in data:
        fields = reader.mapping(data["story"], ("story",), "a mapping of story.yml's fields to their translations")
        return list(_fields(reader, STORY, fields, ("story",), day)) if fields is not None else []
    return list(_records(reader, data["records"], day))


def _records(reader: _Reader, value: Any, day: dt.date) -> Iterator[Entry]:
    records = reader.mapping(value, ("records",), "a mapping of record ids to their fields' translations")
    for owner, fields in (records or {}).items():
        path: FieldPath = ("records", owner)
        if not (re.fullmatch(SLUG_PATTERN, owner) or PAGE_FILE.fullmatch(owner)):
            reader.fail(
                path, f"{quoted(owner)} is not a record id nor a page's file name (e.g. jane-doe, about.md)", key=True
            )
            continue
        found = reader.mapping(fields, path, f"a mapping of the fields of {quoted(owner)} to their translations")
        if found is not None:
            yield from _fields(reader, owner, found, path, day)


def _fields(reader: _Reader, owner: str, fields: dict[str, Any], path: FieldPath, day: dt.date) -> Iterator[Entry]:
    for name, value in fields.items():
        at = path + (name,)
        if not FIELD.fullmatch(name):
            reader.fail(
                at,
                f"{quoted(name)} is not a field's path (write the field's name, and the names inside it joined "
                "by dots, list positions left out: roles.title)",
                key=True,
            )
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from _entry(reader, item, owner, name, at + (index,), day, listed=True)
        else:
            yield from _entry(reader, value, owner, name, at, day, listed=False)


def _entry(
    reader: _Reader, value: Any, owner: str, name: str, at: FieldPath, day: dt.date, *, listed: bool
) -> Iterator[Entry]:
    data = reader.mapping(value, at, '{text: "the translation", of: the fingerprint of the original}')
    if data is None:
        return
    reader.unknown_keys(data, ENTRY_KEYS, at)
    text = _text(reader, data, at)
    of = data.get("of")
    if not isinstance(of, str) or not FINGERPRINT.fullmatch(of):
        if "of" not in data:
            said = "required field is missing (add `of:`, "
        elif not isinstance(of, str):
            said = f"{describe(of)} is no fingerprint (put it in quotes: "
        else:
            said = f"{describe(of)} is no fingerprint ("
        reader.fail(
            at + ("of",), f"{said}the 12 hex digits that `python -m generator translations TAG --skeleton` writes)"
        )
        of = None
    on = _day(reader, data.get("on"), at + ("on",), required=False) or day
    original, sources = _original(reader, data, at)
    if text is None or of is None:
        return
    yield Entry(text, of, on, original, sources, owner, name, reader.parsed.name, at, listed)


def _text(reader: _Reader, data: dict[str, Any], at: FieldPath) -> str | None:
    if "text" not in data:
        reader.fail(at + ("text",), 'required field is missing (add `text: "the translation"`)')
        return None
    value = data["text"]
    if value is None:
        return ""  # `text:` left empty: not translated yet
    try:
        return _TEXT.validate_python(value)
    except ValidationError as err:
        error = err.errors()[0]
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "string_type":
            message = f"expected text, got {describe(value)} (put it in quotes)"
        reader.fail(at + ("text",), message)
        return None


def _day(reader: _Reader, value: Any, path: FieldPath, *, required: bool) -> dt.date | None:
    if value is None:
        if required:
            reader.fail(path, "required field is missing (add `translated:` with the day, e.g. 2024-05-03)")
        return None
    if isinstance(value, str) and DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    reader.fail(path, f"{describe(value)} is not a day (write YYYY-MM-DD, e.g. 2024-05-03)")
    return None


def _original(reader: _Reader, data: dict[str, Any], at: FieldPath) -> tuple[bool, tuple[str, ...]]:
    original = data.get("original", False)
    sources = data.get(SOURCES_FIELD, [])
    if not isinstance(original, bool):
        reader.fail(at + ("original",), f"expected true or false, got {describe(original)}")
        return False, ()
    if not isinstance(sources, list) or not all(isinstance(s, str) and re.fullmatch(SLUG_PATTERN, s) for s in sources):
        reader.fail(at + (SOURCES_FIELD,), f"expected a list of source ids, got {describe(sources)}")
        return original, ()
    if original and not sources:
        reader.fail(
            at + ("original",),
            "an original needs the sources that print the words in this language (add `sources: [source-id]`)",
        )
    if sources and not original:
        reader.fail(
            at + (SOURCES_FIELD,),
            "`sources` is for words given in the original (add `original: true`, or remove `sources`)",
        )
    return original, tuple(sources)
