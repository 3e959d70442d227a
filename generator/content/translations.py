"""A story in several languages from one set of facts: its text fields matched with their translations.

Ids, dates, numbers, votes and sources are written once, in the story's own files; each other
language (`story.translations`) adds the text readers see, in `content/translations/TAG/`
(translation_files.py reads them). Which fields are text to translate is read from the models:
every field typed `Text` or `ProseText` carries the `Translatable` mark (fields.py), and only
`Verbatim` ones (a publisher, an article's own title, a symbol) are left as they are.

An entry names the original it translates by its fingerprint. Where the original has changed
since, the translation is stale: it is still shown, with a note, and `check` warns. A field with
no translation shows the original, marked with its language (fallback.py).
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.fallback import stale, untranslated
from generator.content.fields import Prose, Translatable
from generator.content.load import PAGES_FOLDER, Content
from generator.content.models import SOURCES_FIELD, Quote
from generator.content.problems import Problem
from generator.content.safe_yaml import FieldPath
from generator.content.translation_files import STORY, Entry, Translations, fingerprint, load_translations

__all__ = [
    "Slot",
    "Translation",
    "edit_files",
    "fingerprint",
    "matched",
    "page_texts",
    "read_translation",
    "read_translations",
    "slots",
    "text_fields",
    "translate",
    "translated_pages",
]

PAGE_FIELD = "text"  # a hand-written page is translated whole, as one field


@dataclass(frozen=True)
class Slot:
    """One original text readers see: whose it is, its field, where it is in the record, and the text."""

    owner: str  # STORY, a record id or a page's file name
    field: str  # the field's path, list positions left out: roles.title
    at: FieldPath  # where it is in the record (or the story): roles, 0, title
    text: str
    listed: bool  # inside a list: several texts share the field


# --- which fields are translated: read from the models' marks ---------------------------


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model that hold text to translate (True) or values that do (False)."""
    found = []
    for name, info in model.model_fields.items():
        if _marked(info.annotation) or any(isinstance(item, Translatable) for item in info.metadata):
            found.append((name, True))
        elif any(_fields(inner) for inner in _models_in(info.annotation)) or _values_in(info.annotation):
            found.append((name, False))
    return tuple(found)


def _values_in(annotation: Any) -> tuple[type, ...]:
    """Value types inside a type that declare words of their own (a date's display text: `TRANSLATED`)."""
    if isinstance(annotation, type):
        return (annotation,) if getattr(annotation, "TRANSLATED", ()) else ()
    return tuple(found for arg in typing.get_args(annotation) for found in _values_in(arg))


def _marked(annotation: Any) -> bool:
    """Whether a type, or a type inside it other than a model, carries the Translatable mark."""
    if isinstance(annotation, Translatable):
        return True
    if isinstance(annotation, type):
        return False
    return any(_marked(arg) for arg in typing.get_args(annotation))


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    elif not isinstance(annotation, type):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


@functools.cache
def text_fields(model: type[BaseModel]) -> dict[str, bool]:
    """Every translated field's path in a model (roles.title), and whether it is inside a list."""
    found: dict[str, bool] = {}
    for name, is_text in _fields(model):
        annotation = model.model_fields[name].annotation
        listed = _is_list(annotation)
        if is_text:
            found[name] = listed
        for inner in _models_in(annotation):
            for path, inner_listed in text_fields(inner).items():
                found[f"{name}.{path}"] = listed or inner_listed
        for value in _values_in(annotation):
            for part in value.TRANSLATED:  # type: ignore[attr-defined]
                found[f"{name}.{part}"] = listed
    return found


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (tuple, list):
        return True
    return not isinstance(annotation, type) and any(_is_list(arg) for arg in typing.get_args(annotation))


# --- the original texts of a story --------------------------------------------------------


def slots(content: Content) -> Iterator[Slot]:
    """Every text readers see, in the story's own language: the story's, each record's, each page's."""
    yield from _walk(content.story, STORY, (), (), listed=False, marked=False)
    for _, records in content.by_kind():
        for record in records:
            yield from _walk(record, record.id, (), (), listed=False, marked=False)
    for name, text in page_texts(content.root).items():
        yield Slot(name, PAGE_FIELD, (PAGE_FIELD,), text, listed=False)


def _walk(
    value: object, owner: str, names: tuple[str, ...], at: FieldPath, *, listed: bool, marked: bool
) -> Iterator[Slot]:
    if isinstance(value, BaseModel):
        for name, is_text in _fields(type(value)):
            yield from _walk(getattr(value, name), owner, (*names, name), (*at, name), listed=listed, marked=is_text)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, owner, names, (*at, index), listed=True, marked=marked)
    elif isinstance(value, str) and marked and value:
        yield Slot(owner, ".".join(names), at, value, listed)
    else:
        for part in getattr(type(value), "TRANSLATED", ()):
            text = getattr(value, part)
            if text:
                yield Slot(owner, ".".join((*names, part)), (*at, part), text, listed)


def page_texts(root: Path) -> dict[str, str]:
    """The hand-written pages a translation may give (content/pages/NAME.md), by file name."""
    folder = root / PAGES_FOLDER
    if not folder.is_dir():
        return {}
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(folder.glob("*.md"))
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
    }


# --- matching entries with the texts they translate --------------------------------------


@dataclass(frozen=True)
class Match:
    """What a language's files say of one story: the translation of each text, and the entries left over."""

    applied: dict[tuple[str, FieldPath], tuple[Entry, bool]]  # (owner, at) -> entry, stale
    stale: tuple[tuple[Entry, Slot], ...]
    unmatched: tuple[tuple[Entry, str], ...]  # entries that match no text, and why
    slots: dict[tuple[str, str], tuple[Slot, ...]]  # the texts, by owner and field


def matched(content: Content, translations: Translations) -> Match:
    """Match every entry with the text it translates: by fingerprint, else as a stale translation."""
    by_field: dict[tuple[str, str], list[Slot]] = {}
    for slot in slots(content):
        by_field.setdefault((slot.owner, slot.field), []).append(slot)
    written: dict[tuple[str, str], list[Entry]] = {}
    for entry in translations.entries:
        written.setdefault((entry.owner, entry.field), []).append(entry)
    applied: dict[tuple[str, FieldPath], tuple[Entry, bool]] = {}
    stale_found: list[tuple[Entry, Slot]] = []
    unmatched: list[tuple[Entry, str]] = []
    for key, entries in written.items():
        texts = by_field.get(key)
        if not texts:
            unmatched += [(entry, _why_unmatched(content, entry)) for entry in entries]
            continue
        once, twice = _once(entries)
        unmatched += [(entry, "twice") for entry in twice]
        fresh, late, left = _pair(once, texts)
        for entry, slot in fresh:
            applied[(slot.owner, slot.at)] = (entry, False)
        for entry, slot in late:
            applied[(slot.owner, slot.at)] = (entry, True)
            stale_found.append((entry, slot))
        unmatched += [(entry, "changed") for entry in left]
    frozen = {key: tuple(found) for key, found in by_field.items()}
    return Match(applied, tuple(stale_found), tuple(unmatched), frozen)


def _once(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The entries, and those that translate the same text as an entry before them (in any file)."""
    seen: set[str] = set()
    once: list[Entry] = []
    twice: list[Entry] = []
    for entry in entries:
        (twice if entry.text and entry.of in seen else once).append(entry)
        if entry.text:
            seen.add(entry.of)
    return once, twice


def _pair(
    entries: list[Entry], texts: list[Slot]
) -> tuple[list[tuple[Entry, Slot]], list[tuple[Entry, Slot]], list[Entry]]:
    """Pair entries with texts: by fingerprint, else, for a field of one text, as a stale translation.

    In a list (highlights, a record's roles) a text whose fingerprint no entry has may be an edited
    item or a new one, and an entry whose text is gone an edited item or a removed one: pairing
    them could print the translation of another item. The English is shown there instead, and
    `check` says which entry no longer matches."""
    prints = {entry.of: entry for entry in entries if entry.text}
    current = [(fingerprint(slot.text), slot) for slot in texts]  # each text hashed once
    now = {of for of, _ in current}
    fresh = [(prints[of], slot) for of, slot in current if of in prints]
    rest = [entry for entry in entries if entry.text and entry.of not in now]
    open_texts = [slot for of, slot in current if of not in prints]
    if len(rest) == len(open_texts) == 1 and not open_texts[0].listed:
        return fresh, [(rest[0], open_texts[0])], []
    return fresh, [], rest


def _why_unmatched(content: Content, entry: Entry) -> str:
    """Why an entry's field has no text: no such record, no such field, or the field is empty."""
    if entry.owner == STORY:
        model: type[BaseModel] = type(content.story)
    elif entry.owner.endswith(".md"):
        return "page" if entry.field == PAGE_FIELD else "field"
    elif entry.owner in content.by_id:
        model = type(content.by_id[entry.owner])
    else:
        return "record"
    return "empty" if entry.field in text_fields(model) else "field"


@dataclass(frozen=True)
class Translation:
    """One language's files, read and matched with the story once: what `check`, the translated
    story, its hand-written pages and its edit links are all made from."""

    tag: str
    files: Translations
    problems: tuple[Problem, ...]  # the files' problems of form
    match: Match


def read_translation(content: Content, tag: str) -> Translation:
    """Read a language's files and match their entries with the story's texts."""
    files, problems = load_translations(content.root, tag)
    return Translation(tag, files, tuple(problems), matched(content, files))


def read_translations(content: Content) -> dict[str, Translation]:
    """Every language the story lists (`story.translations`), read and matched, by tag."""
    return {tag: read_translation(content, tag) for tag in content.story.translations}


# --- the story in another language ----------------------------------------------------------


def translate(content: Content, translation: Translation) -> Content:
    """The same story with every text readers see in the translation's language, and that as its language.

    Where there is no translation, the original stays, marked with its language; a stale
    translation is shown, marked with the day it was made. Only well-formed entries are used:
    `check` refuses the others before a site is built.
    """
    tag, match = translation.tag, translation.match
    if tag.lower() == content.story.language.lower():
        return content  # the story's own language: nothing to translate, nothing to mark
    language = content.story.language
    story = _translated(content.story, STORY, (), match, language)
    assert isinstance(story, type(content.story))
    # The story now speaks `tag` (its dates, feeds and <html lang> follow), and its other languages
    # are the original and the rest: seen from any language, the others are the same list.
    others = (language, *(t for t in content.story.translations if t.lower() != tag.lower()))
    story = story.model_copy(update={"language": tag, "translations": others})
    kept: dict[str, Any] = {
        kind.name: tuple(_translated(record, record.id, (), match, language) for record in records)
        for kind, records in content.by_kind()
    }
    return dataclasses.replace(content, story=story, **kept)


def _translated(value: Any, owner: str, at: FieldPath, match: Match, language: str, *, marked: bool = False) -> Any:
    if isinstance(value, BaseModel):
        changes = {
            name: _translated(getattr(value, name), owner, (*at, name), match, language, marked=is_text)
            for name, is_text in _fields(type(value))
        }
        changes.update(_as_original(value, owner, match))
        # model_copy keeps the values as given: the marked strings reach the pages as they are.
        return value.model_copy(update=changes)
    if isinstance(value, tuple):
        return tuple(_translated(item, owner, (*at, i), match, language, marked=marked) for i, item in enumerate(value))
    if isinstance(value, str) and marked and value:
        return _text_at(value, match.applied.get((owner, at)), language)
    parts = getattr(type(value), "TRANSLATED", ())
    if parts and dataclasses.is_dataclass(value) and not isinstance(value, type):
        texts = {part: getattr(value, part) for part in parts}
        return dataclasses.replace(
            value,
            **{
                part: _text_at(text, match.applied.get((owner, (*at, part))), language)
                for part, text in texts.items()
                if text
            },
        )
    return value


def _text_at(original: str, found: tuple[Entry, bool] | None, language: str) -> str:
    if found is None:
        return untranslated(original, language)
    entry, is_stale = found
    if is_stale:
        return stale(entry.text, original, entry.on, language)
    return Prose(entry.text) if isinstance(original, Prose) else entry.text


def translated_pages(content: Content, translation: Translation) -> dict[str, str]:
    """Each hand-written page (content/pages/NAME.md) in the translation's language, by file name: its
    translation, else the original marked `Untranslated` (and a stale translation marked `Stale`),
    so that the site can say so on the page."""
    language = content.story.language
    return {
        name: _text_at(text, translation.match.applied.get((name, (PAGE_FIELD,))), language)
        for name, text in page_texts(content.root).items()
    }


def edit_files(translation: Translation) -> dict[str, str]:
    """Where each record's translations are written (its first entry's file), by record id, STORY
    for the story and file names for pages: a page in that language links there to edit."""
    found: dict[str, str] = {}
    for entry in translation.files.entries:
        found.setdefault(entry.owner, entry.file)
    return found


def _as_original(value: BaseModel, owner: str, match: Match) -> dict[str, Any]:
    """A quote given in the speaker's own words in this language: its text is no translation, so
    the record's words in another original language are not shown beside it, and the sources that
    print these words are cited with it."""
    if not isinstance(value, Quote):
        return {}
    found = match.applied.get((owner, ("text",)))
    if found is None or not found[0].original:
        return {}
    extra = tuple(s for s in found[0].sources if s not in value.sources)
    return {"original": None, "original_language": None, SOURCES_FIELD: (*value.sources, *extra)}
