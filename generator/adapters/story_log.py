"""`python -m generator new update|highlight|correction`: add an entry to one of story.yml's logs.

The entry is added as text, as scaffold.py adds records, so comments and layout are kept:
into the block list under its key, into an empty `[]` (which becomes a block list), or
under a new key when the story has none. A highlight goes first, since the overview shows
highlights in file order and the newest lead; updates and corrections are sorted by time,
so they go last. The new text is parsed and compared with the old before it is written:
the story either gains exactly that entry or is left untouched.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.adapters.scaffold import ScaffoldError, check_name, write_atomically
from generator.content.dates import Timestamp
from generator.content.explain import did_you_mean
from generator.content.load import STORY_FILE, Content, load
from generator.content.safe_yaml import load_file

PLACEHOLDER_TEXT = "TODO: what was wrong, and what it says now"


@dataclass(frozen=True)
class Log:
    """One of the story's logs: the word `new` takes, its key in story.yml, and where a new entry goes."""

    word: str
    key: str
    first: bool  # a highlight leads the list; updates and corrections are sorted, so they go last
    name_means: str  # what `new WORD NAME` takes as NAME, for the help


LOGS = {
    log.word: log
    for log in (
        Log("update", "updates", False, "what changed, in a line"),
        Log("highlight", "highlights", True, "the highlight's text, with its source's marker [^source-id]"),
        Log("correction", "corrections", False, "the id of the corrected record (or 'story')"),
    )
}


def add(root: Path, word: str, name: str, at: str | None = None, chosen: Path | None = None) -> tuple[Path, str]:
    """Add an entry to a log of story.yml; return the file and a line saying what was added."""
    log = LOGS[word]
    name = check_name(name)
    path = chosen or root / STORY_FILE
    if not path.is_file():
        raise ScaffoldError(f"{path} not found (run from the repository root or pass --content)")
    content = _loaded(root)
    when = _moment(at, log, content)
    entry, said = _entry(log, name, when, content)
    text = path.read_bytes().decode("utf-8")
    before = _data(path, text)
    new_text = _inserted(text, log, entry, before)
    expected = dict(before)
    old = list(before.get(log.key) or [])
    expected[log.key] = [_parsed_entry(entry), *old] if log.first else [*old, _parsed_entry(entry)]
    if new_text is None or _data(path, new_text) != expected:
        raise ScaffoldError(
            f"cannot add to `{log.key}:` in {path} without changing what it holds; "
            f"write `{log.key}:` as a list of '- ' items, then run new again"
        )
    try:
        write_atomically(path, new_text.encode("utf-8"))
    except OSError as err:
        raise ScaffoldError(f"could not write {path}: {err.strerror or err} (the file was left unchanged)") from None
    return path, said


def _loaded(root: Path) -> Content | None:
    """The content as far as it loads: records are found even while story.yml holds a TODO."""
    return load(root)[0]


def _moment(at: str | None, log: Log, content: Content | None) -> str:
    """The entry's time: --at, else a highlight's latest update (so it is NEW with it), else now."""
    if at is not None:
        try:
            return Timestamp.parse(at).iso()
        except ValueError as err:
            raise ScaffoldError(f"--at {at!r}: {err}") from None
    if log.first and content is not None and content.story_loaded and content.story.updates:
        return max(u.at for u in content.story.updates).iso()
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(log: Log, name: str, when: str, content: Content | None) -> tuple[list[tuple[str, str, str]], str]:
    """The entry's fields (key, YAML value, comment) and a line saying what was added."""
    quoted_time = json.dumps(when)
    if log.word == "update":
        return [("at", quoted_time, ""), ("text", _text(name), "")], f"an update at {when}"
    if log.word == "highlight":
        hint = "" if "[^" in name else "end each sentence with its source's marker, [^source-id]"
        return [("text", _text(name), hint), ("added", quoted_time, "")], f"a highlight added at {when}"
    fields = [("at", quoted_time, ""), ("text", _text(PLACEHOLDER_TEXT), "")]
    if name == "story":
        return fields, f"a correction of the story at {when}"
    where = _where(name, content)
    fields.append(("record", name, f"corrected in {where}"))
    return fields, f"a correction of '{name}' ({where}) at {when}"


def _where(record_id: str, content: Content | None) -> str:
    """file:line of the corrected record, or an error naming the ids it may have meant."""
    if content is None:
        raise ScaffoldError("the content does not load, so the corrected record cannot be found; run check first")
    origin = content.origins.get(record_id)
    if origin is None:
        close = did_you_mean(record_id, list(content.origins))
        hint = f" (did you mean '{close}'?)" if close else ""
        raise ScaffoldError(
            f"no record has the id '{record_id}'{hint}; "
            "give the id of the record you corrected, or 'story' for the story's own text"
        )
    line, _ = content.locate(origin)
    return f"{origin.file}:{line}"


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _parsed_entry(entry: list[tuple[str, str, str]]) -> Any:
    return yaml.safe_load("{" + ", ".join(f"{key}: {value}" for key, value, _ in entry) + "}")


def _data(path: Path, text: str) -> dict[str, Any]:
    parsed, problems = load_file(path, str(path), text.encode("utf-8"))
    if problems:
        first = problems[0]
        raise ScaffoldError(f"{path}:{first.line}:{first.column}: {first.message}; fix the file, then run new again")
    if not isinstance(parsed.data, dict):
        raise ScaffoldError(f"{path} does not hold the story's mapping of fields")
    return parsed.data


def _block(entry: list[tuple[str, str, str]], indent: int, newline: str) -> str:
    lines = []
    for index, (key, value, hint) in enumerate(entry):
        lead = "- " if index == 0 else "  "
        lines.append(" " * indent + lead + f"{key}: {value}" + (f"  # {hint}" if hint else ""))
    return newline.join(lines) + newline


def _inserted(text: str, log: Log, entry: list[tuple[str, str, str]], data: dict[str, Any]) -> str | None:
    """The story's text with the entry added to its log, or None where no place is clear."""
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    value = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == log.key), None)
    if value is None or (isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")):
        return _under_new_key(text, log, entry, value, newline)
    if not isinstance(value, yaml.SequenceNode):
        return None
    if value.flow_style:
        if value.value:
            return None  # a one-line list of entries: rewritten by hand, not guessed at
        # `corrections: []`: the brackets give way to a block list on the lines below.
        start, end = value.start_mark.index, value.end_mark.index
        rest = text[end:].lstrip(" ")
        rest = rest.removeprefix(newline) if rest.startswith(newline) else rest
        return text[:start].rstrip(" ") + newline + _block(entry, 2, newline) + rest
    items: list[yaml.Node] = value.value
    column = items[0].start_mark.column - 2
    if log.first:
        line_start = text.rfind("\n", 0, items[0].start_mark.index) + 1
        return text[:line_start] + _block(entry, column, newline) + text[line_start:]
    end = _end_of(items[-1])
    # A block scalar (`text: >-`) ends after its line break; any other value, at its last character.
    line_end = end - 1 if text[end - 1 : end] == "\n" else text.find("\n", end)
    cut = len(text) if line_end < 0 else line_end + 1
    prefix = text[:cut] if line_end >= 0 else text + newline
    return prefix + _block(entry, column, newline) + text[cut:]


def _end_of(node: yaml.Node) -> int:
    """Where a node's last value ends: a block node's own end mark may lie past the comments after it."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)


def _under_new_key(
    text: str, log: Log, entry: list[tuple[str, str, str]], empty: yaml.Node | None, newline: str
) -> str | None:
    if empty is not None:  # `corrections:` with nothing after it
        start = empty.start_mark.index
        line_end = text.find("\n", start)
        cut = len(text) if line_end < 0 else line_end + 1
        return text[:cut].rstrip(" \r\n") + newline + _block(entry, 2, newline) + text[cut:]
    body = text if text.endswith(("\n", "\r")) else text + newline
    return body + f"{log.key}:" + newline + _block(entry, 2, newline)
