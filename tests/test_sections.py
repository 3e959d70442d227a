"""The section registry (generator/facts/sections.py): a page is one entry, one view and one template.

The tests hold mkdocs.yml's nav and the browser tests to the registry, and build a story with a
section added in the test alone: its page is made, linked and anchored with nothing else changed.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ENGINE_STORY, ROOT, TESTS, make_project, story_content
from test_browser import PAGE_KINDS

from generator.content.kinds import KINDS
from generator.content.load import Content
from generator.content.pages import NOTE_ANCHOR, heading_anchor
from generator.content.problems import ContentError
from generator.facts.addresses import page_url
from generator.facts.derive import Facts
from generator.facts.parts import Division, Place, Scope, dated
from generator.facts.sections import CHART_FRAMES, REGISTRY, SECTIONS, Registry, Section
from generator.pipeline import build_site, load_checked
from generator.site.environment import TEMPLATES
from generator.site.svg import FRAMES

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` is its default here."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # type: ignore[arg-type]


def mkdocs_nav() -> list[Any]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)  # noqa: S506
    nav: list[Any] = config["nav"]
    return nav


def test_mkdocs_nav_lists_every_section_the_registry_declares() -> None:
    assert REGISTRY.nav_problems(mkdocs_nav()) == []


def test_the_nav_check_says_what_to_add_and_what_to_rename() -> None:
    nav = [entry for entry in mkdocs_nav() if "timeline.md" not in entry.values()]
    nav = [{"Numbers": path} if path == "figures.md" else entry for entry in nav for path in entry.values()]
    assert REGISTRY.nav_problems(nav) == [
        "nav: the section page timeline.md is missing (add `- Timeline: timeline.md` to mkdocs.yml's nav)",
        "nav: figures.md is titled 'Numbers' but the section is 'Figures' (write `- Figures: figures.md` in "
        "mkdocs.yml's nav)",
    ]
    # A nested nav, and a bare path (MkDocs then titles it itself), list pages too.
    nested = [{"Story": ["index.md", *(s.path for s in SECTIONS[1:])]}]
    assert REGISTRY.nav_problems(nested) == []


def test_every_kind_lives_on_a_registered_section() -> None:
    """A kind's home page and the section that lists it are pages the registry makes."""
    paths = {s.path for s in SECTIONS}
    for kind in KINDS:
        assert kind.section in paths, kind.name
        assert kind.home in paths or kind.home.endswith("/"), kind.name


def test_the_browser_tests_visit_every_section_by_its_own_name() -> None:
    """Each section has a name of its own, and the browser tests open its page (PAGE_KINDS)."""
    names = [section.name for section in SECTIONS]
    assert len(set(names)) == len(names)
    for section in SECTIONS:
        assert PAGE_KINDS[section.name] == page_url(section.path)


_ID = re.compile(r'\bid="([^"]+)"')
_HEADING = re.compile(r"^#{1,6} (.+?)\s*$", re.MULTILINE)
_ATTRIBUTE_ID = re.compile(r"\{:\s*#([^\s}]+)\s*\}$")  # attr_list: `## July 2012 {: #2012-07 }`


def page_anchors(text: str) -> set[str]:
    """The anchors a generated page writes: its elements' ids and its Markdown headings' (their
    text's slug, or the id attr_list gives them)."""
    headings = set()
    for heading in _HEADING.findall(text):
        given = _ATTRIBUTE_ID.search(heading)
        headings.add(given.group(1) if given else heading_anchor(heading))
    return set(_ID.findall(text)) | headings


@pytest.mark.parametrize("page_size", [150, 2])
@pytest.mark.parametrize("story", [*FIXTURES, story_content()], ids=lambda p: p.name)
def test_a_page_records_live_on_writes_no_anchor_that_is_not_reserved(story: Path, page_size: int) -> None:
    """Every anchor a section page, or a part of it, writes for itself (not a record's, nor a
    citation note's) is reserved for it: else a record given that id would repeat an anchor and
    links would land on the wrong element."""
    site = build_site(story, page_size=page_size)
    content = load_checked(story)
    reserved = REGISTRY.reserved_ids(content)
    unreserved = {}
    for kind in KINDS:
        if kind.home.endswith("/"):
            continue  # a page of its own per record: nothing anchored
        folder = REGISTRY.by_path[kind.home].place.folder + "/"
        for path in (p for p in site.pages if p == kind.home or p.startswith(folder)):
            own = {a for a in page_anchors(site.pages[path].text) if a not in content.by_id}
            own = {a for a in own if not NOTE_ANCHOR.match(a)}
            if own - reserved[kind.home]:
                unreserved[path] = sorted(own - reserved[kind.home])
    assert unreserved == {}, "pages write anchors they do not reserve (generator/facts/sections.py)"


def test_the_chart_frames_the_registry_reserves_are_the_charts_own() -> None:
    assert tuple(frame.name for frame in FRAMES) == CHART_FRAMES


# --- a section added in the test alone ------------------------------------------------------


@dataclass(frozen=True)
class SpeakersPage:
    """The test's own view: who spoke, each with how many quotes, one part of the list per year."""

    speakers: tuple[tuple[str, int], ...]  # actor id, quotes on this page
    parts: tuple[tuple[str, str], ...]  # label, page


def speakers_view(content: Content, facts: Facts, scope: Scope) -> SpeakersPage:
    counts: dict[str, int] = {}
    for quote in content.quotes:
        if scope.division is None or scope.here is None or scope.shows(quote.id):
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    parts = scope.parts.parts if scope.parts and scope.here is None else ()
    return SpeakersPage(tuple(sorted(counts.items())), tuple((p.label, p.page) for p in parts))


def speakers_split(content: Content, facts: Facts, place: Place, size: int) -> Division | None:
    return dated(place, ((q.id, q.date) for q in content.quotes), size)


SPEAKERS_TEMPLATE = """{% import "_macros.md.html" as m with context %}
{{ title|front("Who is quoted.") }}

# {{ title|md }}

<p id="speakers-lead">Everyone quoted in the story.</p>

<ul>
{% for speaker, count in page.speakers %}
<li>{{ speaker|ref }}: {{ count }}</li>
{% endfor %}
{% for label, part in page.parts %}
<li><a href="{{ part|page_url }}">{{ label }}</a></li>
{% endfor %}
</ul>
"""

SPEAKERS = Section(
    "speakers.md",
    "Speakers",
    "speakers.md.html",
    speakers_view,
    split=speakers_split,
    anchors=frozenset({"speakers-lead"}),
)


@pytest.fixture
def with_speakers(tmp_path: Path) -> tuple[Registry, Path]:
    """The registry with one section more, and the templates with its template."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / SPEAKERS.template).write_text(SPEAKERS_TEMPLATE, encoding="utf-8")
    return Registry((*SECTIONS, SPEAKERS)), templates


def _links(path: str, text: str) -> list[tuple[str, str]]:
    """The links a generated page makes to other generated pages (page path, anchor)."""
    found = []
    for href in re.findall(r'href="([^"#]*)(?:#([^"]*))?"', text):
        target, anchor = href
        if not target.endswith(".md"):
            continue
        found.append((posixpath.normpath(posixpath.join(posixpath.dirname(path), target)), anchor))
    return found


def test_a_section_added_in_the_test_alone_is_built_linked_and_anchored(with_speakers: tuple[Registry, Path]) -> None:
    sections, templates = with_speakers
    site = build_site(ENGINE_STORY, templates=templates, sections=sections)
    page = site.pages["speakers.md"]
    assert page.title == "Speakers" and "# Speakers" in page.text
    # Its breadcrumb leads home, and its edit link opens story.yml (it lists no kind).
    assert 'section: "speakers.md"' in page.text and 'edit_path: "coup-story/story.yml"' in page.text
    # Every link it makes resolves to a page of the site, and to an anchor there that exists.
    links = _links("speakers.md", page.text)
    assert links
    for target, anchor in links:
        assert target in site.pages, target
        assert not anchor or anchor in page_anchors(site.pages[target].text), (target, anchor)
    # Its anchors are reserved: the title's, the template's own, and the notes'; and those are all
    # it writes besides the records' it links to.
    reserved = sections.reserved_ids(load_checked(ENGINE_STORY))["speakers.md"]
    assert {heading_anchor("Speakers"), "speakers-lead", "notes"} <= reserved
    assert page_anchors(page.text) <= reserved
    # The nav check asks for it.
    assert sections.nav_problems(mkdocs_nav()) == [
        "nav: the section page speakers.md is missing (add `- Speakers: speakers.md` to mkdocs.yml's nav)"
    ]
    # Every other page is as it was without it.
    plain = build_site(ENGINE_STORY)
    assert {p for p in site.pages if p != "speakers.md"} == set(plain.pages)


def test_an_added_section_splits_by_its_own_splitter(with_speakers: tuple[Registry, Path]) -> None:
    sections, templates = with_speakers
    site = build_site(ENGINE_STORY, templates=templates, sections=sections, page_size=1)
    parts = sorted(p for p in site.pages if p.startswith("speakers/"))
    assert len(parts) >= 2
    index = site.pages["speakers.md"].text
    for part in parts:
        assert any(target == part for target, _ in _links("speakers.md", index)), part
        assert site.pages[part].title.startswith("Speakers: ")


def test_a_record_may_not_take_an_added_sections_anchor(tmp_path: Path) -> None:
    """An id a section reserves is refused on that page, with the located message the checker gives."""
    story = tmp_path / "content"
    shutil.copytree(ENGINE_STORY, story)
    glossary = yaml.safe_load((story / "glossary.yml").read_text(encoding="utf-8"))
    reserving = Section(
        "glossary.md",
        "Glossary",
        "glossary.md.html",
        SECTIONS[-1].view,
        anchors=frozenset({glossary[0]["id"]}),
    )
    sections = Registry((*SECTIONS[:-1], reserving))
    with pytest.raises(ContentError) as error:
        build_site(story, sections=sections)
    term = glossary[0]["id"]
    assert f"{term}.id: id '{term}' is reserved: the page already uses it as an anchor" in str(error.value)
    build_site(story)  # the registry as it is reserves no such id


def test_a_registry_refuses_two_sections_for_one_page() -> None:
    twice = Section("glossary.md", "Terms", "glossary.md.html", SECTIONS[-1].view, short="terms")
    with pytest.raises(ValueError, match="two sections share a path"):
        Registry((*SECTIONS, twice))


def test_mkdocs_build_strict_fails_on_a_nav_that_lacks_a_section(tmp_path: Path) -> None:
    """The MkDocs adapter checks the nav against the registry: a strict build stops and says what to add."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Glossary: glossary.md\n", ""), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode != 0
    assert (
        "story-explainer: mkdocs.yml: nav: the section page glossary.md is missing "
        "(add `- Glossary: glossary.md` to mkdocs.yml's nav)"
    ) in result.stderr
