"""The message catalogs hold every word the generator writes, translated, and nothing else.

The messages are extracted from generator/ as gettext tools do (Babel: `_`, `ngettext`,
`pgettext`, `npgettext` in Python; Jinja's extractor for the templates), then compared with
each language's catalog: a message missing or untranslated there, a catalog entry nothing uses,
a translation that drops or invents a placeholder, or a wrong number of plural forms fails,
naming the message and where it is used. A template's own text outside `_()` is English that
no catalog can translate: runs of words in it fail too.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from conftest import ROOT
from jinja2 import Environment
from jinja2.ext import babel_extract

from generator.content.i18n import LOCALES, SOURCE_LANGUAGE, catalog_path
from generator.site.render import TEMPLATES

GENERATOR = ROOT / "generator"
LANGUAGES = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())
# The templates' settings, as the renderer's environment has them (site/render.py).
# Only for reading the templates' tokens: nothing is rendered with it.
LEXER = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


@dataclass(frozen=True)
class Message:
    """A message the generator uses: its id (and plural, context) and every place it is used."""

    key: tuple[str | None, str]  # (context, msgid)
    plural: str | None
    places: tuple[str, ...]

    @property
    def shown(self) -> str:
        context = f" (context {self.key[0]!r})" if self.key[0] else ""
        return f"{self.key[1]!r}{context}, used at {', '.join(self.places[:3])}"


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT).as_posix()}:{line}"


def _extracted(path: Path, method: Any, options: dict[str, str] | None = None) -> Iterator[tuple[Any, str]]:
    for line, message, _comments, context in extract_from_file(
        method, str(path), keywords={**DEFAULT_KEYWORDS, "N_": None}, options=options or {}
    ):
        yield (context, message), _where(path, line)


def used_messages(root: Path = GENERATOR, templates: Path = TEMPLATES) -> dict[tuple[str | None, str], Message]:
    """Every message the generator's Python and page templates use, by (context, msgid)."""
    found: dict[tuple[str | None, str], tuple[str | None, list[str]]] = {}
    sources = [(p, "python", None) for p in sorted(root.rglob("*.py"))]
    sources += [(p, babel_extract, JINJA_OPTIONS) for p in sorted(templates.rglob("*.html"))]
    for path, method, options in sources:
        for (context, message), where in _extracted(path, method, options):
            singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
            if not singular:  # a call with a variable, not a literal: nothing to translate
                continue
            _, places = found.setdefault((context, singular), (plural, []))
            places.append(where)
    return {key: Message(key, plural, tuple(places)) for key, (plural, places) in found.items()}


def catalog(language: str) -> Catalog:
    with catalog_path(language).open("rb") as po:
        return read_po(po, locale=language)


PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w*)\}")


def placeholders(text: str) -> set[str]:
    return {m.group(1) or m.group(2) for m in PLACEHOLDER.finditer(text)}


def test_the_catalogs_are_the_languages_the_generator_speaks() -> None:
    assert SOURCE_LANGUAGE not in LANGUAGES  # English is the messages themselves
    assert {"fr", "ar"} <= set(LANGUAGES)


@pytest.fixture(scope="module")
def used() -> dict[tuple[str | None, str], Message]:
    return used_messages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str, used: dict[tuple[str | None, str], Message]) -> None:
    """Each message the generator uses has an entry in the catalog, translated in every plural form."""
    entries = catalog(language)
    problems = []
    for key, message in sorted(used.items(), key=lambda item: (item[0][1], item[0][0] or "")):
        entry = entries.get(key[1], context=key[0])
        if entry is None:
            problems.append(f"missing: {message.shown}")
            continue
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(forms):
            problems.append(f"untranslated: {message.shown}")
        if message.plural is not None and len(forms) != entries.num_plurals:
            problems.append(f"{len(forms)} plural forms, not {entries.num_plurals}: {message.shown}")
    assert not problems, f"{catalog_path(language).relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_holds_only_messages_in_use(language: str, used: dict[tuple[str | None, str], Message]) -> None:
    """A catalog entry that nothing in generator/ uses any more is dead weight for translators."""
    unused = [
        f"{catalog_path(language).relative_to(ROOT)}:{entry.lineno}: {entry.id!r} is used nowhere"
        for entry in catalog(language)
        if entry.id and (entry.context, entry.id if isinstance(entry.id, str) else entry.id[0]) not in used
    ]
    assert not unused, "\n".join(unused)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str, used: dict[tuple[str | None, str], Message]) -> None:
    """A translation fills the same named fields as its message: one that drops or invents a field
    would lose a value or fail when formatted."""
    problems = []
    for entry in catalog(language):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        # A plural form other than the last, general one may leave out the number it is chosen by
        # (Arabic writes "one" and "two" as words); which field that is, only the code knows.
        wanted = placeholders(ids[-1])
        for index, form in enumerate(forms):
            optional = wanted if len(ids) > 1 and index < len(forms) - 1 else set()
            if form and not (wanted - optional <= placeholders(form) <= wanted):
                problems.append(f"{catalog_path(language).relative_to(ROOT)}:{entry.lineno}: {ids[0]!r} -> {form!r}")
    assert not problems, "\n".join(problems)


# -- the templates' own text -------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
MARK = "\x00"  # where a template prints a value or runs a tag: no text of its own
ATTRIBUTES = re.compile(r'\b(?:aria-label|data-label|title|alt|placeholder)="([^"]*)"')
# Markup, Markdown attribute lists, inline styles, and the front matter's keys (`title: ...`).
NOT_TEXT = re.compile(r"<style>.*?</style>|<!doctype html>|<[^>]*>|\{:[^}]*\}|^\s*(?:[a-z_]+:|-|---).*$", re.S | re.M)


def english_runs(template: str) -> Iterator[tuple[int, str]]:
    """Words a template prints outside `_()` and `{% trans %}`: its text between tags, and the
    readable attributes of its tags, as (line, words). Values and tags of Jinja count as no text."""
    text, lines = "", []  # lines: (offset in text, line in the template)
    inside = False
    for lineno, kind, value in LEXER.lex(template):
        if kind in ("variable_begin", "block_begin"):
            inside = True
        elif kind in ("variable_end", "block_end"):
            inside, text = False, text + MARK
        elif kind == "data" and not inside:
            lines.append((len(text), lineno))
            text += value
    for match in [
        *ATTRIBUTES.finditer(text),
        *re.finditer(r"[^<>]+", NOT_TEXT.sub(lambda m: " " * len(m.group()), text)),
    ]:
        chunk = match.group(1) if match.re is ATTRIBUTES else match.group()
        words = WORD.findall(chunk)
        if words:
            line = max((ln for offset, ln in lines if offset <= match.start()), default=1)
            yield (
                line + text[max(o for o, _ in lines if o <= match.start()) : match.start()].count("\n"),
                " ".join(words),
            )


def test_templates_print_no_english_of_their_own() -> None:
    found = [
        f"{_where(path, line)}: {words!r}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for line, words in english_runs(path.read_text(encoding="utf-8"))
    ]
    assert not found, "wrap these in {{ _(...) }}:\n" + "\n".join(found)


def test_the_template_scan_finds_english_outside_messages() -> None:
    """The scan itself: text and readable attributes outside `_()` are found, messages are not."""
    template = '<p>{{ _("Sources differ") }}</p>\n<nav aria-label="Every part">x</nav>\n<p>Sources differ</p>'
    assert [words for _, words in english_runs(template)] == ["Every part", "Sources differ"]


def english_literals(source: str) -> list[tuple[int, str]]:
    """String literals in a template's expressions that read as English words ("not recorded")
    and are not the id of a message: a template would print them as they are."""
    messages: set[str] = set()
    for _line, _function, message, _comments in babel_extract(
        io.BytesIO(source.encode("utf-8")), [*DEFAULT_KEYWORDS, "N_"], [], JINJA_OPTIONS
    ):
        messages.update(m for m in (message if isinstance(message, tuple) else (message,)) if m)
    return [
        (line, value)
        for line, kind, value in LEXER.lex(source)
        if kind == "string"
        and re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", value)
        and ast.literal_eval(value) not in messages
    ]


def test_the_expression_strings_are_messages() -> None:
    """A string a template prints from an expression is a message too."""
    found = [
        f"{_where(path, line)}: {value}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for line, value in english_literals(path.read_text(encoding="utf-8"))
    ]
    sample = (
        '{{ x if y else "not recorded" }} {{ _("still held") }} {{ ngettext("%(num)s day in", "%(num)s days in", n) }}'
    )
    assert english_literals(sample) == [(1, '"not recorded"')]
    assert not found, "wrap these in _(...):\n" + "\n".join(found)


GETTEXT_CALL = re.compile(r"(?<![\w.])(?:_|gettext|ngettext|pgettext|npgettext)\(")


def messages_in_f_strings(source: str) -> list[int]:
    """Lines where a message is looked up inside an f-string, which extraction cannot see."""
    return [
        token.start[0]
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.STRING
        and "f" in token.string.split(token.string[-1])[0].lower()
        and GETTEXT_CALL.search(token.string)
    ]


def test_no_message_hides_in_an_f_string() -> None:
    found = [
        _where(path, line)
        for path in sorted(GENERATOR.rglob("*.py"))
        for line in messages_in_f_strings(path.read_text(encoding="utf-8"))
    ]
    assert messages_in_f_strings("x = f\"<b>{_('Sources')}</b>\"\n") == [1]
    assert not found, "look the message up before the f-string, so that extraction finds it:\n" + "\n".join(found)
