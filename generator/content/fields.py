"""Field types shared by the content models: ids, references, text, prose, links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Strict, StringConstraints

from generator.content.problems import quoted
from generator.content.prose import SLUG, check_prose, citation_like
from generator.content.urls import address_problem

SLUG_PATTERN = rf"^{SLUG}$"
# A BCP 47 language tag (RFC 5646) as a story needs one: a language, then optionally an
# extended language, a script, a region and up to two variants, in that order. The grammar
# bounds it (at most 34 characters): the tag becomes <html lang>, a theme language and a
# locale, and 28 subtags once ended a build with "File name too long".
LANGUAGE_PATTERN = (
    r"^[a-z]{2,3}(-[a-z]{3})?(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3})){0,2}$"
)
# Ids become file names (actors/ID.md) and anchors: bounded well below any file system's limit.
MAX_ID_LENGTH = 80

# Characters no text field may hold, by what an editor is told they are. They come from
# copy-pasting (PDFs, word processors) and are never meant: DEL, C1 controls and noncharacters
# make YAML parsers (MkDocs' front matter among them) refuse the text, bidirectional controls
# reorder what readers see, and U+E000/U+E001 are the renderer's own placeholders. Tab and
# newline are the only controls allowed; YAML turns every line ending into a newline, so a
# carriage return can only come from a "\r" escape.
_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF))
_FORBIDDEN_CLASSES = {
    "control": r"[\x00-\x08\x0b-\x1f\x7f-\x9f]",
    "noncharacter": r"[\ufdd0-\ufdef\ufffe\uffff" + _NONCHARACTERS + "]",
    "surrogate": r"[\ud800-\udfff]",
    "bidi": r"[\u202a-\u202e\u2066-\u2069]",
    "placeholder": r"[\ue000\ue001]",
}
_FORBIDDEN = re.compile("|".join(f"(?P<{name}>{chars})" for name, chars in _FORBIDDEN_CLASSES.items()))
# Every text is checked, and almost none holds such a character. One character class is searched
# three times as fast as _FORBIDDEN's five named alternatives, and printable ASCII (most text)
# holds none at all: _FORBIDDEN only says which character was found.
_ANY_FORBIDDEN = re.compile("[" + "".join(chars[1:-1] for chars in _FORBIDDEN_CLASSES.values()) + "]")
_WHAT = {
    "control": "the control character",
    "noncharacter": "the noncharacter",
    "surrogate": "the lone surrogate",
    "bidi": "the bidirectional control",
    "placeholder": "the private-use character",
}


def stray_character(value: str) -> str | None:
    """Say which character no text is meant to hold `value` holds first, if any (see _FORBIDDEN)."""
    if (value.isascii() and value.isprintable()) or _ANY_FORBIDDEN.search(value) is None:
        return None
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    what = _WHAT[found.lastgroup or "control"]
    return (
        f"holds {what} U+{ord(found.group()):04X} at position {found.start() + 1} "
        "(remove it; copy-pasting from PDFs often adds these)"
    )


def _text(value: str) -> str:
    # Printable ASCII, as most text is, holds no stray character: stray_character's own first
    # test, made here so that the tens of thousands of texts of a story make no call for it.
    problem = None if value.isascii() and value.isprintable() else stray_character(value)
    if problem:
        raise ValueError(problem)
    if value.isspace():  # as `value and not value.strip()`, without copying every text
        # Spaces alone would make an empty heading, title or link text.
        raise ValueError("holds only spaces (write the text or remove the field)")
    return value


def _uncited(value: str) -> str:
    """Plain text is shown as typed: a citation marker in it would print as `[^id]`, citing nothing."""
    markers = citation_like(value)
    if markers:
        raise ValueError(
            f"holds the citation marker {markers[0]}, but this field is plain text and cannot cite "
            "(cite in a prose field such as a description or note, or list the source under `sources`)"
        )
    return value


class RefId(str):
    """An id that points at another record; `kinds` says which kinds it may name (none: any kind).
    The models declare one subclass per kind a field may point at."""

    kinds: ClassVar[tuple[str, ...]] = ()


class AnyId(RefId):
    """An id of a record of any kind."""


@dataclass(frozen=True)
class Linking:
    """Annotated metadata: the field holds a reference, or prose that may hold [[id]] references.
    The references walker (walk.py) visits only the fields marked so."""


@dataclass(frozen=True)
class Shown:
    """Annotated metadata: how the editor's guide names a field's type."""

    words: str


LINKING = Linking()


@dataclass(frozen=True)
class Translatable:
    """Annotated metadata: readers see the field's text, so each language of the story translates it.

    It rides on the text types themselves (`Text`, `ProseText`), so a new text field is translated
    unless it is declared `Verbatim`; content/translations.py reads the mark, never a list of fields.
    """


TRANSLATABLE = Translatable()


class Prose(str):
    """Text that may hold inline Markdown and [[id]] references."""


def _prose(value: str) -> Prose:
    # Checked as the Prose it becomes: the parser's cache keeps a str and a str subclass apart
    # (functools.lru_cache), and every later reader (references, claims, pages) passes the Prose.
    prose = Prose(value)
    problems = check_prose(prose)
    if problems:
        raise ValueError("; ".join(problems))
    return prose


def _url(value: str) -> str:
    problem = address_problem(value)
    if problem:
        raise ValueError(f"{quoted(value)} is not a web address: {problem}")
    return value


# No text field holds a book: the bound keeps a pasted file (or a hostile one) from reaching
# every page, export and search index, and a 1 MB field from any translation. Real fields are a
# few thousand characters at most; the bound is far above them (tables cut long cells for
# spreadsheets, and problems quote long values shortened: both are tested with longer texts).
MAX_TEXT_CHARACTERS = 500_000


def _bounded(value: str) -> str:
    if len(value) > MAX_TEXT_CHARACTERS:
        raise ValueError(
            f"is {len(value):,} characters long, over the limit of {MAX_TEXT_CHARACTERS:,} "
            "(a text field holds a few paragraphs: shorten it, and cite a source for the rest)"
        )
    return value


def _bounded_text(value: str) -> str:
    """Any text's checks, in order: its length, then its characters."""
    return _text(_bounded(value))


def _plain_text(value: str) -> str:
    """Plain text's checks: any text's, then no citation marker (which needs a `[^`)."""
    _bounded_text(value)
    return _uncited(value) if "[^" in value else value


def _prose_text(value: str) -> Prose:
    """Prose's checks: any text's, then its links, references and markers."""
    return _prose(_bounded_text(value))


# The validators that run _text's check for stray characters: tests/test_values.py holds every
# text field of every model to one of them.
CHECKS_CHARACTERS = frozenset({_text, _bounded_text, _plain_text, _prose_text})


# Every text type runs _bounded and _text first, so a stray character is reported as itself and
# not as whatever it breaks later; each type's checks are one validator (_bounded_text,
# _plain_text, _prose_text), as pydantic calls every validator on its own and a story has tens of
# thousands of texts. Ids and references are held to the slug pattern instead, checked
# before any validator runs: it admits no forbidden character and no spaces, so _text could
# never refuse an id (tests/test_check_fast_paths.py checks it), and a story's tens of thousands
# of ids and references are not passed to it (a seventh of validating the records).
_AnyText = Annotated[str, Strict(), StringConstraints(min_length=1)]
Verbatim = Annotated[_AnyText, AfterValidator(_plain_text)]
"""Plain text shown as the source wrote it in every language: a publisher, an article's real title, a symbol."""
Text = Annotated[_AnyText, AfterValidator(_plain_text), TRANSLATABLE]
"""Plain text readers see, translated into each language of the story."""
Id = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]
ProseText = Annotated[
    _AnyText,
    AfterValidator(_prose_text),
    LINKING,
    TRANSLATABLE,
    Shown("prose (inline Markdown, [[id]] links, [^source-id] notes)"),
]
Url = Annotated[str, Strict(), AfterValidator(_text), AfterValidator(_url), Shown("web address")]
# A translation's text, checked as any text is; empty means not translated yet (see translations.py).
TranslationText = Annotated[str, Strict(), AfterValidator(_bounded_text)]
Language = Annotated[str, Strict(), StringConstraints(pattern=LANGUAGE_PATTERN), AfterValidator(_text)]
AnyRef = Annotated[Id, AfterValidator(AnyId), LINKING, Shown("id of any record")]
