"""Prose fields: one parser for the small subset of inline Markdown editors may write, and `[[id]]` references.

Editors may write **bold**, *italic* or _italic_, `code`, [a link](https://...),
[[record-id]] or [[record-id|shown text]], and citation markers `[^source-id]`, which
cite a source for the sentence or item they end. Nothing else is interpreted:
HTML is shown as the characters typed, so text from YAML can never become live
markup or script. Links must be http, https or mailto.

`parse` is the one parser: it turns a value into a small tree (Text, Code, Strong,
Em, Link, Ref, Cite). `strip_markup` and the HTML renderer walk that tree; the check reads
its links and references (the very same nodes, found before bold and italics are
worked out), so what the check accepts is exactly what the renderer shows. Time grows
in proportion to the text, whatever it holds (see the patterns below).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from generator.content.problems import quoted, shorten
from generator.content.urls import address_problem

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


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation marker `[^source-id]`: the sentence or item before it rests on that source."""

    source: str


Node = Text | Code | Strong | Em | Link | Ref | Cite
_Span = tuple[int, int, Node]  # a parsed piece of the text: start, end and what it is

# The patterns, and why none of them can take more than linear time: each either runs
# to a character that always ends it (possessive `*+`, so no backtracking), or is only
# searched where a match is certain because the text was first cut or masked after the
# last place a match could end. A search that fails would otherwise be retried from
# every later position, which is what made `[[[[...` take quadratic time.
_CODE = re.compile(r"`[^`]++`")
_REF_OPENING = re.compile(r"\[\[[^]]*+]")  # the leftmost `[[` before each `]`; the caller looks for the second `]`
_LINK = re.compile(rf"(?<!\[)\[[^][{_REF}]++]\((?:[^()\s{_ATOM}{_REF}]|\([^()\s{_ATOM}{_REF}]*+\))*+\)")
# A marker is `[^` then a slug then `]`: the slug's characters can never be a `]`, so a failed
# match stops at the first character that is not one, and each `[^` is read once.
_CITE = re.compile(rf"\[\^({SLUG})]")
# Anything written like a marker, to report the ones whose id is not a slug; searched only up
# to the last `]`, so that every `[^` the search meets runs to a `]` (see _refs). The caller
# masks code, links and references first, so that none of their text is read as a marker.
_CITE_LIKE = re.compile(r"\[\^[^]]*+]")
_STRONG = re.compile(r"\*\*(?=\S).+?(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S).+?(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S).+?(?<=\S)_(?!\w)")
# Read backwards, the last place a mark can close is the first place the mirrored mark can open.
_LAST_STRONG_CLOSE = re.compile(r"\*\*(?=\S)")
_LAST_EM_CLOSE = {"*": re.compile(r"(?<![\w*])\*(?=\S)"), "_": re.compile(r"(?<!\w)_(?=\S)")}
# A mark that can never close is masked by a character of the same kind for the other patterns:
# `*` is neither a word character nor a space, `_` is a word character.
_NEVER_CLOSED = {"*": _ATOM, "_": "a"}
_MARKS_ONLY = re.compile(r"[*_ ]*+")


def parse(text: str) -> tuple[Node, ...]:
    """The tree of a prose value: code spans bind first, then references, then links, then bold and italics."""
    source, spans = _scan(text)
    if spans:
        source = _Source.of(source.text, _outermost(source, spans))
    return _inline(source, 0, len(source.text))


def links_and_refs(text: str) -> Iterator[Link | Ref]:
    """The links and references of a prose value in reading order, as `parse` puts them in its tree."""
    # Bold and italics only group these nodes and never change what is a link or a reference,
    # so checking stops before working them out.
    return (node for _, _, node in _scan(text)[1] if isinstance(node, Link | Ref))


def find_cites(text: str) -> Iterator[Cite]:
    """The citation markers of a prose value in reading order, as `parse` puts them in its tree."""
    return (node for _, _, node in _scan(text)[1] if isinstance(node, Cite))


def find_refs(text: str) -> Iterator[Ref]:
    """The references in a prose value, in reading order (those of links_and_refs, read in one pass)."""
    return (node for _, _, node in _scan(text)[1] if isinstance(node, Ref))


def check_prose(text: str) -> list[str]:
    """Return what is wrong with a prose value, one message each (empty when fine)."""
    # Every prose field of every record is checked: each check below runs only where the text
    # holds what it looks for (a bracket for any of them, a marker's `[^` for the markers'), which
    # took the checks besides scanning from 0.015 to 0.009 CPU seconds at 1,000 actors.
    if "[" not in text:
        return []  # no reference, link or marker is written without one
    refs: list[Ref] = []
    links: list[Link] = []
    source, spans = _scan(text)
    for _, _, node in spans:  # links_and_refs' nodes, sorted in one pass
        if isinstance(node, Ref):
            refs.append(node)
        elif isinstance(node, Link):
            links.append(node)
    problems = [
        f"{quoted(f'[[{node.target}]]')} is not a valid reference (write [[record-id]] or [[record-id|text to show]])"
        for node in refs
        if not SLUG_RE.match(node.target)
    ]
    if links:
        problems += _link_problems(links)
    if "[^" in text:
        problems += _marker_problems(text)
    if "[^" in source.text:  # the text as scanned, where a reference's text can hold a marker
        # A reference's text is shown as the link itself, and a note's number cannot sit inside a link.
        problems += [
            f"{shorten(f'[[{node.target}|{node.label}]]')} holds a citation marker in the text it shows "
            "(put the marker after the reference: [[id|text]][^source-id])"
            for node in refs
            if node.label and "[^" in node.label
        ]
    return problems


def _link_problems(links: list[Link]) -> list[str]:
    """What is wrong with a prose value's links: not a web or mail address, or one a browser reads otherwise."""
    problems = [
        f"link to {quoted(node.url)} is not allowed (links must start with https://, http:// or mailto:)"
        for node in links
        if not node.safe
    ]
    return problems + [
        f"link to {quoted(node.url)} is not a web address: {problem}"
        for node in links
        if node.safe and (problem := _web_link_problem(node.url))
    ]


def _marker_problems(text: str) -> list[str]:
    """What is wrong with a prose value's citation markers: not one, or inside a link's text."""
    problems = [
        f"{shorten(marker)} is not a valid citation marker (write [^source-id], with the id of a source)"
        for marker in _bad_markers(text)
    ]
    return problems + [
        f"{quoted(found)} holds a citation marker in a link's text, which cannot show it "
        "(put the marker after the link: [text](https://...)[^source-id])"
        for found in _markers_in_link_text(text)
    ]


def _web_link_problem(url: str) -> str | None:
    """What a browser would read otherwise in an http(s) link (mailto: is left to the mail program)."""
    return address_problem(url) if not url.lower().startswith("mailto:") else None


# `[text [^id] more](url`: a marker inside a link's text. The parser reads the marker first, so
# the link would be printed as typed; the alternatives cannot overlap, so a search stays linear.
_MARKER_IN_LINK = re.compile(r"\[(?:[^\[\]]|\[\^[^\[\]]*\])*?\[\^[^\[\]]*\](?:[^\[\]]|\[\^[^\[\]]*\])*\]\(")


def _markers_in_link_text(text: str) -> list[str]:
    if "[^" not in text or "](" not in text:
        return []
    return [m.group()[:-1] for m in _MARKER_IN_LINK.finditer(text)]


def citation_like(text: str) -> list[str]:
    """Everything written like a citation marker, `[^...]`, in a value read as plain text."""
    return _CITE_LIKE.findall(text, 0, text.rfind("]") + 1) if "[^" in text else []


def _bad_markers(text: str) -> list[str]:
    """What is written like a citation marker, `[^...]`, outside code, links and references, but is not one."""
    if "[^" not in text:
        return []
    source, spans = _scan(text)
    taken = _mask(source.masked, _ends(span for span in spans if not isinstance(span[2], Cite)), _REF)
    found = _CITE_LIKE.finditer(taken, 0, taken.rfind("]") + 1)
    return [source.text[m.start() : m.end()] for m in found if not _CITE.fullmatch(m.group())]


def strip_markup(text: str, names: Callable[[str], str] | None = None) -> str:
    """Reduce prose to plain words, for titles, tooltips and structured data: no marks, no citation markers."""
    return " ".join("".join(_words(parse(text), names, [])).split())


# Prose whose only markup is [[id]] references, as most is: no code, emphasis, link or marker can
# start in it (nor control characters or the parser's masks, which the parser drops). Its tree is
# then its text (spaces collapsed, as the parser collapses them) split at the references: words, a
# reference, words... Pages render it and exports read its words from that split, without the
# parser's tree: a third of what a prose value cost a page, half of the tables' time at 1,000
# actors. tests/test_page_shortcuts.py and tests/test_export_shortcuts.py check both against the tree.
_REF_ID = re.compile(rf"\[\[({SLUG})]]")  # one group, the id: split gives words, an id, words...
_MARKUP_START = re.compile(r"[`*_\[\]]")


def words_and_refs(text: str) -> list[str] | None:
    """Prose as words, a reference's id, words, ..., words; None unless its only markup is [[id]]."""
    if CONTROL_RE.search(text) is not None:  # dropped before spaces are collapsed: the parser's way
        return None
    pieces = _REF_ID.split(" ".join(text.split()))
    return None if any(map(_MARKUP_START.search, pieces[::2])) else pieces


def plain_words(text: str, names: Callable[[str], str]) -> str:
    """What strip_markup makes of prose, `names` giving what each [[id]] reads as (see words_and_refs)."""
    pieces = words_and_refs(text)
    if pieces is None:
        return strip_markup(text, names)
    pieces[1::2] = [names(record_id).strip() for record_id in pieces[1::2]]
    return " ".join("".join(pieces).split())


def shows_label(ref: Ref) -> bool:
    """Whether a reference shows its own text rather than the record's name."""
    return bool(ref.label and ref.label.strip())


def _words(nodes: Iterable[Node], names: Callable[[str], str] | None, out: list[str]) -> list[str]:
    """Add the words of nodes to `out`, and return it."""
    for node in nodes:
        match node:
            case Text(text) | Code(text):
                out.append(text)
            case Cite():
                # A marker cites and says nothing: the space before it goes too ("a [^b]." reads "a.").
                if out:
                    out[-1] = out[-1].rstrip()
            case Ref(target) if not shows_label(node):
                out.append(names(target).strip() if names else target)
            case Strong(children) | Em(children) | Link(_, children) | Ref(_, _, children):
                _words(children, names, out)
    return out


# The same text is scanned again by every page and check that prints or counts it (an actor's
# description on its page, in backlinks, in the CSV...): scanning once per distinct text keeps
# that linear in the story. Results are immutable, so sharing them is safe.
@functools.lru_cache(maxsize=1 << 15)
def _scan(text: str) -> tuple[_Source, tuple[_Span, ...]]:
    """The text made canonical with its code spans masked, and its references and links in reading order."""
    text = _canonical(text)
    codes: list[_Span] = (
        [(m.start(), m.end(), Code(text[m.start() + 1 : m.end() - 1])) for m in _CODE.finditer(text)]
        if "`" in text
        else []
    )
    in_labels = _Source.of(text, codes)
    refs = list(_refs(in_labels))
    links = list(_links(in_labels, _mask(in_labels.masked, _ends(refs), _REF))) if _holds(text, "](") else []
    # Markers are found last, outside references and links (a link's text cannot hold one).
    cites: list[_Span] = []
    if _holds(text, "[^"):
        taken = _mask(in_labels.masked, _ends(sorted(refs + links, key=_start)), _REF)
        cites = [(m.start(), m.end(), Cite(m.group(1))) for m in _CITE.finditer(taken)]
    return in_labels, tuple(sorted(refs + links + cites, key=_start))


def _canonical(text: str) -> str:
    """The text without control characters, and with each run of white space one space (none at
    either end). Most prose is so already, which a printable text shows without being copied twice
    (a third of making it canonical): all the white space printable text holds is the plain space."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return str(text)  # a str, as the join below gives, even from a Prose
    return " ".join(CONTROL_RE.sub("", text).split())


def _holds(text: str, mark: str) -> bool:
    """Whether a text can hold a link (`](`) or a marker (`[^`) at all. Most prose holds neither, and
    is then not masked and searched again for them (a third of what scanning it costs)."""
    return mark in text


@dataclass(frozen=True, slots=True)
class _Source:
    """Prose with its atoms (code, links, references) masked, and the atoms by where they start, in order."""

    text: str
    masked: str
    atoms: dict[int, tuple[int, Node]]

    @classmethod
    def of(cls, text: str, atoms: list[_Span]) -> _Source:
        """The text with these atoms (in order) masked."""
        if not atoms:  # most prose holds no code span: nothing to mask
            return cls(text, text, {})
        return cls(text, _mask(text, _ends(atoms), _ATOM), {start: (end, node) for start, end, node in atoms})


def _start(span: _Span) -> int:
    return span[0]


def _ends(spans: Iterable[_Span]) -> Iterator[tuple[int, int]]:
    return ((start, end) for start, end, _ in spans)


def _mask(text: str, spans: Iterable[tuple[int, int]], mark: str) -> str:
    """The text with each span (in order, not overlapping) overwritten by `mark`, keeping every position."""
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += (text[done:start], mark * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _outermost(in_labels: _Source, spans: Sequence[_Span]) -> list[_Span]:
    """The links, references and markers, and the code spans outside them (those inside belong to a label)."""
    outside: list[_Span] = []
    at = 0
    for start, (end, code) in in_labels.atoms.items():
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        if at == len(spans) or start < spans[at][0]:
            outside.append((start, end, code))
    return sorted([*outside, *spans], key=_start)


def _refs(source: _Source) -> Iterator[_Span]:
    """[[target]] and [[target|label]]: the leftmost `[[` before a `]` that a second `]` follows."""
    masked = source.masked
    # Stopping at the last `]` means every `[[` the search meets runs to a `]`: none is read twice.
    for match in _REF_OPENING.finditer(masked, 0, masked.rfind("]") + 1):
        start, shut = match.start(), match.end() - 1
        if masked.startswith("]", shut + 1):
            yield start, shut + 2, _ref(source, start, masked.find("|", start + 2, shut), shut)


def _ref(source: _Source, start: int, bar: int, shut: int) -> Ref:
    if bar == -1:
        return Ref(source.text[start + 2 : shut].strip(), None)
    label = source.text[bar + 1 : shut]
    first = bar + 1 + len(label) - len(label.lstrip())
    return Ref(source.text[start + 2 : bar].strip(), label, _inline(source, first, first + len(label.strip())))


def _links(source: _Source, masked: str) -> Iterator[_Span]:
    """[text](url): the text has no brackets and no reference, the URL no spaces and one level of brackets."""
    for match in _LINK.finditer(masked):
        start, end = match.span()
        shut = masked.find("]", start)
        yield (
            start,
            end,
            Link(source.text[shut + 2 : end - 1], _inline(source, start + 1, shut), source.text[start:end]),
        )


def _inline(source: _Source, start: int, end: int) -> tuple[Node, ...]:
    """Bold and italics between two positions: bold is found first, then italics around and inside it."""
    return _emphasis(source, start, end, bold=True)


def _italics(source: _Source, start: int, end: int) -> tuple[Node, ...]:
    """Italics between two positions, inside bold (which does not nest)."""
    return _emphasis(source, start, end, bold=False)


def _emphasis(source: _Source, start: int, end: int, bold: bool) -> tuple[Node, ...]:
    """The nodes between two positions, with italics, and bold too if `bold`."""
    region = source.masked[start:end]
    if len(region) < 3 or ("*" not in region and "_" not in region):  # the shortest italics, *a*, take three
        return _atoms(source, start, end)
    strongs = _strong_spans(region) if bold else []
    nodes: list[Node] = []
    done = at = 0  # `at`: the first bold span not yet placed
    for opened, closed in _em_spans(_mask(region, strongs, _ATOM) if strongs else region):
        at = _bold(source, start, strongs, at, done, opened, nodes, italics=True)
        inside: list[Node] = []
        at = _bold(source, start, strongs, at, opened + 1, closed - 1, inside, italics=False)
        nodes.append(Em(tuple(inside), region[opened]))
        done = closed
    _bold(source, start, strongs, at, done, len(region), nodes, italics=True)
    return tuple(nodes)


def _bold(
    source: _Source,
    base: int,
    strongs: list[tuple[int, int]],
    at: int,
    here: int,
    there: int,
    nodes: list[Node],
    italics: bool,
) -> int:
    """Add the text, atoms and bold spans from `here` to `there` (after `base`); return the next bold span."""
    while at < len(strongs) and strongs[at][0] < there:
        opened, closed = strongs[at]
        _place(source, base + here, base + opened, nodes)
        # Italics do not nest: bold inside italics holds none (nor does bold too short for any).
        inside = _italics if italics and closed - opened > 6 else _atoms
        nodes.append(Strong(inside(source, base + opened + 2, base + closed - 2)))
        here, at = closed, at + 1
    _place(source, base + here, base + there, nodes)
    return at


def _atoms(source: _Source, start: int, end: int) -> tuple[Node, ...]:
    """Plain text and the atoms (code, links, references) between two positions."""
    if source.masked.find(_ATOM, start, end) == -1:
        return (Text(source.text[start:end]),)
    return tuple(_place(source, start, end, []))


def _place(source: _Source, start: int, end: int, nodes: list[Node]) -> list[Node]:
    """Add the plain text and atoms between two positions to `nodes`, and return it."""
    atom = source.masked.find(_ATOM, start, end)
    while atom != -1:
        if atom > start:
            nodes.append(Text(source.text[start:atom]))
        start, node = source.atoms[atom]
        nodes.append(node)
        atom = source.masked.find(_ATOM, start, end)
    if end > start:
        nodes.append(Text(source.text[start:end]))
    return nodes


def _strong_spans(text: str) -> list[tuple[int, int]]:
    """**bold** spans: each closed by the nearest `**` after at least one character; they do not nest."""
    if "**" not in text:
        return []
    last = _last_close(_LAST_STRONG_CLOSE, text, 2)
    # Cut after the last closing `**`: an opening `**` the search meets either closes or is within reach of the end.
    spans = _STRONG.finditer(text, 0, last + 2) if last != -1 else ()
    return [match.span() for match in spans if _holds_text(text, *match.span(), 2)]


def _em_spans(text: str) -> list[tuple[int, int]]:
    """*italic* and _italic_ spans, leftmost first, each closed by the nearest matching mark."""
    searched = text
    for mark, stand_in in _NEVER_CLOSED.items():
        if mark not in searched:
            continue
        last = _last_close(_LAST_EM_CLOSE[mark], searched, 1)
        searched = searched[: last + 1] + searched[last + 1 :].replace(mark, stand_in)
    return [match.span() for match in _EM.finditer(searched) if _holds_text(text, *match.span(), 1)]


def _holds_text(text: str, opened: int, closed: int, width: int) -> bool:
    """Whether a span holds more than marks and spaces: `*****` or `* *` is shown as typed, not as bold."""
    return not _MARKS_ONLY.fullmatch(text, opened + width, closed - width)


def _last_close(mirrored: re.Pattern[str], text: str, width: int) -> int:
    """Where the last closing mark starts (-1 if none), found as the first opening mark of the text reversed."""
    found = mirrored.search(text[::-1])
    return len(text) - found.start() - width if found else -1
