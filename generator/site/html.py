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
    out: list[str] = []
    _render(parse(text), resolver, _abbreviator(resolver.abbreviations), out)
    return "".join(out)


def _render(nodes: tuple[Node, ...], resolver: Resolver, marked: Callable[[str], str], out: list[str]) -> None:
    """Add nodes to `out` as HTML: every piece of editor text escaped; `marked` adds abbreviations to plain text."""
    for node in nodes:
        match node:
            case Text(text):
                out.append(marked(escape(text)))
            case Code(text):
                out += ("<code>", escape(text), "</code>")
            case Strong(children):
                out.append("<strong>")
                _render(children, resolver, marked, out)
                out.append("</strong>")
            case Em(children):
                out.append("<em>")
                _render(children, resolver, marked, out)
                out.append("</em>")
            case Link(url, children, source) if node.safe:
                # Link texts get no <abbr>: a tooltip inside a link would fight with the link.
                out.append(f'<a href="{escape(url)}">')
                _render(children, resolver, _as_is, out)
                out.append("</a>")
            case Link(_, _, source):
                out.append(escape(source))  # shown as typed: a link to another scheme never becomes live
            case Ref(target, _, children):
                href, name = resolver.link(target)
                out.append(f'<a href="{escape(href)}">')
                if shows_label(node):
                    _render(children, resolver, _as_is, out)
                else:
                    out.append(escape(name))
                out.append("</a>")
