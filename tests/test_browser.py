"""In a real browser (Debian's Chromium, headless, driven by Playwright): what only a browser can tell.

The pages are the engine's invented story (tests/fixtures/coup-story), which uses every part
of the model, so the test passes whatever story content/ holds.

Every page kind loads with no console errors, requests nothing from another host,
has no accessibility violations by axe-core, and is screenshotted at phone and
desktop widths into test-artifacts/screenshots/ (kept out of git). At both widths
a reader can read it: chart text is 11 CSS px or more, nothing in a chart is drawn
outside it or over other text, no table is wider than the screen and the page does
not scroll sideways. The measurements land in test-artifacts/legibility/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import ENGINE_STORY, ROOT, TESTS, build_site_with_mkdocs, make_project, serve_folder

from generator.facts.addresses import page_url
from generator.facts.sections import SECTIONS
from generator.pipeline import load_checked

PAGE_KINDS = {
    # Every section page the registry declares (generator/facts/sections.py), by its short name.
    **{section.name: page_url(section.path) for section in SECTIONS},
    # The story as it stood at its first update (an edition: same template, earlier content).
    "edition": "updates/2023-06-20T0800/",
    "actor": "actors/tomas-arlen/",
    "vote": "votes/council-draft-2023-03/",
    "about": "about/",
    # The standalone charts other sites embed (generator/site/exports/embeds.py).
    "embed-vote": "embed/votes/council-draft-2023-03/",
    "embed-figure": "embed/figures/deaths/",
}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LEGIBILITY = ROOT / "test-artifacts" / "legibility"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
# Page kind: the inline SVG charts a reader sees (a chart drawn for phones and for desktops counts once).
CHARTS = {"vote": 1, "votes": 3, "defections": 2, "figures": 2, "whos-who": 1, "embed-vote": 1, "embed-figure": 1}
SMALLEST_TEXT = 11.0  # CSS px
# What a reader gets, measured in the page: the smallest chart text as drawn (its font size
# times the chart's scale), chart marks and text outside their chart, chart texts drawn over
# one another, tables wider than the screen or scrolling sideways, and the page's own
# sideways scroll. Only what is displayed counts (each chart is drawn for two widths). The
# content is the site's <article>, or an embed page's <main>.
MEASURE = """() => {
  const shown = (el) => el.getClientRects().length > 0;
  const round = (n) => Math.round(n * 10) / 10;
  const name = (svg) => svg.querySelector("title").textContent;
  const view = document.documentElement.clientWidth;
  const charts = [...document.querySelectorAll(":is(article, body > main) svg.se-chart")].filter(shown);
  let smallest = null;
  const outside = [], overlapping = [];
  for (const svg of charts) {
    const frame = svg.getBoundingClientRect();
    for (const mark of svg.querySelectorAll("text, circle, rect, path, line")) {
      if (!shown(mark) || mark.closest("defs")) continue;
      const box = mark.getBoundingClientRect();
      if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 ||
          box.bottom > frame.bottom + 1) outside.push(`${name(svg)}: <${mark.tagName}> ${mark.textContent}`);
    }
    const texts = [...svg.querySelectorAll("text")].filter(shown);
    const boxes = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      if (smallest === null || px < smallest.px) smallest = {px: round(px), text: t.textContent, chart: name(svg)};
      for (let j = i + 1; j < texts.length; j++) {
        const a = boxes[i], b = boxes[j];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlapping.push(`${name(svg)}: ${t.textContent} / ${texts[j].textContent}`);
      }
    });
  }
  const wide = [...document.querySelectorAll(":is(article, body > main) table")].filter(shown).filter((table) => {
    const scrolls = (el) => el.scrollWidth > el.clientWidth + 1;
    const wrap = table.closest(".md-typeset__scrollwrap");
    return table.getBoundingClientRect().right > view + 1 || scrolls(table) || (wrap !== null && scrolls(wrap));
  }).map((table) => (table.querySelector("caption, th") || table).textContent);
  return {charts: charts.length, smallest_text: smallest, outside: outside, overlapping: overlapping,
          wide_tables: wide, page_scroll: document.documentElement.scrollWidth - view};
}"""


@pytest.fixture(scope="session")
def base_url(built: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(built[0])


class Visit:
    """One page load, with everything the page asked for and complained about."""

    def __init__(self, browser: Any, url: str, size: tuple[int, int] = SIZES["desktop"]) -> None:
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="networkidle")

    def close(self) -> None:
        self.context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind_in_the_browser(kind: str, browser: Any, base_url: str) -> None:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (the test command's set-up does it)")
    visit = Visit(browser, base_url + PAGE_KINDS[kind])
    try:
        assert visit.errors == []
        others = [url for url in visit.requests if urlparse(url).hostname != "127.0.0.1"]
        assert others == []
        violations = axe_violations(visit.page)
        assert violations == [], json.dumps(violations, indent=1)
    finally:
        visit.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_reads_at_phone_and_desktop_width(kind: str, size: str, browser: Any, base_url: str) -> None:
    """Screenshot each page kind, then measure what a reader gets and fail on anything illegible."""
    visit = Visit(browser, base_url + PAGE_KINDS[kind], SIZES[size])
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{kind}-{size}.png"
        visit.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        found = visit.page.evaluate(MEASURE)
        LEGIBILITY.mkdir(parents=True, exist_ok=True)
        (LEGIBILITY / f"{kind}-{size}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
        report = json.dumps(found, indent=1, ensure_ascii=False)
        assert found["charts"] == CHARTS.get(kind, 0), report
        smallest = found["smallest_text"]
        assert smallest is None or smallest["px"] >= SMALLEST_TEXT, f"chart text too small: {report}"
        assert found["outside"] == [], f"drawn outside its chart: {report}"
        assert found["overlapping"] == [], f"chart texts drawn over one another: {report}"
        assert found["wide_tables"] == [], f"tables wider than the screen: {report}"
        assert found["page_scroll"] <= 0, f"the page scrolls sideways: {report}"
        charts = visit.page.locator(":is(article, body > main) svg.se-chart:visible")
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 40, f"chart {index}"
        if size == "phone":  # tables reflow only on phones: they must stay accessible there too
            violations = axe_violations(visit.page)
            assert violations == [], json.dumps(violations, indent=1)
    finally:
        visit.close()


@pytest.mark.parametrize("kind", ["overview", "vote", "votes", "figures", "defections", "whos-who"])
def test_dark_scheme_is_accessible_too(kind: str, browser: Any, base_url: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + PAGE_KINDS[kind], wait_until="networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert axe_violations(page) == []
        page.screenshot(path=str(SCREENSHOTS / f"{kind}-dark.png"))
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["embed-vote", "embed-figure"])
def test_embeds_follow_the_dark_scheme_accessibly(kind: str, browser: Any, base_url: str) -> None:
    """An embed follows the reader's colour scheme (it has no toggle of its own) and stays accessible."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 600, "height": 540})
    page = context.new_page()
    try:
        page.goto(base_url + PAGE_KINDS[kind], wait_until="networkidle")
        assert axe_violations(page) == []
        page.screenshot(path=str(SCREENSHOTS / f"{kind}-dark.png"))
    finally:
        context.close()


def test_keyboard_alone_reaches_the_content(browser: Any, base_url: str) -> None:
    """From the top of a page, Tab first offers 'Skip to content', which lands on the article."""
    visit = Visit(browser, base_url + PAGE_KINDS["vote"])
    # On a loaded machine a key pressed before the page has settled (fonts, Material's script,
    # a layout pass) can land on <body>; wait for what a person would have waited for.
    settled = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
    try:
        visit.page.wait_for_function("document.readyState === 'complete'")
        visit.page.evaluate(settled)
        visit.page.keyboard.press("Tab")
        assert "md-skip" in visit.page.evaluate("document.activeElement.className")
        visit.page.keyboard.press("Enter")
        # The skip is handled by Material's script: a Tab pressed before it is done lands on <body>.
        visit.page.wait_for_function("location.hash !== '' && !document.activeElement.matches('.md-skip')")
        visit.page.evaluate(settled)
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement.closest('article') !== null")
        assert focused, "after skipping, the next Tab stop is inside the article"
        outline = visit.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused link shows a focus ring"
    finally:
        visit.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_header_names_the_story_and_titles_carry_weight(size: str, browser: Any, base_url: str) -> None:
    """What the header shows is the story's stable name; page titles are bold, in the text colour."""
    visit = Visit(browser, base_url + PAGE_KINDS["quotes"], SIZES[size])
    try:
        page = visit.page
        topic = page.locator(".md-header__topic").first.inner_text().strip()
        assert topic == load_checked(ENGINE_STORY).story.short_name  # the story, not the product
        title = page.evaluate(
            "() => { const h = getComputedStyle(document.querySelector('article h1'));"
            " return {weight: parseInt(h.fontWeight), color: h.color,"
            " body: getComputedStyle(document.querySelector('article p')).color}; }"
        )
        assert title["weight"] >= 700 and title["color"] == title["body"], title
    finally:
        visit.close()


# The relations chart as drawn: every arrow sampled along its length (in screen pixels), every
# box it does not connect, and every box against the article's column and the screen.
RELATIONS = """() => {
  const shown = (el) => el.getClientRects().length > 0;
  const svg = [...document.querySelectorAll("article svg.se-chart")].filter(shown)
    .find((s) => s.getAttribute("aria-labelledby").startsWith("relations-chart"));
  if (!svg) return null;
  const column = document.querySelector("article").getBoundingClientRect();
  const left = Math.max(column.left, 0), right = Math.min(column.right, document.documentElement.clientWidth);
  const nodes = [...svg.querySelectorAll("g.se-node")].map((g) =>
    ({id: g.dataset.actor, box: g.querySelector("rect").getBoundingClientRect()}));
  const outside = nodes.filter((n) => n.box.left < left - 1 || n.box.right > right + 1).map((n) => n.id);
  const crossing = new Set();
  const edges = [...svg.querySelectorAll("path.se-edge")];
  for (const path of edges) {
    const m = path.getScreenCTM(), length = path.getTotalLength();
    for (let d = 0; d <= length; d += 0.5) {
      const p = path.getPointAtLength(d);
      const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
      for (const n of nodes) {
        if (n.id === path.dataset.from || n.id === path.dataset.to) continue;
        const b = n.box;
        if (x > b.left + 0.5 && x < b.right - 0.5 && y > b.top + 0.5 && y < b.bottom - 0.5)
          crossing.add(`${path.dataset.from} -> ${path.dataset.to} crosses ${n.id}`);
      }
    }
  }
  const key = document.querySelector("article ul.se-key");
  return {nodes: nodes.length, edges: edges.length, outside: outside, crossing: [...crossing],
          key_above: key !== null && (key.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
          scrolls: svg.closest("figure").scrollWidth > svg.closest("figure").clientWidth + 1};
}"""


@pytest.fixture(scope="session")
def first_base_url(first_built: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(first_built[0])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("story", ["base_url", "first_base_url"], ids=["engine-story", "first-story"])
def test_relations_chart_lines_clear_the_boxes_and_the_boxes_fit_the_column(
    story: str, size: str, browser: Any, request: pytest.FixtureRequest
) -> None:
    """No arrow of the relations chart crosses a box it does not connect, and every box lies
    within the article's column on the screen, with the key above the chart."""
    visit = Visit(browser, request.getfixturevalue(story) + PAGE_KINDS["whos-who"], SIZES[size])
    try:
        found = visit.page.evaluate(RELATIONS)
        report = json.dumps(found, indent=1, ensure_ascii=False)
        assert found is not None and found["nodes"] >= 2 and found["edges"] >= 1, report
        assert found["crossing"] == [], report
        assert found["outside"] == [], report
        assert found["key_above"] and not found["scrolls"], report
    finally:
        visit.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("story", ["base_url", "first_base_url"], ids=["engine-story", "first-story"])
def test_every_vote_chart_reads_on_its_page(
    story: str, size: str, browser: Any, request: pytest.FixtureRequest
) -> None:
    """The page of each vote drawn seat by seat (the votes index links them all): its chart's text
    is 11 px or more, wherever the page's infobox ends, and nothing is drawn outside it."""
    base = request.getfixturevalue(story)
    visit = Visit(browser, base + PAGE_KINDS["votes"], SIZES[size])
    try:
        links = visit.page.eval_on_selector_all(".se-multiples a", "links => links.map((a) => a.href)")
    finally:
        visit.close()
    assert links
    for link in links:
        visit = Visit(browser, link, SIZES[size])
        try:
            found = visit.page.evaluate(MEASURE)
            report = json.dumps(found, indent=1, ensure_ascii=False)
            assert found["charts"] == 1 and found["smallest_text"]["px"] >= SMALLEST_TEXT, f"{link}: {report}"
            assert found["outside"] == [] and found["overlapping"] == [], f"{link}: {report}"
        finally:
            visit.close()


# Every story the tests build: the engine's, the small harbour fixture and the first story (when present).
STORIES = ("engine", "harbour", "first")
FIRST_SCREEN = SIZES["phone"]


@pytest.fixture(scope="module", params=STORIES)
def story_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """One story's name and the base URL of its built site (the engine's and the first story's are
    built once per session)."""
    if request.param == "engine":
        site = request.getfixturevalue("built")[0]
    elif request.param == "first":
        site = request.getfixturevalue("first_built")[0]
    else:
        project = make_project(TESTS / "fixtures" / "harbour-story", tmp_path_factory.mktemp("harbour"))
        site = tmp_path_factory.mktemp("harbour-site")
        build_site_with_mkdocs(project, site)
    for url in serve_folder(site):
        yield request.param, url


def test_the_phone_first_screen_holds_what_you_need_to_know(story_url: tuple[str, str], browser: Any) -> None:
    """At 390 x 844 the overview's first screen shows the headline and the whole "What you need to
    know" block, before any scrolling."""
    story, url = story_url
    visit = Visit(browser, url, FIRST_SCREEN)
    try:
        box = visit.page.evaluate(
            "() => { const r = document.querySelector('article .se-need').getBoundingClientRect();"
            " return {top: r.top, bottom: r.bottom, scroll: window.scrollY,"
            " items: document.querySelectorAll('article .se-need li').length}; }"
        )
        assert box["scroll"] == 0 and 3 <= box["items"] <= 5, box
        assert box["top"] > 0 and box["bottom"] <= FIRST_SCREEN[1], box
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SCREENSHOTS / f"first-screen-{story}.png"))
    finally:
        visit.close()
