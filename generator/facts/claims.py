"""Every claim the site shows, with the sources it rests on: a sentence or item of prose, a relation, a role, a figure.

A claim rests on the sources of the record (or the part of a record: a relation, a
role, a document's version) it belongs to, and on the citation markers written after
it. A claim that rests on none is unsourced, and `unsourced` lists those. Sources
themselves are left out (a source's note is about the source), and so are the
story's logs and its categories (see _OWN_FIELDS).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from generator.content.fields import Prose
from generator.content.kinds import FIGURES, SOURCES
from generator.content.load import Content
from generator.content.models import SOURCES_FIELD, Relation, Role
from generator.content.prose import Cite, Code, Em, Link, Node, Ref, Strong, Text, parse, shows_label
from generator.content.safe_yaml import FieldPath
from generator.content.walk import linking_fields, part_fields

# Private-use characters no content holds (fields.py refuses them): where a marker stood, and a cut.
_MARKER, _CUT = "\ue000", "\ue001"
# A sentence ends at . ! or ?, with any markers after it, then a space and a capital letter, a
# digit or an opening mark. Prose is parsed with its spaces collapsed, so no run of spaces repeats.
_SENTENCE_END = re.compile(rf"([.!?](?: ?{_MARKER})*) (?=[A-Z0-9\"“‘(\[])")
# Story fields that claim nothing about the story: the logs say what changed on the site, and
# sides, metrics and seniority ladders are the site's own categories (each actor, figure and
# defection put in one is sourced itself).
_OWN_FIELDS = frozenset({"updates", "corrections", "sides", "metrics", "seniority"})


@dataclass(frozen=True)
class Claim:
    """One claim: where it is written, what it says, and the ids of the sources it rests on."""

    file: str
    record: str  # the record's id, or "" for the story
    path: FieldPath  # the field inside the record: ("relations", 0) or ("description",)
    text: str  # the claim in plain words
    sources: tuple[str, ...]  # every source it rests on: its part's, its record's, and its markers'
    cited: tuple[str, ...] = ()  # the sources its own markers cite


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose in plain words, and the sources its markers cite."""

    text: str
    cites: tuple[str, ...]


def sentences(value: str) -> list[Sentence]:
    """The sentences of a prose value, each with the markers written after it (a marker after
    a sentence's full stop belongs to that sentence)."""
    cited: list[str] = []
    flat: list[str] = []
    for piece in _pieces(parse(value)):
        if isinstance(piece, Cite):
            cited.append(piece.source)
            flat.append(_MARKER)
        else:
            flat.append(piece)
    # Mark each sentence end (with the markers right after it) and cut there.
    cut = _SENTENCE_END.sub(lambda m: m.group(1) + _CUT, "".join(flat))
    found: list[Sentence] = []
    taken = 0
    for part in cut.split(_CUT):
        count = part.count(_MARKER)
        words = " ".join(re.sub(rf"\s*{_MARKER}", "", part).split())
        if words:
            found.append(Sentence(words, tuple(cited[taken : taken + count])))
        elif found and count:
            found[-1] = Sentence(found[-1].text, found[-1].cites + tuple(cited[taken : taken + count]))
        taken += count
    return found


def claims(content: Content) -> Iterator[Claim]:
    """Every claim in the content, in the order of the files' records."""
    return _claims(content, unsourced_only=False)


def unsourced(content: Content) -> list[Claim]:
    """The claims that rest on no source at all."""
    return [claim for claim in _claims(content, unsourced_only=True) if not claim.sources]


def _claims(content: Content, *, unsourced_only: bool) -> Iterator[Claim]:
    """The claims in the content; with `unsourced_only`, only those that may rest on no source.

    Below a part that lists sources every claim rests on them, and most records list some: the
    check of unsourced claims skips those parts without splitting their prose into sentences
    (and a figure's claim without naming it), which was most of what validating cost.
    """
    story_fields = (name for name in type(content.story).model_fields if name not in _OWN_FIELDS)
    for name in story_fields:
        yield from _walk(getattr(content.story, name), content.story_file, "", (name,), (), unsourced_only)
    # An update's text is the site's log, but a summary it rewrites is the story's lede again.
    for index, update in enumerate(content.story.updates):
        if update.summary:
            yield from _walk(update.summary, content.story_file, "", ("updates", index, "summary"), (), unsourced_only)
    for kind, records in content.by_kind():
        if kind is SOURCES:
            continue
        for record in records:
            file = content.origins[record.id].file
            own = _own_sources(record)
            if kind is FIGURES and not (unsourced_only and own):
                yield Claim(file, record.id, (), content.name_of(record), own)
            yield from _walk(record, file, record.id, (), (), unsourced_only)


def _walk(
    value: object, file: str, record: str, path: FieldPath, inherited: tuple[str, ...], unsourced_only: bool
) -> Iterator[Claim]:
    """The claims in a value: its prose sentences, and the relations and roles in it."""
    if isinstance(value, Prose):
        for sentence in sentences(value):
            yield Claim(file, record, path, sentence.text, inherited + sentence.cites, sentence.cites)
    elif isinstance(value, BaseModel):
        sources = inherited + _own_sources(value)
        if isinstance(value, Relation | Role):
            yield Claim(file, record, path, _part_words(value), sources)
        if sources and unsourced_only:
            return  # every claim inside rests on these sources
        for name in _claim_fields(type(value)):
            field = getattr(value, name)
            if field is not None and field != ():
                yield from _walk(field, file, record, (*path, name), sources, unsourced_only)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, file, record, (*path, index), inherited, unsourced_only)


@functools.cache
def _claim_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold a claim: prose (which may link, so is among the linking
    fields) or a part. Plain fields (names, dates, numbers) are never visited."""
    linking, parts = set(linking_fields(model)), set(part_fields(model))
    return tuple(name for name in model.model_fields if name in linking or name in parts)


_SOURCE_FIELD = "source"  # where a piece of media names the one source it comes from


@functools.cache
def _source_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Where a model lists its own sources: `sources`, and the one `source` of a piece of media."""
    return tuple(name for name in (SOURCES_FIELD, _SOURCE_FIELD) if name in model.model_fields)


def _own_sources(model: BaseModel) -> tuple[str, ...]:
    """The sources a model lists itself: its `sources`, or the one `source` of a piece of media."""
    fields = _source_fields(type(model))
    listed: tuple[str, ...] = getattr(model, SOURCES_FIELD) if SOURCES_FIELD in fields else ()
    single = getattr(model, _SOURCE_FIELD) if _SOURCE_FIELD in fields else None
    return (*listed, *((single,) if isinstance(single, str) else ()))


def _part_words(part: Relation | Role) -> str:
    if isinstance(part, Relation):
        return f"{part.kind.value} {part.target}"
    return f"{part.title}{f' ({part.organization})' if part.organization else ''}"


def _pieces(nodes: tuple[Node, ...]) -> Iterator[str | Cite]:
    """The words of a tree in reading order, with its citation markers where they stand."""
    for node in nodes:
        match node:
            case Cite():
                yield node
            case Text(text) | Code(text):
                yield text
            case Ref(target) if not shows_label(node):
                yield target
            case Strong(children) | Em(children) | Link(_, children) | Ref(_, _, children):
                yield from _pieces(children)
