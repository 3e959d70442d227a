"""A reader always knows where they are: on every page of every story the tests build, a breadcrumb
and the section current in the navigation; in a browser, tables and links big enough to read on a
desktop, whose data pages use the width.

The HTML checks read every page of the built sites (the invented story's, and the first story's
wherever it lives); the browser checks load each page kind of the invented story in Chromium.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import first_story, serve_folder
from test_browser import PAGE_KINDS, SIZES, Visit, axe_violations

from generator.pipeline import load_checked

# Pages a builder adds that are not the story's: the "not found" page.
NOT_STORY = {"404.html"}
BREADCRUMB = re.compile(r'<nav class="se-breadcrumb" aria-label="[^"]+" data-search-exclude>\s*<ol>(.*?)</ol>', re.S)
ACTIVE = re.compile(r'class="md-nav__item md-nav__item--active"|class="md-nav__link md-nav__link--active"')
TABLE_TEXT = 14.0  # CSS px, at 1,280 px
LINK_TEXT = 12.0


def _pages(site: Path) -> Iterator[Path]:
    # A translation's pages are under its tag, a site of its own (with its own search index).
    languages = {p.parent.parent.name for p in site.glob("*/search/search_index.json")}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        first, _, rest = relative.partition("/")
        relative = rest if first in languages else relative
        if relative not in NOT_STORY and not relative.startswith(("embed/", "assets/")):
            yield path


def _check_site(site: Path) -> None:
    pages = list(_pages(site))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        shown = path.relative_to(site)
        crumbs = BREADCRUMB.search(html)
        assert crumbs, f"{shown}: no breadcrumb"
        assert 'aria-current="page"' in crumbs.group(1), f"{shown}: the breadcrumb does not end at the page"
        assert ACTIVE.search(html), f"{shown}: no section is current in the navigation"


def test_every_page_of_the_invented_story_has_a_breadcrumb_and_a_current_section(built: tuple[Path, str]) -> None:
    _check_site(built[0])


def test_every_page_of_the_first_story_has_a_breadcrumb_and_a_current_section(
    first_built: tuple[Path, str],
) -> None:
    _check_site(first_built[0])


def test_an_entity_page_marks_its_own_section_only(built: tuple[Path, str]) -> None:
    """A vote's page marks "Drafts and votes" (kept out of the nav, it has no item of its own), and
    the mark does not stay on that item for the pages built after it."""
    site = built[0]
    vote = (site / "votes" / "council-draft-2023-03" / "index.html").read_text(encoding="utf-8")
    active = re.findall(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]+)"', vote)
    assert active == ["../"]  # votes/index.md, from votes/council-draft-2023-03/
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert glossary.count("md-nav__item--active") == 1


def test_search_finds_pages_by_their_content_not_by_their_breadcrumb(built: tuple[Path, str]) -> None:
    """Breadcrumbs and previous/next repeat other pages' names on every page: search leaves them out."""
    index = json.loads((built[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    actor = [doc for doc in index["docs"] if doc["location"] == "actors/tomas-arlen/"]
    assert actor and "Tomas Arlen" in actor[0]["title"]
    for doc in index["docs"]:
        text = doc["text"]
        assert "in who's who order" not in text and "Drafts and votes by date" not in text, doc["location"]
        assert not text.startswith("Overview"), doc["location"]


# -- in the browser ---------------------------------------------------------------------------

STORY_KINDS = [kind for kind in PAGE_KINDS if not kind.startswith("embed-")]
MEASURE = """() => {
  const shown = (el) => el.getClientRects().length > 0;
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const content = document.querySelector("article");
  const cells = [...content.querySelectorAll("td, th")].filter(shown);
  const links = [...content.querySelectorAll("a")].filter(shown).filter((a) => a.textContent.trim());
  const smallest = (els) => els.reduce((low, el) => (low && px(low) <= px(el) ? low : el), null);
  const cell = smallest(cells), link = smallest(links);
  const crumbs = document.querySelector(".se-breadcrumb");
  const active = [...document.querySelectorAll(
    ".md-nav--primary :is(.md-nav__item--active > .md-nav__link, .md-nav__link--active)")].find(shown);
  return {
    cell: cell && {px: px(cell), text: cell.textContent.trim().slice(0, 40)},
    link: link && {px: px(link), text: link.textContent.trim().slice(0, 40)},
    breadcrumb: crumbs !== null && shown(crumbs),
    active: active ? active.textContent.trim() : null,
    toc: [...document.querySelectorAll(".md-sidebar--secondary")].some(shown),
    width: content.getBoundingClientRect().width,
  };
}"""


@pytest.fixture(scope="session")
def site_url(built: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(built[0])


@pytest.fixture(scope="session")
def first_url(first_built: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(first_built[0])


def _first_story_kinds() -> dict[str, str]:
    """A page of each kind in the first story: its sections, an actor with roles, a document."""
    content = load_checked(first_story())
    actor = next(a.id for a in sorted(content.actors, key=lambda a: a.id) if a.roles)
    document = sorted(d.id for d in content.documents)[0]
    kinds = {kind: path for kind, path in PAGE_KINDS.items() if kind in STORY_KINDS and kind != "edition"}
    return {**kinds, "actor": f"actors/{actor}/", "vote": f"votes/{document}/"}


def _desktop_reader(browser: Any, url: str, kind: str) -> None:
    visit = Visit(browser, url, SIZES["desktop"])
    try:
        found = visit.page.evaluate(MEASURE)
        report = json.dumps(found, ensure_ascii=False)
        assert found["breadcrumb"], report
        assert found["active"], report
        assert found["cell"] is None or found["cell"]["px"] >= TABLE_TEXT, report
        assert found["link"] is None or found["link"]["px"] >= LINK_TEXT, report
        if kind not in {"overview", "edition", "about"}:  # data pages: no contents sidebar, the width for tables
            assert not found["toc"] and found["width"] > 900, report
    finally:
        visit.close()


@pytest.mark.parametrize("kind", STORY_KINDS)
def test_a_desktop_reader_sees_where_they_are_and_reads_tables_at_full_size(
    kind: str, browser: Any, site_url: str
) -> None:
    _desktop_reader(browser, site_url + PAGE_KINDS[kind], kind)


@pytest.mark.parametrize("kind", [k for k in STORY_KINDS if k != "edition"])
def test_the_same_holds_on_the_first_story(kind: str, browser: Any, first_url: str) -> None:
    _desktop_reader(browser, first_url + _first_story_kinds()[kind], kind)


@pytest.mark.parametrize("kind", ["actor", "vote", "timeline"])
def test_a_phone_reader_sees_the_breadcrumb_first(kind: str, browser: Any, site_url: str) -> None:
    visit = Visit(browser, site_url + PAGE_KINDS[kind], SIZES["phone"])
    try:
        crumbs = visit.page.locator(".se-breadcrumb")
        box = crumbs.bounding_box()
        title = visit.page.locator("article h1").bounding_box()
        assert box and title and box["y"] < title["y"] and box["width"] <= 390
    finally:
        visit.close()


@pytest.mark.parametrize("kind", ["actor", "timeline", "quotes", "sources"])
def test_the_new_parts_stay_accessible_in_the_dark_scheme(kind: str, browser: Any, first_url: str) -> None:
    """Breadcrumbs, previous/next, month headings, speakers' posts and the weaker sources' labels, on
    the first story (which has weaker sources), read by axe-core in the dark scheme."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(first_url + _first_story_kinds()[kind], wait_until="networkidle")
        assert axe_violations(page) == []
    finally:
        context.close()
