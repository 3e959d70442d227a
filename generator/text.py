"""Prose fields: a small, safe subset of inline Markdown plus `[[id]]` references.

Editors may write **bold**, *italic* or _italic_, `code`, [a link](https://...)
and [[record-id]] or [[record-id|shown text]]. Nothing else is interpreted:
HTML is shown as the characters typed, so text from YAML can never become live
markup or script. Links must be http, https or mailto.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_RE = re.compile(rf"^{SLUG}$")
REF_RE = re.compile(r"\[\[\s*([^\]|]*?)\s*(?:\|([^\]]*))?\]\]")
LINK_RE = re.compile(r"(?<!\[)\[([^\[\]]+)\]\(([^()\s]*)\)")
LINK_TARGET_RE = re.compile(r"\]\(\s*<?((?:[^()\s]|\([^()\s]*\))*)")
CODE_RE = re.compile(r"`([^`]+)`")
STRONG_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
EM_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w])_(?=\S)(.+?)(?<=\S)_(?!\w)")
SAFE_SCHEMES = ("https://", "http://", "mailto:")
# Private-use characters mark placeholders while rendering; typed ones are dropped.
_PH_OPEN, _PH_CLOSE = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


class Ref(NamedTuple):
    """A reference found in prose: the id and the text to show, if any."""

    target: str
    label: str | None


def find_refs(text: str) -> Iterator[Ref]:
    for match in REF_RE.finditer(text):
        yield Ref(match.group(1), match.group(2))


def check_prose(text: str) -> list[str]:
    """Return what is wrong with a prose value, one message each (empty when fine)."""
    problems = []
    text = CODE_RE.sub("", text)  # a code span shows its text; nothing in it is a link
    for ref in find_refs(text):
        if not SLUG_RE.match(ref.target):
            problems.append(f"[[{ref.target}]] is not a valid reference "
                            "(write [[record-id]] or [[record-id|text to show]])")
    for match in LINK_TARGET_RE.finditer(text):
        url = match.group(1)
        if not url.lower().startswith(SAFE_SCHEMES):
            problems.append(f"link to '{url}' is not allowed (links must start with "
                            "https://, http:// or mailto:)")
    return problems


class Resolver(NamedTuple):
    """What the renderer needs from the site: a link for an id, and abbreviations."""

    link: Callable[[str], tuple[str, str]]
    abbreviations: dict[str, str]


def escape(text: str) -> str:
    """Escape plain text for HTML, dropping control characters."""
    return html.escape(_CONTROL.sub("", text), quote=True)


def abbreviate(escaped: str, abbreviations: dict[str, str]) -> str:
    """Wrap known abbreviations (in already escaped text) in <abbr> with a title."""
    if not abbreviations:
        return escaped
    pattern = _abbr_pattern(tuple(sorted(abbreviations)))
    return pattern.sub(
        lambda m: f'<abbr title="{escape(abbreviations[m.group(0)])}">{m.group(0)}</abbr>', escaped)


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
    stash: list[str] = []

    def keep(fragment: str) -> str:
        stash.append(fragment)
        return f"{_PH_OPEN}{len(stash) - 1}{_PH_CLOSE}"

    text = _CONTROL.sub("", " ".join(text.split()))
    text = CODE_RE.sub(lambda m: keep(f"<code>{escape(m.group(1))}</code>"), text)

    def ref(match: re.Match[str]) -> str:
        href, name = resolver.link(match.group(1).strip())
        label = match.group(2)
        shown = _emphasis(escape(label.strip())) if label else escape(name)
        return keep(f'<a href="{escape(href)}">{shown}</a>')

    def link(match: re.Match[str]) -> str:
        label, url = match.group(1), match.group(2)
        if not url.lower().startswith(SAFE_SCHEMES):
            return keep(escape(match.group(0)))
        return keep(f'<a href="{escape(url)}">{_emphasis(escape(label))}</a>')

    text = REF_RE.sub(ref, text)
    text = LINK_RE.sub(link, text)
    # Plain html.escape here: escape() would also drop the placeholders.
    rendered = abbreviate(_emphasis(html.escape(text, quote=True)), resolver.abbreviations)
    return re.sub(f"{_PH_OPEN}(\\d+){_PH_CLOSE}", lambda m: stash[int(m.group(1))], rendered)


def _emphasis(escaped: str) -> str:
    escaped = STRONG_RE.sub(r"<strong>\1</strong>", escaped)
    return EM_RE.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", escaped)


def strip_markup(text: str, names: Callable[[str], str] | None = None) -> str:
    """Reduce prose to plain words, for titles, tooltips and structured data."""
    text = REF_RE.sub(lambda m: (m.group(2) or (names(m.group(1).strip()) if names else m.group(1))).strip(),
                      text)
    text = LINK_RE.sub(r"\1", text)
    text = CODE_RE.sub(r"\1", text)
    text = STRONG_RE.sub(r"\1", text)
    return " ".join(text.split())
