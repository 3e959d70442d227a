"""Prose fields: one parser for the small subset of inline Markdown editors may write, and `[[id]]` references.

Editors may write **bold**, *italic* or _italic_, `code`, [a link](https://...)
and [[record-id]] or [[record-id|shown text]]. Nothing else is interpreted:
HTML is shown as the characters typed, so text from YAML can never become live
markup or script. Links must be http, https or mailto.

`parse` turns a value into a small tree (Text, Code, Strong, Em, Link, Ref). The
check, `strip_markup` and the HTML renderer all walk that one tree, so what the
check accepts is exactly what the renderer shows. Every step is a forward scan
(str.find, or a regex without nested quantifiers searched onward from where the
last one stopped), so time grows in proportion to the text, whatever it holds.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_RE = re.compile(rf"^{SLUG}$")
SAFE_SCHEMES = ("https://", "http://", "mailto:")
# Control characters are dropped from prose; so are the private-use characters the parser masks with.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")

_ATOM = "\ue000"  # masks a code span, link or reference: emphasis sees it as one punctuation-like character
_REF = "\ue001"  # masks a reference while links are found, so that a link's text cannot hold one


@dataclass(frozen=True, slots=True)
class Text:
    """Characters shown as typed."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """A `code` span: its text is shown literally, nothing in it interpreted."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """**Bold** text."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Em:
    """*Italic* or _italic_ text; `mark` is the character the editor used."""

    children: tuple[Node, ...]
    mark: str


@dataclass(frozen=True, slots=True)
class Link:
    """[text](url); `source` is the link as typed, shown instead when the URL is not allowed."""

    url: str
    children: tuple[Node, ...]
    source: str

    @property
    def safe(self) -> bool:
        """Whether the URL has a scheme links may use."""
        return self.url.lower().startswith(SAFE_SCHEMES)


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference: the id, the text to show as typed (None without `|`), and that text parsed."""

    target: str
    label: str | None
    children: tuple[Node, ...] = ()


Node = Text | Code | Strong | Em | Link | Ref
_Atoms = Mapping[int, tuple[int, Node]]  # parsed spans by where they start: (end, node)

_REF_STOP = re.compile(r"[]|]")
_CLOSE = re.compile(r"]")
_LINK_STOP = re.compile(rf"[][{_REF}]")
# Possessive, and each alternative starts with a different character: a failed URL is read once.
_URL = re.compile(rf"(?:[^()\s{_ATOM}{_REF}]|\([^()\s{_ATOM}{_REF}]*+\))*+\)")
_STRONG_OPEN = re.compile(r"\*\*(?=\S)")
_STRONG_CLOSE = re.compile(r"(?<=\S)\*\*")
_EM_OPEN = {"*_": re.compile(r"(?<![\w*])\*(?=\S)|(?<!\w)_(?=\S)"),
            "*": re.compile(r"(?<![\w*])\*(?=\S)"), "_": re.compile(r"(?<!\w)_(?=\S)")}
_EM_CLOSE = {"*": re.compile(r"(?<=\S)\*(?![\w*])"), "_": re.compile(r"(?<=\S)_(?!\w)")}


def parse(text: str) -> tuple[Node, ...]:
    """The tree of a prose value: code spans bind first, then references, then links, then bold and italics."""
    text = " ".join(CONTROL_RE.sub("", text).split())
    codes = {start: (end, Code(text[start + 1:end - 1])) for start, end in _code_spans(text)}
    in_labels = _Source(text, _mask(text, _ends(codes), _ATOM), codes)
    refs = {start: (end, _ref(in_labels, start, bar, end)) for start, bar, end in _ref_spans(in_labels.masked)}
    links = {start: (end, _link(in_labels, start, shut, end))
             for start, shut, end in _link_spans(_mask(in_labels.masked, _ends(refs), _REF))}
    atoms = _outermost({**codes, **refs, **links})
    top = _Source(text, _mask(text, _ends(atoms), _ATOM), atoms)
    return _inline(top, 0, len(text))


def walk(nodes: Iterable[Node]) -> Iterator[Node]:
    """Every node of a tree, parents before their children, in reading order."""
    for node in nodes:
        yield node
        if not isinstance(node, Text | Code):
            yield from walk(node.children)


def find_refs(text: str) -> Iterator[Ref]:
    """The references in a prose value, in reading order."""
    return (node for node in walk(parse(text)) if isinstance(node, Ref))


def check_prose(text: str) -> list[str]:
    """Return what is wrong with a prose value, one message each (empty when fine)."""
    nodes = list(walk(parse(text)))
    problems = [f"[[{node.target}]] is not a valid reference (write [[record-id]] or [[record-id|text to show]])"
                for node in nodes if isinstance(node, Ref) and not SLUG_RE.match(node.target)]
    problems += [f"link to '{node.url}' is not allowed (links must start with https://, http:// or mailto:)"
                 for node in nodes if isinstance(node, Link) and not node.safe]
    return problems


def strip_markup(text: str, names: Callable[[str], str] | None = None) -> str:
    """Reduce prose to plain words, for titles, tooltips and structured data."""
    return " ".join(_words(parse(text), names).split())


def shows_label(ref: Ref) -> bool:
    """Whether a reference shows its own text rather than the record's name."""
    return bool(ref.label and ref.label.strip())


def _words(nodes: Iterable[Node], names: Callable[[str], str] | None) -> str:
    return "".join(_word(node, names) for node in nodes)


def _word(node: Node, names: Callable[[str], str] | None) -> str:
    match node:
        case Text(text) | Code(text):
            return text
        case Em(children, mark):
            # Italics keep their marks: titles and descriptions have always shown them (the golden pages pin it).
            return f"{mark}{_words(children, names)}{mark}"
        case Ref(target) if not shows_label(node):
            return names(target).strip() if names else target
        case Strong(children) | Link(_, children) | Ref(_, _, children):
            return _words(children, names)
    raise AssertionError(node)  # pragma: no cover - the cases above cover every node


@dataclass(frozen=True, slots=True)
class _Source:
    """Prose with its atoms (spans parsed already) masked, and the atoms by where they start."""

    text: str
    masked: str
    atoms: _Atoms


def _ends(atoms: _Atoms) -> Iterator[tuple[int, int]]:
    return ((start, end) for start, (end, _) in atoms.items())


def _mask(text: str, spans: Iterable[tuple[int, int]], mark: str) -> str:
    """The text with each span (in order, not overlapping) overwritten by `mark`, keeping every position."""
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += (text[done:start], mark * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _outermost(atoms: _Atoms) -> _Atoms:
    """Drop the code spans inside link and reference texts: those belong to the label."""
    kept: dict[int, tuple[int, Node]] = {}
    covered = 0
    for start, (end, node) in sorted(atoms.items()):
        if start >= covered:
            kept[start] = (end, node)
            covered = end
    return kept


class _Next:
    """Where a pattern next matches, remembered: callers only ask further on, so each character is read once."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        self.asked, self.found = len(text) + 1, -1

    def __call__(self, pos: int) -> int:
        if not (self.asked <= pos and (self.found == -1 or pos <= self.found)):
            match = self.pattern.search(self.text, pos)
            self.asked, self.found = pos, match.start() if match else -1
        return self.found


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """`code` spans, leftmost first: a backtick, at least one other character, a backtick."""
    start = text.find("`")
    while start != -1:
        end = text.find("`", start + 1)
        if end == -1:
            return
        if end == start + 1:  # `` is not a span, but its second backtick may open one
            start = end
            continue
        yield start, end + 1
        start = text.find("`", end + 1)


def _ref_spans(masked: str) -> Iterator[tuple[int, int, int]]:
    """[[target]] and [[target|label]], leftmost first: (start, position of `|` or -1, end)."""
    stop, close = _Next(masked, _REF_STOP), _Next(masked, _CLOSE)
    start = masked.find("[[")
    while start != -1:
        bar = stop(start + 2)
        if bar == -1:
            return  # no `]` further on, so no later reference can close either
        shut = close(bar + 1) if masked[bar] == "|" else bar
        if shut == -1:
            return
        if masked.startswith("]", shut + 1):
            yield start, bar if masked[bar] == "|" else -1, shut + 2
            start = masked.find("[[", shut + 2)
        else:
            start = masked.find("[[", start + 1)


def _link_spans(masked: str) -> Iterator[tuple[int, int, int]]:
    """[text](url), leftmost first: (start, position of `]`, end); the text has no brackets, the URL no spaces."""
    stop = _Next(masked, _LINK_STOP)
    start = masked.find("[")
    while start != -1:
        if start == 0 or masked[start - 1] != "[":  # `[[` never opens a link
            shut = stop(start + 1)
            if shut == -1:
                return  # no `]` further on, so no later link can close either
            end = _link_end(masked, start, shut)
            if end != -1:
                yield start, shut, end
                start = masked.find("[", end)
                continue
        start = masked.find("[", start + 1)


def _link_end(masked: str, start: int, shut: int) -> int:
    """Where the link opened at `start` and with its text closed at `shut` ends, or -1 if it is none."""
    if masked[shut] != "]" or shut == start + 1 or not masked.startswith("(", shut + 1):
        return -1
    url = _URL.match(masked, shut + 2)
    return url.end() if url else -1


def _ref(source: _Source, start: int, bar: int, end: int) -> Ref:
    if bar == -1:
        return Ref(source.text[start + 2:end - 2].strip(), None)
    label = source.text[bar + 1:end - 2]
    first = bar + 1 + len(label) - len(label.lstrip())
    last = end - 2 - (len(label) - len(label.rstrip()))
    return Ref(source.text[start + 2:bar].strip(), label, _inline(source, first, max(first, last)))


def _link(source: _Source, start: int, shut: int, end: int) -> Link:
    return Link(source.text[shut + 2:end - 1], _inline(source, start + 1, shut), source.text[start:end])


def _inline(source: _Source, start: int, end: int, bold: bool = True) -> tuple[Node, ...]:
    """Bold and italics between two positions: bold is found first, then italics around and inside it."""
    region = source.masked[start:end]
    if len(region) < 3:  # the shortest italics, *a*, take three characters
        return tuple(_atoms(source, start, end))
    strongs = deque(_strong_spans(region) if bold else ())
    ems = _em_spans(_mask(region, strongs, _ATOM))

    def plain(here: int, there: int, italics: bool = True) -> list[Node]:
        """Text, atoms and bold from `here` to `there` (relative to the region); italics do not nest."""
        nodes: list[Node] = []
        while strongs and strongs[0][0] < there:
            opened, closed = strongs.popleft()
            nodes += _atoms(source, start + here, start + opened)
            inside = (start + opened + 2, start + closed - 2)
            nodes.append(Strong(_inline(source, *inside, bold=False) if italics else tuple(_atoms(source, *inside))))
            here = closed
        nodes += _atoms(source, start + here, start + there)
        return nodes

    nodes: list[Node] = []
    done = 0
    for opened, closed in ems:
        nodes += plain(done, opened)
        nodes.append(Em(tuple(plain(opened + 1, closed - 1, italics=False)), region[opened]))
        done = closed
    nodes += plain(done, len(region))
    return tuple(nodes)


def _atoms(source: _Source, start: int, end: int) -> Iterator[Node]:
    """Plain text and the atoms (code, links, references) between two positions."""
    while start < end:
        atom = source.masked.find(_ATOM, start, end)
        if atom == -1:
            yield Text(source.text[start:end])
            return
        if atom > start:
            yield Text(source.text[start:atom])
        start, node = source.atoms[atom]
        yield node


def _strong_spans(text: str) -> list[tuple[int, int]]:
    """**bold** spans: the nearest closing `**` after at least one character; they do not nest."""
    spans = []
    opened = _search(_STRONG_OPEN, text, 0)
    while opened != -1:
        closed = _search(_STRONG_CLOSE, text, opened + 3)
        if closed == -1:
            break  # no closing `**` further on, so no later one can close either
        spans.append((opened, closed + 2))
        opened = _search(_STRONG_OPEN, text, closed + 2)
    return spans


def _em_spans(text: str) -> list[tuple[int, int]]:
    """*italic* and _italic_ spans, leftmost first, each closed by the nearest matching mark."""
    spans = []
    marks, pos = "*_", 0
    while marks:
        opened = _search(_EM_OPEN[marks], text, pos)
        if opened == -1:
            break
        mark = text[opened]
        closed = _search(_EM_CLOSE[mark], text, opened + 2)
        if closed == -1:
            marks, pos = marks.replace(mark, ""), opened + 1  # no closing mark further on: stop looking for it
        else:
            spans.append((opened, closed + 1))
            pos = closed + 1
    return spans


def _search(pattern: re.Pattern[str], text: str, pos: int) -> int:
    match = pattern.search(text, pos)
    return match.start() if match else -1
