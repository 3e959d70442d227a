"""Find the content files, parse them and build typed records, collecting problems.

Layout: `story.yml`, and for each kind (see kinds.py) either `KIND.yml` or a
folder `KIND/` of `*.yml` or `*.yaml` files, each a list of records. Editors split a kind into as many
files as they like, so two people rarely edit the same file.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.content.explain import did_you_mean, explain, field_path
from generator.content.fields import MAX_ID_LENGTH
from generator.content.kinds import BY_MODEL, BY_NAME, KINDS, RECORD_FIELDS, Kind, Records
from generator.content.models import Membership, Record, Story
from generator.content.problems import Problem, describe
from generator.content.prose import SLUG_RE
from generator.content.safe_yaml import MAX_FILE_BYTES, FieldPath, YamlFile, load_file
from generator.content.walk import Reference, references

STORY_FILE = "story.yml"
PAGES_FOLDER = "pages"  # hand-written Markdown pages, not data
TRANSLATIONS_FOLDER = "translations"  # the story's other languages: content/translations.py reads them
SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its file and its path inside that file."""

    file: str
    path: FieldPath


@dataclass(frozen=True, kw_only=True)
class Content(Records):
    """Everything loaded from a content folder, typed: the story, a field of records per kind,
    and where each record was written."""

    root: Path
    story: Story
    origins: dict[str, Origin]
    files: dict[str, YamlFile] = field(repr=False)
    story_file: str = STORY_FILE
    # Ids of records that failed to load: references to them are not reported again.
    broken_ids: frozenset[str] = frozenset()
    # Kinds with a file that could not be read at all: their ids are unknowable.
    unreadable: frozenset[str] = frozenset()
    # False when story.yml did not load: `story` is then a stand-in, and only the checks that need
    # no story run (the content never reaches the pages: the story's own problem stops the build).
    story_loaded: bool = True
    # The content this was cut from (an edition's, facts/editions.py): a record kept as it was
    # keeps the references already found there, which is most of what deriving costs.
    cut_from: Content | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def _uncut(self) -> Content | None:
        """The content this was cut from, when this holds its very records (an edition whose update
        added none): the indexes of the records below are then the whole's, not made again."""
        whole = self.cut_from
        if whole is None or any(getattr(self, name) is not getattr(whole, name) for name in RECORD_FIELDS):
            return None
        return whole

    @functools.cached_property
    def references(self) -> dict[str, tuple[Reference, ...]]:
        """Every reference in every record, found once: validation, backlinks and citations share it."""
        if self._uncut is not None:
            return self._uncut.references
        if self.cut_from is None:
            return {record.id: tuple(references(record)) for record in self.all()}
        found, same = self.cut_from.references, self.cut_from.by_id
        return {r.id: found[r.id] if same.get(r.id) is r else tuple(references(r)) for r in self.all()}

    def membership(self, body: str, year: int) -> Membership | None:
        """Who sat on `body` in `year` (as the year began, where it changed), if the content says."""
        found = self._memberships.get((body, year))
        return found[0] if found else None

    def membership_on(self, body: str, day: dt.date) -> Membership | None:
        """Who sat on `body` on `day`: of that year's memberships, the last to have taken effect by then."""
        current = None
        for membership in self._memberships.get((body, day.year), ()):
            if membership.since is None or membership.since.latest <= day:
                current = membership
        return current

    @functools.cached_property
    def _memberships(self) -> dict[tuple[str, int], tuple[Membership, ...]]:
        """Each body's memberships by year, in the order they took effect (the year's first from 1 January)."""
        found: dict[tuple[str, int], list[Membership]] = {}
        for membership in self.memberships:
            found.setdefault((membership.body, membership.year), []).append(membership)
        return {key: tuple(sorted(group, key=_took_effect)) for key, group in found.items()}

    @functools.cached_property
    def by_id(self) -> dict[str, Record]:
        """Every record by its id."""
        if self._uncut is not None:
            return self._uncut.by_id
        return {record.id: record for record in self.all()}

    @functools.cached_property
    def kinds(self) -> dict[str, Kind[Any]]:
        """The kind of every record, by its id."""
        if self._uncut is not None:
            return self._uncut.kinds
        return {record.id: kind for kind, records in self.by_kind() for record in records}

    @functools.cached_property
    def actor_names(self) -> dict[str, str]:
        return {a.id: a.name for a in self.actors}

    def actor_name(self, actor_id: str | None) -> str:
        """An actor's name, or the id itself when there is no such actor."""
        return self.actor_names.get(actor_id or "", actor_id or "")

    def name_of(self, record: Record) -> str:
        """The name a link to a record shows."""
        return BY_MODEL[type(record)].name_of(record, self.actor_name, self.story.language)

    def short_name_of(self, record: Record) -> str:
        """What `[[id]]` prints in running text: the record's short name where it has one."""
        return BY_MODEL[type(record)].short_name_of(record, self.actor_name, self.story.language)

    def locate(self, origin: Origin, subpath: FieldPath = (), *, key: bool = False) -> tuple[int, int]:
        return self.files[origin.file].locate(origin.path + subpath, key=key)


def display_name(path: Path, root: Path) -> str:
    """Name a file for messages: as the editor typed the folder (`../scratch/actors.yml`) when the
    folder was given as a relative path, else from the folder's own name (`content/actors.yml`)."""
    inside = os.path.relpath(path, root)
    if not root.is_absolute():
        return Path(os.path.normpath(root / inside)).as_posix()
    return (Path(root.name) / inside).as_posix()


def display_root(root: Path) -> str:
    """The content folder as messages name it, ending in a slash: content/, ../scratch/."""
    return f"{Path(os.path.normpath(root)).as_posix() if not root.is_absolute() else root.name}/"


# What the checks that need no story see when story.yml did not load.
STAND_IN_STORY = Story.model_validate(
    {
        "headline": "story.yml did not load",
        "summary": "story.yml did not load",
        "need_to_know": ["story.yml did not load[^stand-in]"] * 3,
        "language": "en",
        "dateline": {"place": "-", "date": "2000"},
        "published": "2000-01-01T00:00:00Z",
        "byline": ["-"],
        "sides": [{"id": "stand-in", "label": "-"}],
    }
)


# What editors' tools leave beside the files they edit: Emacs backups (x.yml~) and autosaves
# (#x.yml#), Vim swap files, merge tools' copies. Skipped silently, like hidden files.
SCRATCH_ENDINGS = ("~", "#", ".swp", ".swo", ".swx", ".bak", ".orig")
# Every part of a content path ends up in edit links and page sources: nothing in it may need escaping.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
MAX_NAME_LENGTH = 100
# Folders inside a kind folder: ample for sorting files, and a bound on the walk.
MAX_SUBFOLDERS = 4
SAFE_NAME_HINT = (
    f"rename it using only letters A-Z and a-z, digits, '.', '_' and '-', "
    f"starting with a letter or digit, at most {MAX_NAME_LENGTH} characters"
)


def content_files(root: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Map each kind to its files, and report every other entry of the content folder.

    Hidden files and editors' leftovers (.DS_Store, .#x.yml, x.yml~, #x.yml#, x.swp) are
    skipped silently; anything else that is not a safely named .yml or .yaml file (any case)
    is a problem. Entries are judged by lstat and never opened, and links are not followed.
    """
    found: dict[str, list[Path]] = {kind.name: [] for kind in KINDS}
    problems: list[Problem] = []
    base = os.path.realpath(root)
    for entry in _entries(root, root, problems):
        if entry.name in (PAGES_FOLDER, TRANSLATIONS_FOLDER) or _refused(entry, root, base, problems):
            continue  # pages/ holds Markdown and translations/ other languages, not records
        if entry.name == STORY_FILE:
            continue  # read on its own
        folder = entry.is_dir(follow_symlinks=False)
        stem = entry.name if folder else os.path.splitext(entry.name)[0]
        if stem == "story" and not folder:
            problems.append(_problem(Path(entry.path), root, f"'{entry.name}' must be named {STORY_FILE} (rename it)"))
        elif stem not in BY_NAME:
            problems.append(_unknown_kind(Path(entry.path), root, stem))
        elif folder:
            found[stem] += sorted(_kind_files(Path(entry.path), root, base, problems, 0))
        else:
            found[stem].append(Path(entry.path))
    return found, problems


def _unknown_kind(path: Path, root: Path, stem: str) -> Problem:
    known = sorted([*BY_NAME, "story"])
    guess = did_you_mean(stem, known)
    hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(known)}"
    return _problem(path, root, f"'{path.name}' is not a kind of content ({hint})")


def _kind_files(folder: Path, root: Path, base: str, problems: list[Problem], depth: int) -> list[Path]:
    """The content files in a kind folder and its subfolders, at most MAX_SUBFOLDERS deep."""
    files: list[Path] = []
    for entry in _entries(folder, root, problems):
        path = Path(entry.path)
        if _refused(entry, root, base, problems):
            continue
        if not entry.is_dir(follow_symlinks=False):
            files.append(path)
        elif depth < MAX_SUBFOLDERS:
            files += _kind_files(path, root, base, problems, depth + 1)
        else:
            problems.append(
                _problem(
                    path,
                    root,
                    f"'{entry.name}' is nested too deep (at most "
                    f"{MAX_SUBFOLDERS} folders inside a kind folder; "
                    "move its files up)",
                )
            )
    return files


def _entries(folder: Path, root: Path, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """A folder's entries by name, less hidden files and editors' leftovers."""
    try:
        with os.scandir(folder) as scan:
            return sorted((e for e in scan if not _is_scratch(e.name)), key=lambda e: e.name)
    except OSError as err:
        problems.append(_problem(folder, root, f"folder cannot be read ({err.strerror}; check its permissions)"))
        return []


def _is_scratch(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(SCRATCH_ENDINGS)


def _refused(entry: os.DirEntry[str], root: Path, base: str, problems: list[Problem]) -> bool:
    """Report an entry that is neither a content file nor a folder; say whether it was."""
    try:
        reason = _refusal(entry, base)
    except OSError as err:  # gone, or unreadable, since the folder was listed
        reason = f"'{entry.name}' cannot be read ({err.strerror})"
    if reason:
        problems.append(_problem(Path(entry.path), root, reason))
    return reason is not None


def _refusal(entry: os.DirEntry[str], base: str) -> str | None:
    """Why an entry cannot be content, judged on the entry itself: its name, then its lstat."""
    name = entry.name
    if len(name) > MAX_NAME_LENGTH or not SAFE_NAME.fullmatch(name):
        return f"'{_shown(name)}' is not a safe name ({SAFE_NAME_HINT})"
    if entry.is_symlink():
        return _link_refusal(entry, base)
    mode = entry.stat(follow_symlinks=False).st_mode
    yaml = os.path.splitext(name)[1].lower() in SUFFIXES
    if stat.S_ISDIR(mode):
        return f"'{name}' is a folder, not a file (rename it: only files end in .yml or .yaml)" if yaml else None
    if not stat.S_ISREG(mode):
        return f"'{name}' is not a regular file (it is {_file_type(mode)}; content files must be plain text files)"
    if not yaml:
        return (
            f"'{name}' is not a content file (content files end in .yml or .yaml; "
            "move other files out of the content folder)"
        )
    return None


def _link_refusal(entry: os.DirEntry[str], base: str) -> str:
    """Links are refused wherever they point: an edit link would open the link rather than the text,
    a link to another content file loads its records twice, and Windows checkouts turn links into
    text files. Only the message depends on the target, which is resolved without being opened."""
    target = os.path.realpath(entry.path)
    if not _inside(target, base):
        return (
            f"'{entry.name}' points outside the content folder (links are not followed; "
            "copy the file into the content folder instead)"
        )
    if not os.path.exists(target):
        return f"'{entry.name}' is a broken link (its target is missing or loops back; delete the link)"
    return (
        f"'{entry.name}' is a link (content files must be real files, not links; "
        "move the file here, or delete the link)"
    )


def _inside(path: str, base: str) -> bool:
    try:
        return os.path.commonpath([path, base]) == base
    except ValueError:  # another drive, on Windows
        return False


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _shown(text: str) -> str:
    """Text fit for a one-line message: control characters and undecodable bytes as escapes."""
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    # A byte that is not UTF-8 comes from os.fsdecode as a lone surrogate: show the byte itself.
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1]


def _problem(path: Path, root: Path, message: str) -> Problem:
    return Problem(_shown(display_name(path, root)), 1, 1, "", message)


def _read_regular(path: Path, name: str) -> bytes | Problem:
    """The bytes of a regular file, read no further than one byte past MAX_FILE_BYTES.

    O_NOFOLLOW and O_NONBLOCK mean that a link or pipe put in the file's place since the
    folder was listed is neither followed nor waited on; fstat then checks what was opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with open(os.open(path, flags), "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                return Problem(
                    name,
                    1,
                    1,
                    "",
                    f"'{path.name}' is not a regular file (it is "
                    f"{_file_type(info.st_mode)}; content files must be plain text files)",
                )
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return Problem(name, 1, 1, "", f"file cannot be read ({err.strerror}; check its permissions)")
    if len(raw) > MAX_FILE_BYTES:  # the same words as safe_yaml.load_file's check of the size
        return Problem(
            name,
            1,
            1,
            "",
            f"file is {max(info.st_size, len(raw)):,} bytes, over the limit of "
            f"{MAX_FILE_BYTES:,} (split the records into several files in the same folder)",
        )
    return raw


def folder_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The .yml and .yaml files of a folder and its subfolders, judged as a kind folder's are."""
    return sorted(_kind_files(folder, root, os.path.realpath(root), problems, 0))


def read_bytes(path: Path, root: Path) -> bytes | Problem:
    """The bytes of one content file, read as the loader reads them (a regular file, within the size limit)."""
    return _read_regular(path, display_name(path, root))


def parse_bytes(path: Path, root: Path, raw: bytes, problems: list[Problem]) -> YamlFile | None:
    """Parse one content file's bytes as the loader does (UTF-8, safe YAML, not empty)."""
    return _parse(path, root, {}, problems, raw)


def load(root: Path, cache: FileCache | None = None) -> tuple[Content | None, list[Problem]]:
    """Load and type-check a content folder.

    The content comes back whenever the folder exists, even with problems (and with a stand-in
    story if story.yml did not load, see `story_loaded`), so that cross-record rules can still
    run on every record that parsed and every problem is reported in one go.
    """
    if not root.is_dir():
        return None, [
            Problem(
                str(root), 1, 1, "", "content folder not found (run from the repository root or pass --content DIR)"
            )
        ]
    files: dict[str, YamlFile] = {}
    problems: list[Problem] = []
    story = _load_story(root, files, problems)
    paths, found_problems = content_files(root)
    problems += found_problems
    records: dict[str, Any] = {}  # each kind's tuple, typed by Records' fields
    origins: dict[str, Origin] = {}
    unreadable: set[str] = set()
    cache = cache if cache is not None else FileCache()
    for kind in KINDS:
        loaded: list[Record] = []
        for path in paths[kind.name]:
            before = len(problems)
            loaded += _load_records(path, root, kind.model, files, origins, problems, cache)
            parsed = files.get(display_name(path, root))
            if len(problems) > before and (parsed is None or not isinstance(parsed.data, list)):
                unreadable.add(kind.name)
        records[kind.name] = tuple(loaded)
    story_name = display_name(root / STORY_FILE, root)
    # With no problem at all, every record loaded under its id: none can be broken (no walk of the data).
    broken = frozenset(_raw_ids(files.values())) - set(origins) if problems else frozenset()
    return Content(
        root=root,
        story=story or STAND_IN_STORY,
        origins=origins,
        files=files,
        story_file=story_name,
        broken_ids=broken,
        unreadable=frozenset(unreadable),
        story_loaded=story is not None,
        **records,
    ), problems


def _parse(
    path: Path, root: Path, files: dict[str, YamlFile], problems: list[Problem], raw: bytes | None = None
) -> YamlFile | None:
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
    if not os.path.lexists(path):
        problems.append(
            Problem(display_name(path, root), 1, 1, "", "story.yml is missing (every content folder needs one)")
        )
        return None
    if not stat.S_ISREG(path.lstat().st_mode):
        return None  # a link, folder or pipe: content_files() reports it, and it is never read
    raw = _read_regular(path, display_name(path, root))
    if isinstance(raw, Problem):
        problems.append(raw)
        return None
    parsed = _parse(path, root, files, problems, raw)
    if parsed is None:
        return None
    if not isinstance(parsed.data, dict):
        problems.append(
            Problem(
                parsed.name,
                1,
                1,
                "",
                "story.yml must hold the story's fields, one per line (headline: ..., summary: ...), "
                f"not {describe(parsed.data)}",
            )
        )
        return None
    return _validate(Story, parsed.data, parsed, (), problems)


@dataclass(frozen=True)
class _FileResult:
    """What one file gives on its own: its parse, its valid records (with index), its problems."""

    parsed: YamlFile | None
    records: tuple[tuple[int, Record], ...]
    problems: tuple[Problem, ...]


class FileCache:
    """The last result for each file, by name, with the bytes it came from.

    Owned by whoever loads the same folder again and again: while `mkdocs serve` runs,
    an edit to one file re-parses and re-validates that file only.
    """

    def __init__(self) -> None:
        self._results: dict[tuple[str, type[Record]], tuple[bytes, _FileResult]] = {}

    def get(self, name: str, kind: type[Record], raw: bytes) -> _FileResult | None:
        cached = self._results.get((name, kind))
        return cached[1] if raw and cached and cached[0] == raw else None

    def put(self, name: str, kind: type[Record], raw: bytes, result: _FileResult) -> None:
        if raw:
            self._results[(name, kind)] = (raw, result)


def _file_records(path: Path, root: Path, kind: type[Record], cache: FileCache) -> _FileResult:
    name = display_name(path, root)
    raw = _read_regular(path, name)
    if isinstance(raw, Problem):
        return _FileResult(None, (), (raw,))
    cached = cache.get(name, kind, raw)
    if cached is not None:
        return cached
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    parsed = _parse(path, root, files, problems, raw)
    records: list[tuple[int, Record]] = []
    if parsed is not None and not isinstance(parsed.data, list):
        problems.append(
            Problem(
                parsed.name,
                1,
                1,
                "",
                f"a content file must hold a list of records, each starting with '- id:', not {describe(parsed.data)}",
            )
        )
    elif parsed is not None:
        records = _records(kind, parsed, problems)
    result = _FileResult(parsed or files.get(name), tuple(records), tuple(problems))
    cache.put(name, kind, raw, result)
    return result


def _records(kind: type[Record], parsed: YamlFile, problems: list[Problem]) -> list[tuple[int, Record]]:
    """The valid records of a file's list, each with its index."""
    # A file of valid records, as nearly every file is, is validated by one call for the whole list:
    # pydantic then runs the model's validator over every item in Rust, not called once a record
    # (a tenth of validating the records). Any problem, or a placeholder still to report, takes the
    # record-by-record way, which reports each problem where it is, as it always did.
    if PLACEHOLDER not in parsed.may_hold:
        try:
            return list(enumerate(_list_of(kind).validate_python(parsed.data)))
        except ValidationError:
            pass
    records: list[tuple[int, Record]] = []
    for index, item in enumerate(parsed.data):
        record = _validate(kind, item, parsed, (index,), problems)
        if record is not None:
            records.append((index, record))
    return records


@functools.cache
def _list_of(kind: type[Record]) -> TypeAdapter[list[Record]]:
    """A validator of a list of records of one kind, made once per kind (models never change)."""
    return TypeAdapter(list[kind])  # type: ignore[valid-type]


def _load_records(
    path: Path,
    root: Path,
    kind: type[Record],
    files: dict[str, YamlFile],
    origins: dict[str, Origin],
    problems: list[Problem],
    cache: FileCache,
) -> list[Record]:
    result = _file_records(path, root, kind, cache)
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
            problems.append(
                Problem(
                    parsed.name,
                    *at,
                    f"[{index}].id",
                    f"id '{record.id}' is already used in {first.file}:{line} "
                    "(ids must be unique across all content; choose another)",
                )
            )
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


def _placeholders(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """Paths of values still holding the TODO placeholder that `generator new` writes."""
    if isinstance(data, str) and data.strip().startswith(PLACEHOLDER):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders(value, path + (index,))


def _validate(model: type[M], data: Any, parsed: YamlFile, prefix: FieldPath, problems: list[Problem]) -> M | None:
    # The placeholder walk is skipped for files with no TODO in them at all; and only a problem
    # names the record (`label`), so a valid record never works its name out.
    todo = list(_placeholders(data)) if PLACEHOLDER in parsed.may_hold else []
    label = _label(data, prefix) if todo else ""
    for path in todo:
        line, column = parsed.locate(prefix + path)
        problems.append(
            Problem(
                parsed.name,
                line,
                column,
                field_path([label, *path] if label else path),
                "still a placeholder (replace TODO with the real value; the comment on the line says what goes there)",
            )
        )
    try:
        record = model.model_validate(data)
    except ValidationError as err:
        label = _label(data, prefix)
        errors = err.errors()
        locs = [tuple(e["loc"]) for e in errors]
        for error in errors:
            loc = tuple(error["loc"])
            if any(loc[: len(t)] == t for t in todo):
                continue  # reported above as a placeholder
            if error["type"] == "too_short" and any(o[: len(loc)] == loc and o != loc for o in locs):
                continue  # an item of the list failed; that is the problem to report
            key = error["type"] == "extra_forbidden"
            line, column = parsed.locate(prefix + loc, key=key)
            where = field_path([label, *loc] if label else loc)
            problems.append(Problem(parsed.name, line, column, where, explain(error, model, data)))
        return None
    return None if todo else record


def _label(data: Any, prefix: FieldPath) -> str:
    """Name a record in messages by its id when it has a usable one, else by its index."""
    if not prefix:
        return ""
    record_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(record_id, str) and len(record_id) <= MAX_ID_LENGTH and SLUG_RE.fullmatch(record_id):
        return record_id
    return f"[{prefix[-1]}]"


def _took_effect(membership: Membership) -> dt.date:
    """The day a membership took effect: its `since`, else the first day of its year."""
    return membership.since.latest if membership.since is not None else dt.date(membership.year, 1, 1)
