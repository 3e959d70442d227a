"""Prose and plain text as safe inline HTML: everything escaped, only our own tags built."""

from __future__ import annotations

import functools
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
    """abbreviate() for one set of abbreviations, made once: each piece of text then costs one regex pass."""
    if not abbreviations:
        return _as_is
    key = tuple(sorted(abbreviations.items()))
    if key not in _ABBREVIATORS:
        tags = {term: f'<abbr title="{escape(expansion)}">{term}</abbr>' for term, expansion in key}
        # Plain literals, longest first, between one-character lookarounds: no nested quantifiers, so linear time.
        alternatives = "|".join(re.escape(term) for term in sorted(tags, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w&#;/-])(?:{alternatives})(?![\w-])")
        _ABBREVIATORS[key] = functools.partial(pattern.sub, lambda match: tags[match.group(0)])
    return _ABBREVIATORS[key]


_ABBREVIATORS: dict[tuple[tuple[str, str], ...], Callable[[str], str]] = {}


def _as_is(text: str) -> str:
    return text


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
            case Link(url, children) if node.safe:
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
