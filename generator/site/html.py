"""Prose and plain text as safe inline HTML: everything escaped, only our own tags built."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import NamedTuple

from generator.content.prose import CONTROL_RE, Code, Em, Link, Node, Ref, Strong, Text, parse, shows_label


class Resolver(NamedTuple):
    """What the renderer needs from the site: a link for an id, and abbreviations."""

    link: Callable[[str], tuple[str, str]]
    abbreviations: dict[str, str]


def escape(text: str) -> str:
    """Escape plain text for HTML, dropping control characters."""
    return html.escape(CONTROL_RE.sub("", text), quote=True)


def abbreviate(escaped: str, abbreviations: dict[str, str]) -> str:
    """Wrap known abbreviations (in already escaped text) in <abbr> with a title."""
    return _abbreviator(abbreviations)(escaped)


def _abbreviator(abbreviations: dict[str, str]) -> Callable[[str], str]:
    """abbreviate() for one set of abbreviations, made once so each piece of text costs one regex pass."""
    if not abbreviations:
        return _as_is
    # Alternatives of plain literals with one-character lookarounds: no nested quantifiers, so linear time.
    pattern = _abbr_pattern(tuple(sorted(abbreviations)))

    def tag(match: re.Match[str]) -> str:
        return f'<abbr title="{escape(abbreviations[match.group(0)])}">{match.group(0)}</abbr>'

    return lambda escaped: pattern.sub(tag, escaped)


def _as_is(text: str) -> str:
    return text


_ABBR_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _abbr_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    if terms not in _ABBR_CACHE:
        longest_first = sorted(terms, key=len, reverse=True)
        alternatives = "|".join(re.escape(term) for term in longest_first)
        _ABBR_CACHE[terms] = re.compile(rf"(?<![\w&#;/-])(?:{alternatives})(?![\w-])")
    return _ABBR_CACHE[terms]


def plain(text: str, resolver: Resolver) -> str:
    """Render plain (non-prose) text: escaped, with abbreviations marked."""
    return abbreviate(escape(text), resolver.abbreviations)


def inline(text: str, resolver: Resolver) -> str:
    """Render a prose value to safe inline HTML."""
    return _render(parse(text), resolver, _abbreviator(resolver.abbreviations))


def _render(nodes: tuple[Node, ...], resolver: Resolver, marked: Callable[[str], str]) -> str:
    """Nodes as HTML: every piece of editor text escaped; `marked` adds abbreviations to plain text."""
    return "".join(_html(node, resolver, marked) for node in nodes)


def _html(node: Node, resolver: Resolver, marked: Callable[[str], str]) -> str:
    match node:
        case Text(text):
            return marked(escape(text))
        case Code(text):
            return f"<code>{escape(text)}</code>"
        case Strong(children):
            return f"<strong>{_render(children, resolver, marked)}</strong>"
        case Em(children):
            return f"<em>{_render(children, resolver, marked)}</em>"
        case Link(url, children, source):
            if not node.safe:
                return escape(source)  # shown as typed: a link to another scheme never becomes live
            # Link texts get no <abbr>: a tooltip inside a link would fight with the link.
            return f'<a href="{escape(url)}">{_render(children, resolver, _as_is)}</a>'
        case Ref(target, _, children):
            href, name = resolver.link(target)
            shown = _render(children, resolver, _as_is) if shows_label(node) else escape(name)
            return f'<a href="{escape(href)}">{shown}</a>'
    raise AssertionError(node)  # pragma: no cover - the cases above cover every node
