"""Read one YAML file safely into plain data, remembering where every value was.

PyYAML is used only to parse and compose nodes; building Python values is done
here so that we can refuse duplicate keys, object tags and alias bombs, and keep
a line and column for every path (errors must point at the editor's line).
A file of plain values, as content files are, is built straight from the parser's
events in one pass (_read_events); anything else takes the careful way (_Builder).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from generator.content.problems import Problem

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 60
# A file without aliases composes into fewer nodes than it has bytes; many more
# nodes than that can only come from aliases expanding (a "billion laughs" file).
MIN_NODE_BUDGET = 20_000

# Where a value sits in a YAML document: its keys and list indexes from the top ("roles", 0, "end").
FieldPath = tuple[str | int, ...]
SEARCHED_WORDS = ("TODO",)  # the placeholder `generator new` writes


# libyaml's parser is ten times faster than PyYAML's own; PyPI's wheels ship it.
_Base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _Resolver(_Base):  # type: ignore[valid-type,misc]
    """Safe loader without the timestamp resolver: dates stay text for our own parser."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# Inside {...} or [...] a comma ends a value and a bracket opens or closes one: unquoted text that
# holds them is cut or breaks the line. Saying "remove it" would lose the editor's words.
FLOW_HINT = (
    "inside {...} or [...], text holding a comma, a bracket or an [[id]] link must be in quotes, "
    'e.g. text: "See [[jane-doe]], then"; and every { or [ needs its } or ]'
)


@dataclass
class YamlFile:
    """A parsed file: its data and the position of each value and key.

    Positions are only needed to report a problem, so they are worked out the first
    time one is asked for, by composing the text again (a valid file never pays for them).
    """

    name: str
    data: Any = None
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    text: str | None = None  # set while positions are still to be worked out
    may_hold: frozenset[str] = frozenset()  # words found in the text, e.g. TODO: skip searches for others

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Return the line and column of the deepest known part of `path`."""
        if self.text is not None:
            text, self.text = self.text, None
            _Builder(self, len(text), positions=True).build(_compose(text), ())
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


def _tag(tag: str) -> str:
    """Show a tag the way it is typed: !!python/object rather than its full URI."""
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Fail(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def load_file(path: Path, name: str, raw: bytes | None = None) -> tuple[YamlFile, list[Problem]]:
    """Parse `path` (or its bytes, if already read); `name` is how problems name the file."""
    result = YamlFile(name)
    try:
        size = len(raw) if raw is not None else path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Fail(
                1,
                1,
                f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} "
                "(split the records into several files in the same folder)",
            )
        text = _decode(raw if raw is not None else path.read_bytes())
        result.data = _values(result, text)
        result.text = text
        result.may_hold = frozenset(word for word in SEARCHED_WORDS if word in text)
    except _Fail as fail:
        return result, [Problem(name, fail.line, fail.column, "", fail.message)]
    return result, []


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise _Fail(1, 1, "file contains NUL bytes and looks binary (content files must be UTF-8 text)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise _Fail(line, column, f"byte 0x{raw[err.start]:02x} is not valid UTF-8 (save the file as UTF-8)") from None
    # A byte-order mark is harmless: editors on Windows add one.
    return text.removeprefix("\ufeff")


def _values(out: YamlFile, text: str) -> Any:
    """The plain values of a file: in one pass over its events when it holds only what content
    files hold, else the careful way, which also says what is wrong and where."""
    _check_tabs(text)
    try:
        return _read_events(text)
    except (_Unusual, yaml.YAMLError):
        return _Builder(out, len(text), positions=False).build(_compose(text), ())


def _check_tabs(text: str) -> None:
    # Most files hold no tab at all: finding that out is a byte scan in C, where the pattern tries
    # every line's start (9 ms of the 1.6 MB of a story of 1,000 actors).
    if "\t" not in text:
        return
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        column = tab.end() - tab.start()
        raise _Fail(line, column, "tab character in indentation (indent with spaces only)")


def _compose(text: str) -> yaml.Node | None:
    _check_tabs(text)
    try:
        _check_depth(text)
        return yaml.compose(text, Loader=_Resolver)
    except yaml.reader.ReaderError as err:
        # A character YAML does not allow at all (DEL, U+FFFE...): say where, as the editor counts.
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or " ")
        raise _Fail(
            line,
            column,
            f"the character U+{code:04X} is not allowed in a content file "
            "(remove it; copy-pasting from PDFs often adds these)",
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (err.context, err.problem) if part)
        hint = (
            FLOW_HINT
            if "flow" in (err.context or "")
            else ("check indentation, colons and quotes on this line or the one before")
        )
        raise _Fail(line, column, f"YAML syntax error: {detail} ({hint})") from None
    except yaml.YAMLError as err:
        raise _Fail(1, 1, f"YAML error: {err}") from None


def _bad_tagged(node: yaml.Node) -> str:
    return f"'{str(node.value)[:40]}' is not a valid {_tag(node.tag)} value (remove the tag, or quote the text)"


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing: libyaml's composer recurses on the
    C stack, and a file of 30,000 brackets crashes the whole process rather than raising.
    Walking the parser's events costs about half as much again as composing; safety first."""
    depth = 0
    for event in yaml.parse(text, Loader=_Resolver):
        kind = event.__class__
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise _Fail(line, column, f"nested deeper than {MAX_DEPTH} levels (flatten the data)")
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1


class _Builder:
    def __init__(self, out: YamlFile, size: int, *, positions: bool) -> None:
        self.out = out
        self.budget = max(MIN_NODE_BUDGET, 2 * size)
        self.scalars = SafeConstructor()
        self.positions = positions

    def build(self, node: yaml.Node | None, path: FieldPath) -> Any:
        if node is None:
            return None
        self.budget -= 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if self.budget < 0:
            raise _Fail(
                line,
                column,
                "too many values after expanding aliases (a file must not use aliases (*name) to multiply data)",
            )
        if len(path) > MAX_DEPTH:
            raise _Fail(line, column, f"nested deeper than {MAX_DEPTH} levels (flatten the data)")
        if self.positions:
            self.out.values.setdefault(path, (line, column))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise _Fail(line, column, f"unsupported YAML tag {_tag(node.tag)} (remove the tag)")
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:str":
            return node.value  # most values: no conversion needed
        if node.tag not in _SCALAR_TAGS:
            raise _Fail(
                line,
                column,
                f"unsupported YAML tag {_tag(node.tag)} (remove the tag; content is plain text, numbers and lists)",
            )
        try:
            return self.scalars.construct_object(node, deep=True)
        except ValueError as err:
            if node.tag == "tag:yaml.org,2002:int" and "digits" in str(err):
                # A decimal number of over 4,300 digits: Python refuses to read it.
                raise _Fail(
                    line,
                    column,
                    f"a number of {len(node.value):,} characters is too long to read (put it in quotes if it is text)",
                ) from None
            raise _Fail(line, column, _bad_tagged(node)) from None
        except (KeyError, TypeError, OverflowError, IndexError):  # a tag on a value it cannot hold: !!int ""
            raise _Fail(line, column, _bad_tagged(node)) from None

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if node.tag != "tag:yaml.org,2002:map":
            raise _Fail(line, column, f"unsupported YAML tag {_tag(node.tag)} (remove the tag)")
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise _Fail(key_line, key_column, "a key must be a plain word, not a list, mapping or tagged value")
            # Keys are taken as typed: `yes:` and `no:` (vote lists) must not become booleans.
            key = key_node.value
            if key in first_seen:
                raise _Fail(
                    key_line, key_column, f"duplicate key '{key}' (first used on line {first_seen[key]}; keep only one)"
                )
            first_seen[key] = key_line
            if self.positions:
                self.out.keys[path + (key,)] = (key_line, key_column)
            result[key] = self.build(value_node, path + (key,))
        return result


# The fast way. Checking the depth (_check_depth), composing nodes and building values from them
# walks every file three times; a file of plain values can be built from the parser's events in the
# one pass that checks the depth, which takes nearly two thirds off loading the YAML (0.41 to 0.15
# CPU seconds for the 1.6 MB of a story of 1,000 actors).


class _Unusual(Exception):
    """Something only the careful way handles: an alias, anchor or tag, a duplicate or complex key,
    nesting past MAX_DEPTH, a second document. The careful way then refuses it where it must,
    with the message and place it always gave."""


_AWAITING_KEY = object()  # in a mapping being filled: the next scalar is a key
# Each first character's implicit resolvers (and those for any character), as PyYAML's resolve tries them.
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: resolvers + _Resolver.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
_SCALARS = SafeConstructor()


def _read_events(text: str) -> Any:
    """Build the values straight from libyaml's events, in one pass and without recursion.

    Returns what `_Builder` would build from the composed file, or raises _Unusual (or the parser's
    YAMLError) for anything it would not build as is: the caller then takes the careful way, so
    every refusal and its message stay the careful way's (tests/test_safe_yaml_fast.py).
    """
    loader = _Resolver(text)
    try:
        values = _fold(loader.get_event, max(MIN_NODE_BUDGET, 2 * len(text)))
        if loader.get_event().__class__ is not yaml.StreamEndEvent:
            raise _Unusual("a second document")
        return values
    finally:
        loader.dispose()


def _fold(next_event: Any, budget: int) -> Any:
    """Fold one document's events into values; the events of an empty stream give None."""
    next_event()  # the stream's start
    if next_event().__class__ is yaml.StreamEndEvent:
        return None  # no document: an empty file, or only comments
    # The event classes as locals: the loop below runs once for each of a file's ~100,000 values.
    scalar, end_of_document = yaml.ScalarEvent, yaml.DocumentEndEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    into: Any = None  # the list or mapping being filled (None: the document itself)
    key: Any = None  # in a mapping, the key its next value goes under (or _AWAITING_KEY); None in a list
    outer: list[tuple[Any, Any]] = []  # the enclosing lists and mappings, with their keys
    nodes = 0
    value: Any = None
    # Iterated in C (a callable iterator) rather than calling next_event from the loop; the parser
    # gives None only after the stream's end, which the document's end always comes before.
    for event in iter(next_event, None):
        kind = event.__class__
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("an anchor or tag")
            value = event.value
            if key is _AWAITING_KEY:  # a key, taken as typed: _Builder refuses one used twice, or `<<` or `=`
                if value in into or (event.implicit[0] and not _plain_key(value)):
                    raise _Unusual("a key _Builder refuses")
                key = value
                continue
            if event.implicit[0] and value[:1] in _RESOLVERS:  # most text starts where no resolver does
                value = _scalar(value)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("an anchor or tag")
            if key is _AWAITING_KEY or len(outer) == MAX_DEPTH:
                raise _Unusual("a complex key, or nesting too deep")
            outer.append((into, key))
            into, key = ({}, _AWAITING_KEY) if kind is mapping_start else ([], None)
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = into
            into, key = outer.pop()
        elif kind is end_of_document:
            break
        else:
            raise _Unusual("an alias")
        nodes += 1
        if into is None:
            continue  # the document's top value
        if key is None:
            into.append(value)
        else:
            into[key] = value
            key = _AWAITING_KEY
    if nodes > budget:
        raise _Unusual("more values than the budget")
    return value


# The same few dozen keys (id, name, sources...) start every record: each is resolved once.
@functools.lru_cache(maxsize=1024)
def _plain_key(text: str) -> bool:
    """Whether a plain key resolves to a tag _Builder takes as a key (not `<<` or `=`)."""
    return _resolved(text) in _SCALAR_TAGS


def _resolved(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar."""
    for tag, pattern in _RESOLVERS.get(text[:1], ()):
        if pattern.match(text):
            return tag
    return "tag:yaml.org,2002:str"


def _scalar(text: str) -> Any:
    """A plain scalar's value: most are text, which no resolver claims."""
    # No implicit resolver's pattern matches a space (they match numbers, booleans, null, `<<` and
    # `=`): a sentence is text as it stands, and only single words are resolved.
    if " " in text:
        return text
    # Only short words are kept (_word): a long one (an address, a long id) seldom repeats, and the
    # cache then holds at most 4,096 words of 64 characters, not whatever a file's longest are.
    return _word(text) if len(text) <= _KEPT_WORD else _word.__wrapped__(text)


_KEPT_WORD = 64  # characters


# The words repeat through a story (each record's flags say `false` or `true`, 2,000 times at
# 1,000 actors; a kind's name, a month): each is resolved and its value made once, not through a
# node of its own every time. The values (text, a bool, a number or None) are immutable, so one
# serves every place that writes it; a word _Builder refuses raises, and is not kept.
@functools.lru_cache(maxsize=4096)
def _word(text: str) -> Any:
    """A plain scalar's value, from the resolvers (raises _Unusual, never cached, where _Builder refuses it)."""
    tag = _resolved(text)
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag not in _SCALAR_TAGS:
        raise _Unusual("a merge or value key")
    try:
        return _constructed(tag, text)
    except (ValueError, KeyError, TypeError, OverflowError, IndexError):
        raise _Unusual("a value _Builder refuses, e.g. a number Python cannot read") from None


def _constructed(tag: str, text: str) -> Any:
    """The value PyYAML's constructor makes of a plain scalar with this tag."""
    return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text))
