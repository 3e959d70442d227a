"""Prose and plain text as safe inline HTML: everything escaped, only our own tags built."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import NamedTuple

from babel.dates import format_date
from markupsafe import Markup

from generator.content.fallback import Stale, Untranslated
from generator.content.i18n import _, current, direction
from generator.content.prose import (
    CONTROL_RE,
    Cite,
    Code,
    Em,
    Link,
    Node,
    Ref,
    Strong,
    Text,
    parse,
    shows_label,
    words_and_refs,
)


class Resolver(NamedTuple):
    """What the renderer needs from the site: a link for an id, and abbreviations.

    With `explained`, a set kept per page, an abbreviation's first use on the page also shows
    what it stands for, in words a reader sees without hovering (touch screens have no hover).
    `cite` makes the HTML of a citation marker (a numbered link to the page's note); without
    it, markers are left out.
    """

    link: Callable[[str], tuple[str, str]]
    abbreviations: dict[str, str]
    explained: set[str] | None = None
    cite: Callable[[str], str] | None = None
    # The abbreviations' pattern (abbreviation_pattern), for a resolver that marks many texts: made
    # once by whoever makes the resolver, rather than the terms sorted again for each text.
    pattern: re.Pattern[str] | None = None
    # What marks the abbreviations of the texts it renders (marker()), made once by whoever makes the
    # resolver for many texts: a page renders some eight, and each made the same marker anew.
    marked: Callable[[str], str] | None = None
    # A link to a record under its name in running text, as HTML: `<a href="(link's href)">(its name)</a>`,
    # as _render_refs makes it from `link`. A renderer that made it for another page already gives it.
    named: Callable[[str], str] | None = None


def as_markup(html: str) -> Markup:
    """HTML we built, every part of it escaped or made by us, as Markup: the same text under Markup's
    class, without Markup()'s own check, which first asks the text for an __html__ of its own (a
    str has none) and costs four times this. Filters make some 60,000 values a build this way."""
    return str.__new__(Markup, html)


# What escape() changes: the characters HTML escapes, and the control characters it drops.
_TO_ESCAPE = re.compile(r"[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def escape(text: str) -> str:
    """Escape plain text for HTML, dropping control characters."""
    # Most texts (names, links, dates) need nothing: one scan finds that, where the full escape
    # makes a regex pass and five replacements (a build escapes about 165,000 texts).
    if _TO_ESCAPE.search(text) is None:
        return str(text)  # a plain str, as html.escape returns, for a str subclass (Untranslated) too
    return html.escape(CONTROL_RE.sub("", text), quote=True)


def abbreviate(escaped: str, abbreviations: dict[str, str]) -> str:
    """Wrap known abbreviations (in already escaped text) in <abbr> with a title."""
    return abbreviator(abbreviations)(escaped)


def abbreviator(abbreviations: dict[str, str]) -> Callable[[str], str]:
    """abbreviate() for one set of abbreviations, made once: each piece of text then costs one regex pass.
    (Found by the abbreviations sorted: a caller that marks many texts keeps what this returns.)"""
    if not abbreviations:
        return _as_is
    key = tuple(sorted(abbreviations.items()))
    if key not in _ABBREVIATORS:
        tags = {term: f'<abbr title="{escape(expansion)}">{term}</abbr>' for term, expansion in key}
        pattern = _pattern(tuple(tags))
        _ABBREVIATORS[key] = functools.partial(_marked, pattern, _bare(pattern), lambda match: tags[match.group(0)])
    return _ABBREVIATORS[key]


_ABBREVIATORS: dict[tuple[tuple[str, str], ...], Callable[[str], str]] = {}


def _as_is(text: str) -> str:
    return text


def plain(text: str, resolver: Resolver, *, note: bool = True) -> str:
    """Render plain (non-prose) text: escaped, with abbreviations marked; `note=False` leaves out
    a stale translation's note (a name in a link: the note goes where the text is the subject)."""
    return marked_plain(text, _marker(resolver), note=note)


def marked_plain(text: str, marker: Callable[[str], str], *, note: bool = True) -> str:
    """plain(), with what marks the abbreviations (an abbreviator) made once by the caller."""
    return in_language(text, marker(escape(text)), note=note)


def in_language(text: str, rendered: str, *, note: bool = True) -> str:
    """Mark rendered text that is not in the page's language, or that translates an older original.

    An untranslated text (content/fallback.py) keeps its own language: inside a span with its
    `lang` and `dir`, a screen reader reads it with the right voice and the browser sets it the
    right way round. A stale translation is followed by the day it was made, in the page's locale.
    """
    if isinstance(text, Untranslated):
        return f'<span lang="{escape(text.lang)}" dir="{direction(text.lang)}">{rendered}</span>'
    if isinstance(text, Stale) and note:
        return f'{rendered} <span class="se-stale">({escape(stale_note(text))})</span>'
    return rendered


def stale_note(text: Stale) -> str:
    """ "translated from the English of 3 May 2024", in the language and the date format of the page."""
    day = format_date(text.translated_on, format="long", locale=current().locale)
    if text.original_lang.split("-")[0] == "en":
        return _("translated from the English of {date}").format(date=day)
    return _("translated from the original of {date}").format(date=day)


def _marker(resolver: Resolver) -> Callable[[str], str]:
    """What marks abbreviations for this resolver: its own (`marked`) if it has one, else marker()."""
    return resolver.marked if resolver.marked is not None else marker(resolver)


def marker(resolver: Resolver) -> Callable[[str], str]:
    """What marks abbreviations for this resolver: once per set, or explaining first uses on a page."""
    if resolver.explained is None or not resolver.abbreviations:
        return abbreviator(resolver.abbreviations)
    pattern = resolver.pattern or abbreviation_pattern(resolver.abbreviations)
    return functools.partial(_explain_first, resolver.abbreviations, resolver.explained, pattern, _bare(pattern))


def abbreviation_pattern(abbreviations: dict[str, str]) -> re.Pattern[str]:
    """What finds the abbreviations in escaped text (compiled once per set of terms)."""
    return _pattern(tuple(sorted(abbreviations)))


def _explain_first(
    abbreviations: dict[str, str],
    explained: set[str],
    pattern: re.Pattern[str],
    bare: re.Pattern[str] | None,
    escaped: str,
) -> str:
    def mark(match: re.Match[str]) -> str:
        term = match.group(0)
        expansion = escape(abbreviations[term])
        tag = f'<abbr title="{expansion}">{term}</abbr>'
        if term in explained:
            return tag
        explained.add(term)
        return f'{tag} <span class="se-expansion">({expansion})</span>'

    return _marked(pattern, bare, mark, escaped)


def _marked(
    pattern: re.Pattern[str], bare: re.Pattern[str] | None, mark: Callable[[re.Match[str]], str], escaped: str
) -> str:
    """Each abbreviation `pattern` finds in escaped text replaced by what `mark` makes of it. Most
    texts hold none: a search for the `bare` terms (_bare) tells so at a fourth of the cost of
    the pattern's own pass, whose lookbehind at every character keeps the regex engine from
    skipping ahead to a term's first letter (a tenth of the timeline's time at 5,000 actors)."""
    if bare is not None and bare.search(escaped) is None:
        return escaped
    return pattern.sub(mark, escaped)


def _bare(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The search for a pattern's terms alone, when _pattern made it (None for any other pattern:
    it is then run on every text). Looked up once per marker, as a pattern's hash is not cached."""
    return _ANY_TERM.get(pattern)


# Each abbreviations' pattern (_pattern) with a search for its terms alone, anywhere: where that
# finds nothing, the pattern, which finds the same terms with conditions around them, finds nothing.
_ANY_TERM: dict[re.Pattern[str], re.Pattern[str]] = {}


@functools.cache
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Plain literals, longest first, between one-character lookarounds: no nested quantifiers, so linear time.
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&#;/-])(?:{alternatives})(?![\w-])")
    _ANY_TERM[pattern] = re.compile(alternatives)
    return pattern


def inline(text: str, resolver: Resolver) -> str:
    """Render a prose value to safe inline HTML."""
    out: list[str] = []
    pieces = words_and_refs(text)
    if pieces is None:
        _render(parse(text), resolver, _marker(resolver), out)
    else:
        _render_refs(pieces, resolver, _marker(resolver), out)
    return in_language(text, "".join(out))


def _render_refs(pieces: list[str], resolver: Resolver, marked: Callable[[str], str], out: list[str]) -> None:
    """Add words and references (prose.words_and_refs) to `out` as HTML, as _render adds their Text and Ref nodes."""
    for at, piece in enumerate(pieces):
        if at % 2 == 0:
            if piece:
                out.append(marked(escape(piece)))
            continue
        out.append(resolver.named(piece) if resolver.named is not None else named_link(*resolver.link(piece)))


def named_link(href: str, name: str) -> str:
    """A link to a record under its name in running text (Resolver.named): the name keeps its language."""
    return f'<a href="{escape(href)}">{in_language(name, escape(name), note=False)}</a>'


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
            case Cite(source):
                # The note number sits right after the words it cites, with no space before it.
                if out:
                    out[-1] = out[-1].rstrip()
                if resolver.cite is not None:
                    out.append(resolver.cite(source))
            case Ref(target, _, children):
                href, name = resolver.link(target)
                out.append(f'<a href="{escape(href)}">')
                if shows_label(node):
                    _render(children, resolver, _as_is, out)
                else:
                    # A name in running text keeps its language, without a stale note in the sentence.
                    out.append(in_language(name, escape(name), note=False))
                out.append("</a>")
