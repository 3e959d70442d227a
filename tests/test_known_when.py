"""What was known when: every edition says only what had been reported by its moment.

The heart is a metamorphic property: the edition at T rendered from the whole content equals
the overview rendered from the content cut at T (now = T). The cut is written here, apart from
the production filter (facts/editions.py), as plainly as the rule reads, so that a filter that
leaks or drops too much shows as a difference between two pages.
"""

from __future__ import annotations

import re
from typing import Any

from conftest import ENGINE_STORY, first_story
from pydantic import BaseModel

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import Prose
from generator.content.load import Content
from generator.content.models import Update
from generator.content.pages import edition_path
from generator.facts import views
from generator.facts.derive import derive
from generator.pipeline import load_checked
from generator.site.jsonld import StructuredData
from generator.site.render import EDITIONS, Page, Renderer

# -- the cut at T, written apart from the production filter -------------------------------

# The field that dates each kind of record, as the README explains the content model; a figure
# was not known before it was reported either.
RECORD_DATES = {
    "defections": ("date",),
    "events": ("date",),
    "figures": ("as_of", "reported"),
    "quotes": ("date",),
    "documents": ("tabled",),
    "plans": ("date",),
    "seats": ("decided",),
}
# What goes with a part that had not happened yet: a role not yet over had no way of ending;
# a draft not yet voted on was pending and had no result.
GOES_WITH = {("Role", "end"): {"ended": None}, ("Document", "vote"): {"status": "pending", "result": None}}


class Cut:
    """The content as a reader at `moment` could have known it, worked out record by record."""

    def __init__(self, content: Content, moment: Timestamp) -> None:
        self.moment, self.day = moment, moment.moment.date()
        self.sources = {s.id: s for s in content.sources}

    def passed(self, date: FuzzyDate) -> bool:
        return date.scheduled or date.latest <= self.day

    def published(self, source_id: str) -> bool:
        date = self.sources[source_id].date
        return date is not None and date.latest <= self.day

    def citable(self, source_id: str) -> bool:
        return self.sources[source_id].date is None or self.published(source_id)

    def text(self, value: str) -> str:
        return re.sub(r"\[\^([^\]\s]+)]", lambda m: m.group(0) if self.citable(m.group(1)) else "", value)

    def record(self, name: str, record: Any) -> Any:
        for field in RECORD_DATES.get(name, ()):
            date = getattr(record, field)
            if date is not None and not self.passed(date):
                return None
        if name in RECORD_DATES:
            added = record.added
            if added is not None and added > self.moment:
                return None
            if added is None and not any(self.published(s) for s in record.sources):
                return None
        return self.model(record, record)

    def model(self, model: BaseModel, record: Any) -> Any:
        """`model` as it stood, or None when a date it needs, or every source it cites, came later."""
        own = getattr(model, "sources", ())
        if model is not record and own and not any(self.published(s) for s in own):
            added = record.added
            if added is None or added > self.moment or all(self.sources[s].date is not None for s in own):
                return None
        changes: dict[str, Any] = {}
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            new = self.value(value, record, name == "sources")
            if new is value:
                continue
            if new is None or (new == () and value != () and name != "sources" and info.is_required()):
                if info.is_required():
                    return None
                new = None if value != () else ()
                changes.update(GOES_WITH.get((type(model).__name__, name), {}))
            changes[name] = new
        return model.model_copy(update=changes) if changes else model

    def value(self, value: Any, record: Any, cited: bool) -> Any:
        if isinstance(value, FuzzyDate):
            return value if self.passed(value) else None
        if isinstance(value, Prose):
            return value if self.text(value) == value else Prose(self.text(value))
        if isinstance(value, BaseModel):
            return self.model(value, record)
        if isinstance(value, tuple) and cited:
            kept_ids = tuple(s for s in value if self.citable(s))
            return value if kept_ids == value else kept_ids
        if isinstance(value, tuple):
            items = [self.value(item, record, False) for item in value]
            kept = tuple(i for i in items if i is not None)
            return value if all(a is b for a, b in zip(kept, value, strict=False)) and len(kept) == len(value) else kept
        return value

    def content(self, content: Content) -> Content:
        import dataclasses

        kept: dict[str, Any] = {"sources": tuple(s for s in content.sources if self.citable(s.id))}
        for kind, records in content.by_kind():
            if kind.name != "sources":
                kept[kind.name] = tuple(r for r in (self.record(kind.name, r) for r in records) if r is not None)
        story = content.story
        clean = self.text

        def item(model: Any) -> Any:
            changes = {f: Prose(clean(getattr(model, f))) for f in ("text", "summary") if _prose_in(model, f, clean)}
            return model.model_copy(update=changes) if changes else model

        story = story.model_copy(
            update={
                "summary": Prose(clean(story.summary)),
                "highlights": tuple(item(h) for h in story.highlights if h.added <= self.moment),
                "updates": tuple(item(u) for u in story.updates if u.at <= self.moment),
                "corrections": tuple(item(c) for c in story.corrections if c.at <= self.moment),
                "media": tuple(m for m in story.media if self.citable(m.source)),
            }
        )
        return dataclasses.replace(content, story=story, **kept)


def _prose_in(model: Any, field: str, clean: Any) -> bool:
    value = getattr(model, field, None)
    return isinstance(value, Prose) and clean(value) != value


def cut(content: Content, moment: Timestamp) -> Content:
    """The content with every record, part, source, update and version not known by `moment` removed."""
    return Cut(content, moment).content(content)


# -- the property -------------------------------------------------------------------------


def overview_of(renderer: Renderer, content: Content, edition: Update | None, now: Timestamp) -> Page:
    """The overview made from `content` (now = `now`), on the page of the edition when one is given,
    by the renderer of the whole story (so that links name and find the same records)."""
    facts = derive(content)
    view = views.overview_page(content, facts, edition)
    path = edition_path(edition.at) if edition else "index.md"
    jsonld = StructuredData(content, facts, renderer.names).article()
    return renderer.page(path, EDITIONS.template, view.title, content.story_file, page=view, jsonld=jsonld, _now=now)


def assert_editions_are_cuts(content: Content) -> None:
    """Every edition, and the overview, equals the overview of the content cut at its moment."""
    renderer = Renderer(content, derive(content))
    editions = {spec.path: spec for spec in renderer.edition_specs()}
    for update in content.story.updates:
        spec = editions[edition_path(update.at)]
        edition = renderer.page(spec.path, spec.template, spec.title, spec.source, **spec.values)
        expected = overview_of(renderer, cut(content, update.at), update, update.at)
        assert edition.text == expected.text, f"the edition of {update.at.iso()} is not the story cut then"
    spec = next(s for s in renderer.specs() if s.path == "index.md")
    overview = renderer.page(spec.path, spec.template, spec.title, spec.source, **spec.values)
    now = content.story.now
    assert overview.text == overview_of(renderer, cut(content, now), None, now).text


def test_the_engine_fixture_editions_are_its_cuts() -> None:
    assert_editions_are_cuts(load_checked(ENGINE_STORY))


def test_the_first_story_editions_are_its_cuts() -> None:
    assert_editions_are_cuts(load_checked(first_story()))
