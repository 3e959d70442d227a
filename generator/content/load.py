"""Find the content files, parse them and build typed records, collecting problems.

Layout: `story.yml`, and for each kind either `KIND.yml` or a folder `KIND/`
of `*.yml` files, each a list of records. Editors split a kind into as many
files as they like, so two people rarely edit the same file.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from generator.content.explain import did_you_mean, explain, field_path
from generator.content.models import (
    RECORD_KINDS,
    Actor,
    Defection,
    Document,
    Event,
    Figure,
    Membership,
    Mission,
    Plan,
    Quote,
    Record,
    Source,
    Story,
    Term,
)
from generator.content.problems import Problem
from generator.content.prose import SLUG_RE
from generator.content.safe_yaml import MAX_FILE_BYTES, Path_, YamlFile, load_file

STORY_FILE = "story.yml"
PAGES_FOLDER = "pages"  # hand-written Markdown pages, not data
SUFFIXES = (".yml", ".yaml")

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its file and its path inside that file."""

    file: str
    path: Path_


@dataclass
class Content:
    """Everything loaded from a content folder, typed."""

    root: Path
    story: Story
    records: dict[str, tuple[Record, ...]]
    origins: dict[str, Origin]
    files: dict[str, YamlFile] = field(repr=False)
    story_file: str = STORY_FILE
    # Ids of records that failed to load: references to them are not reported again.
    broken_ids: frozenset[str] = frozenset()
    # Kinds with a file that could not be read at all: their ids are unknowable.
    unreadable: frozenset[str] = frozenset()

    def of(self, kind: type[R]) -> tuple[R, ...]:
        name = next(k for k, cls in RECORD_KINDS.items() if cls is kind)
        return cast(tuple[R, ...], self.records.get(name, ()))

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.of(Actor)

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.of(Source)

    @property
    def defections(self) -> tuple[Defection, ...]:
        return self.of(Defection)

    @property
    def events(self) -> tuple[Event, ...]:
        return self.of(Event)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.of(Figure)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return self.of(Quote)

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.of(Document)

    @property
    def memberships(self) -> tuple[Membership, ...]:
        return self.of(Membership)

    @property
    def missions(self) -> tuple[Mission, ...]:
        return self.of(Mission)

    @property
    def plans(self) -> tuple[Plan, ...]:
        return self.of(Plan)

    @property
    def glossary(self) -> tuple[Term, ...]:
        return self.of(Term)

    @functools.cached_property
    def references(self) -> dict[str, tuple[tuple[Path_, str, tuple[str, ...]], ...]]:
        """Every reference in every record, found once: validation, backlinks and citations share it."""
        from generator.content.validate import references  # the walker lives with the rules that use it

        return {record.id: tuple(references(record)) for records in self.records.values() for record in records}

    def membership(self, body: str, year: int) -> Membership | None:
        """Who sat on `body` in `year`, if the content says."""
        return next((m for m in self.memberships if m.body == body and m.year == year), None)

    @functools.cached_property
    def by_id(self) -> dict[str, Record]:
        """Every record by its id."""
        return {record.id: record for records in self.records.values() for record in records}

    @functools.cached_property
    def kinds(self) -> dict[str, str]:
        """The kind of every record, by its id."""
        return {record.id: kind for kind, records in self.records.items() for record in records}

    @functools.cached_property
    def actor_names(self) -> dict[str, str]:
        return {a.id: a.name for a in self.actors}

    def locate(self, origin: Origin, subpath: Path_ = (), *, key: bool = False) -> tuple[int, int]:
        return self.files[origin.file].locate(origin.path + subpath, key=key)


def display_name(path: Path, root: Path) -> str:
    """Name a file relative to the content folder's parent: content/actors.yml."""
    return Path(os.path.relpath(path, root.parent)).as_posix()


def content_files(root: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Map each kind to its files, and report files and folders we do not know."""
    found: dict[str, list[Path]] = {kind: [] for kind in RECORD_KINDS}
    problems = []
    known = sorted([*RECORD_KINDS, "story"])
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name == PAGES_FOLDER:
            continue
        stem = entry.stem if entry.is_file() else entry.name
        if entry.is_file() and entry.suffix not in SUFFIXES:
            continue
        if stem == "story" and entry.is_file():
            continue
        if stem not in RECORD_KINDS:
            guess = did_you_mean(stem, known)
            hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(known)}"
            problems.append(Problem(display_name(entry, root), 1, 1, "",
                                    f"'{entry.name}' is not a kind of content ({hint})"))
            continue
        if entry.is_dir():
            found[stem].extend(sorted(p for p in entry.rglob("*") if p.suffix in SUFFIXES))
        else:
            found[stem].append(entry)
    return found, problems


def load(root: Path) -> tuple[Content | None, list[Problem]]:
    """Load and type-check a content folder.

    The content comes back whenever story.yml loaded, even with problems, so that
    cross-record rules can still run and every problem is reported in one go.
    """
    if not root.is_dir():
        return None, [Problem(str(root), 1, 1, "", "content folder not found "
                                                   "(run from the repository root or pass --content DIR)")]
    files: dict[str, YamlFile] = {}
    problems: list[Problem] = []
    story = _load_story(root, files, problems)
    paths, found_problems = content_files(root)
    problems += found_problems
    records: dict[str, tuple[Record, ...]] = {}
    origins: dict[str, Origin] = {}
    unreadable: set[str] = set()
    for kind, kind_paths in paths.items():
        loaded: list[Record] = []
        for path in kind_paths:
            before = len(problems)
            loaded += _load_records(path, root, RECORD_KINDS[kind], files, origins, problems)
            parsed = files.get(display_name(path, root))
            if len(problems) > before and (parsed is None or not isinstance(parsed.data, list)):
                unreadable.add(kind)
        records[kind] = tuple(loaded)
    if story is None:
        return None, problems
    story_name = display_name(root / STORY_FILE, root)
    broken = frozenset(_raw_ids(files.values())) - set(origins)
    return Content(root, story, records, origins, files, story_name, broken,
                   frozenset(unreadable)), problems


def _parse(path: Path, root: Path, files: dict[str, YamlFile],
           problems: list[Problem], raw: bytes | None = None) -> YamlFile | None:
    name = display_name(path, root)
    parsed, file_problems = load_file(path, name, raw)
    files[name] = parsed
    problems += file_problems
    if file_problems:
        return None
    if parsed.data is None:
        problems.append(Problem(name, 1, 1, "", "file is empty (add records, or delete the file)"))
        return None
    return parsed


def _load_story(root: Path, files: dict[str, YamlFile], problems: list[Problem]) -> Story | None:
    path = root / STORY_FILE
    if not path.is_file():
        problems.append(Problem(display_name(path, root), 1, 1, "",
                                "story.yml is missing (every content folder needs one)"))
        return None
    parsed = _parse(path, root, files, problems)
    if parsed is None:
        return None
    if not isinstance(parsed.data, dict):
        problems.append(Problem(parsed.name, 1, 1, "", "expected a mapping of story fields "
                                                       "(headline:, summary:, ...), not a list"))
        return None
    return _validate(Story, parsed.data, parsed, (), problems)


@dataclass(frozen=True)
class _FileResult:
    """What one file gives on its own: its parse, its valid records (with index), its problems."""

    parsed: YamlFile | None
    records: tuple[tuple[int, Record], ...]
    problems: tuple[Problem, ...]


# The last result for each file, by name, with the bytes it came from. While `mkdocs serve`
# runs, an edit to one file re-parses and re-validates that file only.
_cache: dict[tuple[str, type[Record]], tuple[bytes, _FileResult]] = {}


def _file_records(path: Path, root: Path, kind: type[Record]) -> _FileResult:
    name = display_name(path, root)
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else b""
    except OSError:
        raw = b""
    cached = _cache.get((name, kind))
    if raw and cached and cached[0] == raw:
        return cached[1]
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    parsed = _parse(path, root, files, problems, raw or None)
    records: list[tuple[int, Record]] = []
    if parsed is not None and not isinstance(parsed.data, list):
        problems.append(Problem(parsed.name, 1, 1, "", "expected a list of records, one starting "
                                                       "with '- id:' each, not a mapping"))
    elif parsed is not None:
        for index, item in enumerate(parsed.data):
            record = _validate(kind, item, parsed, (index,), problems)
            if record is not None:
                records.append((index, record))
    result = _FileResult(parsed or files.get(name), tuple(records), tuple(problems))
    if raw:
        _cache[(name, kind)] = (raw, result)
    return result


def _load_records(path: Path, root: Path, kind: type[Record], files: dict[str, YamlFile],
                  origins: dict[str, Origin], problems: list[Problem]) -> list[Record]:
    result = _file_records(path, root, kind)
    problems += result.problems
    parsed = result.parsed
    if parsed is None:
        return []
    files[parsed.name] = parsed
    loaded = []
    for index, record in result.records:
        if record.id in origins:
            first = origins[record.id]
            line, _ = files[first.file].locate(first.path + ("id",))
            at = parsed.locate((index, "id"))
            problems.append(Problem(parsed.name, *at, f"[{index}].id",
                                    f"id '{record.id}' is already used in {first.file}:{line} "
                                    "(ids must be unique across all content; choose another)"))
            continue
        origins[record.id] = Origin(parsed.name, (index,))
        loaded.append(record)
    return loaded


def _raw_ids(files: Iterable[YamlFile]) -> Iterator[str]:
    for parsed in files:
        if isinstance(parsed.data, list):
            for item in parsed.data:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    yield item["id"]


M = TypeVar("M", bound=BaseModel)


PLACEHOLDER = "TODO"


def _placeholders(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Paths of values still holding the TODO placeholder that `generator new` writes."""
    if isinstance(data, str) and data.strip().startswith(PLACEHOLDER):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders(value, path + (index,))


def _validate(model: type[M], data: Any, parsed: YamlFile, prefix: Path_,
              problems: list[Problem]) -> M | None:
    label = _label(data, prefix)
    # The placeholder walk is skipped for files with no TODO in them at all.
    todo = list(_placeholders(data)) if PLACEHOLDER in parsed.may_hold else []
    for path in todo:
        line, column = parsed.locate(prefix + path)
        problems.append(Problem(parsed.name, line, column, field_path([label, *path] if label else path),
                                "still a placeholder (replace TODO with the real value; the comment "
                                "on the line says what goes there)"))
    try:
        record = model.model_validate(data)
    except ValidationError as err:
        errors = err.errors()
        locs = [tuple(e["loc"]) for e in errors]
        for error in errors:
            loc = tuple(error["loc"])
            if any(loc[:len(t)] == t for t in todo):
                continue  # reported above as a placeholder
            if error["type"] == "too_short" and any(o[:len(loc)] == loc and o != loc for o in locs):
                continue  # an item of the list failed; that is the problem to report
            key = error["type"] == "extra_forbidden"
            line, column = parsed.locate(prefix + loc, key=key)
            where = field_path([label, *loc] if label else loc)
            problems.append(Problem(parsed.name, line, column, where, explain(error, model)))
        return None
    return None if todo else record


def _label(data: Any, prefix: Path_) -> str:
    """Name a record in messages by its id when it has a usable one, else by its index."""
    if not prefix:
        return ""
    record_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(record_id, str) and SLUG_RE.match(record_id):
        return record_id
    return f"[{prefix[-1]}]"
