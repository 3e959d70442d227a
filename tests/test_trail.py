"""Where each page sits (generator/facts/trail.py): breadcrumbs, the section marked in the navigation,
and previous/next through votes, a side's actors, defections and editions.

Properties of the invented stories, true of any story: every page belongs to a section and its
breadcrumb climbs to the overview through pages that exist; each list a page is a step of is one
chain, walked the same both ways, that visits every member once in the list's order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, TESTS

from generator.content.kinds import ACTORS, DOCUMENTS
from generator.facts.addresses import address
from generator.facts.derivation import derive_site
from generator.facts.derive import document_date
from generator.facts.sections import SECTION_TITLES
from generator.facts.trail import Steps, Trail
from generator.pipeline import load_checked
from generator.site.render import PageSpec, Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def _specs(story: Path, page_size: int = 150) -> tuple[Renderer, list[PageSpec]]:
    content = load_checked(story)
    renderer = Renderer(derive_site(content, page_size))
    return renderer, renderer.specs()


def _trails(specs: list[PageSpec]) -> dict[str, Trail]:
    return {spec.path: spec.values["trail"] for spec in specs}


def _chain(trails: dict[str, Trail], what: Callable[[Steps], bool]) -> list[str]:
    """The pages of one list, walked from its first step by `after`, checking `before` on the way back."""
    steps = {page: s for page, trail in trails.items() for s in trail.steps if what(s)}
    firsts = [page for page, s in steps.items() if s.before is None]
    assert len(firsts) == 1, firsts
    walked = [firsts[0]]
    while (after := steps[walked[-1]].after) is not None:
        assert after.page not in walked, f"{after.page} twice"
        before = steps[after.page].before
        assert before is not None and before.page == walked[-1]
        walked.append(after.page)
    assert sorted(walked) == sorted(steps)
    return walked


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_every_page_sits_in_a_section_under_the_overview(story: Path) -> None:
    _, specs = _specs(story)
    pages = {spec.path for spec in specs}
    for spec in specs:
        trail = spec.values["trail"]
        assert trail.section in SECTION_TITLES and trail.section in pages, spec.path
        assert trail.here, spec.path
        if spec.path == "index.md":
            assert trail.crumbs == ()
            continue
        assert trail.crumbs[0].page == "index.md", spec.path
        assert all(crumb.page in pages for crumb in trail.crumbs), spec.path
        assert spec.path not in {crumb.page for crumb in trail.crumbs if crumb.anchor is None}, spec.path
        # The breadcrumb passes through the section the navigation marks.
        assert spec.path == trail.section or trail.section in {crumb.page for crumb in trail.crumbs}, spec.path


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_votes_step_through_every_document_by_date(story: Path) -> None:
    renderer, specs = _specs(story)
    trails = _trails(specs)
    documents = {address(DOCUMENTS, d.id).page: d for d in renderer.content.documents}
    if len(documents) < 2:
        pytest.skip("one document: nothing to step through")
    walked = _chain({p: t for p, t in trails.items() if p in documents}, lambda s: True)
    assert set(walked) == set(documents)
    days = [document_date(documents[page]) for page in walked]
    settled = [day.settled for day in days if day is not None]
    assert settled == sorted(settled)
    for page in documents:
        assert trails[page].section == DOCUMENTS.section
        assert trails[page].steps[0].back.page == DOCUMENTS.section


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_each_sides_actors_are_one_chain_in_whos_who_order(story: Path) -> None:
    renderer, specs = _specs(story)
    trails = _trails(specs)
    for side, actors in renderer.facts.sides:
        pages = [address(ACTORS, actor.id).page for actor in actors]
        if len(pages) < 2:
            continue
        anchor = f"side-{side.id}"
        walked = _chain({p: trails[p] for p in pages}, lambda s: s.back.anchor == anchor)  # noqa: B023 - used at once
        assert walked == pages
        assert all(trails[p].crumbs[-1].anchor == f"side-{side.id}" for p in pages)


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_defectors_step_through_the_defections_by_date(story: Path) -> None:
    renderer, specs = _specs(story)
    trails = _trails(specs)
    # Along the whole list (a group's entry is an anchor on the defections page), each defector's
    # page has the rows next to its own as its neighbours.
    links = renderer.trails.defections
    for at, (actor, _) in enumerate(links):
        if actor is None:
            continue
        steps = [s for s in trails[address(ACTORS, actor).page].steps if s.back.page == "defections.md"]
        expected_before = links[at - 1][1] if at else None
        expected_after = links[at + 1][1] if at + 1 < len(links) else None
        assert any(s.before == expected_before and s.after == expected_after for s in steps), actor


def test_a_split_whos_who_puts_an_actor_under_its_sides_page() -> None:
    """When who's who is split by side, an actor's breadcrumb leads to its side's own page."""
    renderer, specs = _specs(ENGINE_STORY, page_size=4)
    sides = renderer.addresses.split.divisions.get(ACTORS.section)
    assert sides is not None
    trails = _trails(specs)
    for actor in renderer.content.actors:
        side_crumb = trails[address(ACTORS, actor.id).page].crumbs[-1]
        assert side_crumb.page == sides.page_of(actor.id)
        assert side_crumb.anchor is None
    for part in sides.parts.parts:
        assert trails[part.page].section == ACTORS.section
        assert [c.page for c in trails[part.page].crumbs] == ["index.md", ACTORS.section]


def test_editions_step_back_through_the_earlier_updates_only() -> None:
    """An edition shows nothing later than its moment: its neighbour is the edition before it."""
    renderer, specs = _specs(ENGINE_STORY)
    trails = _trails(specs)
    editions = sorted(p for p in trails if p.startswith("updates/"))
    assert len(editions) == len(renderer.content.story.updates) >= 2
    for at, page in enumerate(editions):
        (steps,) = trails[page].steps
        assert steps.after is None
        assert (steps.before.page if steps.before else None) == (editions[at - 1] if at else None)
        assert trails[page].section == "index.md"


def test_data_pages_take_the_width_and_the_overview_keeps_its_contents() -> None:
    _, specs = _specs(ENGINE_STORY)
    toc = {spec.path: spec.values["trail"].toc for spec in specs}
    assert toc["index.md"] is True
    assert not any(toc[page] for page in ("timeline.md", "sources.md", "votes/index.md", "actors/tomas-arlen.md"))


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_pages_print_their_trail(story: Path) -> None:
    """The breadcrumb, the section for the navigation and the toc switch reach every page's Markdown."""
    content = load_checked(story)
    site = Renderer(derive_site(content)).render()
    for page in site.pages.values():
        front, _, body = page.text.partition("\n---\n")
        assert 'section: "' in front, page.path
        assert ("  - toc" in front) != (page.path == "index.md" or page.path.startswith("updates/")), page.path
        crumbs = '<nav class="se-breadcrumb" aria-label="Breadcrumb" data-search-exclude>'
        assert body.lstrip().startswith(crumbs), page.path
