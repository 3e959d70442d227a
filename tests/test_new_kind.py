"""Adding a kind needs only its declared places: a model, a registry entry (and its records).

The kind here exists in this file alone: `registered` adds it to the registry for one test, as
a newsroom adding a kind would add an entry to generator/content/kinds.py. The story built with
it must give each of its records a timeline entry that says something, and every link to one
must land on an element with its id (MkDocs does not check anchors inside raw HTML, so
conftest.broken_links does). The kind has no timeline partial: the default prints it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import test_hostile  # imported before any test registers a kind, so that the registration is undone in it too
import yaml
from conftest import ENGINE_STORY, broken_links, make_project
from model_text import text_paths
from pydantic import Field

from generator.content import kinds, load
from generator.content.dates import FuzzyDate
from generator.content.fields import ProseText, Text
from generator.content.kinds import Kind, Linked
from generator.content.models import Fact, MilestoneFlag, MilestoneSummary, Sources, Uncertain
from generator.site.exports import story_data


class Tremor(Fact):
    """A tremor felt in the story's country: a kind no code knows."""

    date: FuzzyDate = Field(description="When it was felt.")
    title: Text = Field(description="One line saying what was felt.")
    description: ProseText | None = Field(None, description="More detail.")
    milestone: MilestoneFlag = False
    summary: MilestoneSummary = None
    uncertain: Uncertain = None
    sources: Sources


TREMORS = Kind(
    "tremors",
    "tremor",
    Tremor,
    lambda t, _, __: t.title,
    "timeline.md",
    "timeline.md",
    mention_rank=12,
    dated_by="date",
    on_timeline=True,
    timeline_rank=6,
    linked=Linked("Event", popolo_event=True, classify=lambda _: "earthquake"),
)


def registered(kind: Kind[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Register `kind` for one test, as an entry in kinds.py would: every module that read the
    registry sees it, and the content holds a field for its records (as Records would declare)."""
    declared = kinds.KINDS
    extended = (*declared, kind)
    # The package's modules and the tests' (which read the registry too, as test_hostile does).
    for module in [m for name, m in sys.modules.items() if name.startswith(("generator", "test_"))]:
        if getattr(module, "KINDS", None) is declared:
            monkeypatch.setattr(module, "KINDS", extended)
    monkeypatch.setitem(kinds.BY_NAME, kind.name, kind)
    monkeypatch.setitem(kinds.BY_MODEL, kind.model, kind)
    for word in (kind.name, *kind.words):
        monkeypatch.setitem(kinds.BY_WORD, word, kind)
    monkeypatch.setitem(kinds.ENTRY_RANKS, kind.name, kind.timeline_rank)
    field = dataclasses.field(default=())
    content = dataclasses.make_dataclass(
        "Content", [(kind.name, tuple[kind.model, ...], field)], bases=(load.Content,), frozen=True, kw_only=True
    )
    monkeypatch.setattr(load, "Content", content)
    story_data.story_model.cache_clear()  # story.json's model lists the registry's kinds


@pytest.fixture
def with_tremors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    registered(TREMORS, monkeypatch)
    yield
    story_data.story_model.cache_clear()


TREMOR_RECORDS = [
    {
        "id": "tremor-2023-03-10",
        "date": "2023-03-10",
        "title": "A tremor is felt in the capital",
        "description": "Windows shake near the [[velorian-army]]'s barracks.",
        "uncertain": "Its strength was not measured.",
        "sources": ["example-wire-2023-06-20"],
    },
    {"id": "tremor-2023-03", "date": "2023-03", "title": "Tremors all month", "sources": ["example-wire-2023-06-20"]},
]


def story_with_tremors(target: Path) -> Path:
    """The engine's story, with tremors and an event that links to one (a backlink to land)."""
    content = target / "content"
    shutil.copytree(ENGINE_STORY, content)
    (content / "tremors.yml").write_text(yaml.safe_dump(TREMOR_RECORDS, sort_keys=False), encoding="utf-8")
    events = yaml.safe_load((content / "events.yml").read_text(encoding="utf-8"))
    events[1]["description"] = "Days after [[tremor-2023-03-10]]."
    (content / "events.yml").write_text(yaml.safe_dump(events, sort_keys=False), encoding="utf-8")
    return content


def build_in_process(project: Path, site: Path) -> None:
    """`mkdocs build --strict` in this process, so that the kind registered here is seen."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)


class _Entries(HTMLParser):
    """The text of each timeline entry's "what" paragraph, before its citation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[str] = []
        self.depth = 0  # inside the paragraph (0: outside); its citation is left out
        self.cite = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "p" and "se-timeline__what" in classes:
            self.entries.append("")
            self.depth = 1
        elif self.depth and tag == "span" and "se-cite" in classes:
            self.cite = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.depth = 0
        if tag == "span":
            self.cite = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.cite:
            self.entries[-1] += data


def timeline_entries(html: str) -> list[str]:
    parser = _Entries()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.entries]


def empty_entries(site: Path) -> list[str]:
    """Timeline entries (on every page of the timeline) that say nothing but their sources."""
    pages = [site / "timeline" / "index.html", *sorted((site / "timeline").glob("*/index.html"))]
    return [
        f"{p.relative_to(site)}: entry {n}"
        for p in pages
        for n, t in enumerate(timeline_entries(p.read_text()))
        if not t
    ]


def test_the_checks_see_an_empty_entry_and_a_dangling_anchor(tmp_path: Path) -> None:
    """What the kind's test relies on: an entry with only its citation is empty; a link into raw
    HTML to an id no element has is broken."""
    assert timeline_entries(
        '<p class="se-timeline__what">\n <span class="se-cite">Source: <a href="x">X</a></span></p>'
        '<p class="se-timeline__what"><strong>A</strong> <span class="se-cite">S</span></p>'
    ) == ["", "A"]
    site = tmp_path / "site"
    (site / "timeline").mkdir(parents=True)
    page = '<link rel="canonical" href="https://example.org/"><div><p id="here">x</p></div>'
    (site / "index.html").write_text(page + '<p><a href="timeline/#gone">x</a> <a href="timeline/#here">y</a></p>')
    (site / "timeline" / "index.html").write_text(page)
    assert broken_links(site) == ["index.html: timeline/#gone (no such anchor)"]


@pytest.fixture
def tremor_site(tmp_path: Path, with_tremors: None) -> Path:
    content = story_with_tremors(tmp_path / "story")
    project = make_project(content, tmp_path / "project")
    build_in_process(project, tmp_path / "site")
    return tmp_path / "site"


def test_a_kind_declared_in_the_test_alone_builds_with_entries_and_landing_links(tremor_site: Path) -> None:
    assert empty_entries(tremor_site) == []
    assert broken_links(tremor_site) == []
    timeline = (tremor_site / "timeline" / "index.html").read_text(encoding="utf-8")
    entries = timeline_entries(timeline)
    assert "A tremor is felt in the capital. Windows shake near the Velorian army's barracks." in entries
    assert "Tremors all month" in entries
    assert 'id="tremor-2023-03-10"' in timeline and "Its strength was not measured." in timeline
    # The event's link to the tremor lands on its entry: it was checked above with every other.
    assert 'href="./#tremor-2023-03-10"' in timeline or 'href="#tremor-2023-03-10"' in timeline


def test_its_declared_types_publish_it_as_linked_data(tremor_site: Path) -> None:
    """Its registry entry says a tremor is a schema.org Event and a Popolo event: both list it."""
    popolo = json.loads((tremor_site / "data" / "popolo.json").read_text(encoding="utf-8"))
    tremors = [e for e in popolo["events"] if e["id"].startswith("tremor-")]
    assert tremors == [  # by date: a month is placed on its last day
        {
            "id": "tremor-2023-03-10",
            "name": "A tremor is felt in the capital",
            "description": "Windows shake near the Velorian army's barracks.",
            "start_date": "2023-03-10",
            "classification": "earthquake",
            "sources": tremors[0]["sources"],
        },
        {
            "id": "tremor-2023-03",
            "name": "Tremors all month",
            "start_date": "2023-03",
            "classification": "earthquake",
            "sources": tremors[1]["sources"],
        },
    ]
    assert tremors[0]["sources"][0]["url"].startswith("https://")
    timeline = (tremor_site / "timeline" / "index.html").read_text(encoding="utf-8")
    [items] = [json.loads(block)["itemListElement"] for block in re.findall(r'ld\+json">(.*?)</script>', timeline)]
    assert {
        "@type": "Event",
        "name": "Tremors all month",
        "description": "Tremors all month",
        "startDate": "2023-03",
    } in items


def test_story_json_holds_its_records_and_its_schema_their_model(tremor_site: Path) -> None:
    data = json.loads((tremor_site / "data" / "story.json").read_text(encoding="utf-8"))
    schema = json.loads((tremor_site / "data" / "story.schema.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["records"]["tremors"]] == [r["id"] for r in TREMOR_RECORDS]
    jsonschema.Draft202012Validator(schema).validate(data)  # a schema made before the kind was added would not list it


def test_a_new_kind_is_owed_the_hostile_payloads(with_tremors: None) -> None:
    """The hostile test reads the kinds and their text fields from the registry and the models:
    a kind with no record to carry the payloads is named, with each of its text fields."""
    assert set(text_paths(Tremor)) == {"title", "description", "summary", "uncertain"}
    filled = test_hostile.filled_paths(0, test_hostile.PAYLOADS[0])
    assert filled["tremors"] == set()
    with pytest.raises(AssertionError, match="tremors"):
        test_hostile.test_every_text_field_of_every_kind_carries_the_payloads()
