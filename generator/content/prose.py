"""Prose fields: parsing the small subset of inline Markdown editors may write, and `[[id]]` references.

Editors may write **bold**, *italic* or _italic_, `code`, [a link](https://...)
and [[record-id]] or [[record-id|shown text]]. Nothing else is interpreted:
HTML is shown as the characters typed, so text from YAML can never become live
markup or script. Links must be http, https or mailto.
"""

from __future__ import annotations

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


def strip_markup(text: str, names: Callable[[str], str] | None = None) -> str:
    """Reduce prose to plain words, for titles, tooltips and structured data."""
    text = REF_RE.sub(lambda m: (m.group(2) or (names(m.group(1).strip()) if names else m.group(1))).strip(),
                      text)
    text = LINK_RE.sub(r"\1", text)
    text = CODE_RE.sub(r"\1", text)
    text = STRONG_RE.sub(r"\1", text)
    return " ".join(text.split())
