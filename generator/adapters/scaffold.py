"""`python -m generator new KIND "Name"`: add a record stub with placeholders to a content file.

The stub is added as text, so the file's comments, order and line endings are kept.
Every required field gets the placeholder TODO with a comment saying what goes there;
`check` reports each TODO until it is filled in. The new text is parsed before it is
written, and written atomically: the file either gains exactly one record or is untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.adapters.file_lock import LockTimeout, locked
from generator.content.annotations import first_in, is_list
from generator.content.dates import FuzzyDate, Timestamp
from generator.content.explain import did_you_mean
from generator.content.kinds import BY_NAME, BY_WORD, KINDS
from generator.content.load import content_files, load
from generator.content.safe_yaml import load_file

PLACEHOLDER = "TODO"
NAME_FIELDS = ("name", "title", "term", "text")
MAX_NAME = 300
MAX_ID = 80
# Explicit embeddings, overrides and isolates: they reorder how the text around them is shown.
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
END_MARKER = re.compile(r"\.\.\.(?:[ \t].*)?")
# Plain scalars that some YAML reader takes for something other than text: YAML 1.2's core
# schema (0o17, 1e3, .inf) and YAML 1.1's one-letter booleans, which PyYAML does not resolve but
# the 1.1 specification (and readers that follow it) do. Anything PyYAML resolves is caught by
# reading the value back (see yaml_text).
_NOT_TEXT_ELSEWHERE = re.compile(
    r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9]+([eE][-+]?[0-9]+)?)"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[yYnN~]|true|false|null"
)
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")

# Letters NFKD does not reduce to ASCII, spelt the way news style guides usually spell them.
# Letters written "x=" are silent (hard and soft signs, hamza, ain).
_SPELLINGS = """
    ß=ss æ=ae ø=o œ=oe đ=d ð=d ł=l þ=th ı=i
    а=a б=b в=v г=g д=d е=e ж=zh з=z и=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=kh
    ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya ё=e і=i ї=yi є=ye ґ=g ў=u ђ=dj ј=j љ=lj њ=nj
    ћ=c џ=dz ѓ=g ќ=k ѕ=dz
    α=a β=v γ=g δ=d ε=e ζ=z η=i θ=th ι=i κ=k λ=l μ=m ν=n ξ=x ο=o π=p ρ=r σ=s ς=s τ=t υ=y φ=f
    χ=ch ψ=ps ω=o
    ء= آ=a أ=a ؤ= إ=i ئ= ا=a ب=b ة=a ت=t ث=th ج=j ح=h خ=kh د=d ذ=dh ر=r ز=z س=s ش=sh ص=s ض=d
    ط=t ظ=z ع= غ=gh ف=f ق=q ك=k ل=l م=m ن=n ه=h و=w ى=a ي=y پ=p چ=ch ژ=zh گ=g ک=k ی=y
"""
SPELLING = dict(pair.split("=") for pair in _SPELLINGS.split())


class ScaffoldError(Exception):
    """The stub could not be added; the message says why."""


def check_name(name: str) -> str:
    """Return the name without surrounding spaces, or raise if it is not one line of valid text."""
    if any(unicodedata.category(ch) == "Cs" for ch in name):
        raise ScaffoldError(
            "the name holds bytes that are not valid text (is the terminal set to UTF-8?); "
            "set the terminal to UTF-8 and type the name again"
        )
    clean = name.strip()
    if not clean:
        raise ScaffoldError('the name is empty; give the record\'s name in quotes, e.g. new actor "Riad Seif"')
    if len(clean) > MAX_NAME:
        raise ScaffoldError(
            f"the name is {len(clean)} characters long, over the limit of {MAX_NAME}; "
            "shorten it and put the rest in the record's description"
        )
    for ch in clean:
        _check_character(ch)
    return clean


def _check_character(ch: str) -> None:
    """Raise if `ch` cannot be part of a name shown on a page."""
    code = f"U+{ord(ch):04X}"
    # Line and paragraph separators count as control characters: YAML folds them into spaces.
    if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
        raise ScaffoldError(
            f"the name holds a control character ({code}); type it on one line, without tabs or control characters"
        )
    if ord(ch) in BIDI_CONTROLS:
        raise ScaffoldError(
            f"the name holds a bidirectional control character ({code}) that can make it "
            "display in a misleading order; remove it (right-to-left names need none)"
        )
    if 0xFDD0 <= ord(ch) <= 0xFDEF or ord(ch) & 0xFFFE == 0xFFFE:
        raise ScaffoldError(f"the name holds {code}, which is a noncharacter, not text; remove it")


def slugify(name: str) -> str:
    """A readable id for a name; letters of no script we can spell give a short stable hash instead."""
    letters = (ch for ch in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(map(_spell, letters))).strip("-")
    if slug:
        return _shorten(slug, MAX_ID)
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()
    return f"record-{digest[:6]}"


def _spell(ch: str) -> str:
    """One character in ASCII: itself, its transliteration, its digit, or a word break."""
    if ch.isascii():
        return ch
    if ch in SPELLING:
        return SPELLING[ch]
    digit = unicodedata.decimal(ch, None)
    return " " if digit is None else str(digit)


def _shorten(slug: str, limit: int) -> str:
    """Cut a slug to `limit` characters, at a hyphen when there is one to cut at."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


# The words `new` takes for an entry of story.yml's logs (story_log.py adds those entries).
LOG_WORDS = ("update", "highlight", "correction")


def kind_words() -> list[str]:
    """Every word `new` accepts for a kind of record."""
    return [w for kind in KINDS for w in kind.words]


def kind_of(word: str) -> str:
    """The name of the kind a word stands for: `actor` -> actors. Only the words the help lists are
    taken: a file's name (`actors`) is refused with the word to use, never taken silently."""
    words = {w: kind for kind in KINDS for w in kind.words}
    if word not in words:
        choices = ", ".join(sorted(kind_words()))
        meant = next(iter(BY_WORD[word].words), None) if word in BY_WORD else did_you_mean(word, [*words, *LOG_WORDS])
        guess = f"did you mean '{meant}'? " if meant else ""
        raise ScaffoldError(
            f"'{word}' is not a kind of record ({guess}use one of: {choices}; "
            f"or {', '.join(LOG_WORDS)} for an entry of story.yml's logs)"
        )
    return words[word].name


def target_file(root: Path, kind: str, chosen: Path | None) -> Path:
    """The file to add to: the one given, KIND.yml, or the file of KIND/ with the most records."""
    if chosen is not None:
        return chosen
    if (root / f"{kind}.yml").exists():
        return root / f"{kind}.yml"
    # The loader's own listing: the same suffixes, and no links, pipes or editor leftovers.
    files = sorted(content_files(root)[0].get(kind, []))
    if not files:
        return root / f"{kind}.yml"
    sizes = {path: _count_records(path) for path in files}
    return max(reversed(files), key=sizes.__getitem__)


def _count_records(path: Path) -> int:
    """How many records a file holds (0 if it does not load), whatever its layout."""
    parsed, problems = load_file(path, str(path))
    return len(parsed.data) if not problems and isinstance(parsed.data, list) else 0


_MONTH_END = re.compile(r"-\d{4}-\d{2}$")


def fresh_id(root: Path, name: str, kind: str = "") -> str:
    """An id made from the name, not yet taken; a defection's ends with a month (the name's, or
    the month of the story's latest update, when it is added as it happens)."""
    content, _ = load(root)
    taken = set(content.origins) | set(content.broken_ids) if content else set()
    base = slugify(name)
    if kind and BY_NAME[kind].month_in_id and not _MONTH_END.search(base):
        now = content.story.now.moment if content is not None and content.story_loaded else None
        month = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m")
        base = _shorten(base, MAX_ID - len(month) - 1) + f"-{month}"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = _shorten(base, MAX_ID - len(suffix)) + suffix, n + 1
    return candidate


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that any YAML reader, 1.1 or 1.2, reads back as this text: plain
    when it is unmistakably a word (an id such as `harbour-first`), else double-quoted."""
    plain = _PLAIN.fullmatch(value) and not _NOT_TEXT_ELSEWHERE.fullmatch(value)
    return value if plain and _reads_as_text(value) else json.dumps(value, ensure_ascii=False)


def _reads_as_text(value: str) -> bool:
    """Whether PyYAML's YAML 1.1 resolvers (2011, yes, 2024-01-01...) give `value` back as text."""
    try:
        return bool(yaml.safe_load(value) == value)
    except (yaml.YAMLError, ValueError):  # 0000-00-00 resolves to a date and fails to be one
        return False


def stub(kind: str, record_id: str, name: str) -> str:
    """The YAML text of a new record with a placeholder for each required field."""
    lines = [f"- id: {yaml_text(record_id)}"]
    for field_name, value, hint in _stub_fields(kind, name):
        lines.append(f"  {field_name}: {value}  # {hint}" if hint else f"  {field_name}: {value}")
    return "\n".join(lines) + "\n"


def flow_stub(kind: str, record_id: str, name: str) -> str:
    """The same record as a one-line flow mapping, for files written as `[ {...}, {...} ]`."""
    fields = [f"id: {yaml_text(record_id)}"] + [
        f"{field_name}: {value}" for field_name, value, _ in _stub_fields(kind, name)
    ]
    return "{" + ", ".join(fields) + "}"


def _stub_fields(kind: str, name: str) -> list[tuple[str, str, str]]:
    """Each field of the stub after `id`: its name, its YAML value and a hint ('' for the name)."""
    name_field = _name_field(kind)
    fields = []
    for field_name, info in BY_NAME[kind].model.model_fields.items():
        if field_name == "id" or not (info.is_required() or field_name in BY_NAME[kind].suggested):
            continue
        if field_name == name_field:
            fields.append((field_name, json.dumps(name, ensure_ascii=False), ""))
        else:
            fields.append((field_name, _placeholder(info), _hint(info)))
    return fields


def _name_field(kind: str) -> str | None:
    """The field that holds a record's name, if its kind has one (a figure is named by its id only)."""
    return next((f for f in NAME_FIELDS if f in BY_NAME[kind].model.model_fields), None)


def _placeholder(info: FieldInfo) -> str:
    return f"[{PLACEHOLDER}]" if is_list(info.annotation) else PLACEHOLDER


def _hint(info: FieldInfo) -> str:
    enum = first_in(info.annotation, Enum)
    if enum is not None:
        return "one of: " + ", ".join(str(m.value) for m in enum)
    if first_in(info.annotation, FuzzyDate) is not None:
        return "a date: 2012-07-11, 2012-07 or 2012"
    if first_in(info.annotation, Timestamp) is not None:
        return "a timestamp: 2012-07-11T18:30:00Z"
    if first_in(info.annotation, BaseModel) is not None:
        return (info.description or "") + " (see the editor's guide)"
    return info.description or ""


@dataclass(frozen=True)
class _Edit:
    """What a new text must satisfy: the file's records, then the stub's record."""

    path: Path
    text: str
    records: list[Any]
    newline: str
    stub: str  # block style, at column 0, with "\n" line ends
    flow: str
    record: Any


def add(root: Path, word: str, name: str, chosen: Path | None = None) -> tuple[Path, str]:
    """Add a stub for a new record; return the file and the new id."""
    kind = kind_of(word)
    name = check_name(name)
    if not root.is_dir():
        raise ScaffoldError(f"content folder {root} not found (run from the repository root or pass --content)")
    path = target_file(root, kind, chosen)
    try:
        with locked(path):  # the read, the change and the replacement, with no other `new` between
            return path, _add_to(root, path, kind, name)
    except LockTimeout as err:
        raise ScaffoldError(f"{err} (the file was left unchanged)") from None


def _add_to(root: Path, path: Path, kind: str, name: str) -> str:
    """Add the stub to `path` (locked by the caller); return the new id."""
    record_id = fresh_id(root, name, kind)
    text, records = _read(path)
    block = stub(kind, record_id, name)
    edit = _Edit(
        path, text, records, _newline(text), block, flow_stub(kind, record_id, name), _stub_record(kind, block, name)
    )
    header = _header(root, path, kind)
    new_text = next((t for t in _candidates(edit, header) if _keeps_records(edit, t)), None)
    if new_text is None:
        raise ScaffoldError(
            f"cannot add a record to {path} without changing the records it holds; "
            "write the file as one '- id:' block per record, then run new again"
        )
    try:
        write_atomically(path, new_text.encode("utf-8"))
    except OSError as err:
        raise ScaffoldError(f"could not write {path}: {err.strerror or err} (the file was left unchanged)") from None
    return record_id


def _read(path: Path) -> tuple[str, list[Any]]:
    """The file's text and records; refuse a file that does not load, since its records cannot be kept."""
    if not path.exists():
        return "", []
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ScaffoldError(f"could not read {path}: {err.strerror or err}") from None
    parsed, problems = load_file(path, str(path), raw)
    if problems:
        first = problems[0]
        raise ScaffoldError(f"{path}:{first.line}:{first.column}: {first.message}; fix the file, then run new again")
    if parsed.data is not None and not isinstance(parsed.data, list):
        raise ScaffoldError(f"{path} does not hold a list of records; pass --file a file of records of this kind")
    return raw.decode("utf-8"), list(parsed.data or [])


def _newline(text: str) -> str:
    """The file's line ending, judged by its first line: CRLF files stay CRLF."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _stub_record(kind: str, block: str, name: str) -> Any:
    """The record the stub parses to; refuse a name that YAML would not give back as typed."""
    parsed, problems = load_file(Path("stub.yml"), "stub", block.encode("utf-8"))
    record = parsed.data[0] if not problems and isinstance(parsed.data, list) else None
    name_field = _name_field(kind)  # absent from the stub where it is optional, as for a defection
    if not isinstance(record, dict) or (name_field in record and record[name_field] != name):
        raise ScaffoldError(
            "the name cannot be written as YAML text unchanged; remove unusual characters from it and run new again"
        )
    return record


def _header(root: Path, path: Path, kind: str) -> str:
    """The schema comment that starts a new file (none for a file outside the content folder)."""
    try:
        depth = len(path.relative_to(root).parts) - 1
    except ValueError:
        return ""
    return f"# yaml-language-server: $schema={'../' * (depth + 1)}generator/schema/{kind}.json\n"


def _candidates(edit: _Edit, header: str) -> Iterator[str]:
    """New texts to try, most natural first; each is checked before it is used."""
    if not edit.records and edit.text.strip() in ("", "[]"):
        yield (header if not edit.text else "") + edit.stub.replace("\n", edit.newline)
        return
    body, tail = _split_end_marker(edit.text)
    yield from _appended(edit, body, tail, 0)
    # Only a file the plain append does not fit gets composed again, slowly but with exact positions.
    try:
        root = yaml.compose(edit.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if isinstance(root, yaml.SequenceNode) and root.flow_style:
        yield from _flow_inserted(edit, root)
    elif isinstance(root, yaml.SequenceNode) and root.start_mark.column:
        yield from _appended(edit, body, tail, root.start_mark.column)


def _split_end_marker(text: str) -> tuple[str, str]:
    """Split off a closing `...` (and the comments and blank lines after it): records go before it."""
    lines = text.splitlines(keepends=True)
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].rstrip("\r\n")
        if END_MARKER.fullmatch(line):
            start = index
        elif line.strip() and not line.lstrip().startswith("#"):
            break
    return "".join(lines[:start]), "".join(lines[start:])


def _appended(edit: _Edit, body: str, tail: str, indent: int) -> Iterator[str]:
    """The stub after the last record, at the list's indentation; a blank line before it if that fits."""
    nl = edit.newline
    block = "".join(" " * indent + line if line.strip() else line for line in edit.stub.splitlines(keepends=True))
    block = block.replace("\n", nl)
    if not body or body.endswith(nl + nl) or body.endswith("\n\n"):
        separators = [""]
    elif body.endswith(("\n", "\r")):
        # The tight form is for a last value written `|+`, which would keep the blank line.
        separators = [nl, ""]
    else:
        separators = [nl + nl, nl]
    for separator in separators:
        yield body + separator + block + tail


def _flow_inserted(edit: _Edit, root: yaml.SequenceNode) -> Iterator[str]:
    """The stub as a flow mapping inside the file's `[...]`, after the last record."""
    text = edit.text
    close = root.end_mark.index - 1
    if text[close : close + 1] != "]":
        return
    items: list[yaml.Node] = root.value
    end = items[-1].end_mark.index if items else text.index("[", root.start_mark.index) + 1
    # Between the last record and `]` there can only be spaces, comments and a comma.
    trailing_comma = "," in re.sub(r"#[^\r\n]*", "", text[end:close])
    comma = "," if items and not trailing_comma else ""
    line_start = text.rfind("\n", 0, close) + 1
    if not text[line_start:close].strip():
        # `]` on a line of its own: the record goes on a line of its own above it, lined up with the others.
        indent = " " * (items[-1].start_mark.column if items else 2)
        line = indent + edit.flow + ("," if trailing_comma else "") + edit.newline
        yield text[:end] + comma + text[end:line_start] + line + text[line_start:]
    elif comma:
        yield text[:end] + ", " + edit.flow + text[end:]
    else:
        space = "" if text[:close].endswith(("[", " ")) else " "
        yield text[:close] + space + edit.flow + text[close:]


def _keeps_records(edit: _Edit, text: str) -> bool:
    """Whether `text` loads as the file's records, unchanged, followed by the stub's record."""
    parsed, problems = load_file(edit.path, str(edit.path), text.encode("utf-8"))
    data = parsed.data
    return not problems and isinstance(data, list) and data[:-1] == edit.records and data[-1:] == [edit.record]


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file's bytes all at once: a crash or a full disk leaves the old file whole."""
    target = Path(os.path.realpath(path))  # write through a symlink rather than replace it
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    # Same folder, so os.replace is a rename on one file system; the name is not a content file's.
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte: os.write may write fewer than asked."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _default_mode() -> int:
    """The permission bits a new file gets from the user's umask (mkstemp's own are owner-only)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows syncing a folder."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
