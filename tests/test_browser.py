"""In a real browser (Debian's Chromium, headless, driven by Playwright): what only a browser can tell.

Every page kind loads with no console errors, requests nothing from another host,
has no accessibility violations by axe-core, and is screenshotted at phone and
desktop widths into test-artifacts/screenshots/ (kept out of git).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import ROOT, serve_folder

PAGE_KINDS = {
    "overview": "",
    "whos-who": "actors/",
    "actor": "actors/nawaf-al-fares/",
    "defections": "defections/",
    "votes": "votes/",
    "vote": "votes/s-2012-538/",
    "timeline": "timeline/",
    "figures": "figures/",
    "quotes": "quotes/",
    "sources": "sources/",
    "glossary": "glossary/",
    "about": "about/",
}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
# Page kind: the inline SVG charts a reader sees (a chart drawn for phones and for desktops counts once).
CHARTS = {"vote": 1, "votes": 7, "defections": 2, "figures": 2, "whos-who": 1}


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
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


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
def test_screenshot(kind: str, size: str, browser: Any, base_url: str) -> None:
    visit = Visit(browser, base_url + PAGE_KINDS[kind], SIZES[size])
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{kind}-{size}.png"
        visit.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size][0], f"{kind} scrolls sideways at {size} width ({width}px)"
        charts = visit.page.locator("article svg.se-chart:visible")
        assert charts.count() == CHARTS.get(kind, 0)
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            assert chart.is_visible() and box and box["width"] > 100 and box["height"] > 40, f"chart {index}"
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


def test_keyboard_alone_reaches_the_content(browser: Any, base_url: str) -> None:
    """From the top of a page, Tab first offers 'Skip to content', which lands on the article."""
    visit = Visit(browser, base_url + PAGE_KINDS["vote"])
    try:
        visit.page.keyboard.press("Tab")
        assert "md-skip" in visit.page.evaluate("document.activeElement.className")
        visit.page.keyboard.press("Enter")
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement.closest('article') !== null")
        assert focused, "after skipping, the next Tab stop is inside the article"
        outline = visit.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused link shows a focus ring"
    finally:
        visit.close()
