"""Right-to-left pages in a real browser (Debian's Chromium through Playwright), issue 25.

Two sites of the engine's invented story: published in English and Arabic in one build (its
Arabic pages under /ar/), and written in Arabic in the first place, with Arabic labels in its
charts (sides, seniority, a metric, an actor's name), so that Arabic text is drawn and
measured in the charts' own font. At phone and desktop widths every Arabic page kind reads
right to left, has no accessibility violations (axe-core), draws nothing outside its charts
or over other text, and does not scroll sideways; screenshots land in
test-artifacts/screenshots/ (kept out of git). Search on a page of one language finds pages
of that language only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import ENGINE_STORY, build_site_with_mkdocs, make_project, serve_folder
from test_browser import AXE, MEASURE, SCREENSHOTS, SIZES, Visit, axe_violations
from test_languages import OTHER, bilingual

KINDS = {
    "overview": "",
    "whos-who": "actors/",
    "vote": "votes/council-draft-2023-03/",
    "votes": "votes/",
    "defections": "defections/",
    "figures": "figures/",
    "timeline": "timeline/",
}
# Words of the invented story rewritten in Arabic, for a story written in Arabic: each appears in a chart.
ARABIC = {
    "story.yml": {
        "language: en-GB": "language: ar",
        "label: Military government,": "label: الحكومة العسكرية,",
        "label: Deposed government and its supporters,": "label: الحكومة المخلوعة وأنصارها,",
        "label: People killed since the coup, unit: deaths": "label: القتلى منذ الانقلاب, unit: قتلى",
        "label: diplomat": "label: دبلوماسي",
        "label: military officer": "label: ضابط عسكري",
    },
    "actors.yml": {"name: Tomas Arlen": "name: توماس أرلين"},
}


def arabic(content: Path) -> Path:
    """Rewrite the invented story in `content` as a story written in Arabic."""
    for name, changes in ARABIC.items():
        path = content / name
        text = path.read_text(encoding="utf-8")
        for english, words in changes.items():
            assert english in text, english
            text = text.replace(english, words)
        path.write_text(text, encoding="utf-8")
    return content


def _serve(tmp: pytest.TempPathFactory, name: str, change: Any) -> Iterator[str]:
    project = make_project(ENGINE_STORY, tmp.mktemp(name))
    change(project / "content")
    site = tmp.mktemp(f"{name}-site")
    build_site_with_mkdocs(project, site)
    yield from serve_folder(site)


@pytest.fixture(scope="module")
def bilingual_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory, "bilingual", bilingual)


@pytest.fixture(scope="module")
def arabic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory, "arabic", arabic)


def check_reads_in_its_direction(
    browser: Any, url: str, shot: str, size: str, language: tuple[str, str] = ("ar", "rtl")
) -> None:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (the test command's set-up does it)")
    visit = Visit(browser, url, SIZES[size])
    try:
        assert visit.errors == []
        assert [u for u in visit.requests if urlparse(u).hostname != "127.0.0.1"] == []
        page = visit.page
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == list(language)
        assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == language[1]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shot}-{size}.png"), full_page=True)
        found = page.evaluate(MEASURE)
        report = json.dumps(found, indent=1, ensure_ascii=False)
        assert found["outside"] == [], f"drawn outside its chart: {report}"
        assert found["overlapping"] == [], f"chart texts drawn over one another: {report}"
        assert found["wide_tables"] == [], f"tables wider than the screen: {report}"
        assert found["page_scroll"] <= 0, f"the page scrolls sideways: {report}"
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
    finally:
        visit.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_translation_reads_right_to_left(kind: str, size: str, browser: Any, bilingual_url: str) -> None:
    check_reads_in_its_direction(browser, f"{bilingual_url}{OTHER}/{KINDS[kind]}", f"ar-translation-{kind}", size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_arabic_story_reads_right_to_left(kind: str, size: str, browser: Any, arabic_url: str) -> None:
    check_reads_in_its_direction(browser, arabic_url + KINDS[kind], f"ar-story-{kind}", size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", ["overview", "whos-who"])
def test_the_story_s_own_pages_with_a_language_selector(kind: str, size: str, browser: Any, bilingual_url: str) -> None:
    """Beside a translation, the story's own pages read as before, the selector in their header."""
    check_reads_in_its_direction(browser, bilingual_url + KINDS[kind], f"en-beside-ar-{kind}", size, ("en-GB", "ltr"))


def test_arabic_chart_text_is_drawn_in_the_served_font(browser: Any, arabic_url: str) -> None:
    """The Arabic labels are drawn in the charts' font (its Arabic face loaded), not some other."""
    visit = Visit(browser, arabic_url + KINDS["defections"])
    try:
        loaded = visit.page.evaluate(
            "async () => { await document.fonts.ready; return [...document.fonts]"
            ".filter((f) => f.status === 'loaded').map((f) => f.unicodeRange).join(' '); }"
        )
        assert "U+600-6FF" in loaded  # as the browser writes the range
    finally:
        visit.close()


def search(browser: Any, url: str, query: str) -> list[str]:
    """The addresses of the results Material's search lists for `query` on the page at `url`."""
    visit = Visit(browser, url)
    try:
        box, results = visit.page.locator("input.md-search__input"), visit.page.locator(".md-search-result__item a")
        # Material takes the query on a key: filled in at once (Arabic cannot be typed key by key
        # here), it is then sent with a key that does not change it.
        box.click()  # shown in the header at desktop width
        box.fill(query)
        box.press("End")
        results.first.wait_for(timeout=15_000)
        return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    finally:
        visit.close()


# The same actor's name as each language's pages write it (the translation gives it in Arabic).
@pytest.mark.parametrize(("start", "inside", "name"), [("", False, "Arlen"), (f"{OTHER}/", True, "أرلين")])
def test_search_finds_pages_of_its_own_language(
    start: str, inside: bool, name: str, browser: Any, bilingual_url: str
) -> None:
    found = search(browser, bilingual_url + start, name)
    assert found
    assert all((f"/{OTHER}/" in urlparse(h).path) is inside for h in found), found


@pytest.mark.parametrize("word", ["توماس", "أرلين"])
def test_search_finds_arabic_words(word: str, browser: Any, arabic_url: str) -> None:
    """Search finds an Arabic story's pages by its Arabic words."""
    found = search(browser, arabic_url, word)
    assert any(urlparse(h).path.endswith("/actors/tomas-arlen/") for h in found), found
